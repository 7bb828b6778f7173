import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import { ApiProblems } from '../core/errors/api-problems';
import {
  AcceptRiskDto,
  CreateRiskActionDto,
  CreateRiskDto,
  ListRisksQuery,
  MyRiskActionDto,
  RiskActionDto,
  RiskAssessmentDto,
  RiskDetailDto,
  RiskFilterQuery,
  RiskHeatmapDto,
  RiskPageDto,
  RiskPeopleQuery,
  RiskPersonDto,
  UpdateRiskActionDto,
  UpdateRiskDto,
} from './dto/risk.dto';
import { RisksService } from './risks.service';

@ApiTags('risks')
@Controller('risks')
export class RisksController {
  constructor(private readonly risks: RisksService) {}

  @Get()
  @CheckPolicy('read', 'Risk')
  @ApiOkResponse({ type: RiskPageDto })
  @ApiOperation({
    summary:
      'The risk register of your scope, as of today or `asOf`; filters include one heatmap cell (likelihood, consequence, kind) and stale acceptances',
  })
  @ApiProblems(400)
  list(
    @Query() query: ListRisksQuery,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<RiskPageDto> {
    return this.risks.list(query, ability, user);
  }

  @Get('people')
  @CheckPolicy('create', 'Risk')
  @ApiOkResponse({ type: [RiskPersonDto] })
  @ApiOperation({
    summary: 'People of your scope who may be named riskägare or action owner (at most 20)',
  })
  @ApiProblems(400)
  people(
    @Query() query: RiskPeopleQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RiskPersonDto[]> {
    return this.risks.people(query.q || undefined, ability);
  }

  @Get('my-actions')
  @CheckPolicy('read', 'RiskAction')
  @ApiOkResponse({ type: [MyRiskActionDto] })
  @ApiOperation({ summary: 'The actions you are responsible for, open ones first (at most 200)' })
  myActions(
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<MyRiskActionDto[]> {
    return this.risks.myActions(user, ability);
  }

  @Get(':id')
  @CheckPolicy('read', 'Risk')
  @ApiOkResponse({ type: RiskDetailDto })
  @ApiOperation({ summary: 'One risk: current assessment, actions, acceptance and the matrix' })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RiskDetailDto> {
    return this.risks.get(id, ability);
  }

  @Get(':id/history')
  @CheckPolicy('read', 'Risk')
  @ApiOkResponse({ type: [RiskAssessmentDto] })
  @ApiOperation({ summary: 'Every assessment of a risk, newest first' })
  @ApiProblems(400, 404)
  history(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RiskAssessmentDto[]> {
    return this.risks.history(id, ability);
  }

  @Post()
  @CheckPolicy('create', 'Risk')
  @ApiCreatedResponse({ type: RiskDetailDto })
  @ApiOperation({ summary: 'Register and assess a risk of a contract, supplier or unit process' })
  @ApiProblems([400, 'validation_failed'])
  create(
    @Body() dto: CreateRiskDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RiskDetailDto> {
    return this.risks.create(dto, user, ability);
  }

  @Patch(':id')
  @CheckPolicy('update', 'Risk')
  @ApiOkResponse({ type: RiskDetailDto })
  @ApiOperation({
    summary: 'Change a risk; any assessment field makes a new assessment (kept in the history)',
  })
  @ApiProblems([400, 'validation_failed'], 404, [409, 'edit_conflict'])
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRiskDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RiskDetailDto> {
    return this.risks.update(id, dto, user, ability);
  }

  @Post(':id/acceptance')
  @CheckPolicy('create', 'RiskAcceptance')
  @ApiCreatedResponse({ type: RiskDetailDto })
  @ApiOperation({ summary: 'Accept the residual risk with a motivation until an expiry date' })
  @ApiProblems([400, 'validation_failed'], 404)
  accept(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcceptRiskDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RiskDetailDto> {
    return this.risks.accept(id, dto, user, ability);
  }

  @Post(':id/actions')
  @CheckPolicy('create', 'RiskAction')
  @ApiCreatedResponse({ type: RiskActionDto })
  @ApiOperation({ summary: 'Add an action (åtgärd) with owner and due date' })
  @ApiProblems([400, 'validation_failed'], 404)
  addAction(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateRiskActionDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RiskActionDto> {
    return this.risks.addAction(id, dto, user, ability);
  }

  @Patch(':id/actions/:actionId')
  @CheckPolicy('update', 'RiskAction')
  @ApiOkResponse({ type: RiskActionDto })
  @ApiOperation({ summary: 'Change an action (its owner may update its status)' })
  @ApiProblems([400, 'validation_failed'], 404)
  updateAction(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Body() dto: UpdateRiskActionDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RiskActionDto> {
    return this.risks.updateAction(id, actionId, dto, user, ability);
  }
}

@ApiTags('risks')
@Controller('heatmaps')
export class RiskHeatmapController {
  constructor(private readonly risks: RisksService) {}

  @Get('risks')
  @CheckPolicy('read', 'Risk')
  @ApiOkResponse({ type: RiskHeatmapDto })
  @ApiOperation({
    summary:
      'Risk heatmap (likelihood × consequence) of your scope: counts per cell with the band, as of today or `asOf`',
  })
  @ApiProblems(400)
  heatmap(
    @Query() query: RiskFilterQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RiskHeatmapDto> {
    return this.risks.heatmap(query, ability);
  }
}
