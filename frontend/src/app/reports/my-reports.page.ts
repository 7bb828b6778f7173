import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { EmptyState } from '../shared/ui/empty-state';
import { LabelPipe } from '../shared/ui/label.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { formatDay } from './report-dates';
import { statusTone } from './report-view';
import type { MyReportSummary } from './report.models';
import { ReportsService } from './reports.service';

/** `/mina-rapporter`: the signed-in person's own reports, newest first. */
@Component({
  selector: 'varn-my-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    Badge,
    DateTimePipe,
    EmptyState,
    LabelPipe,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <varn-page-header
      [heading]="'myReports.heading' | transloco"
      [lead]="'myReports.lead' | transloco"
    >
      <a mat-flat-button routerLink="/rapportera">{{ 'myReports.newReport' | transloco }}</a>
    </varn-page-header>
    <div aria-live="polite">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
    </div>
    <varn-problem-alert [problem]="problem()" />
    @if (items(); as list) {
      @if (list.length) {
        <ul class="report-list">
          @for (r of rows(); track r.id) {
            <li class="section">
              <h2>
                <a [routerLink]="['/mina-rapporter', r.id]">
                  {{ r.category | varnLabel: 'taxonomy.categories' }}
                </a>
              </h2>
              <p class="line">
                <varn-badge [tone]="r.tone">{{
                  r.status | varnLabel: 'taxonomy.statuses'
                }}</varn-badge>
                @if (r.unreadMessages > 0) {
                  <varn-badge tone="warning">
                    {{
                      (r.unreadMessages === 1 ? 'myReports.unreadOne' : 'myReports.unread')
                        | transloco: { n: r.unreadMessages }
                    }}
                  </varn-badge>
                }
              </p>
              <dl class="facts">
                <dt>{{ 'myReports.reference' | transloco }}</dt>
                <dd>{{ r.reference }}</dd>
                <dt>{{ 'myReports.received' | transloco }}</dt>
                <dd>{{ r.receivedAt | varnDateTime: 'date' }}</dd>
                <dt>{{ 'myReports.track' | transloco }}</dt>
                <dd>{{ r.track | varnLabel: 'taxonomy.tracks' }}</dd>
                @if (r.deadline; as d) {
                  <dt>{{ 'myReports.nextDeadline' | transloco }}</dt>
                  <dd>{{ d }}</dd>
                }
              </dl>
            </li>
          }
        </ul>
      } @else {
        <varn-empty-state
          icon="info"
          [heading]="'myReports.emptyHeading' | transloco"
          [text]="'myReports.emptyText' | transloco"
        >
          <a mat-stroked-button routerLink="/rapportera">{{ 'myReports.newReport' | transloco }}</a>
        </varn-empty-state>
      }
    }
  `,
  styles: `
    .report-list {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .report-list li {
      margin-block: 0 12px;
      padding: 16px 20px;
    }
    .report-list h2 {
      font: var(--mat-sys-title-medium);
      margin-bottom: 8px;
    }
    .report-list dl.facts {
      gap: 4px 24px;
    }
    .line {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class MyReportsPage {
  private readonly reports = inject(ReportsService);
  private readonly i18n = inject(I18n);

  protected readonly items = signal<MyReportSummary[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.items() ?? []).map((r) => ({
      ...r,
      tone: statusTone(r.status),
      deadline: this.deadline(r, lang),
    }));
  });

  constructor() {
    void this.load();
  }

  private deadline(r: MyReportSummary, lang: string): string | null {
    if (r.status === 'avslutad' || r.status === 'gallrad') return null;
    if (r.acknowledgementDueAt && r.status === 'registrerad') {
      return this.i18n.t('myReports.ackBy', { date: formatDay(r.acknowledgementDueAt, lang) });
    }
    if (r.feedbackDueAt && r.status !== 'aterkoppling_lamnad') {
      return this.i18n.t('myReports.feedbackBy', { date: formatDay(r.feedbackDueAt, lang) });
    }
    return null;
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      this.items.set((await this.reports.mine()).items);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }
}
