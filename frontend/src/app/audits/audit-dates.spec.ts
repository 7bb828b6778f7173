import { addMonths, byDate, monthGrid, monthRange, parseMonth, todayIso } from './audit-dates';

describe('audit calendar dates', () => {
  it('lays out November 2026 Monday first in whole weeks', () => {
    const weeks = monthGrid(2026, 11);
    // 1 November 2026 is a Sunday: the first row starts on Monday 26 October
    expect(weeks[0][0]).toEqual({ date: '2026-10-26', day: 26, inMonth: false });
    expect(weeks[0][6]).toEqual({ date: '2026-11-01', day: 1, inMonth: true });
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    const inMonth = weeks.flat().filter((d) => d.inMonth);
    expect(inMonth.length).toBe(30);
    expect(inMonth.at(-1)?.date).toBe('2026-11-30');
    expect(weeks.length).toBe(6);
  });

  it('needs only four rows for February 2027, which starts on a Monday', () => {
    const weeks = monthGrid(2027, 2);
    expect(weeks.length).toBe(4);
    expect(weeks[0][0].date).toBe('2027-02-01');
    expect(weeks[3][6].date).toBe('2027-02-28');
  });

  it('knows leap years and month ranges', () => {
    expect(monthRange(2028, 2)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange(2026, 12)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('moves between months across year ends', () => {
    expect(addMonths(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths(2026, 1, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths(2026, 5, -17)).toEqual({ year: 2024, month: 12 });
  });

  it('reads a month from the URL and refuses anything else', () => {
    expect(parseMonth('2026-03')).toEqual({ year: 2026, month: 3 });
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('mars')).toBeNull();
    expect(parseMonth(null)).toBeNull();
  });

  it('writes today as a local date and groups rows by date', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    const grouped = byDate(
      [
        { id: 1, d: '2026-11-02' },
        { id: 2, d: '2026-11-03' },
        { id: 3, d: '2026-11-02' },
      ],
      (r) => r.d,
    );
    expect(grouped.get('2026-11-02')?.map((r) => r.id)).toEqual([1, 3]);
    expect(grouped.get('2026-11-04')).toBeUndefined();
  });
});
