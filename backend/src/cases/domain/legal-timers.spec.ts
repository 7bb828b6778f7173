import fc from 'fast-check';
import { addDays, asLocalDate, compareLocalDates, localDateOf } from '../../core/domain/local-date';
import {
  caseTimers,
  DEFAULT_LEGAL_TIMER_POLICY,
  legalDeadlines,
  timerEventIssue,
  timerState,
  type CaseTimerInput,
} from './legal-timers';

const at = (iso: string) => new Date(iso);
const d = asLocalDate;

describe('legalDeadlines', () => {
  it('acknowledgement is due 7 days after receipt (Swedish calendar day)', () => {
    expect(legalDeadlines({ receivedAt: at('2026-12-01T10:00:00Z') }).acknowledgementDueOn).toBe(
      '2026-12-08',
    );
    // 23:30 UTC on 30 Nov is already 1 Dec in Stockholm.
    expect(legalDeadlines({ receivedAt: at('2026-11-30T23:30:00Z') }).acknowledgementDueOn).toBe(
      '2026-12-08',
    );
  });
  it('feedback is due 3 calendar months after the acknowledgement, clamped at month end', () => {
    const received = at('2026-11-25T09:00:00Z');
    const sentOn = (iso: string) =>
      legalDeadlines({ receivedAt: received, acknowledgement: { kind: 'sent', at: at(iso) } });
    expect(sentOn('2026-11-30T12:00:00Z')).toEqual({
      acknowledgementDueOn: '2026-12-02',
      feedbackDueOn: '2027-02-28',
      feedbackFrom: 'acknowledgement',
    });
    const leap = legalDeadlines({
      receivedAt: at('2027-11-26T09:00:00Z'),
      acknowledgement: { kind: 'sent', at: at('2027-11-30T09:00:00Z') },
    });
    expect(leap.feedbackDueOn).toBe('2028-02-29');
    expect(sentOn('2026-11-26T12:00:00Z').feedbackDueOn).toBe('2027-02-26');
  });
  it('runs feedback from the 7-day deadline when the acknowledgement is pending, waived or late', () => {
    const receivedAt = at('2026-11-23T09:00:00Z'); // ack due 2026-11-30
    const pending = legalDeadlines({ receivedAt });
    expect(pending).toEqual({
      acknowledgementDueOn: '2026-11-30',
      feedbackDueOn: '2027-02-28',
      feedbackFrom: 'acknowledgement_deadline',
    });
    const waived = legalDeadlines({
      receivedAt,
      acknowledgement: {
        kind: 'waived',
        at: at('2026-11-24T09:00:00Z'),
        reason: 'reporter_declined',
      },
    });
    expect(waived.feedbackDueOn).toBe('2027-02-28');
    const late = legalDeadlines({
      receivedAt,
      acknowledgement: { kind: 'sent', at: at('2026-12-10T09:00:00Z') },
    });
    expect(late.feedbackDueOn).toBe('2027-02-28');
    expect(late.feedbackFrom).toBe('acknowledgement_deadline');
  });
  it('feedback due never exceeds 3 months after the acknowledgement deadline, and is never before it', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: at('2020-01-01T00:00:00Z'),
          max: at('2035-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.option(fc.integer({ min: 0, max: 30 * 86_400_000 })),
        (receivedAt, ackDelay) => {
          const ack =
            ackDelay === null
              ? null
              : { kind: 'sent' as const, at: new Date(receivedAt.getTime() + ackDelay) };
          const r = legalDeadlines({ receivedAt, acknowledgement: ack });
          const worst = legalDeadlines({ receivedAt });
          expect(compareLocalDates(r.feedbackDueOn, worst.feedbackDueOn)).toBeLessThanOrEqual(0);
          expect(compareLocalDates(r.feedbackDueOn, r.acknowledgementDueOn)).toBeGreaterThan(0);
          expect(r.acknowledgementDueOn).toBe(addDays(localDateOf(receivedAt), 7));
        },
      ),
    );
  });
});

describe('timerState', () => {
  const due = d('2026-12-08');
  const opts = { dueSoonDays: 2 };
  it('is due, then dueSoon within N days (due day included), then overdue the day after', () => {
    expect(timerState(due, null, at('2026-12-05T10:00:00Z'), opts)).toEqual({
      state: 'due',
      dueOn: due,
      daysLeft: 3,
    });
    expect(timerState(due, null, at('2026-12-06T10:00:00Z'), opts).state).toBe('dueSoon');
    expect(timerState(due, null, at('2026-12-08T22:59:59Z'), opts)).toEqual({
      state: 'dueSoon',
      dueOn: due,
      daysLeft: 0,
    });
    // 23:00 UTC on 8 Dec is midnight in Stockholm: overdue.
    expect(timerState(due, null, at('2026-12-08T23:00:00Z'), opts)).toEqual({
      state: 'overdue',
      dueOn: due,
      daysOverdue: 1,
    });
  });
  it('ends only by an explicit event, whatever the date', () => {
    const late = timerState(
      due,
      { kind: 'sent', at: at('2026-12-10T09:00:00Z') },
      at('2027-05-01T00:00:00Z'),
      opts,
    );
    expect(late).toEqual({ state: 'done', dueOn: due, endedOn: '2026-12-10', late: true });
    const onTime = timerState(
      due,
      { kind: 'sent', at: at('2026-12-08T22:00:00Z') },
      at('2027-01-01T00:00:00Z'),
      opts,
    );
    expect(onTime).toMatchObject({ state: 'done', late: false });
    const waived = timerState(
      due,
      { kind: 'waived', at: at('2026-12-02T09:00:00Z'), reason: 'reporter_unreachable' },
      at('2027-01-01T00:00:00Z'),
      opts,
    );
    expect(waived).toEqual({
      state: 'waived',
      dueOn: due,
      endedOn: '2026-12-02',
      reason: 'reporter_unreachable',
    });
  });
  it('without an end event, is overdue exactly when the Swedish date is after the due date', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: at('2026-01-01T00:00:00Z'),
          max: at('2028-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 30 }),
        (now, soon) => {
          const s = timerState(due, null, now, { dueSoonDays: soon });
          const after = compareLocalDates(localDateOf(now), due) > 0;
          expect(s.state === 'overdue').toBe(after);
        },
      ),
    );
  });
});

describe('caseTimers', () => {
  const base: CaseTimerInput = { track: 'visselblasning', receivedAt: at('2026-12-01T10:00:00Z') };
  it('has no timers for a påverkan case', () => {
    expect(caseTimers({ ...base, track: 'paverkan' }, at('2027-06-01T00:00:00Z'))).toBeNull();
  });
  it('reports both timers with their own due-soon windows', () => {
    const t = caseTimers(base, at('2026-12-07T10:00:00Z'))!;
    expect(t.acknowledgement).toMatchObject({ state: 'dueSoon', dueOn: '2026-12-08', daysLeft: 1 });
    expect(t.feedback).toMatchObject({ state: 'due', dueOn: '2027-03-08' });
    const later = caseTimers(
      { ...base, acknowledgement: { kind: 'sent', at: at('2026-12-03T10:00:00Z') } },
      at('2027-02-20T10:00:00Z'),
    )!;
    expect(later.acknowledgement.state).toBe('done');
    expect(later.feedback).toMatchObject({ state: 'dueSoon', dueOn: '2027-03-03', daysLeft: 11 });
    expect(DEFAULT_LEGAL_TIMER_POLICY.dueSoonDays.feedback).toBe(14);
  });
  it('goes overdue when nobody acts', () => {
    const t = caseTimers(base, at('2027-04-01T10:00:00Z'))!;
    expect(t.acknowledgement.state).toBe('overdue');
    expect(t.feedback.state).toBe('overdue');
  });
});

describe('timerEventIssue', () => {
  const base: CaseTimerInput = { track: 'visselblasning', receivedAt: at('2026-12-01T10:00:00Z') };
  const sent = (iso: string) => ({ kind: 'sent' as const, at: at(iso) });
  it('accepts a normal acknowledgement and then feedback', () => {
    expect(timerEventIssue('acknowledgement', sent('2026-12-02T10:00:00Z'), base)).toBeNull();
    expect(
      timerEventIssue('feedback', sent('2027-01-02T10:00:00Z'), {
        ...base,
        acknowledgement: sent('2026-12-02T10:00:00Z'),
      }),
    ).toBeNull();
  });
  it('refuses events on påverkan cases, twice, before receipt, or feedback before acknowledgement', () => {
    expect(
      timerEventIssue('acknowledgement', sent('2026-12-02T10:00:00Z'), {
        ...base,
        track: 'paverkan',
      }),
    ).toBe('not_whistleblowing');
    expect(
      timerEventIssue('acknowledgement', sent('2026-12-03T10:00:00Z'), {
        ...base,
        acknowledgement: sent('2026-12-02T10:00:00Z'),
      }),
    ).toBe('already_ended');
    expect(timerEventIssue('acknowledgement', sent('2026-11-30T10:00:00Z'), base)).toBe(
      'before_receipt',
    );
    expect(timerEventIssue('feedback', sent('2026-12-05T10:00:00Z'), base)).toBe(
      'acknowledgement_open',
    );
    expect(
      timerEventIssue('feedback', sent('2026-12-03T10:00:00Z'), {
        ...base,
        acknowledgement: sent('2026-12-04T10:00:00Z'),
      }),
    ).toBe('before_acknowledgement');
  });
  it('needs a known waiver reason (untrusted input)', () => {
    const bad = { kind: 'waived', at: at('2026-12-02T10:00:00Z'), reason: 'lazy' } as never;
    expect(timerEventIssue('acknowledgement', bad, base)).toBe('waiver_reason_required');
    expect(
      timerEventIssue(
        'acknowledgement',
        { kind: 'waived', at: at('2026-12-02T10:00:00Z'), reason: 'would_reveal_identity' },
        base,
      ),
    ).toBeNull();
  });
});
