import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import {
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { Confirmer } from '../shared/ui/confirm-dialog';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { CLOSING_CODES, type CaseDetail, type ClosingCode } from './cases.models';
import { CasesService } from './cases.service';
import { CaseProblem, Work } from './case-work';
import { timerOpen } from './deadline-view';

export type CloseBlocker = 'acknowledgement_open' | 'feedback_open';

/** What stops closing: a whistleblowing case's legal timers must have ended (sent or waived). */
export function closeBlockers(c: Pick<CaseDetail, 'track' | 'timers'>): CloseBlocker[] {
  if (c.track !== 'visselblasning' || !c.timers) return [];
  const blockers: CloseBlocker[] = [];
  if (timerOpen(c.timers.acknowledgement)) blockers.push('acknowledgement_open');
  if (timerOpen(c.timers.feedback)) blockers.push('feedback_open');
  return blockers;
}

/** Closing (code and summary) and the legal hold that pauses the purge. */
@Component({
  selector: 'varn-case-closing',
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
    Alert,
    CaseProblem,
    DateTimePipe,
  ],
  template: `
    <section class="section" aria-labelledby="close-heading">
      <h2 id="close-heading">{{ 'cases.close.heading' | transloco }}</h2>
      @if (detail().closedAt) {
        <dl class="facts">
          <dt>{{ 'cases.close.closedAt' | transloco }}</dt>
          <dd>{{ detail().closedAt | varnDateTime }}</dd>
          <dt>{{ 'cases.close.code' | transloco }}</dt>
          <dd>
            {{
              detail().closingCode
                ? ('taxonomy.closingCodes.' + detail().closingCode | transloco)
                : '–'
            }}
          </dd>
          <dt>{{ 'cases.close.summary' | transloco }}</dt>
          <dd class="prose">{{ detail().summary ?? '–' }}</dd>
          @if (detail().purgeDueOn) {
            <dt>{{ 'cases.close.purgeDueOn' | transloco }}</dt>
            <dd>
              {{ detail().purgeDueOn }}
              @if (detail().legalHold) {
                – {{ 'cases.close.purgePaused' | transloco }}
              }
            </dd>
          }
        </dl>
      } @else if (canWrite()) {
        @if (blockers().length) {
          <varn-alert kind="warning">
            <p>{{ 'cases.close.blocked' | transloco }}</p>
            <ul>
              @for (b of blockers(); track b) {
                <li>{{ 'cases.close.blockers.' + b | transloco }}</li>
              }
            </ul>
          </varn-alert>
        } @else {
          <form id="close-form" [formGroup]="form" (ngSubmit)="close()" novalidate>
            <p class="muted">{{ 'cases.close.lead' | transloco }}</p>
            <varn-case-problem [problem]="closeWork.problem()" />
            <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
              <mat-label>{{ 'cases.close.code' | transloco }}</mat-label>
              <mat-select formControlName="closingCode" required>
                @for (c of codes; track c) {
                  <mat-option [value]="c">{{
                    'taxonomy.closingCodes.' + c | transloco
                  }}</mat-option>
                }
              </mat-select>
              @if (form.controls.closingCode.hasError('required')) {
                <mat-error>{{ 'validation.required' | transloco }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
              <mat-label>{{ 'cases.close.summary' | transloco }}</mat-label>
              <textarea
                matInput
                formControlName="summary"
                rows="4"
                maxlength="10000"
                required
              ></textarea>
              <mat-hint>{{ 'cases.close.summaryHint' | transloco }}</mat-hint>
              @if (form.controls.summary.hasError('required')) {
                <mat-error>{{ 'validation.required' | transloco }}</mat-error>
              }
            </mat-form-field>
            @if (closeWork.busy()) {
              <mat-progress-bar
                mode="indeterminate"
                [attr.aria-label]="'common.saving' | transloco"
              />
            }
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="closeWork.busy()">
                {{ 'cases.close.submit' | transloco }}
              </button>
            </div>
          </form>
        }
      } @else {
        <p>{{ 'cases.close.open' | transloco }}</p>
      }
    </section>

    <section class="section" aria-labelledby="hold-heading">
      <h2 id="hold-heading">
        <mat-icon svgIcon="gavel" aria-hidden="true" />
        {{ 'cases.hold.heading' | transloco }}
      </h2>
      <p class="muted">{{ 'cases.hold.lead' | transloco }}</p>
      <varn-case-problem [problem]="holdWork.problem()" />
      @if (detail().legalHold) {
        <p>
          <strong>{{ 'cases.hold.on' | transloco }}</strong>
          @if (detail().legalHoldReason) {
            <br /><span class="prose">{{
              'cases.hold.reasonIs' | transloco: { reason: detail().legalHoldReason }
            }}</span>
          }
        </p>
        @if (canWrite()) {
          <button mat-stroked-button type="button" [disabled]="holdWork.busy()" (click)="release()">
            {{ 'cases.hold.release' | transloco }}
          </button>
        }
      } @else {
        <p>{{ 'cases.hold.off' | transloco }}</p>
        @if (canWrite()) {
          <form id="hold-form" [formGroup]="holdForm" (ngSubmit)="hold()" novalidate>
            <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
              <mat-label>{{ 'cases.hold.reason' | transloco }}</mat-label>
              <textarea
                matInput
                [formControl]="holdReason"
                rows="2"
                maxlength="2000"
                required
              ></textarea>
              <mat-hint>{{ 'cases.hold.reasonHint' | transloco }}</mat-hint>
              @if (holdReason.hasError('required')) {
                <mat-error>{{ 'validation.required' | transloco }}</mat-error>
              }
            </mat-form-field>
            <div class="actions">
              <button mat-stroked-button type="submit" [disabled]="holdWork.busy()">
                {{ 'cases.hold.set' | transloco }}
              </button>
            </div>
          </form>
        }
      }
      @if (holdWork.busy()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.saving' | transloco" />
      }
    </section>
  `,
  styles: `
    mat-form-field {
      margin-bottom: 12px;
    }
    h2 {
      margin-top: 0;
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .wide {
      width: 100%;
      max-width: 640px;
      display: block;
    }
    .prose {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
})
export class CaseClosing {
  private readonly cases = inject(CasesService);
  private readonly confirmer = inject(Confirmer);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly detail = input.required<CaseDetail>();
  readonly canWrite = input(true);
  readonly changed = output<void>();

  protected readonly codes = CLOSING_CODES;
  protected readonly blockers = computed(() => closeBlockers(this.detail()));
  protected readonly closeWork = new Work();
  protected readonly holdWork = new Work();
  protected readonly form = this.fb.group({
    closingCode: this.fb.control<ClosingCode | ''>('', Validators.required),
    summary: ['', [Validators.required, Validators.maxLength(10000)]],
  });
  protected readonly holdReason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(2000)],
  });
  protected readonly holdForm = new FormGroup({ reason: this.holdReason });

  protected async close(): Promise<void> {
    const v = this.form.getRawValue();
    if (!v.summary.trim()) this.form.controls.summary.setValue('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const el = document.getElementById('close-form');
      if (el) focusFirstInvalid(el);
      return;
    }
    const ok = await this.confirmer.ask({
      title: 'cases.close.confirm.title',
      message: 'cases.close.confirm.message',
      confirm: 'cases.close.confirm.confirm',
      params: { reference: this.detail().reference },
    });
    if (!ok) return;
    const request = { closingCode: v.closingCode as ClosingCode, summary: v.summary.trim() };
    if (await this.closeWork.run(() => this.cases.close(this.detail().id, request))) {
      this.notifier.success('cases.close.done');
      this.changed.emit();
    }
  }

  protected async hold(): Promise<void> {
    const reason = this.holdReason.value.trim();
    if (!reason) {
      this.holdReason.setValue('');
      this.holdReason.markAsTouched();
      document.querySelector<HTMLElement>('#hold-form textarea')?.focus();
      return;
    }
    const ok = await this.confirmer.ask({
      title: 'cases.hold.confirmSet.title',
      message: 'cases.hold.confirmSet.message',
      confirm: 'cases.hold.confirmSet.confirm',
    });
    if (!ok) return;
    if (
      await this.holdWork.run(() => this.cases.legalHold(this.detail().id, { hold: true, reason }))
    ) {
      this.holdReason.reset('');
      this.notifier.success('cases.hold.setDone');
      this.changed.emit();
    }
  }

  protected async release(): Promise<void> {
    const ok = await this.confirmer.ask({
      title: 'cases.hold.confirmRelease.title',
      message: 'cases.hold.confirmRelease.message',
      confirm: 'cases.hold.confirmRelease.confirm',
      destructive: true,
    });
    if (!ok) return;
    if (await this.holdWork.run(() => this.cases.legalHold(this.detail().id, { hold: false }))) {
      this.notifier.success('cases.hold.releaseDone');
      this.changed.emit();
    }
  }
}
