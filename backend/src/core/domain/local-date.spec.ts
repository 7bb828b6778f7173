import fc from 'fast-check';
import {
  addDays,
  addMonths,
  asLocalDate,
  compareLocalDates,
  daysBetween,
  daysInMonth,
  endOfLocalDay,
  localDateOf,
  parseLocalDate,
  partsOf,
  startOfLocalDay,
  type LocalDate,
} from './local-date';

const d = asLocalDate;

/** Any calendar date 1900–2199. */
const localDateArb = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2199-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((t) => t.toISOString().slice(0, 10) as LocalDate);

describe('parseLocalDate', () => {
  it('accepts real dates and refuses impossible or malformed ones', () => {
    expect(parseLocalDate('2028-02-29')).toBe('2028-02-29');
    expect(parseLocalDate('2027-02-29')).toBeNull();
    expect(parseLocalDate('2026-13-01')).toBeNull();
    expect(parseLocalDate('2026-00-10')).toBeNull();
    expect(parseLocalDate('2026-04-31')).toBeNull();
    expect(parseLocalDate('2026-4-1')).toBeNull();
    expect(parseLocalDate('2026-04-01T00:00')).toBeNull();
    expect(parseLocalDate('0000-01-01')).toBeNull();
    expect(() => asLocalDate('nope')).toThrow(RangeError);
  });
  it('knows leap years', () => {
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('addMonths (calendar months, clamped to month end)', () => {
  it.each([
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-11-29', 3, '2027-02-28'],
    ['2027-11-28', 3, '2028-02-28'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-15', 3, '2027-03-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-03-15', 24, '2028-03-15'],
    ['2028-02-29', 24, '2030-02-28'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(d(from), months)).toBe(expected);
  });
  it('keeps the day when it exists, else gives the last day of the target month', () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: -600, max: 600 }), (date, n) => {
        const from = partsOf(date);
        const to = partsOf(addMonths(date, n));
        expect((to.year - from.year) * 12 + (to.month - from.month)).toBe(n);
        const last = daysInMonth(to.year, to.month);
        expect(to.day).toBe(Math.min(from.day, last));
      }),
    );
  });
  it('is monotone: a later start never gives an earlier result', () => {
    fc.assert(
      fc.property(localDateArb, localDateArb, fc.integer({ min: 0, max: 36 }), (a, b, n) => {
        const [lo, hi] = compareLocalDates(a, b) <= 0 ? [a, b] : [b, a];
        expect(compareLocalDates(addMonths(lo, n), addMonths(hi, n))).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('addDays and daysBetween', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays(d('2026-12-28'), 7)).toBe('2027-01-04');
    expect(addDays(d('2028-02-26'), 7)).toBe('2028-03-04');
    expect(addDays(d('2026-03-01'), -1)).toBe('2026-02-28');
    expect(daysBetween(d('2026-01-01'), d('2027-01-01'))).toBe(365);
    expect(daysBetween(d('2028-01-01'), d('2029-01-01'))).toBe(366);
  });
  it('are inverse to each other', () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });
  it('refuses fractional steps', () => {
    expect(() => addDays(d('2026-01-01'), 1.5)).toThrow(RangeError);
    expect(() => addMonths(d('2026-01-01'), 0.5)).toThrow(RangeError);
  });
});

describe('local dates of instants in Europe/Stockholm', () => {
  it('uses the Swedish calendar day, not the UTC one', () => {
    // 23:30 UTC on 30 Nov is 00:30 on 1 Dec in Stockholm (UTC+1).
    expect(localDateOf(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    // 22:30 UTC on 30 June is 00:30 on 1 July in Stockholm (UTC+2, summer time).
    expect(localDateOf(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(localDateOf(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(localDateOf(new Date('2026-11-30T23:30:00Z'), 'UTC')).toBe('2026-11-30');
  });
  it('finds local midnight in winter, in summer and on DST change days', () => {
    expect(startOfLocalDay(d('2026-01-15')).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfLocalDay(d('2026-07-15')).toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfLocalDay(d('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay(d('2026-10-25')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(endOfLocalDay(d('2026-03-29')).toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });
  it('round-trips: the start and end of a local day belong to that day', () => {
    fc.assert(
      fc.property(localDateArb, (date) => {
        expect(localDateOf(startOfLocalDay(date))).toBe(date);
        expect(localDateOf(endOfLocalDay(date))).toBe(date);
        expect(localDateOf(new Date(endOfLocalDay(date).getTime() + 1))).toBe(addDays(date, 1));
      }),
    );
  });
  it('refuses an invalid Date', () => {
    expect(() => localDateOf(new Date('x'))).toThrow(RangeError);
  });
});
