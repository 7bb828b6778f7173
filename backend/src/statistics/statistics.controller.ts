import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../core/authz/ability';
import { CheckPolicy, CurrentAbility } from '../core/authz/decorators';
import { ApiProblems } from '../core/errors/api-problems';
import { IncidentHeatmapDto, IncidentHeatmapQuery } from './dto/incident-heatmap.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller('heatmaps')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('incidents')
  @CheckPolicy('read', 'IncidentStatistics')
  @ApiOkResponse({ type: IncidentHeatmapDto })
  @ApiOperation({
    summary:
      'Incidents by category × department (or × quarter) from the de-identified facts, with small-cell protection',
  })
  @ApiProblems(400, 404)
  incidents(
    @Query() query: IncidentHeatmapQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<IncidentHeatmapDto> {
    return this.statistics.incidentHeatmap(query, ability);
  }
}
