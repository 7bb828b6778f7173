import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  OnInit,
  inject,
  input,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { applyServerErrors } from '../core/forms/server-errors';
import { TotpCodeField } from '../second-factor/totp-code-field';
import { I18n } from '../core/i18n/i18n.service';
import { Alert } from '../shared/ui/alert';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { TOTP_PATTERN } from '../second-factor/second-factor-code.page';
import { RecoveryCodes } from '../second-factor/recovery-codes';
import {
  cleanCode,
  SecondFactorApi,
  type SecondFactorStatusDto,
} from '../second-factor/second-factor.service';

/**
 * Min sida → Tvåstegsverifiering: whether it is on, how many recovery codes are left, and new
 * recovery codes (the old ones stop working) for a current code from the app.
 */
@Component({
  selector: 'varn-second-factor-section',
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
    DateTimePipe,
    ProblemAlert,
    RecoveryCodes,
  ],
  template: `
    <section class="section" aria-labelledby="profile-second-factor-heading">
      <h2 id="profile-second-factor-heading">{{ 'secondFactor.profile.heading' | transloco }}</h2>
      <varn-problem-alert [problem]="loadProblem()" />
      @if (status(); as s) {
        @if (s.enrolled) {
          <p>
            {{
              'secondFactor.profile.on'
                | transloco: { date: s.enrolledAt ? (s.enrolledAt | varnDateTime) : '' }
            }}
          </p>
          <p>{{ 'secondFactor.profile.codesLeft' | transloco: { count: s.recoveryCodesLeft } }}</p>
          @if (s.recoveryCodesLeft <= 3) {
            <varn-alert kind="warning">
              <p>{{ 'secondFactor.profile.fewLeft' | transloco }}</p>
            </varn-alert>
          }
          @if (codes(); as list) {
            <h3 id="profile-new-codes-heading" tabindex="-1">
              {{ 'secondFactor.profile.newCodesHeading' | transloco }}
            </h3>
            <p>{{ 'secondFactor.codes.explain' | transloco }}</p>
            <varn-recovery-codes [codes]="list" [username]="username()" />
          } @else {
            <form [formGroup]="form" (ngSubmit)="regenerate()" novalidate class="form-stack narrow">
              <p class="muted">{{ 'secondFactor.profile.regenerateLead' | transloco }}</p>
              <varn-problem-alert [problem]="problem()" [extraMessages]="extraMessages()" />
              <varn-totp-code-field [control]="form.controls.code" [hint]="false" />
              @if (busy()) {
                <mat-progress-bar
                  mode="indeterminate"
                  [attr.aria-label]="'secondFactor.verify.checking' | transloco"
                />
              }
              <div>
                <button mat-stroked-button type="submit" [disabled]="busy()">
                  {{ 'secondFactor.profile.regenerate' | transloco }}
                </button>
              </div>
            </form>
          }
        } @else {
          <p>{{ 'secondFactor.profile.off' | transloco }}</p>
        }
      }
    </section>
  `,
  styles: `
    .narrow {
      max-width: 34rem;
    }
  `,
})
export class SecondFactorSection implements OnInit {
  private readonly api = inject(SecondFactorApi);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly username = input<string>('');

  protected readonly status = signal<SecondFactorStatusDto | null>(null);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly codes = signal<string[] | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(TOTP_PATTERN)]],
  });

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.status.set(await this.api.status());
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    }
  }

  protected async regenerate(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      const { recoveryCodes } = await this.api.regenerateRecoveryCodes(
        cleanCode(this.form.getRawValue().code),
      );
      this.codes.set(recoveryCodes);
      this.status.update((s) => (s ? { ...s, recoveryCodesLeft: recoveryCodes.length } : s));
      setTimeout(() =>
        this.host.nativeElement.querySelector<HTMLElement>('#profile-new-codes-heading')?.focus(),
      );
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyServerErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
      focusFirstInvalid(this.host.nativeElement);
    } finally {
      this.busy.set(false);
    }
  }
}
