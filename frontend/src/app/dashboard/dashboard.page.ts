import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink, type Params } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { OrgService } from '../admin/org/org.service';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import type { UnitDto } from '../core/api/models';
import { I18n } from '../core/i18n/i18n.service';
import { RiskBand } from '../risks/risk-band';
import { RiskHeatmapGrid, type HeatmapCell } from '../risks/risk-heatmap-grid';
import { Badge } from '../shared/ui/badge';
import { EmptyState } from '../shared/ui/empty-state';
import { LabelPipe } from '../shared/ui/label.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { unitOptions } from '../shared/util/units';
import { BarChart, type Bar } from './bar-chart';
import { CommitteeReport } from './committee-report';
import { BANDS, DashboardService, type Band, type DashboardDto } from './dashboard.service';

/** The panels that can be shown as a chart or as a table. */
export type ChartPanel = 'heatmap' | 'riskTrend' | 'incidentTrend';
export type PanelView = 'chart' | 'table';

/**
 * The incident trend's bars: a suppressed quarter never shows a number — "< k" when its own count
 * is under k, the `protectedText` ("skyddat") when it is hidden to protect a small count elsewhere.
 */
export function incidentBars(
  trend: DashboardDto['incidentTrend'],
  k: number,
  protectedText: string,
): Array<Bar & { protected: boolean }> {
  return trend.map((p) => {
    if (!p.suppressed && p.count !== null)
      return { label: p.quarter, value: p.count, text: String(p.count), protected: false };
    const isProtected = p.belowK === false;
    return {
      label: p.quarter,
      value: null,
      text: isProtected ? protectedText : `< ${k}`,
      protected: isProtected,
    };
  });
}

/** A unit in the pickers; `level` indents it under its scope. */
export interface UnitChoice {
  id: string;
  name: string;
  level: number;
}

/**
 * The units a reader may pick: each scope and its subtree in tree order (indented by depth below
 * the scope), from the organisation list; a scope the list lacks is offered on its own, and the
 * unit shown is always among them.
 */
export function unitChoices(
  scopes: ReadonlyArray<{ id: string; name: string }>,
  shown: { id: string; name: string },
  units: readonly UnitDto[],
): UnitChoice[] {
  const options = unitOptions(units);
  const out: UnitChoice[] = [];
  const seen = new Set<string>();
  for (const scope of scopes) {
    const root = options.find((o) => o.id === scope.id);
    const below = root
      ? options.filter((o) => o.id === root.id || o.path.startsWith(root.path))
      : [{ id: scope.id, name: scope.name, level: 0 }];
    const base = root?.level ?? 0;
    for (const o of below) {
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      out.push({ id: o.id, name: o.name, level: o.level - base });
    }
  }
  if (!seen.has(shown.id)) out.unshift({ id: shown.id, name: shown.name, level: 0 });
  return out;
}

/** One row of small multiples per band, all on one scale so the bands can be compared. */
export function riskTrendRows(trend: DashboardDto['riskTrend']): {
  rows: Array<{ band: Band; bars: Bar[] }>;
  max: number;
} {
  const rows = BANDS.map((band) => ({
    band,
    bars: trend.map((p) => ({ label: p.quarter, value: p[band], text: String(p[band]) })),
  }));
  const max = Math.max(0, ...trend.flatMap((p) => BANDS.map((b) => p[b])));
  return { rows, max };
}

/**
 * Översikt: the manager's dashboard of one unit's subtree — band counts, the residual heatmap,
 * top risks, overdue actions, contracts due for follow-up, stale acceptances, the risk and
 * incident trends over eight quarters, and the committee report. Every chart has a table view.
 */
@Component({
  selector: 'varn-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    Badge,
    EmptyState,
    LabelPipe,
    PageHeader,
    ProblemAlert,
    RiskBand,
    RiskHeatmapGrid,
    BarChart,
    CommitteeReport,
  ],
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.scss',
})
export class DashboardPage {
  private readonly dashboards = inject(DashboardService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly session = inject(SessionService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly org = inject(OrgService);

  protected readonly bands = BANDS;
  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  /** The unit asked for in the address (`?enhet=`); none: the server's default. */
  protected readonly unitParam = computed(() => this.params().get('enhet'));

  protected readonly data = signal<DashboardDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly views = signal<Record<ChartPanel, PanelView>>({
    heatmap: 'chart',
    riskTrend: 'chart',
    incidentTrend: 'chart',
  });
  private requestNo = 0;

  /**
   * The units to pick from: each of the reader's scopes with the units below it (indented), as far
   * as the organisation list shows them; the scopes alone when it does not.
   */
  protected readonly units = computed<UnitChoice[]>(() => {
    const d = this.data();
    if (!d) return [];
    return unitChoices(d.scopes, d.unit, this.org.units());
  });
  /**
   * The incident trend is shown to readers of incident statistics; for a unit below department
   * level (the facts are counted per department) the panel says so instead of showing numbers.
   */
  protected readonly canReadStatistics = computed(
    () =>
      this.session.can('read', 'IncidentStatistics') &&
      this.data()?.incidentTrendOmitted !== 'not_readable',
  );
  /** The follow-up plan (Avtalsuppföljning) is linked for those who may open it. */
  protected readonly canReadAudits = computed(() => this.session.can('read', 'ContractAudit'));
  protected readonly k = computed(() => this.data()?.k ?? 5);
  protected readonly totalRisks = computed(
    () => this.data()?.bandCounts.reduce((sum, b) => sum + b.count, 0) ?? 0,
  );
  protected readonly bandCounts = computed(() => {
    const counts = new Map(this.data()?.bandCounts.map((b) => [b.band, b.count]) ?? []);
    return BANDS.map((band) => ({ band, count: counts.get(band) ?? 0 }));
  });
  protected readonly heatmapCells = computed(
    () =>
      this.data()
        ?.riskHeatmap.cells.slice()
        .sort((a, b) => b.likelihood - a.likelihood || a.consequence - b.consequence) ?? [],
  );
  protected readonly riskTrend = computed(() => riskTrendRows(this.data()?.riskTrend ?? []));
  protected readonly incidentBars = computed(() => {
    this.i18n.lang();
    return incidentBars(
      this.data()?.incidentTrend ?? [],
      this.k(),
      this.i18n.t('dashboard.incidentTrend.protectedShort'),
    );
  });
  protected readonly anyProtected = computed(() => this.incidentBars().some((b) => b.protected));
  protected readonly incidentsAllSuppressed = computed(() =>
    (this.data()?.incidentTrend ?? []).every((p) => p.suppressed),
  );

  constructor() {
    void this.org.ensureLoaded();
    effect(() => void this.load(this.unitParam()));
  }

  private async load(unitId: string | null): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const data = await this.dashboards.get(unitId);
      if (no === this.requestNo) this.data.set(data);
    } catch (error) {
      if (no === this.requestNo) {
        this.data.set(null);
        this.problem.set(toProblem(error));
      }
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  /** Shows a unit (null: the default, the root of the reader's first scope). */
  protected pickUnit(unitId: string | null): void {
    void this.router.navigate([], { queryParams: { enhet: unitId }, replaceUrl: true });
  }

  /** The header's "Rapport till nämnd" moves focus to the report form (keyboard and reader). */
  protected jumpToReport(): void {
    const section = this.host.nativeElement.querySelector<HTMLElement>('#committee-report');
    section?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    section?.focus({ preventScroll: true });
  }

  protected setView(panel: ChartPanel, view: PanelView): void {
    this.views.update((v) => ({ ...v, [panel]: view }));
  }

  /** The risk register filtered to one cell of the residual heatmap, for the unit shown. */
  protected cellLink(cell: HeatmapCell): Params {
    return {
      unitId: this.data()?.unit.id,
      kind: 'residual',
      likelihood: cell.likelihood,
      consequence: cell.consequence,
    };
  }

  protected openCell(cell: HeatmapCell): void {
    void this.router.navigate(['/risker'], { queryParams: this.cellLink(cell) });
  }

  protected bandLink(band: Band): Params {
    return { unitId: this.data()?.unit.id, band };
  }

  /** What the incident chart shows, for screen readers (the table view has the same). */
  protected readonly incidentSummary = computed(() => {
    this.i18n.lang();
    const text = this.incidentBars()
      .map((b) => `${b.label}: ${b.text}`)
      .join(', ');
    return `${this.i18n.t('dashboard.incidentTrend.heading')}. ${text}`;
  });

  /** One band's row of the risk trend, for screen readers. */
  protected readonly bandSummaries = computed(() => {
    this.i18n.lang();
    return new Map(
      this.riskTrend().rows.map((row) => [
        row.band,
        `${this.i18n.t(`risks.bands.${row.band}`)}: ${row.bars
          .map((b) => `${b.label} ${b.text}`)
          .join(', ')}`,
      ]),
    );
  });
}
