import {
  ChangeDetectionStrategy,
  Component,
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
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink, type Params } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { OrgService } from '../admin/org/org.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { RISK_CATEGORIES, SECTORS } from './risk-labels';
import { RiskHeatmapGrid, type HeatmapCell } from './risk-heatmap-grid';
import { RisksService, type RiskHeatmapDto, type RiskHeatmapQuery } from './risks.service';

const FILTER_KEYS = [
  'unitId',
  'category',
  'sector',
  'contractId',
  'supplierId',
  'kind',
  'asOf',
] as const;

/**
 * The risk heatmap: likelihood × consequence for the user's scope, as of a date. Each cell is a
 * button showing its count and band name (never colour alone) that opens the risks behind it;
 * the same numbers as a table.
 */
@Component({
  selector: 'varn-risk-heatmap-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    PageHeader,
    ProblemAlert,
    RiskHeatmapGrid,
  ],
  templateUrl: './risk-heatmap.page.html',
  styles: `
    .filters-grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 12px;
    }
    .view-toggle {
      margin: 12px 0;
    }
    .cells-table {
      border-collapse: collapse;
    }
    .cells-table th,
    .cells-table td {
      padding: 6px 12px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .cells-table .num {
      text-align: right;
    }
  `,
})
export class RiskHeatmapPage {
  private readonly risks = inject(RisksService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  protected readonly org = inject(OrgService);

  protected readonly categories = RISK_CATEGORIES;
  protected readonly sectors = SECTORS;

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly query = computed<RiskHeatmapQuery>(() => {
    const p = this.params();
    const q: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = p.get(k);
      if (v) q[k] = v;
    }
    return q;
  });
  protected readonly kind = computed(() => this.query().kind ?? 'residual');
  protected readonly view = computed(() =>
    this.params().get('view') === 'tabell' ? 'table' : 'grid',
  );

  protected readonly heatmap = signal<RiskHeatmapDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  private requestNo = 0;

  constructor() {
    void this.org.ensureLoaded();
    effect(() => void this.load(this.query()));
  }

  private async load(query: RiskHeatmapQuery): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const h = await this.risks.heatmap(query);
      if (no === this.requestNo) this.heatmap.set(h);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  protected set(patch: Params): void {
    const next: Params = { ...patch };
    for (const [k, v] of Object.entries(next)) if (v === '' || v === undefined) next[k] = null;
    void this.router.navigate([], { queryParams: next, queryParamsHandling: 'merge' });
  }

  /** Opens the register filtered to the risks behind a cell (same filters and date). */
  protected open(cell: HeatmapCell): void {
    void this.router.navigate(['/risker'], {
      queryParams: {
        ...this.query(),
        kind: this.kind(),
        likelihood: cell.likelihood,
        consequence: cell.consequence,
      },
    });
  }

  protected notAssessedLink(): Params {
    return { ...this.query(), kind: this.kind(), band: 'ej_bedomd' };
  }
}
