import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import {
  CorrectiveActionDto,
  CreateCorrectiveActionDto,
  CreateFindingDto,
  FindingDto,
  FindingPageDto,
  FindingRiskDto,
  FindingRiskResultDto,
  ListFindingsQuery,
  MyCorrectiveActionsDto,
  UpdateCorrectiveActionDto,
  VerifyActionDto,
} from './dto/finding.dto';
import { FindingRiskService } from './finding-risk.service';
import { FindingsService } from './findings.service';

@ApiTags('audits')
@Controller()
export class FindingsController {
  constructor(
    private readonly findings: FindingsService,
    private readonly risk: FindingRiskService,
  ) {}

  @Post('audits/:id/findings')
  @CheckPolicy('create', 'AuditFinding')
  @ApiCreatedResponse({ type: FindingDto })
  @ApiOperation({
    summary:
      'Raise a finding (avvikelse) on an item answered Avvikelse: severity, description, evidence',
  })
  @ApiProblems([400, 'validation_failed'], 404, [409, 'audit_signed', 'not_a_deviation'])
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateFindingDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<FindingDto> {
    return this.findings.create(id, dto, user, ability);
  }

  @Get('findings')
  @CheckPolicy('read', 'CorrectiveAction')
  @ApiOkResponse({ type: FindingPageDto })
  @ApiOperation({
    summary:
      'Findings of your scope, newest first, by contract, audit or status; mine=true: those with an action you own',
  })
  @ApiProblems([400, 'validation_failed'])
  list(
    @Query() query: ListFindingsQuery,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<FindingPageDto> {
    return this.findings.list(query, user, ability);
  }

  @Get('findings/:id')
  @CheckPolicy('read', 'CorrectiveAction')
  @ApiOkResponse({ type: FindingDto })
  @ApiOperation({
    summary:
      'One finding with its corrective actions and what still blocks closing it (an action owner sees their own actions)',
  })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<FindingDto> {
    return this.findings.get(id, user, ability);
  }

  @Post('findings/:id/actions')
  @CheckPolicy('create', 'CorrectiveAction')
  @ApiCreatedResponse({ type: CorrectiveActionDto })
  @ApiOperation({
    summary:
      'Add a corrective action with owner and due date, optionally a decision (varning, vite, hävning, anmälan) and its decision-maker; the owner is notified',
  })
  @ApiProblems([400, 'validation_failed'], 404, [409, 'finding_closed'])
  addAction(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateCorrectiveActionDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<CorrectiveActionDto> {
    return this.findings.addAction(id, dto, user, ability);
  }

  @Post('findings/:id/verify')
  @HttpCode(200)
  @CheckPolicy('update', 'AuditFinding')
  @ApiOkResponse({ type: FindingDto })
  @ApiOperation({
    summary:
      'A controller verifies a corrective action reported done; the finding closes when every action is verified',
  })
  @ApiProblems([400, 'validation_failed'], 404, [
    409,
    'action_not_done',
    'action_verified',
    'edit_conflict',
  ])
  verify(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VerifyActionDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<FindingDto> {
    return this.findings.verify(id, dto, user, ability);
  }

  @Post('findings/:id/risk')
  @CheckPolicy('update', 'AuditFinding')
  @ApiCreatedResponse({ type: FindingRiskResultDto, description: 'A new risk was registered' })
  @ApiOkResponse({ type: FindingRiskResultDto, description: 'The existing risk was reassessed' })
  @ApiOperation({
    summary:
      "Create or reassess the contract's welfare-crime risk from an open finding in one step, and link the finding to it",
  })
  @ApiProblems([400, 'validation_failed'], 404, [409, 'finding_closed', 'edit_conflict'])
  async feedRisk(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingRiskDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FindingRiskResultDto> {
    const result = await this.risk.feed(id, dto, user, ability);
    res.status(result.created ? 201 : 200);
    return result;
  }
}

@ApiTags('audits')
@Controller('corrective-actions')
export class CorrectiveActionsController {
  constructor(private readonly findings: FindingsService) {}

  @Get('mine')
  @CheckPolicy('read', 'CorrectiveAction')
  @ApiOkResponse({ type: MyCorrectiveActionsDto })
  @ApiOperation({
    summary:
      'The corrective actions you own, open ones first (at most 200), with what you need to act',
  })
  mine(
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<MyCorrectiveActionsDto> {
    return this.findings.myActions(user, ability);
  }

  @Patch(':id')
  @CheckPolicy('update', 'CorrectiveAction')
  @ApiOkResponse({ type: CorrectiveActionDto })
  @ApiOperation({
    summary:
      "Update a corrective action: its owner reports it done (atgardad) with the supplier's response; a controller changes everything but verification",
  })
  @ApiProblems([400, 'validation_failed'], 404, [
    409,
    'edit_conflict',
    'status_not_allowed',
    'action_verified',
  ])
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCorrectiveActionDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<CorrectiveActionDto> {
    return this.findings.updateAction(id, dto, user, ability);
  }
}
