import fc from 'fast-check';
import { asLocalDate } from '../../core/domain/local-date';
import { bandRank, DEFAULT_RISK_MATRIX, RISK_MATRIX_4X4 } from './risk-matrix';
import { nextReviewDate, NOT_ASSESSED, scoreRisk } from './risk-scoring';

describe('scoreRisk', () => {
  it('gives score, band and the explanation parameters in one object', () => {
    expect(scoreRisk(DEFAULT_RISK_MATRIX, { likelihood: 4, consequence: 5 })).toEqual({
      ok: true,
      value: { likelihood: 4, consequence: 5, score: 20, band: 'mycket_hog' },
    });
    expect(scoreRisk(DEFAULT_RISK_MATRIX, { likelihood: 1, consequence: 5 })).toMatchObject({
      value: { score: 5, band: 'medel' },
    });
    expect(scoreRisk(RISK_MATRIX_4X4, { likelihood: 4, consequence: 4 })).toMatchObject({
      value: { score: 16, band: 'mycket_hog' },
    });
  });
  it('keeps "ej bedömd" as its own state, never low', () => {
    const r = scoreRisk(DEFAULT_RISK_MATRIX, { likelihood: null, consequence: null });
    expect(r).toEqual({
      ok: true,
      value: { likelihood: null, consequence: null, score: null, band: NOT_ASSESSED },
    });
    expect(NOT_ASSESSED).toBe('ej_bedomd');
  });
  it('refuses half an assessment and levels outside the matrix', () => {
    expect(scoreRisk(DEFAULT_RISK_MATRIX, { likelihood: 3, consequence: null })).toEqual({
      ok: false,
      issue: { code: 'assessment_incomplete', missing: 'consequence' },
    });
    expect(scoreRisk(DEFAULT_RISK_MATRIX, { likelihood: null, consequence: 2 })).toMatchObject({
      ok: false,
      issue: { missing: 'likelihood' },
    });
    expect(scoreRisk(RISK_MATRIX_4X4, { likelihood: 5, consequence: 1 })).toEqual({
      ok: false,
      issue: { code: 'level_out_of_range', field: 'likelihood', max: 4 },
    });
    for (const bad of [0, -1, 2.5, Number.NaN]) {
      expect(scoreRisk(DEFAULT_RISK_MATRIX, { likelihood: 2, consequence: bad }).ok).toBe(false);
    }
  });
  it('never gives a lower band for a higher likelihood or consequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (l, c, dl, dc) => {
          const lo = scoreRisk(DEFAULT_RISK_MATRIX, { likelihood: l, consequence: c });
          const hi = scoreRisk(DEFAULT_RISK_MATRIX, {
            likelihood: Math.min(5, l + dl),
            consequence: Math.min(5, c + dc),
          });
          if (
            !lo.ok ||
            !hi.ok ||
            lo.value.band === NOT_ASSESSED ||
            hi.value.band === NOT_ASSESSED
          ) {
            throw new Error('expected assessed scores');
          }
          expect(bandRank(hi.value.band)).toBeGreaterThanOrEqual(bandRank(lo.value.band));
          expect(lo.value.score).toBe(l * c);
        },
      ),
    );
  });
});

describe('nextReviewDate', () => {
  const on = asLocalDate('2026-03-01');
  it('follows the band: grön 365, gul 180, orange 90, röd 90 days', () => {
    expect(nextReviewDate(DEFAULT_RISK_MATRIX, 'lag', on)).toBe('2027-03-01');
    expect(nextReviewDate(DEFAULT_RISK_MATRIX, 'medel', on)).toBe('2026-08-28');
    expect(nextReviewDate(DEFAULT_RISK_MATRIX, 'hog', on)).toBe('2026-05-30');
    expect(nextReviewDate(DEFAULT_RISK_MATRIX, 'mycket_hog', on)).toBe('2026-05-30');
  });
  it('makes an unassessed risk due at once', () => {
    expect(nextReviewDate(DEFAULT_RISK_MATRIX, NOT_ASSESSED, on)).toBe(on);
  });
  it('uses the intervals of the matrix it is given', () => {
    const m = structuredClone(DEFAULT_RISK_MATRIX);
    m.bands[3].reviewIntervalDays = 30;
    expect(nextReviewDate(m, 'mycket_hog', on)).toBe('2026-03-31');
    m.bands = m.bands.slice(0, 3);
    expect(() => nextReviewDate(m, 'mycket_hog', on)).toThrow(RangeError);
  });
});
