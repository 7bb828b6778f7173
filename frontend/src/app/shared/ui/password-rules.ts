import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** The server's password policy (backend `auth/password-policy.ts`). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type PasswordReason =
  'too_short' | 'too_long' | 'common' | 'weak' | 'contains_username' | 'same_as_current';

export interface PasswordContext {
  username?: string | null;
  currentPassword?: string | null;
}

/**
 * What can be checked in the browser before asking the server (which also checks common and
 * easily guessed passwords). Same order and reason codes as the server; first problem only.
 */
export function passwordProblem(
  password: string,
  context: PasswordContext = {},
): PasswordReason | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  if (context.currentPassword && password === context.currentPassword) return 'same_as_current';
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) {
    return 'contains_username';
  }
  return null;
}

/** Validator for a new password; the error key is `password` with the reason as value. */
export function newPasswordValidator(context: () => PasswordContext): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value: unknown = control.value;
    if (typeof value !== 'string' || value === '') return null;
    const reason = passwordProblem(value, context());
    return reason ? { password: reason } : null;
  };
}

/** Group validator: `repeat` must equal `newPassword`; sets `mismatch` on the repeat field. */
export function repeatMatches(newField: string, repeatField: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const repeat = group.get(repeatField);
    const value: unknown = group.get(newField)?.value;
    if (!repeat) return null;
    const mismatch = !!repeat.value && repeat.value !== value;
    const { mismatch: _previous, ...others } = repeat.errors ?? {};
    if (mismatch) {
      repeat.setErrors({ ...others, mismatch: true });
    } else if (_previous) {
      repeat.setErrors(Object.keys(others).length ? others : null);
    }
    return mismatch ? { mismatch: true } : null;
  };
}
