/**
 * Risk scoring in one place: score = likelihood × consequence, band read from the matrix cell.
 * The result is also the explanation the UI renders ("4 × 5 = 20 → Mycket hög"). "Ej bedömd" is a
 * state of its own (band `ej_bedomd`, no score), never treated or shown as low.
 */
import { addDays, type LocalDate } from '../../core/domain/local-date';
import type { RiskBand, RiskMatrix } from './risk-matrix';

/** The band value stored for a risk that has not been assessed. */
export const NOT_ASSESSED = 'ej_bedomd' as const;
export type StoredBand = RiskBand | typeof NOT_ASSESSED;

export type RiskScore =
  | { likelihood: number; consequence: number; score: number; band: RiskBand }
  | { likelihood: null; consequence: null; score: null; band: typeof NOT_ASSESSED };

export type ScoreIssue =
  | { code: 'assessment_incomplete'; missing: 'likelihood' | 'consequence' }
  | { code: 'level_out_of_range'; field: 'likelihood' | 'consequence'; max: number };

export type ScoreResult = { ok: true; value: RiskScore } | { ok: false; issue: ScoreIssue };

/** Scores an assessment on a (validated) matrix; both levels null means not assessed. */
export function scoreRisk(
  matrix: RiskMatrix,
  input: { likelihood: number | null; consequence: number | null },
): ScoreResult {
  const { likelihood, consequence } = input;
  if (likelihood === null && consequence === null) {
    return {
      ok: true,
      value: { likelihood: null, consequence: null, score: null, band: NOT_ASSESSED },
    };
  }
  if (likelihood === null) {
    return { ok: false, issue: { code: 'assessment_incomplete', missing: 'likelihood' } };
  }
  if (consequence === null) {
    return { ok: false, issue: { code: 'assessment_incomplete', missing: 'consequence' } };
  }
  const maxL = matrix.likelihood.length;
  const maxC = matrix.consequence.length;
  if (!Number.isInteger(likelihood) || likelihood < 1 || likelihood > maxL) {
    return { ok: false, issue: { code: 'level_out_of_range', field: 'likelihood', max: maxL } };
  }
  if (!Number.isInteger(consequence) || consequence < 1 || consequence > maxC) {
    return { ok: false, issue: { code: 'level_out_of_range', field: 'consequence', max: maxC } };
  }
  return {
    ok: true,
    value: {
      likelihood,
      consequence,
      score: likelihood * consequence,
      band: matrix.cells[likelihood - 1][consequence - 1],
    },
  };
}

/**
 * The next review date after an assessment on `assessedOn`: plus the band's review interval
 * (default grön 365, gul 180, orange 90, röd 90 days). A risk that is not assessed is due for
 * assessment at once (the same day).
 */
export function nextReviewDate(
  matrix: RiskMatrix,
  band: StoredBand,
  assessedOn: LocalDate,
): LocalDate {
  if (band === NOT_ASSESSED) return assessedOn;
  const def = matrix.bands.find((b) => b.band === band);
  if (!def) throw new RangeError(`matrix has no definition for band ${band}`);
  return addDays(assessedOn, def.reviewIntervalDays);
}

/** The stored residual (of an assessment or an acceptance) as a score: "ej bedömd" when unset. */
export function storedResidualScore(x: {
  residualLikelihood: number | null;
  residualConsequence: number | null;
  residualBand: string;
}): RiskScore {
  if (
    x.residualBand === NOT_ASSESSED ||
    x.residualLikelihood === null ||
    x.residualConsequence === null
  )
    return { likelihood: null, consequence: null, score: null, band: NOT_ASSESSED };
  return {
    likelihood: x.residualLikelihood,
    consequence: x.residualConsequence,
    score: x.residualLikelihood * x.residualConsequence,
    band: x.residualBand as RiskBand,
  };
}
