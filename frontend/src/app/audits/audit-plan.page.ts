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
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink, type Params } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { OrgService } from '../admin/org/org.service';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { DATE_LOCALES } from '../core/i18n/date-adapter';
import { isLang } from '../core/i18n/languages';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { AuditCalendar } from './audit-calendar';
import { addMonths, monthKey, monthRange, parseMonth, todayIso } from './audit-dates';
import { auditTone, planTone, progressPercent } from './audit-labels';
import { AuditStart } from './audit-start';
import type { AuditPlan, AuditPlanItem, AuditSummary } from './audits.models';
import { AuditsService } from './audits.service';

/**
 * `/uppfoljning`: the audit plan of the reader's scope for a month (overdue audits always
 * included) as a list or a month calendar, "Starta granskning" (planned or ad hoc), and the
 * ongoing and recent audits.
 */
@Component({
  selector: 'varn-audit-plan-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    AuditCalendar,
    AuditStart,
    Badge,
    DateTimePipe,
    EmptyState,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './audit-plan.page.html',
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
    .subnav {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: -4px 0 16px;
    }
    .nowrap {
      white-space: nowrap;
    }
    .unit {
      min-width: 280px;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      margin-bottom: 12px;
    }
    .month {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .month button {
      white-space: nowrap;
    }
    .month-name {
      white-space: nowrap;
      font: var(--mat-sys-title-medium);
      min-width: 10ch;
      text-align: center;
      margin: 0;
    }
    .views {
      display: flex;
      gap: 4px;
    }
    table.plain {
      width: 100%;
      border-collapse: collapse;
    }
    table.plain th,
    table.plain td {
      text-align: left;
      vertical-align: top;
      padding: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .progress {
      min-width: 120px;
    }
    @media (max-width: 700px) {
      table.plain thead {
        display: none;
      }
      table.plain,
      table.plain tbody,
      table.plain tr,
      table.plain td {
        display: block;
      }
      table.plain tr {
        padding: 8px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      table.plain td {
        border: 0;
        padding: 2px 0;
      }
      table.plain td[data-label]::before {
        content: attr(data-label) ': ';
        font-weight: 600;
      }
      table.plain td:first-child::before {
        content: none;
      }
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 0 0 12px;
    }
  `,
})
export class AuditPlanPage {
  private readonly audits = inject(AuditsService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18n);
  protected readonly org = inject(OrgService);

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly today = todayIso();
  protected readonly month = computed(() => {
    const parsed = parseMonth(this.params().get('manad'));
    if (parsed) return parsed;
    const [y, m] = this.today.split('-').map(Number);
    return { year: y, month: m };
  });
  protected readonly view = computed(() =>
    this.params().get('vy') === 'kalender' ? 'calendar' : 'list',
  );
  protected readonly unitId = computed(() => this.params().get('unitId') ?? '');
  protected readonly monthName = computed(() => {
    const lang = this.i18n.lang();
    const { year, month } = this.month();
    return new Intl.DateTimeFormat(DATE_LOCALES[isLang(lang) ? lang : 'sv'], {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, month - 1, 1)));
  });

  protected readonly canStart = computed(() => this.session.can('create', 'ContractAudit'));
  protected readonly canChecklists = computed(() => this.session.can('read', 'ChecklistTemplate'));

  protected readonly plan = signal<AuditPlan | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly recent = signal<AuditSummary[] | null>(null);
  protected readonly recentProblem = signal<Problem | null>(null);
  /** The start form: a planned audit of a contract, or an ad-hoc one (contract chosen there). */
  protected readonly starting = signal<{ contractId: string | null; title: string } | null>(null);

  protected readonly rows = computed(() => this.plan()?.items ?? []);
  protected readonly overdue = computed(() => this.rows().filter((r) => r.status === 'overdue'));
  protected readonly counts = computed(() => {
    const rows = this.rows();
    return {
      overdue: rows.filter((r) => r.status === 'overdue').length,
      dueSoon: rows.filter((r) => r.status === 'due_soon').length,
      planned: rows.filter((r) => r.status === 'planned').length,
    };
  });
  private requestNo = 0;

  constructor() {
    void this.org.ensureLoaded();
    effect(() => void this.load(this.month(), this.unitId()));
    void this.loadRecent();
  }

  private async load(m: { year: number; month: number }, unitId: string): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const plan = await this.audits.plan({ ...monthRange(m.year, m.month), unitId });
      if (no === this.requestNo) this.plan.set(plan);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  private async loadRecent(): Promise<void> {
    try {
      this.recent.set((await this.audits.list({})).items);
    } catch (error) {
      this.recentProblem.set(toProblem(error));
    }
  }

  protected set(patch: Params): void {
    const next: Params = { ...patch };
    for (const [k, v] of Object.entries(next)) if (v === '' || v === undefined) next[k] = null;
    void this.router.navigate([], { queryParams: next, queryParamsHandling: 'merge' });
  }

  protected moveMonth(delta: number): void {
    const { year, month } = this.month();
    const next = addMonths(year, month, delta);
    this.set({ manad: monthKey(next.year, next.month) });
  }

  protected thisMonth(): void {
    this.set({ manad: '' });
  }

  protected startFor(p: AuditPlanItem): void {
    this.starting.set({ contractId: p.contractId, title: p.contractTitle });
  }

  protected startAdhoc(): void {
    this.starting.set({ contractId: null, title: '' });
  }

  protected readonly planTone = planTone;
  protected readonly auditTone = auditTone;
  protected readonly percent = progressPercent;
}
