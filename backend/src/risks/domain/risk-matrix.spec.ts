import fc from 'fast-check';
import {
  bandRank,
  DEFAULT_RISK_MATRIX,
  RISK_BANDS,
  RISK_MATRIX_4X4,
  validateRiskMatrix,
  type RiskBand,
  type RiskMatrix,
} from './risk-matrix';

const clone = (m: RiskMatrix): RiskMatrix => structuredClone(m);

describe('default risk matrix', () => {
  it('is a valid 5×5 with the §6 bands by score', () => {
    expect(validateRiskMatrix(DEFAULT_RISK_MATRIX)).toEqual({ ok: true });
    for (let l = 1; l <= 5; l++) {
      for (let c = 1; c <= 5; c++) {
        const s = l * c;
        const expected: RiskBand =
          s <= 4 ? 'lag' : s <= 9 ? 'medel' : s <= 16 ? 'hog' : 'mycket_hog';
        expect(DEFAULT_RISK_MATRIX.cells[l - 1][c - 1]).toBe(expected);
      }
    }
  });
  it('has the §6 labels, colours and review intervals', () => {
    expect(DEFAULT_RISK_MATRIX.likelihood.map((s) => s.label)).toEqual([
      'Mycket låg',
      'Låg',
      'Medel',
      'Hög',
      'Mycket hög',
    ]);
    expect(DEFAULT_RISK_MATRIX.consequence.map((s) => s.label)).toEqual([
      'Försumbar',
      'Lindrig',
      'Måttlig',
      'Allvarlig',
      'Mycket allvarlig',
    ]);
    expect(
      DEFAULT_RISK_MATRIX.bands.map((b) => [b.band, b.label, b.colourName, b.reviewIntervalDays]),
    ).toEqual([
      ['lag', 'Låg', 'grön', 365],
      ['medel', 'Medel', 'gul', 180],
      ['hog', 'Hög', 'orange', 90],
      ['mycket_hog', 'Mycket hög', 'röd', 90],
    ]);
    expect(RISK_BANDS.map(bandRank)).toEqual([0, 1, 2, 3]);
  });
  it('a 4×4 matrix is valid too', () => {
    expect(validateRiskMatrix(RISK_MATRIX_4X4)).toEqual({ ok: true });
  });
});

describe('validateRiskMatrix', () => {
  it('refuses a non-monotone matrix with matrix_not_monotone and the offending cells', () => {
    const m = clone(DEFAULT_RISK_MATRIX);
    m.cells[3][3] = 'medel'; // 4 × 4 lower than 3 × 4 (hög) and 4 × 3 (hög)
    expect(validateRiskMatrix(m)).toEqual({
      ok: false,
      issues: [
        {
          code: 'matrix_not_monotone',
          cells: [
            {
              likelihood: 4,
              consequence: 4,
              band: 'medel',
              lowerThan: { likelihood: 3, consequence: 4, band: 'hog' },
            },
            {
              likelihood: 4,
              consequence: 4,
              band: 'medel',
              lowerThan: { likelihood: 4, consequence: 3, band: 'hog' },
            },
          ],
        },
      ],
    });
  });
  it('refuses the highest consequence below gul', () => {
    const m = clone(DEFAULT_RISK_MATRIX);
    m.cells[0][4] = 'lag';
    const r = validateRiskMatrix(m);
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: 'matrix_consequence_floor',
          floor: 'medel',
          cells: [{ likelihood: 1, consequence: 5 }],
        },
      ],
    });
    const m4 = clone(RISK_MATRIX_4X4);
    m4.cells[0][3] = 'lag';
    expect(validateRiskMatrix(m4)).toMatchObject({
      ok: false,
      issues: [{ code: 'matrix_consequence_floor', cells: [{ likelihood: 1, consequence: 4 }] }],
    });
  });
  it('refuses a cell without a known band', () => {
    const m = clone(DEFAULT_RISK_MATRIX);
    (m.cells[2] as unknown[])[1] = 'gul';
    (m.cells[0] as unknown[])[0] = null;
    expect(validateRiskMatrix(m)).toEqual({
      ok: false,
      issues: [
        {
          code: 'matrix_cell_missing',
          cells: [
            { likelihood: 1, consequence: 1 },
            { likelihood: 3, consequence: 2 },
          ],
        },
      ],
    });
  });
  it('refuses wrong shapes, levels and band definitions', () => {
    const rows = clone(DEFAULT_RISK_MATRIX);
    rows.cells.pop();
    expect(validateRiskMatrix(rows)).toMatchObject({
      ok: false,
      issues: [{ code: 'matrix_shape' }],
    });
    const levels = clone(DEFAULT_RISK_MATRIX);
    levels.likelihood[2].level = 7;
    expect(validateRiskMatrix(levels)).toMatchObject({
      ok: false,
      issues: [{ code: 'matrix_shape' }],
    });
    const one = clone(DEFAULT_RISK_MATRIX);
    one.consequence = one.consequence.slice(0, 1);
    expect(validateRiskMatrix(one)).toMatchObject({
      ok: false,
      issues: [{ code: 'matrix_shape' }],
    });
    const label = clone(DEFAULT_RISK_MATRIX);
    label.consequence[4].label = '  ';
    expect(validateRiskMatrix(label)).toMatchObject({
      ok: false,
      issues: [{ code: 'matrix_label_missing', scale: 'consequence', level: 5 }],
    });
    const bands = clone(DEFAULT_RISK_MATRIX);
    bands.bands = bands.bands.filter((b) => b.band !== 'hog');
    bands.bands[0].colour = 'green';
    bands.bands[1].reviewIntervalDays = 0;
    const codes = (
      validateRiskMatrix(bands) as { issues: { code: string; band?: string }[] }
    ).issues.map((i) => `${i.code}:${i.band}`);
    expect(codes).toEqual([
      'matrix_band_definition:lag',
      'matrix_band_definition:medel',
      'matrix_band_definition:hog',
    ]);
  });
  it('accepts any matrix built monotone from a score threshold, and flags any single downgrade that breaks order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 2, max: 7 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 49 }), { minLength: 3, maxLength: 3 }),
        fc.nat(),
        (rows, cols, cuts, pick) => {
          const [a, b, c] = [...cuts].sort((x, y) => x - y);
          const band = (s: number): RiskBand =>
            s < a ? 'lag' : s < b ? 'medel' : s < c ? 'hog' : 'mycket_hog';
          const m: RiskMatrix = {
            ...clone(DEFAULT_RISK_MATRIX),
            likelihood: Array.from({ length: rows }, (_, i) => ({
              level: i + 1,
              label: `L${i + 1}`,
              description: 'x',
            })),
            consequence: Array.from({ length: cols }, (_, i) => ({
              level: i + 1,
              label: `K${i + 1}`,
              description: 'x',
            })),
            cells: Array.from({ length: rows }, (_, l) =>
              Array.from({ length: cols }, (_, k) => band((l + 1) * (k + 1))),
            ),
            maxConsequenceFloor: 'lag',
          };
          expect(validateRiskMatrix(m)).toEqual({ ok: true });
          // Downgrade one cell that has a neighbour below it with a higher band → not monotone.
          const l = pick % rows;
          const k = Math.floor(pick / rows) % cols;
          const here = m.cells[l][k];
          const neighbours = [
            l > 0 ? m.cells[l - 1][k] : 'lag',
            k > 0 ? m.cells[l][k - 1] : 'lag',
          ] as RiskBand[];
          const maxNeighbour = Math.max(...neighbours.map(bandRank));
          if (maxNeighbour > 0 && bandRank(here) >= maxNeighbour) {
            m.cells[l][k] = RISK_BANDS[maxNeighbour - 1];
            const r = validateRiskMatrix(m);
            expect(r.ok).toBe(false);
            if (!r.ok) expect(r.issues.map((i) => i.code)).toContain('matrix_not_monotone');
          }
        },
      ),
    );
  });
});
