/**
 * The next follow-up audit of a contract: its class cadence (A every 4 months, B 12, C 24),
 * counted from the last audit (or the contract start), pulled forward by the residual risk band:
 * - hög: the interval × `highFactor` (default 0.5, whole months, at least 1): A 2, B 6, C 12 months;
 * - mycket hög: as hög, and in addition within `veryHighWithinDays` (default 30) of the assessment
 *   that put it there (not before the contract start), unless an audit has been done since;
 * - låg and medel: the class cadence; ej bedömd: the class cadence, with its own reason so the plan
 *   shows that the risk is unknown (never treated as low silently).
 */
import {
  addDays,
  addMonths,
  compareLocalDates,
  daysBetween,
  type LocalDate,
} from '../../core/domain/local-date';
import {
  FOLLOW_UP_INTERVAL_MONTHS,
  type FollowUpClass,
} from '../../contracts/domain/contract-classes';
import type { StoredBand } from '../../risks/domain/risk-scoring';

function maxLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareLocalDates(a, b) >= 0 ? a : b;
}

export interface AuditPlanPolicy {
  intervalMonths: Readonly<Record<FollowUpClass, number>>;
  /** Share of the interval used when the residual band is hög or mycket hög; 0 < f ≤ 1. */
  highFactor: number;
  /** A mycket hög residual is audited within this many days of its assessment. */
  veryHighWithinDays: number;
}

export const DEFAULT_AUDIT_PLAN_POLICY: Readonly<AuditPlanPolicy> = Object.freeze({
  intervalMonths: FOLLOW_UP_INTERVAL_MONTHS,
  highFactor: 0.5,
  veryHighWithinDays: 30,
});

/** Which rule set the date. */
export type AuditDueReason =
  'class_cadence' | 'risk_not_assessed' | 'risk_hog' | 'risk_mycket_hog' | 'risk_mycket_hog_urgent';

export interface AuditPlanInput {
  followUpClass: FollowUpClass;
  contractStartOn: LocalDate;
  lastAuditOn: LocalDate | null;
  /** The contract's current residual risk (null when no risk is registered). */
  residual: { band: StoredBand; assessedOn: LocalDate } | null;
}

export interface AuditDue {
  dueOn: LocalDate;
  reason: AuditDueReason;
  /** What the interval was counted from. */
  from: 'last_audit' | 'contract_start';
}

/** The next audit due date of one contract. */
export function nextAuditDue(
  input: AuditPlanInput,
  policy: AuditPlanPolicy = DEFAULT_AUDIT_PLAN_POLICY,
): AuditDue {
  if (!(policy.highFactor > 0 && policy.highFactor <= 1)) {
    throw new RangeError('highFactor must be in (0, 1]');
  }
  if (!Number.isInteger(policy.veryHighWithinDays) || policy.veryHighWithinDays < 0) {
    throw new RangeError('veryHighWithinDays must be an integer ≥ 0');
  }
  const interval = policy.intervalMonths[input.followUpClass];
  const anchor = input.lastAuditOn ?? input.contractStartOn;
  const from = input.lastAuditOn ? 'last_audit' : 'contract_start';
  const band = input.residual?.band ?? 'ej_bedomd';
  if (band === 'lag' || band === 'medel' || band === 'ej_bedomd') {
    return {
      dueOn: addMonths(anchor, interval),
      reason: band === 'ej_bedomd' ? 'risk_not_assessed' : 'class_cadence',
      from,
    };
  }
  const pulled = addMonths(anchor, Math.max(1, Math.floor(interval * policy.highFactor)));
  if (band === 'hog') return { dueOn: pulled, reason: 'risk_hog', from };
  const assessedOn = input.residual!.assessedOn;
  const auditedSince =
    input.lastAuditOn !== null && compareLocalDates(input.lastAuditOn, assessedOn) >= 0;
  if (!auditedSince) {
    // Never before the anchor: a risk assessed before the contract started is audited at start.
    const urgent = maxLocalDate(addDays(assessedOn, policy.veryHighWithinDays), anchor);
    if (compareLocalDates(urgent, pulled) < 0) {
      return { dueOn: urgent, reason: 'risk_mycket_hog_urgent', from };
    }
  }
  return { dueOn: pulled, reason: 'risk_mycket_hog', from };
}

export type AuditPlanStatus = 'overdue' | 'due_soon' | 'planned';

/** Overdue after the due day; due soon within `dueSoonDays` (default 30) days; else planned. */
export function auditPlanStatus(
  dueOn: LocalDate,
  today: LocalDate,
  dueSoonDays = 30,
): AuditPlanStatus {
  const left = daysBetween(today, dueOn);
  return left < 0 ? 'overdue' : left <= dueSoonDays ? 'due_soon' : 'planned';
}
