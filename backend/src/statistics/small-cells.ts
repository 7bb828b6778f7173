/**
 * Small-cell protection for the incident statistics (issue 7; domain.md §1: managers must never
 * see "heatmap cells small enough to identify someone").
 *
 * The finest grain Värn counts is the **atom**: one (category, department, quarter) of the
 * de-identified facts (both tracks together — a track filter would split every atom in two and
 * let "all minus påverkan" give the whistleblowing count away, so there is none). Every number the statistics publish — a cell, a row or column total, the
 * grand total, a trend point — is a sum of atoms. The rule:
 *
 *   an atom with 0 < n < k is *small*; a published sum is shown only when none of its atoms is
 *   small — otherwise it is suppressed ("< k" when the sum itself is below k, else "skyddad").
 *
 * So every number shown is a sum of atoms that are each 0 or ≥ k, and so is the difference of any
 * two numbers shown — from one table (a total minus the cells shown in its row) or from two
 * filters (a subtree minus a smaller subtree, eight quarters minus four). A small count can therefore never be recovered by differencing: what a suppressed cell
 * hides is never the difference of shown numbers. The price is that a total containing a small
 * atom is itself suppressed (complementary suppression at the source); docs/architecture.md
 * explains the trade-off.
 */

/** One atom: how many facts share these four coordinates. */
export interface Atom {
  category: string;
  departmentId: string;
  quarter: string;
  count: number;
}

/** A published number: a count, or suppressed (below k, or hiding a small atom). */
export type Published =
  | { count: number; suppressed?: undefined }
  | { suppressed: true; belowK: boolean; count?: undefined };

export type Column = 'department' | 'quarter';

export interface StatisticsTable {
  k: number;
  rows: string[];
  columns: string[];
  cells: Array<{ category: string; column: string } & Published>;
  rowTotals: Array<{ category: string } & Published>;
  columnTotals: Array<{ column: string } & Published>;
  total: Published;
}

/** The published form of a sum of atoms. */
export function publish(atoms: readonly Atom[], k: number): Published {
  let sum = 0;
  let small = false;
  for (const a of atoms) {
    sum += a.count;
    if (a.count > 0 && a.count < k) small = true;
  }
  if (!small) return { count: sum };
  return { suppressed: true, belowK: sum < k };
}

/**
 * A category × column table (columns: departments or quarters) over the given atoms, each number
 * published by `publish`. `rows` and `columns` list what to show (in order), including empty ones.
 */
export function buildTable(
  atoms: readonly Atom[],
  opts: { k: number; by: Column; rows: readonly string[]; columns: readonly string[] },
): StatisticsTable {
  const { k, by } = opts;
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be an integer ≥ 2');
  const colOf = (a: Atom) => (by === 'department' ? a.departmentId : a.quarter);
  const rows = new Set(opts.rows);
  const cols = new Set(opts.columns);
  const inTable = atoms.filter((a) => rows.has(a.category) && cols.has(colOf(a)));
  const byCell = new Map<string, Atom[]>();
  for (const a of inTable) {
    const key = `${a.category}\u0000${colOf(a)}`;
    const list = byCell.get(key);
    if (list) list.push(a);
    else byCell.set(key, [a]);
  }
  return {
    k,
    rows: [...opts.rows],
    columns: [...opts.columns],
    cells: opts.rows.flatMap((category) =>
      opts.columns.map((column) => ({
        category,
        column,
        ...publish(byCell.get(`${category}\u0000${column}`) ?? [], k),
      })),
    ),
    rowTotals: opts.rows.map((category) => ({
      category,
      ...publish(
        inTable.filter((a) => a.category === category),
        k,
      ),
    })),
    columnTotals: opts.columns.map((column) => ({
      column,
      ...publish(
        inTable.filter((a) => colOf(a) === column),
        k,
      ),
    })),
    total: publish(inTable, k),
  };
}
