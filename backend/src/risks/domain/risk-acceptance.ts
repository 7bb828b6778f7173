/**
 * Risk acceptance: a chef's signed, dated decision to accept a residual risk until an expiry
 * date. It goes stale when the residual assessment changes (likelihood, consequence or band —
 * a new matrix version can change the band) or when the expiry date has passed (valid through
 * the expiry day itself). Stale acceptances are listed for a new decision.
 */
import { compareLocalDates, type LocalDate } from '../../core/domain/local-date';
import type { RiskScore } from './risk-scoring';

export interface RiskAcceptance {
  acceptedOn: LocalDate;
  expiresOn: LocalDate;
  /** The residual as it was when accepted. */
  residual: RiskScore;
}

export type AcceptanceStaleReason = 'residual_changed' | 'expired';

export type AcceptanceState = { stale: false } | { stale: true; reasons: AcceptanceStaleReason[] };

/** Whether an acceptance still stands for the current residual on `today`. */
export function acceptanceState(
  acceptance: RiskAcceptance,
  currentResidual: RiskScore,
  today: LocalDate,
): AcceptanceState {
  const reasons: AcceptanceStaleReason[] = [];
  const a = acceptance.residual;
  if (
    a.likelihood !== currentResidual.likelihood ||
    a.consequence !== currentResidual.consequence ||
    a.band !== currentResidual.band
  ) {
    reasons.push('residual_changed');
  }
  if (compareLocalDates(today, acceptance.expiresOn) > 0) reasons.push('expired');
  return reasons.length > 0 ? { stale: true, reasons } : { stale: false };
}

/** An acceptance must expire after the day it was made. */
export function acceptanceDatesValid(acceptedOn: LocalDate, expiresOn: LocalDate): boolean {
  return compareLocalDates(expiresOn, acceptedOn) > 0;
}
