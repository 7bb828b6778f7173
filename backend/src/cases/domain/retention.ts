/**
 * Retention of a case's personal data (lag 2021:890: no longer than 2 years after the follow-up
 * case is closed). The purge date is the closing day (Europe/Stockholm) plus the configured
 * number of calendar months. A legal hold pauses the purge; when it is lifted, the original date
 * applies again (purge at once if it has passed) — the hold never extends retention by itself.
 */
import {
  addMonths,
  compareLocalDates,
  daysBetween,
  DEFAULT_TIME_ZONE,
  localDateOf,
  type LocalDate,
} from '../../core/domain/local-date';
import type { CaseStatus } from './case-status';

export interface RetentionPolicy {
  /** Calendar months after closing; default 24 (2 years). */
  retentionMonths: number;
  timeZone: string;
}

export const DEFAULT_RETENTION_POLICY: Readonly<RetentionPolicy> = Object.freeze({
  retentionMonths: 24,
  timeZone: DEFAULT_TIME_ZONE,
});

export type RetentionState =
  | { state: 'open' }
  | { state: 'purged' }
  | { state: 'held'; purgeOn: LocalDate }
  | { state: 'scheduled'; purgeOn: LocalDate; daysLeft: number }
  | { state: 'due'; purgeOn: LocalDate };

/** The day a case closed at `closedAt` becomes due for purging. */
export function purgeDate(
  closedAt: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION_POLICY,
): LocalDate {
  if (!Number.isInteger(policy.retentionMonths) || policy.retentionMonths < 0) {
    throw new RangeError(`retentionMonths must be a non-negative integer`);
  }
  return addMonths(localDateOf(closedAt, policy.timeZone), policy.retentionMonths);
}

/**
 * Where a case stands for the purge job at `now`: `open` until closed, `purged` once gallrad,
 * `held` under legal hold, `due` from the purge date on, else `scheduled`.
 */
export function retentionState(
  input: { status: CaseStatus; closedAt: Date | null; legalHold: boolean },
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION_POLICY,
): RetentionState {
  if (input.status === 'gallrad') return { state: 'purged' };
  if (input.status !== 'avslutad' || input.closedAt === null) return { state: 'open' };
  const purgeOn = purgeDate(input.closedAt, policy);
  if (input.legalHold) return { state: 'held', purgeOn };
  const today = localDateOf(now, policy.timeZone);
  if (compareLocalDates(today, purgeOn) >= 0) return { state: 'due', purgeOn };
  return { state: 'scheduled', purgeOn, daysLeft: daysBetween(today, purgeOn) };
}
