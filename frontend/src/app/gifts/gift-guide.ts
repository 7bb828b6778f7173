import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { EMPTY_OFFER, todayLocal, type GiftOffer } from './gift-labels';
import {
  GiftsService,
  type GiftGuideEvaluationDto,
  type GuideAnswer,
  type GuideAnswers,
} from './gifts.service';

/** What an outcome leads to, with what the guide knows. */
export interface GuideFollowUp {
  answers: GuideAnswers;
  evaluation: GiftGuideEvaluationDto;
  offer: GiftOffer;
}

/**
 * "Får jag ta emot detta?": the decision guide one question at a time. Each answer is evaluated
 * by the API with the current rules (the rules are data an administrator revises), which gives
 * the next question or the outcome with its reasons. A fieldset with the question as legend and
 * a radio group; focus moves to each new question's heading, the outcome is announced (aria-live)
 * and focused; going back removes the last answer.
 */
@Component({
  selector: 'varn-gift-guide',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    RouterLink,
    TranslocoPipe,
    ProblemAlert,
  ],
  templateUrl: './gift-guide.html',
  styles: `
    .offer {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
      gap: 12px;
      margin-bottom: 12px;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 12px;
    }
    legend {
      padding: 0;
    }
    .question-heading {
      font: var(--mat-sys-title-large);
      margin: 8px 0;
    }
    .question-heading:focus,
    .outcome-heading:focus {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 4px;
    }
    .help {
      color: var(--mat-sys-on-surface-variant);
      max-width: 70ch;
    }
    .radio-stack {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 8px 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 12px;
    }
    .actions button {
      height: auto;
      min-height: 40px;
      padding-top: 6px;
      padding-bottom: 6px;
    }
    .outcome {
      border-left: 6px solid var(--mat-sys-primary);
      padding: 12px 16px;
      background: var(--mat-sys-surface-container-low);
      border-radius: 8px;
    }
    .outcome.outcome-C {
      border-left-color: #b3261e;
    }
    .outcome.outcome-B,
    .outcome.outcome-D {
      border-left-color: #a36600;
    }
    .outcome.outcome-A {
      border-left-color: #2e7d43;
    }
    .outcome-heading {
      font: var(--mat-sys-headline-small);
      margin: 0 0 8px;
    }
    ol.answers {
      padding-left: 20px;
    }
    ol.answers li {
      margin-bottom: 4px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .field-error {
      color: var(--mat-sys-error);
      min-height: 1.2em;
      margin: 0;
    }
  `,
})
export class GiftGuide {
  private readonly gifts = inject(GiftsService);
  private readonly injector = inject(Injector);

  /** The person chose to register the gift (B, D, or C when the giver has an interest). */
  readonly register = output<GuideFollowUp>();
  /** The person chose to report the offer as a possible influence attempt (C). */
  readonly report = output<GuideFollowUp>();

  protected readonly offer = signal<GiftOffer>({ ...EMPTY_OFFER, receivedOn: todayLocal() });
  protected readonly today = todayLocal();
  /** The answers on the path, in order. */
  protected readonly steps = signal<Array<{ question: string; answer: GuideAnswer }>>([]);
  protected readonly evaluation = signal<GiftGuideEvaluationDto | null>(null);
  protected readonly choice = signal<GuideAnswer | null>(null);
  protected readonly missingChoice = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly started = signal(false);

  protected readonly question = computed(() => this.evaluation()?.next ?? null);
  protected readonly outcome = computed(() => {
    const e = this.evaluation();
    return e?.complete ? e : null;
  });
  protected readonly answered = computed(() => {
    const e = this.evaluation();
    return e ? e.path : [];
  });

  private readonly questionHeading = viewChild<ElementRef<HTMLElement>>('questionHeading');
  private readonly outcomeHeading = viewChild<ElementRef<HTMLElement>>('outcomeHeading');

  protected setOffer(patch: Partial<GiftOffer>): void {
    this.offer.update((o) => ({ ...o, ...patch }));
  }

  protected async start(): Promise<void> {
    this.started.set(true);
    this.steps.set([]);
    await this.evaluate();
  }

  protected async answer(): Promise<void> {
    const q = this.question();
    const choice = this.choice();
    if (!q) return;
    if (!choice) {
      this.missingChoice.set(true);
      this.focusQuestion();
      return;
    }
    this.steps.update((s) => [...s, { question: q.id, answer: choice }]);
    await this.evaluate();
  }

  protected async back(): Promise<void> {
    const previous = this.steps().at(-1);
    this.steps.update((s) => s.slice(0, -1));
    await this.evaluate(previous?.answer ?? null);
  }

  protected restart(): void {
    this.steps.set([]);
    this.evaluation.set(null);
    this.started.set(false);
    this.choice.set(null);
    this.problem.set(null);
  }

  protected followUp(kind: 'register' | 'report'): void {
    const evaluation = this.outcome();
    if (!evaluation) return;
    const payload: GuideFollowUp = { answers: this.answers(), evaluation, offer: this.offer() };
    if (kind === 'register') this.register.emit(payload);
    else this.report.emit(payload);
  }

  private answers(): GuideAnswers {
    return Object.fromEntries(this.steps().map((s) => [s.question, s.answer]));
  }

  /** Asks the API where the answers lead; `keep` preselects the answer when going back. */
  private async evaluate(keep: GuideAnswer | null = null): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      const e = await this.gifts.evaluate(this.answers());
      this.evaluation.set(e);
      // the path the API walked is the truth (answers off it are dropped)
      this.steps.set(e.path.map((p) => ({ question: p.question, answer: p.answer })));
      this.choice.set(keep);
      this.missingChoice.set(false);
      if (e.complete) this.focusOutcome();
      else this.focusQuestion();
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }

  private focusQuestion(): void {
    afterNextRender(() => this.questionHeading()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }

  private focusOutcome(): void {
    afterNextRender(() => this.outcomeHeading()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }
}
