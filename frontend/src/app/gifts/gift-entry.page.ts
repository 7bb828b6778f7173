import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
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
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { GIFT_DECISIONS, type GiftDecision } from './gift-labels';
import { outcomeTone } from './gift-table';
import { GiftsService, type GiftEntryDto, type GiftGuideRulesDto } from './gifts.service';

/** One gift register entry: the guide's path and outcome, and the manager's decision on a B. */
@Component({
  selector: 'varn-gift-entry-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    TranslocoPipe,
    Badge,
    DateTimePipe,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <a mat-button routerLink="/gavor" class="back">
      <mat-icon svgIcon="arrow_back" />
      {{ 'gifts.entry.back' | transloco }}
    </a>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <varn-problem-alert [problem]="problem()" />
    @if (entry(); as g) {
      <varn-page-header [heading]="g.description" [lead]="g.giverName" />
      <div class="grid">
        <section class="section" aria-labelledby="gift-facts-heading">
          <h2 id="gift-facts-heading">{{ 'gifts.entry.facts' | transloco }}</h2>
          <dl class="facts">
            <dt>{{ 'gifts.cols.person' | transloco }}</dt>
            <dd>{{ g.userName }} ({{ g.unitName }})</dd>
            <dt>{{ 'gifts.fields.giverName' | transloco }}</dt>
            <dd>
              {{ g.giverName }}
              @if (g.giverOrganisationNumber) {
                ({{ g.giverOrganisationNumber }})
              }
              @if (g.supplierId && g.supplierName) {
                <div class="muted">
                  @if (canReadSuppliers()) {
                    <a [routerLink]="['/leverantorer', g.supplierId]">{{
                      'gifts.entry.linkedTo' | transloco: { name: g.supplierName }
                    }}</a>
                  } @else {
                    {{ 'gifts.entry.linked' | transloco }}
                  }
                </div>
              }
            </dd>
            <dt>{{ 'gifts.fields.relation' | transloco }}</dt>
            <dd>{{ 'gifts.relations.' + g.relation | transloco }}</dd>
            <dt>{{ 'gifts.fields.estimatedValue' | transloco }}</dt>
            <dd>{{ g.estimatedValue }} kr</dd>
            <dt>{{ 'gifts.fields.receivedOn' | transloco }}</dt>
            <dd>{{ g.receivedOn }}</dd>
            <dt>{{ 'gifts.cols.outcome' | transloco }}</dt>
            <dd>
              <varn-badge [tone]="tone(g.outcome)">
                {{ g.outcome }} · {{ 'gifts.outcomes.' + g.outcome | transloco }}
              </varn-badge>
            </dd>
            <dt>{{ 'gifts.cols.status' | transloco }}</dt>
            <dd>{{ 'gifts.statuses.' + g.status | transloco }}</dd>
            <dt>{{ 'gifts.entry.registeredAt' | transloco }}</dt>
            <dd>{{ g.createdAt | varnDateTime }}</dd>
          </dl>
        </section>
        <section class="section" aria-labelledby="gift-path-heading">
          <h2 id="gift-path-heading">
            {{ 'gifts.entry.path' | transloco: { version: g.guideVersion } }}
          </h2>
          <ol>
            @for (p of g.path; track p.question) {
              <li>
                {{ questionText(p.question) }}
                <strong>{{ 'gifts.guide.answers.' + p.answer | transloco }}</strong>
              </li>
            }
          </ol>
        </section>
      </div>

      <section class="section" aria-labelledby="gift-decision-heading">
        <h2 id="gift-decision-heading">{{ 'gifts.entry.decisionHeading' | transloco }}</h2>
        @if (g.decision) {
          <p>
            <strong>{{ 'gifts.decisions.' + g.decision | transloco }}</strong>
            — {{ g.decidedBy?.name }}, {{ g.decidedAt | varnDateTime }}
          </p>
          <p class="pre">{{ g.decisionMotivation }}</p>
        } @else if (g.canDecide) {
          <form (ngSubmit)="decide()" novalidate id="gift-decision-form">
            <varn-problem-alert [problem]="decideProblem()" />
            <fieldset>
              <legend>{{ 'gifts.entry.decisionLegend' | transloco }}</legend>
              <mat-radio-group
                name="decision"
                class="radio-stack"
                [ngModel]="decision()"
                (ngModelChange)="decision.set($event)"
                aria-describedby="decision-error"
              >
                @for (d of decisions; track d) {
                  <mat-radio-button [value]="d">{{
                    'gifts.decisions.' + d | transloco
                  }}</mat-radio-button>
                }
              </mat-radio-group>
              <p id="decision-error" class="field-error">
                @if (tried() && !decision()) {
                  {{ 'gifts.entry.chooseDecision' | transloco }}
                }
              </p>
            </fieldset>
            <mat-form-field appearance="outline" class="full">
              <mat-label>{{ 'gifts.entry.motivation' | transloco }}</mat-label>
              <textarea
                matInput
                name="motivation"
                rows="3"
                maxlength="2000"
                required
                [ngModel]="motivation()"
                (ngModelChange)="motivation.set($event)"
              ></textarea>
              <mat-hint>{{ 'gifts.entry.motivationHint' | transloco }}</mat-hint>
              @if (tried() && !motivation().trim()) {
                <mat-error>{{ 'gifts.form.required' | transloco }}</mat-error>
              }
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()">
              {{ 'gifts.entry.decide' | transloco }}
            </button>
          </form>
        } @else if (g.status === 'vantar_beslut') {
          <p>{{ 'gifts.entry.waiting' | transloco }}</p>
        } @else {
          <p>{{ 'gifts.entry.noDecisionNeeded.' + g.outcome | transloco }}</p>
        }
      </section>
    }
  `,
  styleUrls: ['../shared/ui/decision-page.css'],
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(300px, 100%), 1fr));
      gap: 16px;
    }
  `,
})
export class GiftEntryPage {
  readonly id = input.required<string>();
  private readonly gifts = inject(GiftsService);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);
  /** Managers and auditors may open the supplier; the person registering sees its name only. */
  protected readonly canReadSuppliers = computed(() => this.session.can('read', 'Supplier'));

  protected readonly decisions = GIFT_DECISIONS;
  protected readonly tone = outcomeTone;
  protected readonly entry = signal<GiftEntryDto | null>(null);
  protected readonly rules = signal<GiftGuideRulesDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly decision = signal<GiftDecision | null>(null);
  protected readonly motivation = signal('');
  protected readonly tried = signal(false);
  protected readonly busy = signal(false);
  protected readonly decideProblem = signal<Problem | null>(null);
  private readonly questions = computed(
    () => new Map((this.rules()?.questions ?? []).map((q) => [q.id, q])),
  );

  constructor() {
    effect(() => void this.load(this.id()));
  }

  protected questionText(id: string): string {
    const q = this.questions().get(id);
    return q ? `${q.number}. ${q.text}` : id;
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const entry = await this.gifts.get(id);
      this.entry.set(entry);
      this.rules.set(await this.gifts.rules(entry.guideVersion));
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async decide(): Promise<void> {
    this.tried.set(true);
    const decision = this.decision();
    if (!decision || !this.motivation().trim()) return;
    this.busy.set(true);
    this.decideProblem.set(null);
    try {
      this.entry.set(
        await this.gifts.decide(this.id(), { decision, motivation: this.motivation().trim() }),
      );
      this.notifier.success('gifts.entry.decided');
    } catch (error) {
      this.decideProblem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
