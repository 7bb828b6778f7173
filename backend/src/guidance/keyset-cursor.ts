import { Problem } from '../core/errors/problem';

/** A position in a list sorted by a date-string key, newest first: the key and the row's id. */
export interface DateKeyset {
  key: string;
  id: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f-]{36}$/i;

/** The cursor of the row after which the next page starts (base64url JSON). */
export function encodeDateCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/** Reads a cursor back; anything else than one this API made is a 400. */
export function decodeDateCursor(cursor: string): DateKeyset {
  const bad = () =>
    Problem.badRequest('Ogiltig sidmarkör: börja om från första sidan.', 'validation_failed', [
      { field: 'cursor', messages: ['invalid_cursor'] },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[1] !== 'string' ||
    !DATE.test(parsed[0]) ||
    !ID.test(parsed[1])
  )
    throw bad();
  return { key: parsed[0], id: parsed[1] };
}

/** Ids of the active managers (chef) over a unit, except `exceptUserId`: SQL for both engines. */
export const MANAGERS_OVER_UNIT_SQL = `SELECT DISTINCT ra."userId" AS "userId"
  FROM role_assignments ra
  JOIN org_units ru ON ru.id = ra."unitId"
  JOIN org_units tu ON tu.id = :unitId
  JOIN users mu ON mu.id = ra."userId" AND mu.active = :active
  WHERE ra.role = 'chef' AND ra."userId" <> :except
    AND substr(tu.path, 1, length(ru.path)) = ru.path`;
