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

/**
 * Bound parameters one INSERT may use. SQLite allows 32,766 (SQLITE_MAX_VARIABLE_NUMBER since
 * 3.32), PostgreSQL 65,535; a margin below the smaller keeps one rule for both engines.
 */
export const INSERT_PARAMETER_BUDGET = 30_000;

/** How many rows of `columns` columns fit in one INSERT within the parameter budget (≥ 1). */
export function rowsPerInsert(columns: number, budget = INSERT_PARAMETER_BUDGET): number {
  return Math.max(1, Math.floor(budget / Math.max(1, columns)));
}

/**
 * Splits `rows` into consecutive chunks that each fit in one INSERT; the order is kept, so rows
 * that get ascending generated keys (the audit chain's `seq`) keep their order across chunks.
 */
export function insertChunks<T>(rows: readonly T[], columns: number, budget?: number): T[][] {
  const size = rowsPerInsert(columns, budget);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
