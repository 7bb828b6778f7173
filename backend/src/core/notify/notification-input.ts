/**
 * What a notification may carry, checked before anything is written. Notifications and the
 * e-mails they cause leave the confidential part of Värn (a bell in every page, a mailbox), so:
 *
 * - `kind` is a stable code (`case.acknowledgement_due`); the frontend translates it. The
 *   backend never sends Swedish (or any) prose.
 * - `params` hold only ids (UUIDs), dates, reference numbers, small integers, booleans and short
 *   lower-case codes — NEVER case content, names, e-mail addresses or other identities. The
 *   allowed shapes leave no room for a sentence (no spaces, a short alphabet), and anything else
 *   is refused as a programming error.
 * - `link` is a path inside the app (`/arenden/<id>`), never an absolute URL.
 */
export type NotificationParam = string | number | boolean | Date;

export interface NotificationInput {
  kind: string;
  params?: Readonly<Record<string, NotificationParam>>;
  link: string;
}

export class NotificationInputError extends Error {
  override readonly name = 'NotificationInputError';
}

const KIND = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const KEY = /^[a-zA-Z][a-zA-Z0-9]{0,31}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
/** A short machine code, e.g. `visselblasning`, `ack_due`. */
const CODE = /^[a-z][a-z0-9_.-]{0,39}$/;
/** A reference number, e.g. `VB-2026-0042`. */
const REFERENCE = /^[A-Z]{1,4}-\d{4}-\d{1,6}$/;
/** An app path: starts with one slash, only URL-safe characters, no scheme, no "//". */
const LINK = /^\/(?!\/)[A-Za-z0-9\-._~/?=&%]*$/;
const MAX_PARAMS = 10;

/** Validates and normalises a notification; throws NotificationInputError on anything else. */
export function checkNotification(input: NotificationInput): {
  kind: string;
  params: Record<string, string | number | boolean>;
  link: string;
} {
  if (input.kind.length > 64 || !KIND.test(input.kind))
    throw new NotificationInputError(`kind must be a dotted lower-case code (≤ 64)`);
  if (input.link.length > 300 || !LINK.test(input.link) || input.link.includes('..'))
    throw new NotificationInputError('link must be a path inside the app, e.g. /arenden/<id>');
  const entries = Object.entries(input.params ?? {});
  if (entries.length > MAX_PARAMS) throw new NotificationInputError(`at most ${MAX_PARAMS} params`);
  const params: Record<string, string | number | boolean> = {};
  for (const [key, value] of entries) {
    if (!KEY.test(key)) throw new NotificationInputError(`param key "${key}" is not allowed`);
    params[key] = checkValue(key, value);
  }
  return { kind: input.kind, params, link: input.link };
}

function checkValue(key: string, value: NotificationParam): string | number | boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    // counts and days; a long number could be a personal identity or phone number
    if (!Number.isInteger(value) || Math.abs(value) > 1_000_000)
      throw new NotificationInputError(`param ${key}: only integers up to 1 000 000`);
    return value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new NotificationInputError(`param ${key}: bad date`);
    return value.toISOString();
  }
  if (
    typeof value === 'string' &&
    (UUID.test(value) ||
      DATE.test(value) ||
      DATE_TIME.test(value) ||
      CODE.test(value) ||
      REFERENCE.test(value))
  )
    return value;
  // never echo the value: it may be exactly what must not be stored
  throw new NotificationInputError(
    `param ${key}: only ids, dates, reference numbers and short codes are allowed`,
  );
}
