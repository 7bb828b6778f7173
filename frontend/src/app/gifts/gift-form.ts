import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { ProblemAlert } from '../shared/ui/problem-alert';
import type { GuideFollowUp } from './gift-guide';
import { GIFT_RELATIONS, parseKronor, todayLocal, type GiftRelation } from './gift-labels';
import { GiftsService, type GiftEntryDto, type GiverMatchDto } from './gifts.service';

/**
 * The gift register form, prefilled from the guide (what was offered, by whom, value, date and
 * the answers that gave the outcome). The giver may be linked to the supplier register through a
 * lookup that answers id and name only. The outcome is decided by the API from the answers.
 */
@Component({
  selector: 'varn-gift-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    ProblemAlert,
  ],
  template: `
    <section class="section" aria-labelledby="gift-form-heading">
      <h2 id="gift-form-heading" tabindex="-1">{{ 'gifts.form.heading' | transloco }}</h2>
      <p>
        {{
          'gifts.form.lead'
            | transloco
              : {
                  outcome: followUp().evaluation.outcome,
                  title: followUp().evaluation.outcomeText?.title,
                }
        }}
      </p>
      <form (ngSubmit)="save()" novalidate id="gift-form">
        <varn-problem-alert [problem]="problem()" />
        <div class="grid">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'gifts.fields.giverName' | transloco }}</mat-label>
            <input
              matInput
              name="giverName"
              required
              maxlength="200"
              autocomplete="off"
              [matAutocomplete]="giverAuto"
              [ngModel]="giverName()"
              (ngModelChange)="typeGiver($event)"
              [attr.aria-invalid]="submitted() && !giverName().trim()"
            />
            <mat-autocomplete #giverAuto="matAutocomplete">
              @for (g of matches(); track g.id) {
                <mat-option [value]="g.name" (onSelectionChange)="$event.isUserInput && pick(g)">
                  {{ g.name }}
                </mat-option>
              }
            </mat-autocomplete>
            <mat-hint>
              @if (supplier(); as s) {
                {{ 'gifts.form.linkedSupplier' | transloco: { name: s.name } }}
              } @else {
                {{ 'gifts.form.giverHint' | transloco }}
              }
            </mat-hint>
            @if (submitted() && !giverName().trim()) {
              <mat-error>{{ 'gifts.form.required' | transloco }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'gifts.fields.giverOrganisationNumber' | transloco }}</mat-label>
            <input
              matInput
              name="giverOrganisationNumber"
              maxlength="13"
              autocomplete="off"
              [disabled]="!!supplier()"
              [ngModel]="organisationNumber()"
              (ngModelChange)="organisationNumber.set($event)"
            />
            <mat-hint>{{ 'gifts.form.organisationNumberHint' | transloco }}</mat-hint>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
            <mat-label>{{ 'gifts.fields.relation' | transloco }}</mat-label>
            <mat-select
              name="relation"
              required
              [ngModel]="relation()"
              (ngModelChange)="relation.set($event)"
              data-testid="gift-relation"
            >
              @for (r of relations; track r) {
                <mat-option [value]="r">{{ 'gifts.relations.' + r | transloco }}</mat-option>
              }
            </mat-select>
            @if (submitted() && !relation()) {
              <mat-error>{{ 'gifts.form.required' | transloco }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
            <mat-label>{{ 'gifts.fields.description' | transloco }}</mat-label>
            <input
              matInput
              name="description"
              required
              maxlength="500"
              [ngModel]="description()"
              (ngModelChange)="description.set($event)"
            />
            @if (submitted() && !description().trim()) {
              <mat-error>{{ 'gifts.form.required' | transloco }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'gifts.fields.estimatedValue' | transloco }}</mat-label>
            <input
              matInput
              name="estimatedValue"
              required
              inputmode="numeric"
              maxlength="12"
              [ngModel]="value()"
              (ngModelChange)="value.set($event)"
            />
            <span matTextSuffix>kr</span>
            @if (submitted() && valueInvalid()) {
              <mat-error>{{ 'gifts.form.valueInvalid' | transloco }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'gifts.fields.receivedOn' | transloco }}</mat-label>
            <input
              matInput
              type="date"
              name="receivedOn"
              required
              [max]="today"
              [ngModel]="receivedOn()"
              (ngModelChange)="receivedOn.set($event)"
            />
          </mat-form-field>
        </div>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.saving' | transloco" />
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ 'gifts.form.save' | transloco }}
          </button>
          <button mat-button type="button" (click)="cancelled.emit()">
            {{ 'common.cancel' | transloco }}
          </button>
        </div>
      </form>
    </section>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
      gap: 12px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .actions {
      display: flex;
      gap: 8px;
      margin-top: 8px;
    }
  `,
})
export class GiftForm {
  private readonly gifts = inject(GiftsService);
  readonly followUp = input.required<GuideFollowUp>();
  readonly saved = output<GiftEntryDto>();
  readonly cancelled = output<void>();

  protected readonly relations = GIFT_RELATIONS;
  protected readonly today = todayLocal();
  protected readonly giverName = signal('');
  protected readonly organisationNumber = signal('');
  protected readonly supplier = signal<GiverMatchDto | null>(null);
  protected readonly matches = signal<GiverMatchDto[]>([]);
  protected readonly relation = signal<GiftRelation | ''>('');
  protected readonly description = signal('');
  protected readonly value = signal('');
  protected readonly receivedOn = signal(todayLocal());
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly valueInvalid = computed(() => parseKronor(this.value()) === null);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lookupNo = 0;

  constructor() {
    effect(() => {
      const f = this.followUp();
      this.giverName.set(f.offer.giverName);
      this.description.set(f.offer.description);
      this.value.set(f.offer.estimatedValue);
      this.receivedOn.set(f.offer.receivedOn || todayLocal());
      // the guide's question 1 says whether the giver has a matter with the unit
      this.relation.set(f.evaluation.flags.includes('giver_has_interest') ? '' : 'ingen');
      if (f.offer.giverName.trim().length >= 3) this.lookup(f.offer.giverName);
    });
  }

  protected typeGiver(text: string): void {
    this.giverName.set(text);
    if (this.supplier() && this.supplier()?.name !== text) this.supplier.set(null);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.lookup(text), 300);
  }

  protected pick(g: GiverMatchDto): void {
    this.supplier.set(g);
    this.giverName.set(g.name);
    this.organisationNumber.set('');
  }

  private lookup(text: string): void {
    const q = text.trim();
    if (q.length < 3) {
      this.matches.set([]);
      return;
    }
    const no = ++this.lookupNo;
    this.gifts.givers(q).then(
      (found) => {
        if (no === this.lookupNo) this.matches.set(found);
      },
      () => this.matches.set([]),
    );
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    const value = parseKronor(this.value());
    if (
      !this.giverName().trim() ||
      !this.relation() ||
      !this.description().trim() ||
      value === null
    )
      return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const entry = await this.gifts.create({
        giverName: this.giverName().trim(),
        giverOrganisationNumber: this.supplier()
          ? undefined
          : this.organisationNumber() || undefined,
        supplierId: this.supplier()?.id,
        relation: this.relation() as GiftRelation,
        description: this.description().trim(),
        estimatedValue: value,
        receivedOn: this.receivedOn(),
        answers: this.followUp().answers,
      });
      this.saved.emit(entry);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
