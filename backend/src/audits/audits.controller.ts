import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import { ApiProblems } from '../core/errors/api-problems';
import { AuditPlanService } from './audit-plan.service';
import { AuditsService } from './audits.service';
import { ChecklistsService } from './checklists.service';
import {
  AuditAnswerDto,
  AuditDetailDto,
  ContractAuditPageDto,
  AuditPlanDto,
  AuditPlanQuery,
  ChecklistDetailDto,
  ChecklistListDto,
  CreateAuditDto,
  CreateChecklistDto,
  ListAuditsQuery,
  SaveAnswerDto,
} from './dto/audit.dto';

/** Item ids of a template: `A1`, `H28`, or an administrator's own (1–16 of [A-Za-z0-9_-]). */
const ITEM_ID = /^[A-Za-z0-9_-]{1,16}$/;

@ApiTags('audits')
@Controller('checklists')
export class ChecklistsController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Get()
  @CheckPolicy('read', 'ChecklistTemplate')
  @ApiOkResponse({ type: ChecklistListDto })
  @ApiOperation({ summary: 'Every version of every checklist template, with which is current' })
  list(): Promise<ChecklistListDto> {
    return this.checklists.list();
  }

  @Get(':id')
  @CheckPolicy('read', 'ChecklistTemplate')
  @ApiOkResponse({ type: ChecklistDetailDto })
  @ApiOperation({ summary: 'One checklist template version with its sections and items' })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ChecklistDetailDto> {
    return this.checklists.get(id);
  }

  @Post()
  @CheckPolicy('create', 'ChecklistTemplate')
  @ApiCreatedResponse({ type: ChecklistDetailDto })
  @ApiOperation({
    summary:
      'Publish a new checklist template, or (with key) a new version of one; started audits keep theirs',
  })
  @ApiProblems([400, 'validation_failed', 'checklist_invalid'])
  create(
    @Body() dto: CreateChecklistDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ChecklistDetailDto> {
    return this.checklists.create(dto, user);
  }
}

@ApiTags('audits')
@Controller('audit-plan')
export class AuditPlanController {
  constructor(private readonly plan: AuditPlanService) {}

  @Get()
  @CheckPolicy('read', 'ContractAudit')
  @ApiOkResponse({ type: AuditPlanDto })
  @ApiOperation({
    summary:
      'Follow-up plan of your scope: audits due in [from, to] and every overdue one, by due day',
  })
  @ApiProblems(400)
  get(
    @Query() query: AuditPlanQuery,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<AuditPlanDto> {
    return this.plan.forQuery(query, user, ability);
  }
}

@ApiTags('audits')
@Controller('audits')
export class AuditsController {
  constructor(private readonly audits: AuditsService) {}

  @Get()
  @CheckPolicy('read', 'ContractAudit')
  @ApiOkResponse({ type: ContractAuditPageDto })
  @ApiOperation({
    summary: 'Audits of your scope, newest first (keyset paging: pass nextCursor as cursor)',
  })
  @ApiProblems(400)
  list(
    @Query() query: ListAuditsQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ContractAuditPageDto> {
    return this.audits.list(query, ability);
  }

  @Post()
  @CheckPolicy('create', 'ContractAudit')
  @ApiCreatedResponse({ type: AuditDetailDto })
  @ApiOperation({ summary: 'Start an audit of a contract with the current checklist version' })
  @ApiProblems(400, 404)
  create(
    @Body() dto: CreateAuditDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<AuditDetailDto> {
    return this.audits.create(dto, user, ability);
  }

  @Get(':id')
  @CheckPolicy('read', 'ContractAudit')
  @ApiOkResponse({ type: AuditDetailDto })
  @ApiOperation({
    summary: 'One audit: its checklist version, answers, sign-offs and completeness',
  })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<AuditDetailDto> {
    return this.audits.get(id, user, ability);
  }

  @Put(':id/answers/:itemId')
  @CheckPolicy('update', 'ContractAudit')
  @ApiOkResponse({ type: AuditAnswerDto })
  @ApiOperation({
    summary:
      'Save one answer; a stale version gets 409 edit_conflict with the stored value and yours',
  })
  @ApiProblems(400, 404, [409, 'edit_conflict', 'audit_signed'])
  saveAnswer(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId') itemId: string,
    @Body() dto: SaveAnswerDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<AuditAnswerDto> {
    if (!ITEM_ID.test(itemId)) return this.audits.unknownItem();
    return this.audits.saveAnswer(id, itemId, dto, user, ability);
  }

  @Post(':id/sign-off')
  @HttpCode(200)
  @CheckPolicy('create', 'AuditSignOff')
  @ApiOkResponse({ type: AuditDetailDto })
  @ApiOperation({
    summary:
      'Sign the audit as its controller, or as chef over the unit (class A); all signed: read-only',
  })
  @ApiProblems(400, 404, [
    409,
    'audit_incomplete',
    'deviation_without_finding',
    'already_signed',
    'audit_signed',
    'conflict',
  ])
  signOff(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<AuditDetailDto> {
    return this.audits.signOff(id, user, ability);
  }
}
