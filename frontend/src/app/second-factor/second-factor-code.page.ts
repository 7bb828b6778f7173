import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { safeReturnUrl } from '../core/auth/guards';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { applyServerErrors, serverError } from '../core/forms/server-errors';
import { TotpCodeField } from './totp-code-field';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { cleanCode, SecondFactorApi } from './second-factor.service';

/** Six digits, spaces and a dash allowed between them (as some apps show the code). */
export const TOTP_PATTERN = /^\s*\d{3}[\s-]?\d{3}\s*$/;
/** Two groups of five letters and digits (dash and spaces optional), any case. */
export const RECOVERY_PATTERN = /^\s*[A-Za-z0-9]{5}[\s-]?[A-Za-z0-9]{5}\s*$/;

/**
 * The second step of signing in: the code the authenticator app shows now, or — without the
 * phone — one of the recovery codes. The person can also sign out from here.
 */
@Component({
  selector: 'varn-second-factor-code-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TotpCodeField,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <varn-page-header
      [heading]="'secondFactor.verify.heading' | transloco"
      [lead]="
        (useRecovery() ? 'secondFactor.verify.recoveryLead' : 'secondFactor.verify.lead')
          | transloco
      "
    />
    <section class="section narrow" aria-labelledby="second-factor-form-heading">
      <h2 id="second-factor-form-heading" class="visually-hidden">
        {{ 'secondFactor.verify.formHeading' | transloco }}
      </h2>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="form-stack">
        <varn-problem-alert [problem]="problem()" [extraMessages]="extraMessages()" />
        @if (useRecovery()) {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'secondFactor.verify.recoveryLabel' | transloco }}</mat-label>
            <input
              matInput
              formControlName="recoveryCode"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck="false"
              maxlength="20"
              required
            />
            <mat-hint>{{ 'secondFactor.verify.recoveryHint' | transloco }}</mat-hint>
            @if (form.controls.recoveryCode.hasError('required')) {
              <mat-error>{{ 'validation.required' | transloco }}</mat-error>
            } @else if (form.controls.recoveryCode.hasError('pattern')) {
              <mat-error>{{ 'secondFactor.verify.recoveryFormat' | transloco }}</mat-error>
            } @else if (serverError(form.controls.recoveryCode); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        } @else {
          <varn-totp-code-field [control]="form.controls.code" />
        }
        @if (busy()) {
          <mat-progress-bar
            mode="indeterminate"
            [attr.aria-label]="'secondFactor.verify.checking' | transloco"
          />
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ 'secondFactor.verify.submit' | transloco }}
          </button>
          <button mat-button type="button" (click)="toggle()">
            {{
              (useRecovery() ? 'secondFactor.verify.useApp' : 'secondFactor.verify.useRecovery')
                | transloco
            }}
          </button>
        </div>
      </form>
      <varn-alert kind="info">
        <p>{{ 'secondFactor.verify.lostPhone' | transloco }}</p>
      </varn-alert>
      <p>
        <button mat-stroked-button type="button" (click)="signOut()">
          {{ 'secondFactor.signOut' | transloco }}
        </button>
      </p>
    </section>
  `,
  styles: `
    .narrow {
      max-width: 34rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
  `,
})
export class SecondFactorCodePage {
  private readonly api = inject(SecondFactorApi);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly notifier = inject(Notifier);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Where the person was going (query parameter, bound by the router). */
  readonly returnUrl = input<string>();

  protected readonly useRecovery = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly serverError = serverError;

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(TOTP_PATTERN)]],
    recoveryCode: [
      { value: '', disabled: true },
      [Validators.required, Validators.pattern(RECOVERY_PATTERN)],
    ],
  });

  protected toggle(): void {
    const recovery = !this.useRecovery();
    this.useRecovery.set(recovery);
    this.problem.set(null);
    const [on, off] = recovery
      ? [this.form.controls.recoveryCode, this.form.controls.code]
      : [this.form.controls.code, this.form.controls.recoveryCode];
    off.disable();
    on.enable();
    on.reset('');
    // the field that replaced the other one gets the focus (it is where the person types next)
    setTimeout(() => this.host.nativeElement.querySelector<HTMLInputElement>('input')?.focus());
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    const value = this.form.getRawValue();
    try {
      const result = await this.api.verify(
        this.useRecovery()
          ? { recoveryCode: value.recoveryCode.trim() }
          : { code: cleanCode(value.code) },
      );
      await this.session.reload();
      if (this.useRecovery())
        this.notifier.success('secondFactor.verify.recoveryUsed', {
          left: result.recoveryCodesLeft,
        });
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyServerErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
      if (problem.status === 429 || problem.status === 401) this.form.disable();
      else focusFirstInvalid(this.host.nativeElement);
    } finally {
      this.busy.set(false);
    }
  }

  protected async signOut(): Promise<void> {
    await this.session.logout();
  }
}
