import { HttpErrorResponse } from '@angular/common/http';
import {
  fieldMessages,
  problemFieldErrors,
  problemMessage,
  type Translator,
} from './error-messages';
import { toProblem, type Problem } from './problem';

/** A translator over a small dictionary, with `{{param}}` interpolation. */
function translator(dict: Record<string, string>): Translator {
  return {
    has: (key) => key in dict,
    t: (key, params = {}) =>
      (dict[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(params[name])),
  };
}

const i18n = translator({
  'errors.invalid_credentials': 'Fel användarnamn eller lösenord.',
  'errors.account_locked': 'Försök igen om {{minutes}} min.',
  'errors.unexpected': 'Något oväntat gick fel.',
  'errors.fields.too_short': 'Minst 12 tecken.',
  'errors.fields.wrong_password': 'Lösenordet stämmer inte.',
});

const problem = (p: Partial<Problem>): Problem => ({ status: 400, code: 'bad_request', ...p });

describe('problemMessage', () => {
  it('translates a known code', () => {
    expect(problemMessage(problem({ code: 'invalid_credentials' }), i18n)).toBe(
      'Fel användarnamn eller lösenord.',
    );
  });

  it('turns retryAfterSeconds into whole minutes, rounding up', () => {
    const locked = problem({ code: 'account_locked', status: 429, retryAfterSeconds: 61 });
    expect(problemMessage(locked, i18n)).toBe('Försök igen om 2 min.');
    expect(problemMessage({ ...locked, retryAfterSeconds: 900 }, i18n)).toBe(
      'Försök igen om 15 min.',
    );
  });

  it("falls back to the server's detail for an unknown code", () => {
    const p = problem({ code: 'something_new', detail: 'Enheten har aktiva ärenden.' });
    expect(problemMessage(p, i18n)).toBe('Enheten har aktiva ärenden.');
  });

  it('falls back to a generic text when there is neither', () => {
    expect(problemMessage(problem({ code: 'something_new' }), i18n)).toBe(
      'Något oväntat gick fel.',
    );
  });
});

describe('field errors', () => {
  it('translates reason codes and keeps other server text as it came', () => {
    expect(fieldMessages(['too_short', 'name får inte innehålla < >'], i18n)).toEqual([
      'Minst 12 tecken.',
      'name får inte innehålla < >',
    ]);
  });

  it('puts a code-only problem on its field', () => {
    const p = problem({ code: 'wrong_password' });
    expect(problemFieldErrors(p, { wrong_password: 'currentPassword' })).toEqual([
      { field: 'currentPassword', messages: ['wrong_password'] },
    ]);
    expect(problemFieldErrors(p)).toEqual([]);
  });
});

describe('toProblem', () => {
  it('reads a problem+json body', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'password_policy',
        detail: 'Lösenordet uppfyller inte kraven.',
        requestId: 'r-1',
        errors: [{ field: 'newPassword', messages: ['common'] }],
      },
    });
    expect(toProblem(error)).toMatchObject({
      status: 400,
      code: 'password_policy',
      requestId: 'r-1',
      errors: [{ field: 'newPassword', messages: ['common'] }],
    });
  });

  it('gives a network failure and a non-problem 5xx their own codes', () => {
    expect(toProblem(new HttpErrorResponse({ status: 0 })).code).toBe('network_error');
    expect(toProblem(new HttpErrorResponse({ status: 502, error: '<html>' })).code).toBe(
      'internal_error',
    );
    expect(toProblem(new Error('boom')).code).toBe('unexpected');
  });
});
