import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppAbility } from '../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import { ApiProblems } from '../core/errors/api-problems';
import { REPORT_MEDIA_TYPES, DashboardsService } from './dashboards.service';
import { CommitteeReportQuery, DashboardDto, DashboardQuery } from './dto/dashboard.dto';

@ApiTags('dashboards')
@Controller()
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get('dashboard')
  @CheckPolicy('read', 'RiskReport')
  @ApiOkResponse({ type: DashboardDto })
  @ApiOperation({
    summary:
      'The manager dashboard of a unit’s subtree: residual heatmap, band counts, top risks, overdue actions, contracts due, stale acceptances and eight-quarter trends (incidents small-cell protected)',
  })
  @ApiProblems(400, 403, 404)
  dashboard(
    @Query() query: DashboardQuery,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<DashboardDto> {
    return this.dashboards.dashboard(query, user, ability);
  }

  @Get('committee-report')
  @CheckPolicy('read', 'RiskReport')
  @ApiProduces(REPORT_MEDIA_TYPES.pdf, REPORT_MEDIA_TYPES.xlsx)
  @ApiOkResponse({
    description: 'The committee report (rapport till nämnd) in Swedish, as a download',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary:
      'Committee report for a unit and period as PDF or XLSX: heatmaps, band counts, top risks, overdue actions, stale acceptances, contracts due, incident trend (small-cell protected), method note; audit-logged',
  })
  @ApiProblems(400, 403, 404)
  async committeeReport(
    @Query() query: CommitteeReportQuery,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.dashboards.committeeReport(query, user, ability);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.body.length,
    });
  }
}
