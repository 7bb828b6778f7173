/**
 * Errors that mean "the database cannot be reached or cannot take the request now" — as opposed
 * to a bad statement or a broken rule. They are answered 503 `service_unavailable` with a
 * `Retry-After`, never 500, and the next request simply tries again: the PostgreSQL pool drops
 * broken connections and opens new ones, so service comes back without a restart.
 */

/** Node socket errors on the way to the database. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (admin shutdown, crash
 * shutdown, cannot connect now), 53300 (too many connections).
 */
function isPostgresUnavailable(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** SQLite: the file is locked beyond the busy timeout, or cannot be read or opened. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL)/;

/** node-postgres raises these as plain Errors without a code. */
const PG_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection terminated unexpectedly/i,
  /^Query read timeout/i,
];

export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 3) return false;
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  if (NETWORK_CODES.has(code)) return true;
  if (/^[0-9A-Z]{5}$/.test(code) && isPostgresUnavailable(code)) return true;
  if (SQLITE_UNAVAILABLE.test(code)) return true;
  const message = typeof err.message === 'string' ? err.message : '';
  if (PG_MESSAGES.some((re) => re.test(message))) return true;
  return (
    isDatabaseUnavailable(err.driverError, depth + 1) || isDatabaseUnavailable(err.cause, depth + 1)
  );
}
