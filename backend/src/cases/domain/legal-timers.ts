/**
 * The legal timers of a whistleblowing case (lag 2021:890, domain.md §2): acknowledge receipt
 * within 7 days; give feedback within 3 months of the acknowledgement. Deadlines are whole
 * calendar days in Europe/Stockholm (a deadline on 7 Dec is met until 23:59:59.999 that day).
 * A timer ends only by an explicit event: sent, or waived with a reason. `now` is a parameter.
 *
 * Not modelled (verify against lag 1930:173 om beräkning av lagstadgad tid): moving a deadline
 * that falls on a weekend or public holiday to the next working day. Our dates are never later
 * than that rule would give, so they err on the safe side.
 */
import {
  addDays,
  addMonths,
  compareLocalDates,
  daysBetween,
  DEFAULT_TIME_ZONE,
  localDateOf,
  type LocalDate,
} from '../../core/domain/local-date';
import type { Track } from './taxonomy';

export type TimerKind = 'acknowledgement' | 'feedback';

/** Why a timer was waived instead of sent (the free-text motivation is stored beside it). */
export const WAIVER_REASONS = [
  'reporter_declined', // the reporter asked not to be acknowledged / contacted
  'would_reveal_identity', // sending would risk revealing the reporter
  'reporter_unreachable', // anonymous reporter never returned with the receipt code
  'other',
] as const;
export type WaiverReason = (typeof WAIVER_REASONS)[number];

/** Narrows an untrusted string to a waiver reason. */
export function isWaiverReason(value: unknown): value is WaiverReason {
  return typeof value === 'string' && (WAIVER_REASONS as readonly string[]).includes(value);
}

/** The explicit event that ends a timer. */
export type TimerEnd =
  { kind: 'sent'; at: Date } | { kind: 'waived'; at: Date; reason: WaiverReason };

/** Configurable values (marked "verify" in domain.md); defaults are the statutory ones. */
export interface LegalTimerPolicy {
  acknowledgementDays: number;
  feedbackMonths: number;
  /** "Due soon" window per timer, in days before the due date (inclusive). */
  dueSoonDays: Readonly<Record<TimerKind, number>>;
  timeZone: string;
}

export const DEFAULT_LEGAL_TIMER_POLICY: Readonly<LegalTimerPolicy> = Object.freeze({
  acknowledgementDays: 7,
  feedbackMonths: 3,
  dueSoonDays: Object.freeze({ acknowledgement: 2, feedback: 14 }),
  timeZone: DEFAULT_TIME_ZONE,
});

export interface LegalDeadlines {
  acknowledgementDueOn: LocalDate;
  feedbackDueOn: LocalDate;
  /**
   * What the 3 months run from: the day the acknowledgement was sent, when sent on time;
   * otherwise (pending, waived or late) the last day of the 7-day period — as in the EU
   * directive 2019/1937 art. 9(1)(f), so a late acknowledgement never extends the feedback time.
   */
  feedbackFrom: 'acknowledgement' | 'acknowledgement_deadline';
}

/** The two due dates of a whistleblowing case received at `receivedAt`. */
export function legalDeadlines(
  input: { receivedAt: Date; acknowledgement?: TimerEnd | null },
  policy: LegalTimerPolicy = DEFAULT_LEGAL_TIMER_POLICY,
): LegalDeadlines {
  const received = localDateOf(input.receivedAt, policy.timeZone);
  const acknowledgementDueOn = addDays(received, policy.acknowledgementDays);
  const ack = input.acknowledgement;
  const sentOn = ack?.kind === 'sent' ? localDateOf(ack.at, policy.timeZone) : null;
  const onTime = sentOn !== null && compareLocalDates(sentOn, acknowledgementDueOn) <= 0;
  return {
    acknowledgementDueOn,
    feedbackDueOn: addMonths(onTime ? sentOn : acknowledgementDueOn, policy.feedbackMonths),
    feedbackFrom: onTime ? 'acknowledgement' : 'acknowledgement_deadline',
  };
}

/** Where a timer stands on a given day. */
export type TimerState =
  | { state: 'due'; dueOn: LocalDate; daysLeft: number }
  | { state: 'dueSoon'; dueOn: LocalDate; daysLeft: number }
  | { state: 'overdue'; dueOn: LocalDate; daysOverdue: number }
  | { state: 'done'; dueOn: LocalDate; endedOn: LocalDate; late: boolean }
  | { state: 'waived'; dueOn: LocalDate; endedOn: LocalDate; reason: WaiverReason };

/**
 * The state of one timer at `now`: ended (done/waived, whatever the date), else overdue after the
 * due day, dueSoon within `dueSoonDays` days of it (the due day itself included), else due.
 */
export function timerState(
  dueOn: LocalDate,
  end: TimerEnd | null | undefined,
  now: Date,
  options: { dueSoonDays: number; timeZone?: string },
): TimerState {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (end) {
    const endedOn = localDateOf(end.at, timeZone);
    return end.kind === 'sent'
      ? { state: 'done', dueOn, endedOn, late: compareLocalDates(endedOn, dueOn) > 0 }
      : { state: 'waived', dueOn, endedOn, reason: end.reason };
  }
  const daysLeft = daysBetween(localDateOf(now, timeZone), dueOn);
  if (daysLeft < 0) return { state: 'overdue', dueOn, daysOverdue: -daysLeft };
  return daysLeft <= options.dueSoonDays
    ? { state: 'dueSoon', dueOn, daysLeft }
    : { state: 'due', dueOn, daysLeft };
}

/** The timer facts stored on a case. */
export interface CaseTimerInput {
  track: Track;
  receivedAt: Date;
  acknowledgement?: TimerEnd | null;
  feedback?: TimerEnd | null;
}

/** Both timers of a case at `now`; null for a påverkan case (no statutory timers). */
export function caseTimers(
  input: CaseTimerInput,
  now: Date,
  policy: LegalTimerPolicy = DEFAULT_LEGAL_TIMER_POLICY,
): { acknowledgement: TimerState; feedback: TimerState; deadlines: LegalDeadlines } | null {
  if (input.track !== 'visselblasning') return null;
  const deadlines = legalDeadlines(input, policy);
  const tz = { timeZone: policy.timeZone };
  return {
    deadlines,
    acknowledgement: timerState(deadlines.acknowledgementDueOn, input.acknowledgement, now, {
      ...tz,
      dueSoonDays: policy.dueSoonDays.acknowledgement,
    }),
    feedback: timerState(deadlines.feedbackDueOn, input.feedback, now, {
      ...tz,
      dueSoonDays: policy.dueSoonDays.feedback,
    }),
  };
}

/** Why a timer-ending event is refused. */
export type TimerEventIssue =
  | 'not_whistleblowing'
  | 'already_ended'
  | 'before_receipt'
  | 'acknowledgement_open'
  | 'before_acknowledgement'
  | 'waiver_reason_required';

/**
 * Checks an event that would end a timer: only on whistleblowing cases, once per timer, not
 * dated before receipt; feedback only after the acknowledgement ended (sent or waived) and not
 * dated before it; a waiver needs a known reason (checked at runtime for untrusted input).
 */
export function timerEventIssue(
  kind: TimerKind,
  end: TimerEnd,
  input: CaseTimerInput,
): TimerEventIssue | null {
  if (input.track !== 'visselblasning') return 'not_whistleblowing';
  if (input[kind]) return 'already_ended';
  if (end.kind === 'waived' && !isWaiverReason(end.reason)) return 'waiver_reason_required';
  if (end.at.getTime() < input.receivedAt.getTime()) return 'before_receipt';
  if (kind === 'feedback') {
    if (!input.acknowledgement) return 'acknowledgement_open';
    if (end.at.getTime() < input.acknowledgement.at.getTime()) return 'before_acknowledgement';
  }
  return null;
}
