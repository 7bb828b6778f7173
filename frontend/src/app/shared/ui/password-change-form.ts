import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChangePasswordRequest } from '../../core/api/models';
import type { Problem } from '../../core/errors/problem';
import { applyServerErrors, serverError } from '../../core/forms/server-errors';
import { I18n } from '../../core/i18n/i18n.service';
import { focusFirstInvalid } from './focus-invalid';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  newPasswordValidator,
  repeatMatches,
  type PasswordContext,
} from './password-rules';
import { ProblemAlert } from './problem-alert';

/** Current, new and repeated password, with the policy shown and checked before sending. */
@Component({
  selector: 'varn-password-change-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoPipe,
    ProblemAlert,
  ],
  templateUrl: './password-change-form.html',
  styles: `
    .policy {
      margin-bottom: 16px;
    }
  `,
})
export class PasswordChangeForm {
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly busy = input(false);
  readonly problem = input<Problem | null>(null);
  /** The user's username, to warn before the server does that it may not be in the password. */
  readonly username = input<string | null>(null);
  /** Label of the current password field (on the forced change it is the temporary one). */
  readonly currentLabel = input('password.current');
  readonly submitted = output<ChangePasswordRequest>();

  protected readonly min = PASSWORD_MIN;
  protected readonly max = PASSWORD_MAX;
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly shownProblem = computed(() => this.problem());

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', [Validators.required]],
      newPassword: [
        '',
        [
          Validators.required,
          newPasswordValidator((): PasswordContext => ({
            username: this.username(),
            currentPassword: this.form.controls.currentPassword.value,
          })),
        ],
      ],
      repeatPassword: ['', [Validators.required]],
    },
    { validators: [repeatMatches('newPassword', 'repeatPassword')] },
  );

  protected readonly serverError = serverError;

  constructor() {
    effect(() => {
      const problem = this.problem();
      this.extraMessages.set(
        problem
          ? applyServerErrors(this.form, problem, this.i18n, { wrong_password: 'currentPassword' })
          : [],
      );
    });
    // A changed current password can make the new one valid or invalid ("same as current").
    this.form.controls.currentPassword.valueChanges.subscribe(() =>
      this.form.controls.newPassword.updateValueAndValidity({ emitEvent: false }),
    );
  }

  protected passwordReason(): string | null {
    const reason: unknown = this.form.controls.newPassword.getError('password');
    return typeof reason === 'string' ? reason : null;
  }

  protected submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.submitted.emit({ currentPassword, newPassword });
  }

  /** Empties the form after a successful change. */
  reset(): void {
    this.form.reset();
    this.extraMessages.set([]);
  }
}
