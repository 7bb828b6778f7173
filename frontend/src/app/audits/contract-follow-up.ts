import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { AuditStart } from './audit-start';
import { auditTone, planTone, severityTone } from './audit-labels';
import type { ContractFollowUp } from './audits.models';
import { AuditsService } from './audits.service';

/**
 * The follow-up panel of a contract page: last and next audit, the ongoing audit, open findings
 * and "Starta granskning". Shown to those who may read audits.
 */
@Component({
  selector: 'varn-contract-follow-up',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    RouterLink,
    TranslocoPipe,
    AuditStart,
    Badge,
    DateTimePipe,
    ProblemAlert,
  ],
  template: `
    @if (canRead()) {
      <div class="panel" data-testid="contract-follow-up">
        <h3>{{ 'audits.panel.heading' | transloco }}</h3>
        <varn-problem-alert [problem]="problem()" />
        @if (data(); as d) {
          <dl class="facts">
            <dt>{{ 'audits.panel.next' | transloco }}</dt>
            <dd>
              @if (d.nextDue; as n) {
                {{ n.dueDate }}
                <varn-badge [tone]="planTone(n.status)">{{
                  'audits.planStatus.' + n.status | transloco
                }}</varn-badge>
                <div class="muted">{{ 'audits.reasons.' + n.reason | transloco }}</div>
              } @else {
                {{ 'audits.panel.noNext' | transloco }}
              }
            </dd>
            <dt>{{ 'audits.panel.last' | transloco }}</dt>
            <dd>
              @if (d.lastAudit; as l) {
                <a [routerLink]="['/uppfoljning/granskningar', l.id]">{{
                  l.completedOn ?? (l.startedAt | varnDateTime: 'date')
                }}</a>
                <varn-badge [tone]="auditTone(l.status)">{{
                  'audits.statuses.' + l.status | transloco
                }}</varn-badge>
              } @else {
                {{ 'audits.panel.noLast' | transloco }}
              }
            </dd>
            @if (d.ongoingAudit; as o) {
              <dt>{{ 'audits.panel.ongoing' | transloco }}</dt>
              <dd>
                <a [routerLink]="['/uppfoljning/granskningar', o.id]">{{
                  'audits.run.progress' | transloco: { answered: o.answered, total: o.total }
                }}</a>
              </dd>
            }
            <dt>{{ 'audits.panel.openFindings' | transloco }}</dt>
            <dd>
              @if (d.openFindings.length) {
                <ul class="findings">
                  @for (f of d.openFindings; track f.id) {
                    <li>
                      <varn-badge [tone]="severityTone(f.severity)">{{
                        'audits.severities.' + f.severity | transloco
                      }}</varn-badge>
                      <a [routerLink]="['/uppfoljning/granskningar', f.auditId]">
                        {{ f.itemId }} – {{ f.itemText }}
                      </a>
                    </li>
                  }
                </ul>
              } @else {
                {{ 'audits.panel.noFindings' | transloco }}
              }
            </dd>
          </dl>
          @if (canStart() && !d.ongoingAudit) {
            @if (starting()) {
              <varn-audit-start
                [contractId]="contractId()"
                [contractTitle]="contractTitle()"
                [kind]="d.nextDue?.status === 'planned' ? 'adhoc' : 'planerad'"
                (cancelled)="starting.set(false)"
              />
            } @else {
              <button mat-stroked-button type="button" (click)="starting.set(true)">
                {{ 'audits.start.button' | transloco }}
              </button>
            }
          }
        }
      </div>
    }
  `,
  styles: `
    .panel {
      margin-top: 12px;
      border-top: 1px solid var(--mat-sys-outline-variant);
      padding-top: 8px;
    }
    h3 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    dl.facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0 0 8px;
    }
    dl.facts dt {
      font-weight: 600;
    }
    dl.facts dd {
      margin: 0;
    }
    .findings {
      margin: 0;
      padding-left: 18px;
    }
  `,
})
export class ContractFollowUpPanel {
  private readonly audits = inject(AuditsService);
  private readonly session = inject(SessionService);
  readonly contractId = input.required<string>();
  readonly contractTitle = input('');

  protected readonly canRead = computed(() => this.session.can('read', 'ContractAudit'));
  protected readonly canStart = computed(() => this.session.can('create', 'ContractAudit'));
  protected readonly data = signal<ContractFollowUp | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly starting = signal(false);

  constructor() {
    effect(() => {
      const id = this.contractId();
      if (this.canRead()) void this.load(id);
    });
  }

  private async load(id: string): Promise<void> {
    this.problem.set(null);
    try {
      this.data.set(await this.audits.followUp(id));
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected readonly planTone = planTone;
  protected readonly auditTone = auditTone;
  protected readonly severityTone = severityTone;
}
