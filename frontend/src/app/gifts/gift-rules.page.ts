import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  GiftsService,
  type GiftGuideRulesDto,
  type GuideQuestionDto,
  type SaveGiftGuideRulesRequest,
} from './gifts.service';

const OUTCOMES = ['A', 'B', 'C', 'D'] as const;
type Outcome = (typeof OUTCOMES)[number];
type Answer = 'yes' | 'no';

/** Where a step leads, as one select value: `q:<question id>` or `o:<outcome>`. */
export function stepTarget(step: GuideQuestionDto['yes']): string {
  return step.outcome ? `o:${step.outcome}` : `q:${step.next ?? ''}`;
}

/**
 * `/gavor/regler` (administrators): revise the gift guide's rules — every question's text and
 * help, where each answer leads (another question or an outcome) with its reason, and the
 * outcomes' texts. Saving makes a new version (the old ones are kept); the API checks the rules
 * (no loops, every question reachable, texts present) and names what is wrong.
 */
@Component({
  selector: 'varn-gift-rules-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <a mat-button routerLink="/gavor" class="back">
      <mat-icon svgIcon="arrow_back" />
      {{ 'gifts.entry.back' | transloco }}
    </a>
    <varn-page-header
      [heading]="'gifts.rules.heading' | transloco"
      [lead]="'gifts.rules.lead' | transloco"
    />
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <div id="rules-problem" tabindex="-1">
      <varn-problem-alert [problem]="problem()" [extraMessages]="issues()" />
    </div>
    @if (draft(); as d) {
      <form id="gift-rules-form" (ngSubmit)="save()" novalidate>
        <p class="muted">
          {{
            'gifts.rules.version'
              | transloco: { version: d.version, date: d.createdAt.slice(0, 10) }
          }}
        </p>
        @for (q of d.questions; track q.id) {
          <fieldset class="section">
            <legend>{{ 'gifts.rules.question' | transloco: { n: q.number } }}</legend>
            <mat-form-field appearance="outline" subscriptSizing="dynamic" class="full">
              <mat-label>{{ 'gifts.rules.text' | transloco }}</mat-label>
              <textarea
                matInput
                rows="2"
                maxlength="300"
                [name]="q.id + '-text'"
                [(ngModel)]="q.text"
              ></textarea>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic" class="full">
              <mat-label>{{ 'gifts.rules.help' | transloco }}</mat-label>
              <textarea
                matInput
                rows="2"
                maxlength="1000"
                [name]="q.id + '-help'"
                [(ngModel)]="q.help"
              ></textarea>
            </mat-form-field>
            @for (a of answers; track a) {
              <div class="step">
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label>{{ 'gifts.rules.leadsTo.' + a | transloco }}</mat-label>
                  <mat-select
                    [value]="target(q, a)"
                    (selectionChange)="setTarget(q, a, $event.value)"
                    [attr.data-testid]="q.id + '-' + a"
                  >
                    @for (o of d.questions; track o.id) {
                      @if (o.id !== q.id) {
                        <mat-option [value]="'q:' + o.id">
                          {{ 'gifts.rules.toQuestion' | transloco: { n: o.number } }}
                        </mat-option>
                      }
                    }
                    @for (o of outcomes; track o) {
                      <mat-option [value]="'o:' + o">
                        {{ 'gifts.rules.toOutcome' | transloco: { outcome: o } }}
                        {{ 'gifts.outcomes.' + o | transloco }}
                      </mat-option>
                    }
                  </mat-select>
                </mat-form-field>
                <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
                  <mat-label>{{ 'gifts.rules.reason' | transloco }}</mat-label>
                  <input
                    matInput
                    maxlength="500"
                    [name]="q.id + '-' + a + '-reason'"
                    [(ngModel)]="q[a].reason"
                  />
                </mat-form-field>
              </div>
            }
          </fieldset>
        }
        <fieldset class="section">
          <legend>{{ 'gifts.rules.outcomesHeading' | transloco }}</legend>
          @for (o of outcomes; track o) {
            <div class="outcome">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ 'gifts.rules.outcomeTitle' | transloco: { outcome: o } }}</mat-label>
                <input
                  matInput
                  maxlength="120"
                  [name]="'outcome-' + o + '-title'"
                  [(ngModel)]="d.outcomes[o].title"
                />
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
                <mat-label>{{ 'gifts.rules.outcomeText' | transloco: { outcome: o } }}</mat-label>
                <textarea
                  matInput
                  rows="2"
                  maxlength="1000"
                  [name]="'outcome-' + o + '-text'"
                  [(ngModel)]="d.outcomes[o].text"
                ></textarea>
              </mat-form-field>
            </div>
          }
        </fieldset>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.saving' | transloco" />
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ 'gifts.rules.save' | transloco }}
          </button>
          <button mat-button type="button" (click)="load()">
            {{ 'gifts.rules.reset' | transloco }}
          </button>
        </div>
      </form>
    }
  `,
  styles: `
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
    }
    legend {
      font: var(--mat-sys-title-medium);
      padding: 0 4px;
    }
    .full {
      width: 100%;
      margin-bottom: 8px;
    }
    .step,
    .outcome {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      margin-bottom: 8px;
    }
    .grow {
      flex: 1 1 280px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      gap: 8px;
    }
  `,
})
export class GiftRulesPage {
  private readonly gifts = inject(GiftsService);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);

  protected readonly outcomes = OUTCOMES;
  protected readonly answers: readonly Answer[] = ['yes', 'no'];
  protected readonly draft = signal<GiftGuideRulesDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** The server's findings (which question, what is wrong), in words. */
  protected readonly issues = computed(() => {
    this.i18n.lang();
    const byId = new Map((this.draft()?.questions ?? []).map((q) => [q.id, q.number]));
    return (this.problem()?.errors ?? []).map((e) => {
      const code = e.messages[0] ?? '';
      const key = `gifts.rules.issues.${code}`;
      const what = this.i18n.has(key) ? this.i18n.t(key) : code;
      const outcome = /^outcomes\.([ABCD])/.exec(e.field);
      if (outcome)
        return `${this.i18n.t('gifts.rules.toOutcome', { outcome: outcome[1] })} ${what}`;
      const [, id, answer] = /^(?:questions\.)?([a-z0-9_]+)(?:\.(yes|no))?/.exec(e.field) ?? [];
      const n = id === undefined ? undefined : byId.get(id);
      if (n === undefined) return `${e.field}: ${what}`;
      const where =
        this.i18n.t('gifts.rules.where.question', { n }) +
        (answer ? ` (${this.i18n.t('gifts.guide.answers.' + answer)})` : '');
      return `${where}: ${what}`;
    });
  });

  constructor() {
    void this.load();
  }

  protected target(q: GuideQuestionDto, a: Answer): string {
    return stepTarget(q[a]);
  }

  protected setTarget(q: GuideQuestionDto, a: Answer, value: string): void {
    const step = q[a];
    if (value.startsWith('o:')) {
      q[a] = { outcome: value.slice(2) as Outcome, reason: step.reason ?? '', flags: step.flags };
    } else {
      q[a] = { next: value.slice(2), reason: step.reason, flags: step.flags };
    }
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      this.draft.set(structuredClone(await this.gifts.current()));
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async save(): Promise<void> {
    const d = this.draft();
    if (!d) return;
    this.busy.set(true);
    this.problem.set(null);
    const body: SaveGiftGuideRulesRequest = {
      baseVersion: d.version,
      start: d.start,
      questions: d.questions.map((q) => ({
        ...q,
        yes: { ...q.yes, reason: q.yes.reason?.trim() || undefined },
        no: { ...q.no, reason: q.no.reason?.trim() || undefined },
      })),
      outcomes: d.outcomes,
    };
    try {
      const saved = await this.gifts.saveRules(body);
      this.draft.set(structuredClone(saved));
      this.notifier.success('gifts.rules.saved', { version: saved.version });
    } catch (error) {
      this.problem.set(toProblem(error));
      // the findings are above the form: take the reader there
      afterNextRender(() => document.getElementById('rules-problem')?.focus(), {
        injector: this.injector,
      });
    } finally {
      this.busy.set(false);
    }
  }
}
