import type { AbstractControl, FormGroup } from '@angular/forms';
import type { Translator } from '../errors/error-messages';
import { fieldMessages, problemFieldErrors } from '../errors/error-messages';
import type { Problem } from '../errors/problem';

/**
 * Puts the server's field errors on the form's controls (as the `server` error, shown by the
 * field's `<mat-error>`), keeping what the user typed. Returns the messages that belong to no
 * control, for a message above the form.
 */
export function applyServerErrors(
  form: FormGroup,
  problem: Problem,
  i18n: Translator,
  codeFields: Readonly<Record<string, string>> = {},
): string[] {
  const unmatched: string[] = [];
  for (const error of problemFieldErrors(problem, codeFields)) {
    const control: AbstractControl | null = form.get(error.field);
    const messages = fieldMessages(error.messages, i18n);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: messages.join(' ') });
      control.markAsTouched();
    } else {
      unmatched.push(...messages);
    }
  }
  return unmatched;
}

/** The server message on a control, if any (templates show it in `<mat-error>`). */
export function serverError(control: AbstractControl): string | null {
  const value: unknown = control.getError('server');
  return typeof value === 'string' ? value : null;
}
