import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { RiskPeoplePicker } from '../risks/risk-people-picker';
import { RiskScorePicker } from '../risks/risk-score-picker';
import type { RiskMatrixDto } from '../risks/risks.service';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { actionTone, findingTone, severityTone } from './audit-labels';
import {
  FINDING_DECISIONS,
  TEXT_MAX,
  type CorrectiveActionDto,
  type FindingDecision,
  type FindingDto,
} from './audits.models';
import { AuditsService } from './audits.service';
import { DateField } from './date-field';

/**
 * One finding (avvikelse): what was found, its corrective actions (owner, due date, decision and
 * decision-maker, the supplier's response), the owner's "åtgärdad", the controller's verification
 * (the finding closes when every action is verified) and "Koppla till risk".
 */
@Component({
  selector: 'varn-finding-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    Badge,
    DateField,
    DateTimePipe,
    ProblemAlert,
    RiskPeoplePicker,
    RiskScorePicker,
  ],
  template: `
    @let f = finding();
    <article class="finding" [attr.aria-labelledby]="'finding-' + f.id" [attr.data-finding]="f.id">
      <h3 class="finding-title" [id]="'finding-' + f.id" tabindex="-1">
        {{ 'audits.findings.title' | transloco: { item: f.itemId, text: f.itemText } }}
      </h3>
      <p class="chips">
        <varn-badge [tone]="severity(f.severity)">{{
          'audits.severities.' + f.severity | transloco
        }}</varn-badge>
        <varn-badge [tone]="status(f.status)" data-testid="finding-status">{{
          'audits.findingStatuses.' + f.status | transloco
        }}</varn-badge>
        @if (showContract()) {
          <a [routerLink]="['/avtal', f.contractId]">{{ f.contractTitle }}</a>
          <a [routerLink]="['/uppfoljning/granskningar', f.auditId]">{{
            'audits.findings.openAudit' | transloco
          }}</a>
        }
      </p>
      <p class="pre">{{ f.description }}</p>
      @if (f.evidence) {
        <p class="pre">
          <strong>{{ 'audits.findings.evidence' | transloco }}:</strong> {{ f.evidence }}
        </p>
      }
      <p class="muted">
        {{
          'audits.findings.createdBy'
            | transloco: { name: f.createdBy.name, time: (f.createdAt | varnDateTime) }
        }}
        @if (f.closedAt) {
          · {{ 'audits.findings.closedAt' | transloco: { time: (f.closedAt | varnDateTime) } }}
        }
      </p>
      @if (f.riskId) {
        <p>
          <a [routerLink]="['/risker', f.riskId]">{{ 'audits.risk.linked' | transloco }}</a>
        </p>
      }

      <h4>{{ 'audits.actions.heading' | transloco }}</h4>
      @if (!actions().length) {
        <p class="muted">{{ 'audits.actions.none' | transloco }}</p>
      } @else {
        <ul class="actions">
          @for (a of actions(); track a.id) {
            <li class="action" [attr.data-action]="a.id">
              <div class="action-head">
                <strong>{{ a.title }}</strong>
                <varn-badge [tone]="aTone(a)">{{
                  'audits.actionStatuses.' + a.status | transloco
                }}</varn-badge>
                @if (a.overdue && a.status !== 'verifierad') {
                  <varn-badge tone="danger">{{ 'audits.actions.overdue' | transloco }}</varn-badge>
                }
              </div>
              <dl class="facts">
                <dt>{{ 'audits.actions.owner' | transloco }}</dt>
                <dd>{{ a.ownerName }}</dd>
                <dt>{{ 'audits.actions.dueDate' | transloco }}</dt>
                <dd>{{ a.dueDate }}</dd>
                @if (a.decision) {
                  <dt>{{ 'audits.actions.decision' | transloco }}</dt>
                  <dd>
                    {{ 'audits.decisions.' + a.decision | transloco }}
                    @if (a.decisionBy) {
                      – {{ a.decisionBy }}
                    }
                    @if (a.decidedOn) {
                      ({{ a.decidedOn }})
                    }
                  </dd>
                }
                @if (a.supplierResponse) {
                  <dt>{{ 'audits.actions.supplierResponse' | transloco }}</dt>
                  <dd class="pre">{{ a.supplierResponse }}</dd>
                }
                @if (a.verifiedBy) {
                  <dt>{{ 'audits.actions.verifiedBy' | transloco }}</dt>
                  <dd>{{ a.verifiedBy.name }}, {{ a.verifiedAt | varnDateTime }}</dd>
                }
              </dl>
              @if (a.status === 'oppen' && canUpdate(a)) {
                <div class="form-row">
                  <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
                    <mat-label>{{ 'audits.actions.supplierResponse' | transloco }}</mat-label>
                    <textarea
                      matInput
                      rows="2"
                      [maxLength]="textMax"
                      [value]="response()[a.id] ?? a.supplierResponse ?? ''"
                      (input)="setResponse(a.id, $any($event.target).value)"
                    ></textarea>
                  </mat-form-field>
                  <button
                    mat-stroked-button
                    type="button"
                    [disabled]="busy()"
                    (click)="markDone(a)"
                  >
                    {{ 'audits.actions.markDone' | transloco }}
                  </button>
                </div>
              }
              @if (a.status === 'atgardad' && isOwner(a) && canVerify()) {
                <p class="muted">{{ 'audits.actions.verifyByOther' | transloco }}</p>
              }
              @if (a.status === 'atgardad' && (canVerify() || canManage(a))) {
                <div class="form-row">
                  @if (canVerify() && !isOwner(a)) {
                    <button mat-flat-button type="button" [disabled]="busy()" (click)="verify(a)">
                      {{ 'audits.actions.verify' | transloco }}
                    </button>
                  }
                  @if (canManage(a)) {
                    <button mat-button type="button" [disabled]="busy()" (click)="reopen(a)">
                      {{ 'audits.actions.reopen' | transloco }}
                    </button>
                  }
                </div>
              }
            </li>
          }
        </ul>
      }
      <varn-problem-alert [problem]="problem()" />

      @if (f.status === 'oppen' && (canAddAction() || canLinkRisk())) {
        <div class="buttons">
          @if (canAddAction()) {
            <button
              mat-stroked-button
              type="button"
              [attr.aria-expanded]="adding()"
              (click)="adding.set(!adding())"
            >
              {{ 'audits.actions.add' | transloco }}
            </button>
          }
          @if (canLinkRisk()) {
            <button
              mat-stroked-button
              type="button"
              [attr.aria-expanded]="linking()"
              (click)="toggleRisk()"
            >
              {{ (f.riskId ? 'audits.risk.update' : 'audits.risk.link') | transloco }}
            </button>
          }
        </div>
      }

      @if (adding()) {
        <form class="sub-form" (submit)="$event.preventDefault(); addAction()">
          <h4>{{ 'audits.actions.add' | transloco }}</h4>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
            <mat-label>{{ 'audits.actions.title' | transloco }}</mat-label>
            <input
              matInput
              required
              maxlength="200"
              [value]="title()"
              (input)="title.set($any($event.target).value)"
            />
          </mat-form-field>
          <varn-risk-people-picker
            [label]="'audits.actions.owner' | transloco"
            [(value)]="ownerId"
            testId="action-owner"
          />
          <div class="form-row">
            <varn-date-field
              [label]="'audits.actions.dueDate' | transloco"
              [value]="dueDate() || null"
              [required]="true"
              testId="action-due"
              (valueChange)="dueDate.set($event ?? '')"
            />
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'audits.actions.decision' | transloco }}</mat-label>
              <mat-select [value]="decision()" (selectionChange)="decision.set($event.value)">
                <mat-option value="">{{ 'audits.actions.noDecision' | transloco }}</mat-option>
                @for (d of decisions; track d) {
                  <mat-option [value]="d">{{ 'audits.decisions.' + d | transloco }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
          </div>
          @if (decision()) {
            <div class="form-row">
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
                <mat-label>{{ 'audits.actions.decisionBy' | transloco }}</mat-label>
                <input
                  matInput
                  required
                  maxlength="200"
                  [value]="decisionBy()"
                  (input)="decisionBy.set($any($event.target).value)"
                />
                <mat-hint>{{ 'audits.actions.decisionByHint' | transloco }}</mat-hint>
              </mat-form-field>
              <varn-date-field
                [label]="'audits.actions.decidedOn' | transloco"
                [value]="decidedOn() || null"
                (valueChange)="decidedOn.set($event ?? '')"
              />
            </div>
          }
          @if (!actionReady()) {
            <p class="muted">{{ 'audits.actions.required' | transloco }}</p>
          }
          <varn-problem-alert [problem]="formProblem()" />
          <div class="buttons">
            <button mat-flat-button type="submit" [disabled]="busy() || !actionReady()">
              {{ 'audits.actions.save' | transloco }}
            </button>
            <button mat-button type="button" (click)="adding.set(false)">
              {{ 'audits.cancel' | transloco }}
            </button>
          </div>
        </form>
      }

      @if (linking()) {
        <form class="sub-form" (submit)="$event.preventDefault(); linkRisk()">
          <h4>{{ 'audits.risk.heading' | transloco }}</h4>
          <p class="muted">{{ 'audits.risk.lead' | transloco }}</p>
          @if (matrix(); as m) {
            <varn-risk-score-picker
              [matrix]="m"
              [(likelihood)]="likelihood"
              [(consequence)]="consequence"
              [legend]="'audits.risk.legend' | transloco"
              testId="finding-risk"
            />
          }
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
            <mat-label>{{ 'audits.risk.description' | transloco }}</mat-label>
            <textarea
              matInput
              rows="2"
              [maxLength]="textMax"
              [value]="riskText()"
              (input)="riskText.set($any($event.target).value)"
            ></textarea>
          </mat-form-field>
          <varn-problem-alert [problem]="formProblem()" />
          <div class="buttons">
            <button
              mat-flat-button
              type="submit"
              [disabled]="busy() || !likelihood() || !consequence()"
            >
              {{ 'audits.risk.save' | transloco }}
            </button>
            <button mat-button type="button" (click)="linking.set(false)">
              {{ 'audits.cancel' | transloco }}
            </button>
          </div>
        </form>
      }
    </article>
  `,
  styles: `
    .finding {
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      margin-bottom: 12px;
      background: var(--mat-sys-surface);
    }
    .finding-title {
      scroll-margin-top: 96px;
      font: var(--mat-sys-title-small);
      margin: 0 0 4px;
    }
    h4 {
      margin: 12px 0 4px;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .pre {
      white-space: pre-wrap;
    }
    .actions {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 8px;
    }
    .action {
      border-left: 3px solid var(--mat-sys-outline-variant);
      padding-left: 12px;
    }
    .action-head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    dl.facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 2px 12px;
      margin: 4px 0;
    }
    dl.facts dt {
      font-weight: 600;
    }
    dl.facts dd {
      margin: 0;
    }
    .form-row,
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      margin-top: 8px;
    }
    .grow {
      flex: 1 1 280px;
      width: 100%;
    }
    .sub-form {
      display: grid;
      gap: 8px;
      margin-top: 12px;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
    }
  `,
})
export class FindingCard {
  private readonly audits = inject(AuditsService);
  private readonly session = inject(SessionService);
  private readonly notifier = inject(Notifier);

  readonly finding = input.required<FindingDto>();
  /** On the findings list: link to the contract and the audit. */
  readonly showContract = input(false);
  readonly changed = output<FindingDto>();

  protected readonly decisions = FINDING_DECISIONS;
  protected readonly textMax = TEXT_MAX;
  protected readonly actions = computed(() => this.finding().actions ?? []);
  /** The server says what the caller may do; the abilities decide when it does not. */
  private readonly fallback = computed(() => this.session.can('update', 'AuditFinding'));
  protected readonly canAddAction = computed(
    () => this.finding().permissions?.canAddAction ?? this.fallback(),
  );
  protected readonly canVerify = computed(
    () => this.finding().permissions?.canVerify ?? this.fallback(),
  );
  protected readonly canLinkRisk = computed(
    () => this.finding().permissions?.canLinkRisk ?? this.fallback(),
  );
  protected canUpdate(a: CorrectiveActionDto): boolean {
    return a.canUpdate ?? (this.isOwner(a) || this.fallback());
  }
  protected canManage(a: CorrectiveActionDto): boolean {
    return a.canManage ?? this.fallback();
  }
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly formProblem = signal<Problem | null>(null);
  protected readonly response = signal<Partial<Record<string, string>>>({});

  // new action
  protected readonly adding = signal(false);
  protected readonly title = signal('');
  protected readonly ownerId = signal<string | null>(null);
  protected readonly dueDate = signal('');
  protected readonly decision = signal<FindingDecision | ''>('');
  protected readonly decisionBy = signal('');
  protected readonly decidedOn = signal('');

  // risk
  protected readonly linking = signal(false);
  protected readonly matrix = signal<RiskMatrixDto | null>(null);
  protected readonly likelihood = signal<number | null>(null);
  protected readonly consequence = signal<number | null>(null);
  protected readonly riskText = signal('');

  protected isOwner(a: CorrectiveActionDto): boolean {
    return a.ownerId === this.session.user()?.id;
  }

  protected setResponse(id: string, value: string): void {
    this.response.update((r) => ({ ...r, [id]: value }));
  }

  private async run(work: () => Promise<void>, problem = this.problem): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    problem.set(null);
    try {
      await work();
      return true;
    } catch (error) {
      problem.set(toProblem(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  /** Reloads the finding (with its actions) and tells the page. */
  private async refresh(): Promise<void> {
    this.changed.emit(await this.audits.finding(this.finding().id));
  }

  protected async markDone(a: CorrectiveActionDto): Promise<void> {
    const supplierResponse = (this.response()[a.id] ?? a.supplierResponse ?? '').trim();
    await this.run(async () => {
      await this.audits.updateAction(a.id, {
        status: 'atgardad',
        ...(supplierResponse ? { supplierResponse } : {}),
        version: a.version,
      });
      await this.refresh();
      this.notifier.success('audits.actions.doneSaved');
    });
  }

  protected async reopen(a: CorrectiveActionDto): Promise<void> {
    await this.run(async () => {
      await this.audits.updateAction(a.id, { status: 'oppen', version: a.version });
      await this.refresh();
    });
  }

  protected async verify(a: CorrectiveActionDto): Promise<void> {
    await this.run(async () => {
      const finding = await this.audits.verify(this.finding().id, a.id);
      this.changed.emit(finding);
      this.notifier.success(
        finding.status === 'stangd' ? 'audits.actions.verifiedClosed' : 'audits.actions.verified',
      );
    });
  }

  protected readonly actionReady = computed(
    () =>
      !!this.title().trim() &&
      !!this.ownerId() &&
      !!this.dueDate() &&
      (!this.decision() || !!this.decisionBy().trim()),
  );

  protected async addAction(): Promise<void> {
    const ownerId = this.ownerId();
    const decision = this.decision();
    if (!this.actionReady() || !ownerId) return;
    const ok = await this.run(async () => {
      await this.audits.addAction(this.finding().id, {
        title: this.title().trim(),
        ownerId,
        dueDate: this.dueDate(),
        ...(decision
          ? {
              decision,
              decisionBy: this.decisionBy().trim(),
              ...(this.decidedOn() ? { decidedOn: this.decidedOn() } : {}),
            }
          : {}),
      });
      await this.refresh();
    }, this.formProblem);
    if (ok) {
      this.adding.set(false);
      this.title.set('');
      this.decision.set('');
      this.decisionBy.set('');
      this.decidedOn.set('');
      this.notifier.success('audits.actions.added');
    }
  }

  protected async toggleRisk(): Promise<void> {
    this.linking.set(!this.linking());
    if (this.linking() && !this.matrix()) {
      try {
        this.matrix.set(await this.audits.riskMatrix());
      } catch (error) {
        this.formProblem.set(toProblem(error));
      }
    }
  }

  protected async linkRisk(): Promise<void> {
    const likelihood = this.likelihood();
    const consequence = this.consequence();
    if (!likelihood || !consequence) return;
    const description = this.riskText().trim();
    const ok = await this.run(async () => {
      await this.audits.linkRisk(this.finding().id, {
        likelihood,
        consequence,
        ...(description ? { description } : {}),
      });
      await this.refresh();
    }, this.formProblem);
    if (ok) {
      this.linking.set(false);
      this.notifier.success('audits.risk.saved');
    }
  }

  protected readonly severity = severityTone;
  protected readonly status = findingTone;
  protected aTone(a: CorrectiveActionDto): ReturnType<typeof actionTone> {
    return actionTone(a.status);
  }
}
