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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink, type Params } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { OrgService } from '../admin/org/org.service';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Badge } from '../shared/ui/badge';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { MyRiskActions } from './my-risk-actions';
import { RiskBand } from './risk-band';
import {
  ACCEPTANCE_FILTERS,
  RISK_CATEGORIES,
  RISK_SUBJECT_KINDS,
  STORED_BANDS,
  scoreText,
} from './risk-labels';
import { RisksService, type RiskListQuery, type RiskPageDto } from './risks.service';

/** Filters kept in the URL, so a heatmap cell links here and the back button works. */
const FILTER_KEYS = [
  'unitId',
  'category',
  'subjectKind',
  'band',
  'acceptance',
  'asOf',
  'kind',
  'likelihood',
  'consequence',
  'contractId',
  'supplierId',
  'sector',
  'mine',
  'reviewOverdue',
  'offset',
] as const;
const LIMIT = 25;

/** The risk register: filters, as-of date, "Ej bedömd" shown as such, paging. */
@Component({
  selector: 'varn-risks-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    Badge,
    EmptyState,
    PageHeader,
    ProblemAlert,
    RiskBand,
    MyRiskActions,
  ],
  templateUrl: './risks-list.page.html',
  styles: `
    .filters-grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 12px;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      margin-top: 8px;
    }
    .risks-table {
      width: 100%;
      border-collapse: collapse;
    }
    .risks-table th,
    .risks-table td {
      text-align: left;
      vertical-align: top;
      padding: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .pager {
      display: flex;
      gap: 8px;
      align-items: center;
      justify-content: flex-end;
      margin-top: 12px;
    }
    .cell-note {
      margin: 8px 0;
    }
  `,
})
export class RisksListPage {
  private readonly risks = inject(RisksService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);
  protected readonly org = inject(OrgService);

  protected readonly categories = RISK_CATEGORIES;
  protected readonly subjectKinds = RISK_SUBJECT_KINDS;
  protected readonly bands = STORED_BANDS;
  protected readonly acceptances = ACCEPTANCE_FILTERS;
  protected readonly canCreate = computed(() => this.session.can('create', 'Risk'));

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly query = computed<RiskListQuery>(() => {
    const p = this.params();
    const q: Record<string, string | number> = {};
    for (const k of FILTER_KEYS) {
      const v = p.get(k);
      if (v) q[k] = v;
    }
    return { ...q, limit: LIMIT };
  });
  /** A single heatmap cell is being shown (drill from the heatmap). */
  protected readonly cell = computed(() => {
    const q = this.query();
    return q.likelihood && q.consequence
      ? { likelihood: q.likelihood, consequence: q.consequence, kind: q.kind ?? 'residual' }
      : null;
  });
  protected readonly filtered = computed(() =>
    Object.keys(this.query()).some((k) => k !== 'limit' && k !== 'offset'),
  );

  protected readonly page = signal<RiskPageDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly offset = computed(() => Number(this.query().offset ?? 0));
  protected readonly rows = computed(() => this.page()?.items ?? []);
  private requestNo = 0;

  constructor() {
    void this.org.ensureLoaded();
    effect(() => void this.load(this.query()));
  }

  private async load(query: RiskListQuery): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await this.risks.list(query);
      if (no === this.requestNo) this.page.set(page);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  /** Changes filters (an empty value removes one) and goes back to the first page. */
  protected set(patch: Params): void {
    const next: Params = { ...this.route.snapshot.queryParams, ...patch, offset: null };
    for (const [k, v] of Object.entries(next)) if (v === '' || v === undefined) next[k] = null;
    void this.router.navigate([], { queryParams: next, queryParamsHandling: 'merge' });
  }

  protected go(offset: number): void {
    void this.router.navigate([], {
      queryParams: { offset: offset > 0 ? offset : null },
      queryParamsHandling: 'merge',
    });
  }

  protected clearFilters(): void {
    void this.router.navigate([], { queryParams: {} });
  }

  protected readonly limit = LIMIT;

  protected readonly score = scoreText;
}
