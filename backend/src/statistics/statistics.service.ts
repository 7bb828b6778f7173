import { Inject, Injectable } from '@nestjs/common';
import { CASE_CATEGORIES } from '../cases/domain/taxonomy';
import type { AppAbility } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import { Clock } from '../core/clock/clock';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { Problem } from '../core/errors/problem';
import type { IncidentHeatmapDto, IncidentHeatmapQuery } from './dto/incident-heatmap.dto';
import { addQuarters, quarterOf, quartersBetween, type Quarter } from './quarters';
import { buildTable } from './small-cells';
import { STATISTICS_COLUMNS, StatisticsRepository } from './statistics.repository';

/** At most five years in one table. */
const MAX_QUARTERS = 20;

/**
 * Incident statistics from the de-identified facts (ADR 0014): category × department or
 * category × quarter, for the caller's scope, with small-cell protection (small-cells.ts).
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly repo: StatisticsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async incidentHeatmap(q: IncidentHeatmapQuery, ability: AppAbility): Promise<IncidentHeatmapDto> {
    const to = (q.to ?? quarterOf(this.clock.now())) as Quarter;
    const from = (q.from ?? addQuarters(to, -7)) as Quarter;
    const quarters = quartersBetween(from, to);
    if (!quarters.length || quarters.length > MAX_QUARTERS)
      throw Problem.badRequest(
        `Perioden måste vara 1–${MAX_QUARTERS} kvartal, från och med ${from} till och med ${to}.`,
        'validation_failed',
        [{ field: 'from', messages: ['range'] }],
      );
    let underPath: string | undefined;
    if (q.unitId) {
      underPath = (await this.repo.unitPath(q.unitId)) ?? undefined;
      if (!underPath) throw Problem.notFound('Enheten');
    }
    const access = accessibleWhere(ability, 'read', 'IncidentStatistics', STATISTICS_COLUMNS);
    const atoms = await this.repo.atoms({ access, from, to, underPath });
    const by = q.by ?? 'department';
    const columns =
      by === 'quarter'
        ? quarters.map((id) => ({ id, label: id }))
        : (
            await this.repo.departments(access, underPath, [
              ...new Set(atoms.map((a) => a.departmentId)),
            ])
          ).map((d) => ({ id: d.id, label: d.name }));
    const k = this.config.statistics.minCell;
    const table = buildTable(atoms, {
      k,
      by,
      rows: CASE_CATEGORIES,
      columns: columns.map((c) => c.id),
    });
    return { ...table, by, from, to, columns };
  }
}
