import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { Badge, type BadgeTone } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import type { IdentityRequestStatus, IdentityRequestSummary } from './identity-requests.models';
import { IdentityRequestsService } from './identity-requests.service';

export const STATUS_TONE: Readonly<Record<IdentityRequestStatus, BadgeTone>> = {
  pending: 'warning',
  approved: 'success',
  refused: 'neutral',
};

/**
 * The custodian's requests: waiting for a decision, and decided. Case references are plain text —
 * the custodian never opens the case itself.
 */
@Component({
  selector: 'varn-identity-requests-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoPipe,
    Badge,
    DateTimePipe,
    EmptyState,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <varn-page-header
      [heading]="'identityRequests.heading' | transloco"
      [lead]="'identityRequests.lead' | transloco"
    />
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <varn-problem-alert [problem]="problem()" />

    @for (group of groups; track group) {
      <section class="section" [attr.aria-labelledby]="'ir-' + group">
        <h2 [id]="'ir-' + group">{{ 'identityRequests.groups.' + group | transloco }}</h2>
        @if (lists()[group]; as rows) {
          @if (!rows.length) {
            <varn-empty-state
              icon="check_circle"
              [heading]="'identityRequests.empty.' + group + '.heading' | transloco"
              [text]="'identityRequests.empty.' + group + '.text' | transloco"
            />
          } @else {
            <div class="table-wrap">
              <!-- explicit roles keep the table semantics when narrow screens lay rows out as cards -->
              <table class="data-table cards" role="table">
                <caption class="visually-hidden">
                  {{
                    'identityRequests.groups.' + group | transloco
                  }}
                </caption>
                <thead role="rowgroup">
                  <tr role="row">
                    <th scope="col" role="columnheader">
                      {{ 'identityRequests.fields.caseReference' | transloco }}
                    </th>
                    <th scope="col" role="columnheader">
                      {{ 'identityRequests.fields.unit' | transloco }}
                    </th>
                    <th scope="col" role="columnheader">
                      {{ 'identityRequests.fields.requestedBy' | transloco }}
                    </th>
                    <th scope="col" role="columnheader">
                      {{ 'identityRequests.fields.motivation' | transloco }}
                    </th>
                    <th scope="col" role="columnheader">
                      {{ 'identityRequests.fields.createdAt' | transloco }}
                    </th>
                    <th scope="col" role="columnheader">
                      {{ 'identityRequests.fields.status' | transloco }}
                    </th>
                  </tr>
                </thead>
                <tbody role="rowgroup">
                  @for (r of rows; track r.id) {
                    <tr role="row">
                      <th
                        scope="row"
                        role="rowheader"
                        [attr.data-label]="'identityRequests.fields.caseReference' | transloco"
                      >
                        <a
                          [routerLink]="r.id"
                          [attr.aria-label]="
                            'identityRequests.open' | transloco: { reference: r.caseReference }
                          "
                        >
                          {{ r.caseReference }}
                        </a>
                      </th>
                      <td
                        role="cell"
                        [attr.data-label]="'identityRequests.fields.unit' | transloco"
                      >
                        {{ r.unitName }}
                      </td>
                      <td
                        role="cell"
                        [attr.data-label]="'identityRequests.fields.requestedBy' | transloco"
                      >
                        {{ r.requestedByName ?? '–' }}
                      </td>
                      <td
                        role="cell"
                        class="motivation"
                        [attr.data-label]="'identityRequests.fields.motivation' | transloco"
                      >
                        {{ r.motivation }}
                      </td>
                      <td
                        role="cell"
                        class="nowrap"
                        [attr.data-label]="'identityRequests.fields.createdAt' | transloco"
                      >
                        {{ r.createdAt | varnDateTime }}
                      </td>
                      <td
                        role="cell"
                        [attr.data-label]="'identityRequests.fields.status' | transloco"
                      >
                        <div>
                          <varn-badge [tone]="tone(r)">{{
                            'identityRequests.status.' + r.status | transloco
                          }}</varn-badge>
                          @if (r.decidedAt) {
                            <br /><span class="muted">{{
                              'identityRequests.decidedBy'
                                | transloco
                                  : {
                                      name: r.decidedByName ?? '–',
                                      date: (r.decidedAt | varnDateTime),
                                    }
                            }}</span>
                          }
                        </div>
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
        }
      </section>
    }
  `,
  styles: `
    h2 {
      margin-top: 0;
    }
    .motivation {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      max-width: 32em;
    }
    .nowrap {
      white-space: nowrap;
    }
    @media (max-width: 599.98px) {
      .cards {
        border: none;
        background: transparent;
      }
      .cards thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0, 0, 0, 0);
      }
      .cards tr {
        display: block;
        margin-bottom: 12px;
        border: 1px solid var(--mat-sys-outline-variant);
        border-radius: 12px;
        background: var(--mat-sys-surface);
      }
      .cards th,
      .cards td {
        display: grid;
        grid-template-columns: 8em minmax(0, 1fr);
        gap: 8px;
        border-bottom: none;
        padding: 6px 12px;
        background: transparent;
        max-width: none;
      }
      .cards td > * {
        justify-self: start;
      }
      .cards th::before,
      .cards td::before {
        content: attr(data-label);
        font-weight: 500;
        color: var(--mat-sys-on-surface-variant);
      }
    }
  `,
})
export class IdentityRequestsListPage implements OnInit {
  private readonly requests = inject(IdentityRequestsService);

  protected readonly groups = ['pending', 'decided'] as const;
  protected readonly lists = signal<
    Partial<Record<'pending' | 'decided', IdentityRequestSummary[]>>
  >({});
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const [pending, decided] = await Promise.all([
        this.requests.list('pending'),
        this.requests.list('decided'),
      ]);
      this.lists.set({
        pending: [...pending].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        decided: [...decided].sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? '')),
      });
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected tone(r: IdentityRequestSummary): BadgeTone {
    return STATUS_TONE[r.status];
  }
}
