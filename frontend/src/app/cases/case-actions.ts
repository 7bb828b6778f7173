import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { Notifier } from '../core/notify/notifier.service';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import {
  CASE_ACTION_TYPES,
  type CaseActionType,
  type CaseDetail,
  type RecordActionRequest,
} from './cases.models';
import { CasesService } from './cases.service';
import { CaseProblem, Work } from './case-work';

/** Today's date in the browser's zone, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Actions taken: polisanmälan (with its diarienummer), Arbetsmiljöverket, skydd, stöd. */
@Component({
  selector: 'varn-case-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    CaseProblem,
    DateTimePipe,
  ],
  template: `
    <section class="section" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{{ 'cases.actions.heading' | transloco }}</h2>
      @if (detail().actions.length) {
        <div class="table-wrap">
          <table class="data-table">
            <caption class="visually-hidden">
              {{
                'cases.actions.caption' | transloco
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'cases.actions.type' | transloco }}</th>
                <th scope="col">{{ 'cases.actions.occurredOn' | transloco }}</th>
                <th scope="col">{{ 'cases.actions.reference' | transloco }}</th>
                <th scope="col">{{ 'cases.actions.note' | transloco }}</th>
                <th scope="col">{{ 'cases.actions.recordedBy' | transloco }}</th>
              </tr>
            </thead>
            <tbody>
              @for (a of detail().actions; track a.id) {
                <tr>
                  <td>{{ 'taxonomy.actionTypes.' + a.type | transloco }}</td>
                  <td class="nowrap">{{ a.occurredOn }}</td>
                  <td>{{ a.reference ?? '–' }}</td>
                  <td class="prose">{{ a.note ?? '–' }}</td>
                  <td>{{ a.createdByName ?? '–' }} · {{ a.createdAt | varnDateTime }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p>{{ 'cases.actions.empty' | transloco }}</p>
      }

      @if (canWrite()) {
        @if (!adding()) {
          <div class="actions form-actions">
            <button mat-stroked-button type="button" (click)="adding.set(true)">
              <mat-icon svgIcon="add" />
              {{ 'cases.actions.add' | transloco }}
            </button>
          </div>
        } @else {
          <form id="action-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
            <h3>{{ 'cases.actions.addHeading' | transloco }}</h3>
            <varn-case-problem [problem]="work.problem()" />
            <div class="form-grid">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ 'cases.actions.type' | transloco }}</mat-label>
                <mat-select formControlName="type" required>
                  @for (t of types; track t) {
                    <mat-option [value]="t">{{
                      'taxonomy.actionTypes.' + t | transloco
                    }}</mat-option>
                  }
                </mat-select>
                @if (form.controls.type.hasError('required')) {
                  <mat-error>{{ 'validation.required' | transloco }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ 'cases.actions.occurredOn' | transloco }}</mat-label>
                <input matInput type="date" formControlName="occurredOn" required [max]="maxDate" />
                @if (form.controls.occurredOn.hasError('required')) {
                  <mat-error>{{ 'validation.required' | transloco }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{
                  (form.controls.type.value === 'polisanmalan'
                    ? 'cases.actions.policeReference'
                    : 'cases.actions.reference'
                  ) | transloco
                }}</mat-label>
                <input matInput formControlName="reference" maxlength="100" autocomplete="off" />
                <mat-hint>{{
                  (form.controls.type.value === 'polisanmalan'
                    ? 'cases.actions.policeReferenceHint'
                    : 'cases.actions.referenceHint'
                  ) | transloco
                }}</mat-hint>
              </mat-form-field>
            </div>
            <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
              <mat-label>{{ 'cases.actions.note' | transloco }}</mat-label>
              <textarea matInput formControlName="note" rows="3" maxlength="2000"></textarea>
            </mat-form-field>
            @if (work.busy()) {
              <mat-progress-bar
                mode="indeterminate"
                [attr.aria-label]="'common.saving' | transloco"
              />
            }
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="work.busy()">
                {{ 'cases.actions.save' | transloco }}
              </button>
              <button mat-button type="button" (click)="adding.set(false)">
                {{ 'common.cancel' | transloco }}
              </button>
            </div>
          </form>
        }
      }
    </section>
  `,
  styles: `
    mat-form-field {
      margin-bottom: 12px;
    }
    h2 {
      margin-top: 0;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 8px;
    }
    .nowrap {
      white-space: nowrap;
    }
    .prose {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .wide {
      width: 100%;
      max-width: 720px;
    }
  `,
})
export class CaseActions {
  private readonly cases = inject(CasesService);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly detail = input.required<CaseDetail>();
  readonly canWrite = input(true);
  readonly changed = output<void>();

  protected readonly types = CASE_ACTION_TYPES;
  protected readonly maxDate = today();
  protected readonly work = new Work();
  protected readonly adding = signal(false);
  protected readonly form = this.fb.group({
    type: this.fb.control<CaseActionType | ''>('', Validators.required),
    occurredOn: [today(), Validators.required],
    reference: ['', Validators.maxLength(100)],
    note: ['', Validators.maxLength(2000)],
  });

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const el = document.getElementById('action-form');
      if (el) focusFirstInvalid(el);
      return;
    }
    const v = this.form.getRawValue();
    const request: RecordActionRequest = {
      type: v.type as CaseActionType,
      occurredOn: v.occurredOn,
      ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
    };
    if (await this.work.run(() => this.cases.recordAction(this.detail().id, request))) {
      this.form.reset({ type: '', occurredOn: today(), reference: '', note: '' });
      this.adding.set(false);
      this.notifier.success('cases.actions.saved');
      this.changed.emit();
    }
  }
}
