import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { Confirmer } from '../shared/ui/confirm-dialog';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import {
  WAIVER_REASONS,
  type CaseDetail,
  type TimerEndRequest,
  type TimerKind,
  type TimerState,
  type WaiverReason,
} from './cases.models';
import { CasesService } from './cases.service';
import { CaseProblem, Work } from './case-work';
import { timerOpen, timerView } from './deadline-view';
import { MESSAGE_MAX } from './case-thread';

/** The request for ending a timer, or null while the form is incomplete. */
export function timerEndRequest(
  kind: TimerKind,
  value: { mode: 'sent' | 'waived'; body: string; reason: WaiverReason | ''; motivation: string },
): TimerEndRequest | null {
  if (value.mode === 'sent') {
    const body = value.body.trim();
    if (kind === 'feedback' && !body) return null;
    return body ? { mode: 'sent', body } : { mode: 'sent' };
  }
  const motivation = value.motivation.trim();
  if (!value.reason || !motivation) return null;
  return { mode: 'waived', reason: value.reason, motivation };
}

/** One legal timer (bekräftelse or återkoppling): where it stands, and ending it. */
@Component({
  selector: 'varn-case-timer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    CaseProblem,
  ],
  template: `
    <div class="timer" role="group" [attr.aria-labelledby]="'timer-' + kind()">
      <h3 [id]="'timer-' + kind()">{{ 'cases.timers.' + kind() | transloco }}</h3>
      <p class="state">
        <mat-icon [svgIcon]="view().icon" aria-hidden="true" />
        <span>{{ 'cases.' + view().key | transloco: params() }}</span>
      </p>
      @if (waiverMotivation(); as m) {
        <p class="muted prose">{{ 'cases.timers.motivationIs' | transloco: { text: m } }}</p>
      }
      @if (open() && canWrite()) {
        @if (blockedByAck()) {
          <p class="muted">{{ 'cases.timers.feedbackAfterAck' | transloco }}</p>
        } @else if (!editing()) {
          <button mat-stroked-button type="button" (click)="start()">
            {{ 'cases.timers.end.' + kind() | transloco }}
          </button>
        } @else {
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate [id]="'timer-form-' + kind()">
            <varn-case-problem [problem]="work.problem()" />
            <mat-radio-group
              formControlName="mode"
              [attr.aria-label]="'cases.timers.how' | transloco"
              class="modes"
            >
              <mat-radio-button value="sent">{{
                'cases.timers.modeSent.' + kind() | transloco
              }}</mat-radio-button>
              <mat-radio-button value="waived">{{
                'cases.timers.modeWaived' | transloco
              }}</mat-radio-button>
            </mat-radio-group>
            @if (form.controls.mode.value === 'sent') {
              <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
                <mat-label>{{ 'cases.timers.body.' + kind() | transloco }}</mat-label>
                <textarea
                  matInput
                  formControlName="body"
                  rows="4"
                  [maxlength]="max"
                  [required]="kind() === 'feedback'"
                ></textarea>
                <mat-hint>{{ 'cases.timers.bodyHint.' + kind() | transloco }}</mat-hint>
                @if (form.controls.body.hasError('required')) {
                  <mat-error>{{ 'validation.required' | transloco }}</mat-error>
                }
              </mat-form-field>
            } @else {
              <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
                <mat-label>{{ 'cases.timers.reason' | transloco }}</mat-label>
                <mat-select formControlName="reason" required>
                  @for (r of reasons; track r) {
                    <mat-option [value]="r">{{
                      'taxonomy.waiverReasons.' + r | transloco
                    }}</mat-option>
                  }
                </mat-select>
                @if (form.controls.reason.hasError('required')) {
                  <mat-error>{{ 'validation.required' | transloco }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
                <mat-label>{{ 'cases.timers.waiverMotivation' | transloco }}</mat-label>
                <textarea
                  matInput
                  formControlName="motivation"
                  rows="3"
                  maxlength="2000"
                  required
                ></textarea>
                <mat-hint>{{ 'cases.timers.waiverHint' | transloco }}</mat-hint>
                @if (form.controls.motivation.hasError('required')) {
                  <mat-error>{{ 'validation.required' | transloco }}</mat-error>
                }
              </mat-form-field>
            }
            @if (work.busy()) {
              <mat-progress-bar
                mode="indeterminate"
                [attr.aria-label]="'common.saving' | transloco"
              />
            }
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="work.busy()">
                {{
                  (form.controls.mode.value === 'sent'
                    ? 'cases.timers.submitSent.' + kind()
                    : 'cases.timers.submitWaived'
                  ) | transloco
                }}
              </button>
              <button mat-button type="button" (click)="editing.set(false)">
                {{ 'common.cancel' | transloco }}
              </button>
            </div>
          </form>
        }
      }
    </div>
  `,
  styles: `
    mat-form-field {
      margin-bottom: 12px;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 0 0 4px;
    }
    .timer {
      padding: 8px 0 16px;
    }
    .state {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      margin: 0 0 8px;
    }
    .modes {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      margin: 0 0 12px;
    }
    .prose {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .wide {
      width: 100%;
      max-width: 640px;
      display: block;
    }
  `,
})
export class CaseTimer {
  private readonly cases = inject(CasesService);
  private readonly confirmer = inject(Confirmer);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18n);

  readonly detail = input.required<CaseDetail>();
  readonly kind = input.required<TimerKind>();
  readonly timer = input.required<TimerState>();
  readonly canWrite = input(true);
  readonly changed = output<void>();

  protected readonly reasons = WAIVER_REASONS;
  protected readonly max = MESSAGE_MAX;
  protected readonly work = new Work();
  protected readonly editing = signal(false);
  protected readonly view = computed(() => timerView(this.timer()));
  protected readonly open = computed(() => timerOpen(this.timer()));
  protected readonly params = computed(() => {
    this.i18n.lang();
    const t = this.timer();
    return {
      ...this.view().params,
      reason: t.state === 'waived' ? this.i18n.t(`taxonomy.waiverReasons.${t.reason}`) : '',
    };
  });
  protected readonly waiverMotivation = computed(() => {
    if (this.timer().state !== 'waived') return null;
    const c = this.detail();
    return (
      (this.kind() === 'acknowledgement' ? c.ackWaiverMotivation : c.feedbackWaiverMotivation) ??
      null
    );
  });
  protected readonly blockedByAck = computed(
    () => this.kind() === 'feedback' && timerOpen(this.detail().timers?.acknowledgement),
  );

  protected readonly form = this.fb.group({
    mode: this.fb.control<'sent' | 'waived'>('sent'),
    body: ['', [Validators.maxLength(MESSAGE_MAX)]],
    reason: this.fb.control<WaiverReason | ''>(''),
    motivation: ['', [Validators.maxLength(2000)]],
  });

  protected start(): void {
    this.editing.set(true);
    this.work.problem.set(null);
  }

  protected async submit(): Promise<void> {
    const value = this.form.getRawValue();
    const request = timerEndRequest(this.kind(), value);
    if (!request) {
      const c = this.form.controls;
      if (value.mode === 'sent') c.body.setErrors({ required: true });
      else {
        if (!value.reason) c.reason.setErrors({ required: true });
        if (!value.motivation.trim()) c.motivation.setErrors({ required: true });
      }
      this.form.markAllAsTouched();
      const el = document.getElementById(`timer-form-${this.kind()}`);
      if (el) setTimeout(() => focusFirstInvalid(el));
      return;
    }
    if (request.mode === 'waived') {
      const ok = await this.confirmer.ask({
        title: `cases.timers.confirmWaive.title.${this.kind()}`,
        message: 'cases.timers.confirmWaive.message',
        confirm: 'cases.timers.confirmWaive.confirm',
      });
      if (!ok) return;
    }
    if (await this.work.run(() => this.cases.endTimer(this.detail().id, this.kind(), request))) {
      this.form.reset({ mode: 'sent', body: '', reason: '', motivation: '' });
      this.editing.set(false);
      this.notifier.success(
        request.mode === 'sent'
          ? `cases.timers.doneSent.${this.kind()}`
          : 'cases.timers.doneWaived',
      );
      this.changed.emit();
    }
  }
}
