import fc from 'fast-check';
import { buildTable, publish, type Atom, type Published } from './small-cells';

const K = 5;
const atom = (category: string, departmentId: string, quarter: string, count: number): Atom => ({
  category,
  departmentId,
  quarter,
  count,
});
const shown = (p: Published): number | null => (p.suppressed ? null : p.count);

describe('small-cell protection', () => {
  it('suppresses a cell under k as "below k", never as a number', () => {
    expect(publish([atom('hot', 'd1', '2026-Q1', 3)], K)).toEqual({
      suppressed: true,
      belowK: true,
    });
    expect(publish([atom('hot', 'd1', '2026-Q1', 5)], K)).toEqual({ count: 5 });
    expect(publish([], K)).toEqual({ count: 0 });
  });

  it('cannot be recovered from row and column totals (the totals hide it too)', () => {
    // hot: d1 = 2 (small), d2 = 9; vald: d1 = 7, d2 = 6
    const atoms = [
      atom('hot', 'd1', '2026-Q1', 2),
      atom('hot', 'd2', '2026-Q1', 9),
      atom('vald', 'd1', '2026-Q1', 7),
      atom('vald', 'd2', '2026-Q1', 6),
    ];
    const t = buildTable(atoms, {
      k: K,
      by: 'department',
      rows: ['hot', 'vald'],
      columns: ['d1', 'd2'],
    });
    const cell = (c: string, d: string) => t.cells.find((x) => x.category === c && x.column === d)!;
    expect(cell('hot', 'd1')).toEqual(expect.objectContaining({ suppressed: true, belowK: true }));
    // the attack: hot total − hot/d2, or d1 total − vald/d1, or grand total − the rest
    const hotTotal = shown(t.rowTotals.find((r) => r.category === 'hot')!);
    const d1Total = shown(t.columnTotals.find((r) => r.column === 'd1')!);
    expect(hotTotal).toBeNull();
    expect(d1Total).toBeNull();
    expect(shown(t.total)).toBeNull();
    // what stays shown is exact
    expect(shown(cell('hot', 'd2'))).toBe(9);
    expect(shown(t.rowTotals.find((r) => r.category === 'vald')!)).toBe(13);
  });

  it('cannot be recovered by differencing two filters (two periods, two subtrees)', () => {
    const atoms = [
      atom('hot', 'd1', '2026-Q1', 6),
      atom('hot', 'd1', '2026-Q2', 1), // small
      atom('hot', 'd2', '2026-Q2', 8),
    ];
    const wide = buildTable(atoms, {
      k: K,
      by: 'department',
      rows: ['hot'],
      columns: ['d1', 'd2'],
    });
    const q1 = buildTable(
      atoms.filter((a) => a.quarter === '2026-Q1'),
      {
        k: K,
        by: 'department',
        rows: ['hot'],
        columns: ['d1', 'd2'],
      },
    );
    const d1Wide = wide.cells.find((c) => c.column === 'd1')!;
    const d1Q1 = q1.cells.find((c) => c.column === 'd1')!;
    expect(shown(d1Q1)).toBe(6);
    // "both quarters" for d1 would be 7; shown, it would give 7 − 6 = 1 away
    expect(shown(d1Wide)).toBeNull();
    // the other subtree (d2 alone) is unaffected, and "d1 + d2" is hidden as well
    expect(shown(wide.cells.find((c) => c.column === 'd2')!)).toBe(8);
    expect(shown(wide.rowTotals[0])).toBeNull();
  });

  it('property: every shown number is exact and fed only by atoms ≥ k (so is any difference of two)', () => {
    const cats = ['hot', 'vald', 'trakasserier'];
    const deps = ['d1', 'd2', 'd3'];
    const quarters = ['2026-Q1', '2026-Q2'];
    const atomArb = fc.record({
      category: fc.constantFrom(...cats),
      departmentId: fc.constantFrom(...deps),
      quarter: fc.constantFrom(...quarters),
      count: fc.integer({ min: 1, max: 12 }),
    });
    const viewArb = fc.record({
      rows: fc.subarray(cats, { minLength: 1 }),
      columns: fc.subarray(deps, { minLength: 1 }),
      quarters: fc.subarray(quarters, { minLength: 1 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(atomArb, {
          selector: (a) => `${a.category}|${a.departmentId}|${a.quarter}`,
        }),
        viewArb,
        (atoms, view) => {
          const chosen = atoms.filter((a) => view.quarters.includes(a.quarter));
          const t = buildTable(chosen, {
            k: K,
            by: 'department',
            rows: view.rows,
            columns: view.columns,
          });
          const feeding = (category: string | null, column: string | null) =>
            chosen.filter(
              (a) =>
                view.rows.includes(a.category) &&
                view.columns.includes(a.departmentId) &&
                (category === null || a.category === category) &&
                (column === null || a.departmentId === column),
            );
          const all = [
            ...t.cells.map((c) => [c, feeding(c.category, c.column)] as const),
            ...t.rowTotals.map((r) => [r, feeding(r.category, null)] as const),
            ...t.columnTotals.map((c) => [c, feeding(null, c.column)] as const),
            [t.total, feeding(null, null)] as const,
          ];
          for (const [p, atomsOf] of all) {
            const sum = atomsOf.reduce((n, a) => n + a.count, 0);
            if (p.suppressed) {
              // suppressed for a reason: a small atom inside, and "below k" tells the truth
              expect(atomsOf.some((a) => a.count < K)).toBe(true);
              expect(p.belowK).toBe(sum < K);
            } else {
              // shown: exact, and fed only by atoms ≥ k — so any difference of shown numbers is too
              expect(p.count).toBe(sum);
              expect(atomsOf.every((a) => a.count >= K)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
