import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import type { UserDetailDto } from '../../core/api/models';
import { toProblem, type Problem } from '../../core/errors/problem';
import { applyServerErrors, serverError } from '../../core/forms/server-errors';
import { I18n } from '../../core/i18n/i18n.service';
import { focusFirstInvalid } from '../../shared/ui/focus-invalid';
import { PASSWORD_MAX, PASSWORD_MIN, newPasswordValidator } from '../../shared/ui/password-rules';
import { ProblemAlert } from '../../shared/ui/problem-alert';
import { UsersService } from './users.service';

export interface TempPasswordData {
  user: UserDetailDto;
}

/** Sets a temporary password; the person must choose their own at next sign-in. */
@Component({
  selector: 'varn-temp-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    ProblemAlert,
  ],
  template: `
    <h2 mat-dialog-title>
      {{ 'users.tempPasswordTitle' | transloco: { name: data.user.displayName } }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>{{ 'users.tempPasswordHelp' | transloco }}</p>
        <varn-problem-alert [problem]="problem()" [extraMessages]="extraMessages()" />
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="full">
          <mat-label>{{ 'users.tempPassword' | transloco }}</mat-label>
          <input
            matInput
            [type]="showPassword() ? 'text' : 'password'"
            formControlName="password"
            autocomplete="new-password"
            required
            [attr.maxlength]="max"
            cdkFocusInitial
          />
          <button
            mat-icon-button
            matSuffix
            type="button"
            [attr.aria-pressed]="showPassword()"
            [attr.aria-label]="'password.show' | transloco"
            (click)="showPassword.set(!showPassword())"
          >
            <mat-icon [svgIcon]="showPassword() ? 'visibility_off' : 'visibility'" />
          </button>
          <mat-hint>{{ 'password.hint' | transloco: { min: min } }}</mat-hint>
          @if (form.controls.password.hasError('required')) {
            <mat-error>{{ 'validation.required' | transloco }}</mat-error>
          } @else if (passwordReason(); as reason) {
            <mat-error>{{
              'errors.fields.' + reason | transloco: { min: min, max: max }
            }}</mat-error>
          } @else if (serverError(form.controls.password); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.saving' | transloco" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ 'users.setTempPassword' | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full {
      width: 100%;
    }
  `,
})
export class TempPasswordDialog {
  protected readonly data = inject<TempPasswordData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<TempPasswordDialog, boolean>>(MatDialogRef);
  private readonly users = inject(UsersService);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly min = PASSWORD_MIN;
  protected readonly max = PASSWORD_MAX;
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly showPassword = signal(false);
  protected readonly serverError = serverError;

  protected readonly form = inject(NonNullableFormBuilder).group({
    password: [
      '',
      [Validators.required, newPasswordValidator(() => ({ username: this.data.user.username }))],
    ],
  });

  protected passwordReason(): string | null {
    const reason: unknown = this.form.controls.password.getError('password');
    return typeof reason === 'string' ? reason : null;
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.users.setTemporaryPassword(this.data.user.id, this.form.controls.password.value);
      this.ref.close(true);
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyServerErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
