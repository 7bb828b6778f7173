import { Inject, Injectable } from '@nestjs/common';
import { ACTION_COLUMNS as CORRECTIVE_ACTION_COLUMNS } from '../audits/findings/findings.repository';
import { AuditService } from '../core/audit/audit.service';
import { asSubject, type AppAbility } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import { isUnitPath, type AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { Db } from '../core/database/db';
import {
  addMonths,
  compareLocalDates,
  daysBetween,
  daysInMonth,
  endOfLocalDay,
  localDateOf,
  minLocalDate,
  parseLocalDate,
  type LocalDate,
} from '../core/domain/local-date';
import { Problem, type FieldError } from '../core/errors/problem';
import { acceptanceState } from '../risks/domain/risk-acceptance';
import { storedResidualScore } from '../risks/domain/risk-scoring';
import {
  RISK_ACTION_COLUMNS,
  RISK_COLUMNS,
  RisksRepository,
  type RiskFilter,
  type RiskRow,
} from '../risks/risks.repository';
import { RisksService } from '../risks/risks.service';
import { addQuarters, quarterOf, quartersBetween, type Quarter } from '../statistics/quarters';
import { StatisticsService } from '../statistics/statistics.service';
import { ContractsDueSource } from './contracts-due';
import { DashboardsRepository } from './dashboards.repository';
import {
  DASHBOARD_BANDS,
  type BandCountDto,
  type CommitteeReportQuery,
  type DashboardActionListDto,
  type DashboardDto,
  type DashboardHeatmapDto,
  type DashboardQuery,
  type DashboardRiskDto,
  type DashboardStaleAcceptanceListDto,
  type IncidentTrendPointDto,
  type ReportFormat,
  type RiskTrendPointDto,
} from './dto/dashboard.dto';
import { committeeReportPdf } from './report/committee-report-pdf';
import type { CommitteeReportData } from './report/committee-report-data';
import { committeeReportXlsx } from './report/committee-report-xlsx';

/** Items per list panel on the dashboard. */
const PANEL_SIZE = 10;
/** Items per list in the committee report (the total is always stated). */
const REPORT_LIST_SIZE = 25;
/** Longest committee report period. */
const MAX_PERIOD_MONTHS = 36;

export const REPORT_MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface CommitteeReportFile {
  body: Buffer;
  fileName: string;
  contentType: string;
}

interface ResolvedUnit {
  id: string;
  name: string;
  path: string;
  kind: string;
}

/** Why the incident trend is empty: the reader may not read it, or incidents are never counted on an enhet. */
export type IncidentsOmitted = 'not_readable' | 'below_department';

/**
 * The manager dashboard and the committee report (issue 7): the risk register, actions,
 * acceptances, contract follow-up and incident statistics of one unit's subtree, each panel read
 * with the reader's own rules for its subject (a RiskReport grant alone shows nothing).
 */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly repo: DashboardsRepository,
    private readonly risks: RisksService,
    private readonly riskRows: RisksRepository,
    private readonly statistics: StatisticsService,
    private readonly contractsDue: ContractsDueSource,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async dashboard(q: DashboardQuery, user: AuthUser, ability: AppAbility): Promise<DashboardDto> {
    const { unit, scopes } = await this.resolveUnit(q.unitId, user, ability);
    const now = this.clock.now();
    const today = localDateOf(now);
    const current = quarterOf(now);
    const quarters = quartersBetween(addQuarters(current, -7), current);
    const filter = this.riskFilter(ability, unit, today, undefined);
    const [heatmap, trend, top, stale, overdue, due, incidents] = await Promise.all([
      this.heatmap(unit, 'residual', undefined, ability),
      this.riskTrend(ability, unit, quarters, today),
      this.riskRows.topByResidual(filter, PANEL_SIZE),
      this.staleAcceptances(filter, today, PANEL_SIZE),
      this.overdueActions(ability, unit, today, PANEL_SIZE),
      this.contractsDue.due(user, ability, { unitPath: unit.path, today, limit: PANEL_SIZE }),
      this.incidentTrend(ability, unit, quarters),
    ]);
    return {
      unit: { id: unit.id, name: unit.name },
      asOf: today,
      scopes,
      riskHeatmap: heatmap,
      bandCounts: bandCountsOf(trend[trend.length - 1]),
      topRisks: { total: top.total, items: top.rows.map((r) => this.topRisk(r, today)) },
      overdueActions: overdue,
      contractsDue: due,
      staleAcceptances: stale,
      riskTrend: trend,
      incidentTrend: incidents.points,
      incidentTrendOmitted: incidents.omitted,
      k: this.config.statistics.minCell,
    };
  }

  /** Builds the committee report, records who generated which (no content), and returns it. */
  async committeeReport(
    q: CommitteeReportQuery,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<CommitteeReportFile> {
    const data = await this.reportData(q, user, ability);
    const body =
      q.format === 'pdf' ? await committeeReportPdf(data) : await committeeReportXlsx(data);
    await this.db.transaction(() =>
      this.audit.record({
        action: 'committee_report.generated',
        actor: user,
        objectType: 'OrgUnit',
        objectId: data.unit.id,
        details: { unitId: data.unit.id, from: data.from, to: data.to, format: q.format },
      }),
    );
    return {
      body,
      fileName: `namndrapport-${slug(data.unit.name)}-${data.from}-${data.to}.${q.format}`,
      contentType: REPORT_MEDIA_TYPES[q.format],
    };
  }

  /** Everything the report shows, read as of the end of the period (or today, if earlier). */
  async reportData(
    q: CommitteeReportQuery,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<CommitteeReportData> {
    const now = this.clock.now();
    const today = localDateOf(now);
    const { from, to } = period(q.from, q.to, today);
    const { unit } = await this.resolveUnit(q.unitId, user, ability);
    const asOf = minLocalDate(to, today);
    const asOfEnd = endOfLocalDay(asOf);
    const quarters = quartersBetween(quarterOf(endOfLocalDay(from)), quarterOf(asOfEnd));
    const filter = this.riskFilter(ability, unit, asOf, asOfEnd);
    const [residual, inherent, trend, top, stale, overdue, due, incidents, matrix] =
      await Promise.all([
        this.heatmap(unit, 'residual', asOf, ability),
        this.heatmap(unit, 'inherent', asOf, ability),
        this.riskTrend(ability, unit, quarters, asOf),
        this.riskRows.topByResidual(filter, REPORT_LIST_SIZE),
        this.staleAcceptances(filter, asOf, REPORT_LIST_SIZE),
        this.overdueActions(ability, unit, asOf, REPORT_LIST_SIZE),
        this.contractsDue.due(user, ability, {
          unitPath: unit.path,
          today,
          limit: REPORT_LIST_SIZE,
        }),
        this.incidentTrend(ability, unit, quarters),
        this.risks.currentMatrix(),
      ]);
    return {
      unit: { id: unit.id, name: unit.name },
      from,
      to,
      asOf,
      today,
      generatedAt: now,
      generatedBy: user.displayName,
      bands: matrix.dto.bands.map((b) => ({ band: b.band, label: b.label, colour: b.colour })),
      likelihoodLabels: matrix.dto.likelihood.map((l) => l.label),
      consequenceLabels: matrix.dto.consequence.map((c) => c.label),
      residual,
      inherent,
      bandCounts: bandCountsOf(trend[trend.length - 1]),
      riskTrend: trend,
      topRisks: { total: top.total, items: top.rows.map((r) => this.topRisk(r, asOf)) },
      overdueActions: overdue,
      staleAcceptances: stale,
      contractsDue: due,
      incidents: incidents.points,
      incidentTotal: incidents.total,
      incidentsOmitted: incidents.omitted,
      k: this.config.statistics.minCell,
    };
  }

  // ------------------------------------------------------------------ panels

  private heatmap(
    unit: ResolvedUnit,
    kind: 'residual' | 'inherent',
    asOf: LocalDate | undefined,
    ability: AppAbility,
  ): Promise<DashboardHeatmapDto> {
    return this.risks
      .heatmap({ unitId: unit.id, kind, asOf }, ability)
      .then(
        ({
          cells,
          matrixVersion,
          likelihoodLevels,
          consequenceLevels,
          notAssessed,
          outsideMatrix,
        }) => ({
          cells,
          matrixVersion,
          likelihoodLevels,
          consequenceLevels,
          notAssessed,
          outsideMatrix,
        }),
      );
  }

  /** Residual bands at the end of each quarter (at `lastDay` for a quarter not yet over). */
  private async riskTrend(
    ability: AppAbility,
    unit: ResolvedUnit,
    quarters: readonly Quarter[],
    lastDay: LocalDate,
  ): Promise<RiskTrendPointDto[]> {
    const ends = quarters.map((quarter) => ({
      key: quarter,
      end: endOfLocalDay(minLocalDate(quarterEnd(quarter), lastDay)),
    }));
    const rows = await this.repo.residualBandsAt(
      accessibleWhere(ability, 'read', 'Risk', RISK_COLUMNS),
      unit.path,
      ends,
    );
    return quarters.map((quarter) => {
      const point = { quarter, lag: 0, medel: 0, hog: 0, mycket_hog: 0, ej_bedomd: 0 };
      for (const r of rows)
        if (r.key === quarter && r.band in point)
          point[r.band as (typeof DASHBOARD_BANDS)[number]] += r.count;
      return point;
    });
  }

  private async staleAcceptances(
    filter: RiskFilter,
    today: LocalDate,
    limit: number,
  ): Promise<DashboardStaleAcceptanceListDto> {
    const { rows, total } = await this.riskRows.list({ ...filter, acceptance: 'stale' }, limit, 0);
    const names = await this.repo.userNames(rows.map((r) => r.acceptance!.acceptedBy));
    return {
      total,
      items: rows.map((r) => {
        const acc = r.acceptance!;
        const state = acceptanceState(
          {
            acceptedOn: acc.acceptedOn as LocalDate,
            expiresOn: acc.expiresOn as LocalDate,
            residual: storedResidualScore(acc),
          },
          storedResidualScore(r.assessment),
          today,
        );
        const reasons = state.stale ? state.reasons : [];
        return {
          riskId: r.id,
          riskTitle: r.title,
          acceptedByName: names.get(acc.acceptedBy) ?? '',
          acceptedAt: acc.createdAt.toISOString(),
          expiresOn: acc.expiresOn ?? null,
          reason: reasons.includes('residual_changed') ? 'residual_changed' : 'expired',
        };
      }),
    };
  }

  private async overdueActions(
    ability: AppAbility,
    unit: ResolvedUnit,
    today: LocalDate,
    limit: number,
  ): Promise<DashboardActionListDto> {
    const { rows, total } = await this.repo.overdueActions(
      accessibleWhere(ability, 'read', 'RiskAction', RISK_ACTION_COLUMNS),
      accessibleWhere(ability, 'read', 'CorrectiveAction', CORRECTIVE_ACTION_COLUMNS),
      unit.path,
      today,
      limit,
    );
    return {
      total,
      items: rows.map((a) => ({
        id: a.id,
        kind: a.kind,
        title: a.title,
        riskId: a.riskId,
        riskTitle: a.riskTitle,
        findingId: a.findingId,
        ownerName: a.ownerName,
        dueDate: a.dueDate,
        daysOverdue: daysBetween(a.dueDate as LocalDate, today),
      })),
    };
  }

  /**
   * Incidents per quarter: the quarter totals of the small-cell protected statistics table
   * (StatisticsService), so a quarter that holds a small count anywhere is suppressed, and the
   * grand total is published by the same rule — no shown number minus another reveals a
   * suppressed one. Nothing (and why) for a reader without incident statistics or an enhet.
   */
  private async incidentTrend(
    ability: AppAbility,
    unit: ResolvedUnit,
    quarters: readonly Quarter[],
  ): Promise<{
    points: IncidentTrendPointDto[];
    total: { count: number | null; suppressed: boolean; belowK?: boolean };
    omitted: IncidentsOmitted | null;
  }> {
    const none = (omitted: IncidentsOmitted) => ({
      points: [],
      total: { count: null, suppressed: false },
      omitted,
    });
    if (!ability.can('read', 'IncidentStatistics')) return none('not_readable');
    // facts are counted on the department (or a förvaltning without one), never on an enhet:
    // an enhet's trend would be zeros that are not true
    if (unit.kind === 'enhet') return none('below_department');
    const table = await this.statistics.incidentHeatmap(
      { unitId: unit.id, from: quarters[0], to: quarters[quarters.length - 1], by: 'quarter' },
      ability,
    );
    const published = (p: { count?: number; suppressed?: boolean; belowK?: boolean }) =>
      p.suppressed
        ? { count: null, suppressed: true, belowK: p.belowK === true }
        : { count: p.count ?? 0, suppressed: false };
    const byQuarter = new Map(table.columnTotals.map((c) => [c.column, published(c)]));
    return {
      points: quarters.map((quarter) => ({
        quarter,
        ...(byQuarter.get(quarter) ?? { count: 0, suppressed: false }),
      })),
      total: published(table.total),
      omitted: null,
    };
  }

  private topRisk(r: RiskRow, today: LocalDate): DashboardRiskDto {
    const s = this.risks.summary(r, today);
    const res = s.residual;
    return {
      id: s.id,
      title: s.title,
      category: s.category,
      unitId: s.unitId,
      unitName: s.unitName,
      contractId: s.contractId,
      contractTitle: s.contractTitle,
      supplierId: s.supplierId,
      residual:
        res.likelihood !== null && res.consequence !== null && res.score !== null
          ? {
              likelihood: res.likelihood,
              consequence: res.consequence,
              score: res.score,
              band: res.band,
            }
          : null,
      ownerName: s.ownerName,
      nextReviewOn: s.nextReviewDate ?? null,
      reviewOverdue: s.reviewOverdue,
    };
  }

  // ------------------------------------------------------------------ helpers

  private riskFilter(
    ability: AppAbility,
    unit: ResolvedUnit,
    today: LocalDate,
    asOfEnd: Date | undefined,
  ): RiskFilter {
    return {
      access: accessibleWhere(ability, 'read', 'Risk', RISK_COLUMNS),
      asOfEnd,
      today,
      unitPath: unit.path,
      kind: 'residual',
    };
  }

  /**
   * The unit asked for (404 unless it lies within a RiskReport scope of the reader), or the root
   * of the reader's first scope; with the roots of all scopes to choose from.
   */
  private async resolveUnit(
    unitId: string | undefined,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<{ unit: ResolvedUnit; scopes: Array<{ id: string; name: string }> }> {
    const readable = (path: string) =>
      ability.can('read', asSubject('RiskReport', { unitPath: path }));
    const paths = [
      ...new Set(user.roles.map((r) => r.unitPath).filter((p) => isUnitPath(p) && readable(p))),
    ];
    const roots = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
    const scopes = await this.repo.unitNames(roots.map(unitIdOfPath));
    const id = unitId ?? scopes[0]?.id;
    const unit = id ? await this.repo.unit(id) : null;
    if (!unit || !readable(unit.path)) throw Problem.notFound('Enheten');
    return { unit, scopes };
  }
}

/** Band counts of a trend point, in the contract's order. */
function bandCountsOf(point: RiskTrendPointDto | undefined): BandCountDto[] {
  return DASHBOARD_BANDS.map((band) => ({ band, count: point ? point[band] : 0 }));
}

/** The last day of a quarter. */
export function quarterEnd(q: Quarter): LocalDate {
  const [y, n] = q.split('-Q').map(Number);
  const month = n * 3;
  return `${y}-${String(month).padStart(2, '0')}-${daysInMonth(y, month)}` as LocalDate;
}

/** The validated period: dates, from ≤ to, at most three years, begun by today. */
function period(
  fromText: string,
  toText: string,
  today: LocalDate,
): { from: LocalDate; to: LocalDate } {
  const from = parseLocalDate(fromText);
  const to = parseLocalDate(toText);
  const errors: FieldError[] = [];
  if (!from) errors.push({ field: 'from', messages: ['invalid_date'] });
  if (!to) errors.push({ field: 'to', messages: ['invalid_date'] });
  if (errors.length) throw Problem.badRequest('Ogiltigt datum.', 'validation_failed', errors);
  if (compareLocalDates(from!, to!) > 0)
    throw Problem.badRequest(
      'Perioden måste börja före eller samma dag som den slutar.',
      'validation_failed',
      [{ field: 'from', messages: ['from_after_to'] }],
    );
  if (compareLocalDates(from!, today) > 0)
    throw Problem.badRequest('Perioden får inte börja efter i dag.', 'validation_failed', [
      { field: 'from', messages: ['from_in_future'] },
    ]);
  if (compareLocalDates(to!, addMonths(from!, MAX_PERIOD_MONTHS)) > 0)
    throw Problem.badRequest('Perioden får vara högst tre år.', 'validation_failed', [
      { field: 'to', messages: ['period_too_long'] },
    ]);
  return { from: from!, to: to! };
}

/** The unit id at the end of a materialised path (`/root/…/id/`). */
function unitIdOfPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1];
}

/** `Parkering & Trafik` → `parkering-trafik` (ASCII, for a file name). */
export function slug(name: string): string {
  return (
    name
      .toLocaleLowerCase('sv')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'enhet'
  );
}
