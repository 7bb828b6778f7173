import { legalDeadlines, type TimerEnd } from './domain/legal-timers';
import type { CaseEntity } from './entities/case.entity';

type TimerFacts = Pick<
  CaseEntity,
  | 'track'
  | 'receivedAt'
  | 'ackEndedAt'
  | 'ackEndKind'
  | 'ackWaiverReason'
  | 'feedbackEndedAt'
  | 'feedbackEndKind'
>;

/** The stored ending of a timer as the domain's `TimerEnd`. */
export function timerEndOf(
  at: Date | null,
  kind: 'sent' | 'waived' | null,
  reason: CaseEntity['ackWaiverReason'],
): TimerEnd | null {
  if (!at || !kind) return null;
  return kind === 'sent' ? { kind, at } : { kind, at, reason: reason ?? 'other' };
}

/**
 * The deadline columns of a case (`acknowledgementDueOn`, `feedbackDueOn`, `nextDueOn`), derived
 * from its timer facts by the domain rules (lag 2021:890: 7 days, then 3 months from the
 * acknowledgement). Call it whenever track or a timer changes and store the result.
 */
export function deadlineColumns(
  c: TimerFacts,
): Pick<CaseEntity, 'acknowledgementDueOn' | 'feedbackDueOn' | 'nextDueOn'> {
  if (c.track !== 'visselblasning')
    return { acknowledgementDueOn: null, feedbackDueOn: null, nextDueOn: null };
  const ack = timerEndOf(c.ackEndedAt, c.ackEndKind, c.ackWaiverReason);
  const d = legalDeadlines({ receivedAt: c.receivedAt, acknowledgement: ack });
  const nextDueOn = !ack ? d.acknowledgementDueOn : !c.feedbackEndKind ? d.feedbackDueOn : null;
  return {
    acknowledgementDueOn: d.acknowledgementDueOn,
    feedbackDueOn: d.feedbackDueOn,
    nextDueOn,
  };
}
