import type { Problem } from './problem';

/** What the mapping needs from the translation layer (kept small so it is easy to test). */
export interface Translator {
  has(key: string): boolean;
  t(key: string, params?: Record<string, unknown>): string;
}

/**
 * The message to show for a problem: the translation of `errors.<code>` when there is one,
 * else the server's `detail`, else a generic text.
 */
export function problemMessage(problem: Problem, i18n: Translator): string {
  const key = `errors.${problem.code}`;
  if (i18n.has(key)) {
    const minutes = Math.max(1, Math.ceil((problem.retryAfterSeconds ?? 60) / 60));
    return i18n.t(key, { minutes, detail: problem.detail ?? '' });
  }
  if (problem.detail) return problem.detail;
  return i18n.t('errors.unexpected');
}

/**
 * Messages for one field error. A message that is a known reason code (such as the password
 * policy's `too_short`) is translated from `errors.fields.<reason>`; any other text from the
 * server is shown as it came.
 */
export function fieldMessages(messages: readonly string[], i18n: Translator): string[] {
  return messages.map((m) => {
    const key = `errors.fields.${m}`;
    return /^[a-z_]+$/.test(m) && i18n.has(key) ? i18n.t(key) : m;
  });
}

/** Field errors of a problem, with a code-only problem (e.g. `wrong_password`) put on a field. */
export function problemFieldErrors(
  problem: Problem,
  codeFields: Readonly<Record<string, string>> = {},
): { field: string; messages: string[] }[] {
  const errors = problem.errors?.filter((e) => e.field) ?? [];
  const field = codeFields[problem.code];
  if (field && !errors.some((e) => e.field === field)) {
    return [...errors, { field, messages: [problem.code] }];
  }
  return errors;
}
