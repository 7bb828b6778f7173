import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
  effect,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { severityTone } from '../audits/audit-labels';
import type { FindingSeverity } from '../audits/audits.models';
import { RiskBand } from './risk-band';
import { RISK_ACTION_STATUSES, RISK_TREATMENTS, scoreText, todayIso } from './risk-labels';
import { RiskPeoplePicker } from './risk-people-picker';
import { RiskScorePicker } from './risk-score-picker';
import {
  RisksService,
  type RiskActionDto,
  type RiskAssessmentDto,
  type RiskDetailDto,
} from './risks.service';

/** One risk: its assessment (and a reassessment for those allowed), history, actions, acceptance. */
@Component({
  selector: 'varn-risk-detail-page',
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
    DateTimePipe,
    PageHeader,
    ProblemAlert,
    RiskBand,
    RiskPeoplePicker,
    RiskScorePicker,
  ],
  templateUrl: './risk-detail.page.html',
  styles: `
    ul.linked-findings {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 8px;
    }
    ul.linked-findings li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    dl.facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
    }
    dl.facts dt {
      font-weight: 600;
    }
    dl.facts dd {
      margin: 0;
    }
    .grid-2 {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
      gap: 12px;
    }
    .full {
      width: 100%;
    }
    table.plain {
      width: 100%;
      border-collapse: collapse;
    }
    table.plain th,
    table.plain td {
      text-align: left;
      vertical-align: top;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .actions {
      display: flex;
      gap: 8px;
      align-items: center;
      margin-top: 8px;
    }
    .motivation {
      white-space: pre-wrap;
    }
  `,
})
export class RiskDetailPage {
  readonly id = input.required<string>();
  private readonly risks = inject(RisksService);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);

  protected readonly treatments = RISK_TREATMENTS;
  protected readonly statuses = RISK_ACTION_STATUSES;
  protected readonly risk = signal<RiskDetailDto | null>(null);
  protected readonly history = signal<RiskAssessmentDto[]>([]);
  /** Severity of a linked audit finding as a badge tone (the word is always written out too). */
  protected readonly findingSeverityTone = (s: string) => severityTone(s as FindingSeverity);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly minExpiry = computed(() => {
    const d = new Date();
    d.setDate(d.getDate() + 1);
    return d.toISOString().slice(0, 10);
  });
  /** Controllers pick any owner of their scope; a risk owner gives actions to themselves. */
  protected readonly canPickPeople = computed(() => this.session.can('create', 'Risk'));
  protected readonly myId = computed(() => this.session.user()?.id ?? '');

  // reassessment
  protected readonly inhL = signal<number | null>(null);
  protected readonly inhC = signal<number | null>(null);
  protected readonly resL = signal<number | null>(null);
  protected readonly resC = signal<number | null>(null);
  protected readonly controls = signal('');
  protected readonly treatment = signal<string>('');
  protected readonly assessProblem = signal<Problem | null>(null);
  protected readonly saving = signal(false);

  // acceptance
  protected readonly motivation = signal('');
  protected readonly expiresOn = signal('');
  protected readonly acceptProblem = signal<Problem | null>(null);

  // new action
  protected readonly actionTitle = signal('');
  protected readonly actionOwner = signal<string | null>(null);
  protected readonly actionDue = signal('');
  protected readonly actionProblem = signal<Problem | null>(null);

  constructor() {
    effect(() => void this.load(this.id()));
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const [risk, history] = await Promise.all([this.risks.get(id), this.risks.history(id)]);
      this.show(risk);
      this.history.set(history);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  private show(r: RiskDetailDto): void {
    this.risk.set(r);
    this.inhL.set(r.inherent.likelihood ?? null);
    this.inhC.set(r.inherent.consequence ?? null);
    this.resL.set(r.residual.likelihood ?? null);
    this.resC.set(r.residual.consequence ?? null);
    this.controls.set(r.existingControls ?? '');
    this.treatment.set(r.treatment ?? '');
  }

  protected async reassess(): Promise<void> {
    const r = this.risk();
    if (!r || this.saving()) return;
    this.saving.set(true);
    this.assessProblem.set(null);
    try {
      const updated = await this.risks.update(r.id, {
        baseSeq: r.assessmentSeq,
        inherentLikelihood: this.inhL(),
        inherentConsequence: this.inhC(),
        residualLikelihood: this.resL(),
        residualConsequence: this.resC(),
        existingControls: this.controls().trim() || null,
        treatment: (this.treatment() || null) as RiskDetailDto['treatment'],
      });
      this.show(updated);
      this.history.set(await this.risks.history(r.id));
      this.notifier.success('risks.assessed', { explanation: updated.residual.explanation });
    } catch (error) {
      this.assessProblem.set(toProblem(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async reload(): Promise<void> {
    await this.load(this.id());
    this.assessProblem.set(null);
  }

  protected async accept(): Promise<void> {
    const r = this.risk();
    if (!r || this.saving()) return;
    this.saving.set(true);
    this.acceptProblem.set(null);
    try {
      const updated = await this.risks.accept(r.id, {
        motivation: this.motivation(),
        expiresOn: this.expiresOn(),
      });
      this.show(updated);
      this.motivation.set('');
      this.expiresOn.set('');
      this.notifier.success('risks.acceptance.done', { date: updated.acceptance?.expiresOn });
    } catch (error) {
      this.acceptProblem.set(toProblem(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async addAction(): Promise<void> {
    const r = this.risk();
    if (!r || this.saving()) return;
    this.saving.set(true);
    this.actionProblem.set(null);
    try {
      await this.risks.addAction(r.id, {
        title: this.actionTitle(),
        ownerId: (this.canPickPeople() ? this.actionOwner() : this.myId()) ?? '',
        dueDate: this.actionDue(),
      });
      this.actionTitle.set('');
      this.actionDue.set('');
      this.actionOwner.set(null);
      this.show(await this.risks.get(r.id));
      this.notifier.success('risks.actions.added');
    } catch (error) {
      this.actionProblem.set(toProblem(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async setStatus(a: RiskActionDto, status: RiskActionDto['status']): Promise<void> {
    const r = this.risk();
    if (!r) return;
    this.actionProblem.set(null);
    try {
      await this.risks.updateAction(r.id, a.id, { status });
      this.show(await this.risks.get(r.id));
      this.notifier.success('risks.actions.updated');
    } catch (error) {
      this.actionProblem.set(toProblem(error));
    }
  }

  protected readonly today = todayIso;

  protected readonly score = scoreText;
}
