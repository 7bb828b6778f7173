/** Escapes LIKE wildcards; use with `LIKE :x ESCAPE '\'` (works on SQLite and PostgreSQL). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The keyset condition "after (:afterKey, :afterId) in (key, id) order", written so each engine
 * reads it as one range on a (key, id) index, however deep the page: a row-value comparison on
 * PostgreSQL; on SQLite `key <= k AND (key < k OR id < i)` (for `<`; `>=`/`>` for `>`), whose
 * first half is a range the planner seeks to. (SQLite plans the row-value form as another index
 * plus a sort of the whole scope — 750 ms for the inbox's deep page on 200,000 cases — and the
 * plain `key < k OR (key = k AND id < i)` as a scan from the first row, which grows with the
 * depth: 5 ms after 5,000 rows, 111 ms after 150,000; this form stays at 1 ms.)
 */
export function keysetAfter(
  engine: 'sqlite' | 'postgres',
  keyColumn: string,
  idColumn: string,
  op: '<' | '>',
): string {
  return engine === 'postgres'
    ? `(${keyColumn}, ${idColumn}) ${op} (:afterKey, :afterId)`
    : `(${keyColumn} ${op}= :afterKey AND (${keyColumn} ${op} :afterKey OR ${idColumn} ${op} :afterId))`;
}
