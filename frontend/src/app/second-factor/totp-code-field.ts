import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  effect,
  inject,
  input,
} from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { serverError } from '../core/forms/server-errors';

/**
 * The six-digit code from the authenticator app, as the enrolment, sign-in and profile pages ask
 * for it: one-time-code autofill, a numeric keyboard on phones, and the same messages for an
 * empty field, a wrong format and the server's refusal.
 */
@Component({
  selector: 'varn-totp-code-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ 'secondFactor.verify.codeLabel' | transloco }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        autocomplete="one-time-code"
        inputmode="numeric"
        maxlength="7"
        required
      />
      @if (hint()) {
        <mat-hint>{{ 'secondFactor.verify.codeHint' | transloco }}</mat-hint>
      }
      @if (control().hasError('required')) {
        <mat-error>{{ 'validation.required' | transloco }}</mat-error>
      } @else if (control().hasError('pattern')) {
        <mat-error>{{ 'secondFactor.verify.codeFormat' | transloco }}</mat-error>
      } @else if (serverError(control()); as message) {
        <mat-error>{{ message }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: ':host { display: block; }',
})
export class TotpCodeField {
  readonly control = input.required<FormControl<string>>();
  /** Show the format hint under the field. */
  readonly hint = input(true);
  protected readonly serverError = serverError;

  constructor() {
    // the parent's submit marks the control touched or puts a server error on it: show it
    const changes = inject(ChangeDetectorRef);
    effect((onCleanup) => {
      const sub = this.control().events.subscribe(() => changes.markForCheck());
      onCleanup(() => sub.unsubscribe());
    });
  }
}
