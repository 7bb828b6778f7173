import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { todayIso } from './audit-dates';
import { AuditItem, type SaveState } from './audit-item';
import { auditTone, progressPercent } from './audit-labels';
import {
  INFLUENCE_ITEM_ID,
  type AnswerDto,
  type AuditDetail,
  type FindingDto,
  type SignOffRole,
} from './audits.models';
import { AuditsService } from './audits.service';
import { FindingCard } from './finding-card';
import { FindingForm } from './finding-form';
import { InfluencePanel } from './influence-panel';

/** What the page says about saving, politely: the last state of any item wins. */
export type PageSaveState = 'idle' | 'saving' | 'saved' | 'failed' | 'conflict';

/**
 * `/uppfoljning/granskningar/:id`: run an audit — sections A–H, answers saved as you go with
 * each item's version, a progress bar, findings and corrective actions, item H28's declarations
 * and influence report, sign-off (controller; chef for class A) and the PDF report.
 */
@Component({
  selector: 'varn-audit-run-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    AuditItem,
    Badge,
    DateTimePipe,
    FindingCard,
    FindingForm,
    InfluencePanel,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './audit-run.page.html',
  styles: `
    h2 {
      scroll-margin-top: 96px;
    }
    .status-bar {
      position: sticky;
      top: 0;
      z-index: 2;
      background: var(--mat-sys-surface);
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      margin-bottom: 12px;
    }
    .status-row {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      align-items: center;
      justify-content: space-between;
    }
    .status-row p {
      margin: 0;
    }
    .jump {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 0;
      margin: 8px 0 0;
      list-style: none;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      margin: 0 0 8px;
    }
    .deviation {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      width: 100%;
    }
    .signoffs {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 4px;
    }
    .missing {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      padding: 0;
      list-style: none;
    }
  `,
})
export class AuditRunPage {
  readonly id = input.required<string>();
  private readonly audits = inject(AuditsService);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);

  protected readonly influenceItem = INFLUENCE_ITEM_ID;
  protected readonly today = todayIso();
  protected readonly audit = signal<AuditDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly answers = signal<Map<string, AnswerDto>>(new Map());
  protected readonly findings = signal<FindingDto[]>([]);
  protected readonly findingsProblem = signal<Problem | null>(null);
  protected readonly openForm = signal<string | null>(null);
  protected readonly saveState = signal<PageSaveState>('idle');
  protected readonly savedAt = signal<string | null>(null);
  protected readonly signing = signal(false);
  protected readonly signProblem = signal<Problem | null>(null);
  private readonly itemStates = new Map<string, SaveState>();

  protected readonly readOnly = computed(() => {
    const a = this.audit();
    return !a || a.status === 'signerad' || !a.permissions.canAnswer;
  });
  protected readonly total = computed(
    () =>
      this.audit()?.checklist.sections.reduce((n, s) => n + s.items.length, 0) ??
      this.audit()?.total ??
      0,
  );
  protected readonly answered = computed(
    () => [...this.answers().values()].filter((a) => a.answer !== null).length,
  );
  protected readonly percent = computed(() => progressPercent(this.answered(), this.total()));
  protected readonly missing = computed(() => {
    const a = this.audit();
    if (!a) return [];
    const map = this.answers();
    return a.checklist.sections.flatMap((s) =>
      s.items.filter((i) => !map.get(i.id)?.answer).map((i) => i.id),
    );
  });
  protected readonly findingItems = computed(() => new Set(this.findings().map((f) => f.itemId)));
  protected readonly deviationsWithoutFinding = computed(() => {
    const a = this.audit();
    if (!a) return [];
    const map = this.answers();
    const has = this.findingItems();
    return a.checklist.sections.flatMap((s) =>
      s.items
        .filter((i) => map.get(i.id)?.answer === 'avvikelse' && !has.has(i.id))
        .map((i) => i.id),
    );
  });
  protected readonly signedRoles = computed(
    () => new Set<SignOffRole>((this.audit()?.signOffs ?? []).map((s) => s.role)),
  );
  protected readonly saveMessage = computed(() => {
    this.i18n.lang();
    switch (this.saveState()) {
      case 'saving':
        return this.i18n.t('audits.run.saving');
      case 'saved':
        return this.i18n.t('audits.run.saved', { time: this.savedAt() ?? '' });
      case 'failed':
        return this.i18n.t('audits.run.saveFailed');
      case 'conflict':
        return this.i18n.t('audits.run.conflictState');
      case 'idle':
        return '';
    }
  });

  /** Every item answered and nothing being saved: the server may now allow signing. */
  private readonly readyToSign = computed(
    () =>
      !!this.audit() &&
      this.audit()!.status !== 'signerad' &&
      this.missing().length === 0 &&
      this.saveState() !== 'saving',
  );

  constructor() {
    effect(() => void this.load(this.id()));
    // permissions (canSignOff) are computed by the server from what is stored: ask again when the
    // last answer is in
    effect(() => {
      if (this.readyToSign() && !untracked(() => this.audit()!.permissions.canSignOff)) {
        void untracked(() => this.reloadAudit());
      }
    });
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const audit = await this.audits.get(id);
      this.show(audit);
      await this.loadFindings(id);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  private show(audit: AuditDetail): void {
    this.audit.set(audit);
    this.answers.set(new Map(audit.answers.map((a) => [a.itemId, a])));
  }

  private async loadFindings(id: string): Promise<void> {
    this.findingsProblem.set(null);
    try {
      this.findings.set((await this.audits.findings({ auditId: id })).items);
    } catch (error) {
      this.findingsProblem.set(toProblem(error));
    }
  }

  protected answerOf(itemId: string): AnswerDto {
    return (
      this.answers().get(itemId) ?? {
        itemId,
        answer: null,
        note: '',
        checkedOn: null,
        version: 0,
        updatedBy: null,
        attachments: [],
      }
    );
  }

  protected onSaved(answer: AnswerDto): void {
    this.answers.update((m) => new Map(m).set(answer.itemId, answer));
  }

  /** One item's saving state; the page says "Sparar…" while any item saves. */
  protected onState(itemId: string, state: SaveState): void {
    this.itemStates.set(itemId, state);
    const states = [...this.itemStates.values()];
    if (states.includes('saving')) this.saveState.set('saving');
    else if (states.includes('conflict')) this.saveState.set('conflict');
    else if (states.includes('failed')) this.saveState.set('failed');
    else {
      this.savedAt.set(new Intl.DateTimeFormat('sv-SE', { timeStyle: 'short' }).format(new Date()));
      this.saveState.set('saved');
    }
  }

  protected findingFor(itemId: string): FindingDto | undefined {
    return this.findings().find((f) => f.itemId === itemId);
  }

  protected onFindingCreated(finding: FindingDto): void {
    this.openForm.set(null);
    this.findings.update((list) => [...list, finding]);
    this.notifier.success('audits.findings.created');
    // the new finding is where its actions are added: take the user there
    setTimeout(() => {
      const heading = document.getElementById(`finding-${finding.id}`);
      heading?.scrollIntoView({ block: 'center' });
      heading?.focus({ preventScroll: true });
    });
  }

  protected onFindingChanged(finding: FindingDto): void {
    this.findings.update((list) => list.map((f) => (f.id === finding.id ? finding : f)));
  }

  protected async signOff(): Promise<void> {
    const a = this.audit();
    if (!a || this.signing()) return;
    this.signing.set(true);
    this.signProblem.set(null);
    try {
      this.show(await this.audits.signOff(a.id));
      this.notifier.success('audits.signOff.done');
    } catch (error) {
      this.signProblem.set(toProblem(error));
    } finally {
      this.signing.set(false);
    }
  }

  protected async reloadAudit(): Promise<void> {
    const a = this.audit();
    if (a) this.show(await this.audits.get(a.id));
  }

  /** In-page links: scroll to and focus the target (the base href would turn `#x` into `/#x`). */
  protected jump(event: Event, id: string): void {
    event.preventDefault();
    const target = document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target.focus({ preventScroll: true });
  }

  protected reportUrl(): string {
    return this.audits.reportUrl(this.id());
  }

  protected readonly tone = auditTone;
}
