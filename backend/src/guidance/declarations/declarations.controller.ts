import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import { DeclarationsService } from './declarations.service';
import {
  AuditDeclarationsDto,
  CoverageDto,
  CoverageQuery,
  CreateDeclarationDto,
  DeclarationDecisionDto,
  DeclarationDto,
  DeclarationPageDto,
  ListDeclarationsQuery,
} from './dto/declaration.dto';

@ApiTags('declarations')
@Controller('declarations')
export class DeclarationsController {
  constructor(private readonly declarations: DeclarationsService) {}

  @Get()
  @CheckPolicy('read', 'Declaration')
  @ApiOkResponse({ type: DeclarationPageDto })
  @ApiOperation({
    summary:
      'Jäv and interest declarations you may read: your own, your subtree as chef, your scope as auditor',
  })
  @ApiProblems(400)
  list(
    @Query() query: ListDeclarationsQuery,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<DeclarationPageDto> {
    return this.declarations.list(query, user, ability);
  }

  @Get('coverage')
  @CheckPolicy('read', 'Declaration')
  @ApiOkResponse({ type: CoverageDto })
  @ApiOperation({
    summary: 'Who of the people you see has a current annual declaration (counts over all pages)',
  })
  @ApiProblems(400)
  coverage(
    @Query() query: CoverageQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<CoverageDto> {
    return this.declarations.coverage(query, ability);
  }

  @Get(':id')
  @CheckPolicy('read', 'Declaration')
  @ApiOkResponse({ type: DeclarationDto })
  @ApiOperation({ summary: 'One declaration with its interests and the decision' })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
  ): Promise<DeclarationDto> {
    return this.declarations.get(id, ability);
  }

  @Post()
  @CheckPolicy('create', 'Declaration')
  @ApiCreatedResponse({ type: DeclarationDto })
  @ApiOperation({
    summary:
      'Sign a declaration for yourself (annual, new assignment, case-specific FL 18 §); it supersedes the one it replaces',
  })
  @ApiProblems([400, 'validation_failed', 'invalid_organisation_number'], [409, 'edit_conflict'])
  create(
    @Body() dto: CreateDeclarationDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<DeclarationDto> {
    return this.declarations.create(dto, user, ability);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @CheckPolicy('update', 'Declaration')
  @ApiOkResponse({ type: DeclarationDto })
  @ApiOperation({
    summary:
      "The manager's decision (avstå, omfördela, begränsa åtkomst, ingen åtgärd) with a motivation",
  })
  @ApiProblems(400, 404, [409, 'status_not_allowed', 'request_decided'])
  decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeclarationDecisionDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<DeclarationDto> {
    return this.declarations.decide(id, dto, user, ability);
  }
}

@ApiTags('audits')
@Controller('audits')
export class AuditDeclarationsController {
  constructor(private readonly declarations: DeclarationsService) {}

  @Get(':id/declarations')
  @CheckPolicy('read', 'ContractAudit')
  @ApiOkResponse({ type: AuditDeclarationsDto })
  @ApiOperation({
    summary:
      'Item H28 (jäv): who took part in the audit, their declaration validity and whether any declared an interest in the supplier — status only',
  })
  @ApiProblems(400, 404)
  forAudit(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
  ): Promise<AuditDeclarationsDto> {
    return this.declarations.forAudit(id, ability);
  }
}
