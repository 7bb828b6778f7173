import fc from 'fast-check';
import { addMonths, compareLocalDates, localDateOf } from '../../core/domain/local-date';
import { purgeDate, retentionState } from './retention';

const at = (iso: string) => new Date(iso);

describe('retention', () => {
  const closedAt = at('2026-03-15T14:00:00Z');
  const closed = { status: 'avslutad' as const, closedAt, legalHold: false };
  it('purges 2 years (24 calendar months) after the closing day by default', () => {
    expect(purgeDate(closedAt)).toBe('2028-03-15');
    expect(purgeDate(at('2026-02-28T23:30:00Z'))).toBe('2028-03-01'); // 1 Mar in Stockholm
    expect(
      purgeDate(at('2026-02-28T10:00:00Z'), { retentionMonths: 24, timeZone: 'Europe/Stockholm' }),
    ).toBe('2028-02-28');
    expect(purgeDate(closedAt, { retentionMonths: 6, timeZone: 'Europe/Stockholm' })).toBe(
      '2026-09-15',
    );
    expect(() => purgeDate(closedAt, { retentionMonths: -1, timeZone: 'UTC' })).toThrow(RangeError);
  });
  it('is scheduled before the purge date and due from it on', () => {
    expect(retentionState(closed, at('2028-03-13T12:00:00Z'))).toEqual({
      state: 'scheduled',
      purgeOn: '2028-03-15',
      daysLeft: 2,
    });
    expect(retentionState(closed, at('2028-03-14T23:00:00Z'))).toEqual({
      state: 'due',
      purgeOn: '2028-03-15',
    });
    expect(retentionState(closed, at('2031-01-01T00:00:00Z')).state).toBe('due');
  });
  it('is paused by a legal hold, and due at once when the hold is lifted after the date', () => {
    const now = at('2029-01-01T00:00:00Z');
    expect(retentionState({ ...closed, legalHold: true }, now)).toEqual({
      state: 'held',
      purgeOn: '2028-03-15',
    });
    expect(retentionState({ ...closed, legalHold: false }, now).state).toBe('due');
  });
  it('never purges an open or reopened case, and knows a purged one', () => {
    const now = at('2040-01-01T00:00:00Z');
    expect(retentionState({ status: 'under_bedomning', closedAt, legalHold: false }, now)).toEqual({
      state: 'open',
    });
    expect(retentionState({ status: 'avslutad', closedAt: null, legalHold: false }, now)).toEqual({
      state: 'open',
    });
    expect(retentionState({ status: 'gallrad', closedAt, legalHold: true }, now)).toEqual({
      state: 'purged',
    });
  });
  it('is never due before the retention period has passed, and always due after it', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: at('2024-01-01T00:00:00Z'),
          max: at('2030-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 2000 * 86_400_000 }),
        fc.integer({ min: 0, max: 60 }),
        (closedOn, after, months) => {
          const now = new Date(closedOn.getTime() + after);
          const policy = { retentionMonths: months, timeZone: 'Europe/Stockholm' };
          const s = retentionState(
            { status: 'avslutad', closedAt: closedOn, legalHold: false },
            now,
            policy,
          );
          const limit = addMonths(localDateOf(closedOn), months);
          expect(s.state === 'due').toBe(compareLocalDates(localDateOf(now), limit) >= 0);
        },
      ),
    );
  });
});
