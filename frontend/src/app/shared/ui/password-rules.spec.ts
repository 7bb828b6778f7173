import { FormControl, FormGroup } from '@angular/forms';
import { newPasswordValidator, passwordProblem, repeatMatches } from './password-rules';

describe('passwordProblem', () => {
  it('requires at least 12 characters, counting letters rather than UTF-16 units', () => {
    expect(passwordProblem('kort-lösen')).toBe('too_short');
    expect(passwordProblem('a'.repeat(11))).toBe('too_short');
    expect(passwordProblem('ålänning-öar')).toBeNull();
    expect(passwordProblem('🙂'.repeat(11))).toBe('too_short');
  });

  it('allows at most 128 characters', () => {
    expect(passwordProblem('x'.repeat(128))).toBeNull();
    expect(passwordProblem('x'.repeat(129))).toBe('too_long');
  });

  it('rejects the current password and the username (case-insensitive)', () => {
    const ctx = { username: 'Anna', currentPassword: 'gamla lösenordet' };
    expect(passwordProblem('gamla lösenordet', ctx)).toBe('same_as_current');
    expect(passwordProblem('hej-anna-1234567', ctx)).toBe('contains_username');
    expect(passwordProblem('hej-ANNA-1234567', ctx)).toBe('contains_username');
    expect(passwordProblem('blåbär i skogen', ctx)).toBeNull();
  });

  it('ignores usernames shorter than 3 characters', () => {
    expect(passwordProblem('ab-blåbärssylt', { username: 'ab' })).toBeNull();
  });
});

describe('form validators', () => {
  it('reports the reason on the control', () => {
    const control = new FormControl('för-kort', {
      validators: newPasswordValidator(() => ({})),
      nonNullable: true,
    });
    expect(control.getError('password')).toBe('too_short');
    control.setValue('tillräckligt långt');
    expect(control.valid).toBe(true);
  });

  it('marks a repeat that differs, and clears it when it matches', () => {
    const group = new FormGroup(
      {
        newPassword: new FormControl('blåbär i skogen', { nonNullable: true }),
        repeatPassword: new FormControl('blåbär i skog', { nonNullable: true }),
      },
      { validators: repeatMatches('newPassword', 'repeatPassword') },
    );
    expect(group.controls.repeatPassword.hasError('mismatch')).toBe(true);
    group.controls.repeatPassword.setValue('blåbär i skogen');
    expect(group.controls.repeatPassword.hasError('mismatch')).toBe(false);
    expect(group.valid).toBe(true);
  });
});
