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
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink, type Params } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import type { FindingDto, FindingQuery } from './audits.models';
import { AuditsService } from './audits.service';
import { FindingCard } from './finding-card';
import { MyAuditActions } from './my-actions';

/** `/uppfoljning/avvikelser`: findings (open, closed, all) and "Mina åtgärder" for action owners. */
@Component({
  selector: 'varn-findings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoPipe,
    EmptyState,
    FindingCard,
    MyAuditActions,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <varn-page-header
      [heading]="'audits.findings.pageHeading' | transloco"
      [lead]="'audits.findings.pageLead' | transloco"
    >
      @if (canPlan()) {
        <a mat-stroked-button routerLink="/uppfoljning">{{ 'audits.backToPlan' | transloco }}</a>
      }
    </varn-page-header>
    @if (canReadFindings()) {
      <div class="bar" role="group" [attr.aria-label]="'audits.findings.filter' | transloco">
        @for (f of filters; track f) {
          <button
            mat-stroked-button
            type="button"
            [attr.aria-pressed]="filter() === f"
            (click)="setFilter(f)"
          >
            {{ 'audits.findings.filters.' + f | transloco }}
          </button>
        }
      </div>
    }
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <varn-problem-alert [problem]="problem()" />
    @if (filter() === 'mina') {
      <varn-my-audit-actions />
    } @else if (items(); as list) {
      <p role="status">{{ 'audits.findings.count' | transloco: { count: list.length } }}</p>
      @if (!list.length) {
        <varn-empty-state
          icon="check_circle"
          [heading]="'audits.findings.emptyHeading' | transloco"
          [text]="'audits.findings.emptyText' | transloco"
        />
      }
      @for (f of list; track f.id) {
        <varn-finding-card [finding]="f" [showContract]="true" (changed)="replace($event)" />
      }
    }
  `,
  styles: `
    button[aria-pressed='true'] {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font-weight: 600;
    }
    button[aria-pressed='true']::before {
      content: '✓';
      margin-right: 6px;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 12px;
    }
  `,
})
export class FindingsPage {
  private readonly audits = inject(AuditsService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);

  protected readonly filters = ['oppen', 'stangd', 'alla', 'mina'] as const;
  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly filter = computed(() => {
    const v = this.params().get('visa');
    if (!this.canReadFindings()) return 'mina';
    return (this.filters as readonly string[]).includes(v ?? '')
      ? (v as (typeof this.filters)[number])
      : 'oppen';
  });
  protected readonly canPlan = computed(() => this.session.can('read', 'ContractAudit'));
  /** Action owners who do not audit see only their own actions. */
  protected readonly canReadFindings = computed(() => this.session.can('read', 'AuditFinding'));
  protected readonly items = signal<FindingDto[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  private requestNo = 0;

  constructor() {
    effect(() => void this.load(this.filter()));
  }

  private async load(filter: (typeof this.filters)[number]): Promise<void> {
    const no = ++this.requestNo;
    if (filter === 'mina') return;
    const query: FindingQuery = filter === 'alla' ? {} : { status: filter };
    this.loading.set(true);
    this.problem.set(null);
    try {
      const { items } = await this.audits.findings(query);
      if (no === this.requestNo) this.items.set(items);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  protected setFilter(f: string): void {
    const queryParams: Params = { visa: f === 'oppen' ? null : f };
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge' });
  }

  protected replace(f: FindingDto): void {
    this.items.update((list) => list?.map((x) => (x.id === f.id ? f : x)) ?? null);
  }
}
