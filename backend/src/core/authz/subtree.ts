import { isUnitPath } from './roles';

/**
 * Subtree conditions (ADR 0010). A scope is the subtree below a unit, and every unit carries its
 * materialised path (`/rootId/…/ownId/`), so "in the subtree of R" is "the path starts with R's
 * path". In CASL rules that is a `$regex` anchored on the escaped prefix: plain JSON, so it
 * survives `packRules` and `@casl/angular` evaluates it unchanged, and it fails closed — ucast's
 * `$regex` only matches strings, so a subject without the path field is denied. In SQL,
 * `casl-sql.ts` turns exactly this shape (and nothing else) back into `LIKE 'prefix%'`.
 */

/** Characters with a meaning in a regular expression (the same set as MDN's escapeRegExp). */
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** The CASL condition on a path field: "at or below the unit whose path is `prefix`". */
export function within(prefix: string): { $regex: string } {
  if (!isUnitPath(prefix)) throw new Error(`within: not a unit path: ${JSON.stringify(prefix)}`);
  return { $regex: `^${prefix.replace(REGEX_SPECIAL, '\\$&')}` };
}

/**
 * The prefix of a pattern made by `within`, or null for any other pattern (which the SQL
 * translation then refuses rather than guessing at).
 */
export function prefixOf(pattern: unknown): string | null {
  if (typeof pattern !== 'string') return null;
  const m = /^\^((?:\\[.*+?^${}()|[\]\\]|[^.*+?^${}()|[\]\\])*)$/.exec(pattern);
  if (!m) return null;
  const prefix = m[1].replace(/\\(.)/g, '$1');
  return isUnitPath(prefix) ? prefix : null;
}
