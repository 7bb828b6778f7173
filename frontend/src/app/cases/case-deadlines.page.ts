import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import type { DeadlineItem, TimerKind } from './cases.models';
import { CasesService } from './cases.service';
import { DeadlineBadge } from './deadline-badge';
import { nextDeadlineView, type DeadlineView } from './deadline-view';

export interface DeadlineGroup {
  state: DeadlineItem['state'];
  kind: TimerKind;
  items: DeadlineItem[];
}

const STATES: readonly DeadlineItem['state'][] = ['overdue', 'due_soon'];
const KINDS: readonly TimerKind[] = ['acknowledgement', 'feedback'];

/** Overdue first, then due soon; acknowledgements before feedback; earliest date first. */
export function groupDeadlines(items: readonly DeadlineItem[]): DeadlineGroup[] {
  return STATES.flatMap((state) =>
    KINDS.map((kind) => ({
      state,
      kind,
      items: items
        .filter((i) => i.state === state && i.kind === kind)
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reference.localeCompare(b.reference)),
    })),
  );
}

/** The deadline board: legal acknowledgements and feedback that are overdue or due soon. */
@Component({
  selector: 'varn-case-deadlines-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    DeadlineBadge,
    EmptyState,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <a mat-button routerLink="/arenden" class="back">
      <mat-icon svgIcon="arrow_back" />
      {{ 'cases.backToInbox' | transloco }}
    </a>
    <varn-page-header
      [heading]="'cases.deadlines.heading' | transloco"
      [lead]="'cases.deadlines.lead' | transloco"
    >
      <button mat-stroked-button type="button" [disabled]="loading()" (click)="load()">
        <mat-icon svgIcon="refresh" />
        {{ 'cases.deadlines.refresh' | transloco }}
      </button>
    </varn-page-header>

    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <varn-problem-alert [problem]="problem()" />

    @if (items(); as items) {
      <p class="muted" role="status">
        {{ 'cases.deadlines.summary' | transloco: { overdue: overdueCount(), soon: soonCount() } }}
      </p>
      @if (!items.length) {
        <varn-empty-state
          icon="check_circle"
          [heading]="'cases.deadlines.emptyHeading' | transloco"
          [text]="'cases.deadlines.emptyText' | transloco"
        />
      }
      @for (g of groups(); track g.state + g.kind) {
        @if (g.items.length) {
          <section class="section" [attr.aria-labelledby]="'dl-' + g.state + '-' + g.kind">
            <h2 [id]="'dl-' + g.state + '-' + g.kind">
              {{ 'cases.deadlines.groups.' + g.state + '.' + g.kind | transloco }}
              ({{ g.items.length }})
            </h2>
            <ul class="deadline-list">
              @for (i of g.items; track i.id + i.kind) {
                <li>
                  <a class="reference" [routerLink]="['/arenden', i.id]">{{ i.reference }}</a>
                  <varn-deadline-badge [view]="view(i)" />
                  <span class="muted">
                    @if (i.assigneeName) {
                      {{ 'cases.deadlines.assignee' | transloco: { name: i.assigneeName } }}
                    } @else {
                      {{ 'cases.unassigned' | transloco }}
                    }
                  </span>
                </li>
              }
            </ul>
          </section>
        }
      }
    }
  `,
  styles: `
    h2 {
      margin-top: 0;
      font: var(--mat-sys-title-medium);
    }
    .deadline-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .deadline-list li {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .deadline-list li:last-child {
      border-bottom: none;
    }
    .reference {
      font-weight: 500;
      min-width: 9em;
    }
  `,
})
export class CaseDeadlinesPage implements OnInit {
  private readonly cases = inject(CasesService);

  protected readonly items = signal<DeadlineItem[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly groups = computed(() => groupDeadlines(this.items() ?? []));
  protected readonly overdueCount = computed(
    () => (this.items() ?? []).filter((i) => i.state === 'overdue').length,
  );
  protected readonly soonCount = computed(
    () => (this.items() ?? []).filter((i) => i.state === 'due_soon').length,
  );

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      this.items.set((await this.cases.deadlines()).items);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected view(item: DeadlineItem): DeadlineView {
    return nextDeadlineView({ nextDueOn: item.dueOn, deadlineState: item.state });
  }
}
