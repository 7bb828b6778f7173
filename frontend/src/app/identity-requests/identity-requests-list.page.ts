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
              <table class="data-table">
                <caption class="visually-hidden">
                  {{
                    'identityRequests.groups.' + group | transloco
                  }}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{{ 'identityRequests.fields.caseReference' | transloco }}</th>
                    <th scope="col">{{ 'identityRequests.fields.unit' | transloco }}</th>
                    <th scope="col">{{ 'identityRequests.fields.requestedBy' | transloco }}</th>
                    <th scope="col">{{ 'identityRequests.fields.motivation' | transloco }}</th>
                    <th scope="col">{{ 'identityRequests.fields.createdAt' | transloco }}</th>
                    <th scope="col">{{ 'identityRequests.fields.status' | transloco }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (r of rows; track r.id) {
                    <tr>
                      <th scope="row">
                        <a
                          [routerLink]="r.id"
                          [attr.aria-label]="
                            'identityRequests.open' | transloco: { reference: r.caseReference }
                          "
                        >
                          {{ r.caseReference }}
                        </a>
                      </th>
                      <td>{{ r.unitName }}</td>
                      <td>{{ r.requestedByName ?? '–' }}</td>
                      <td class="motivation">{{ r.motivation }}</td>
                      <td class="nowrap">{{ r.createdAt | varnDateTime }}</td>
                      <td>
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
