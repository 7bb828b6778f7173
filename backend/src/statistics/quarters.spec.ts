import { addQuarters, isQuarter, quarterOf, quartersBetween, type Quarter } from './quarters';

describe('quarters', () => {
  it('reads the quarter in Swedish time', () => {
    expect(quarterOf(new Date('2026-03-31T22:30:00Z'))).toBe('2026-Q2'); // 00:30 on 1 April
    expect(quarterOf(new Date('2026-12-31T12:00:00Z'))).toBe('2026-Q4');
  });
  it('steps and lists quarters across years', () => {
    expect(addQuarters('2026-Q1' as Quarter, -1)).toBe('2025-Q4');
    expect(quartersBetween('2025-Q3' as Quarter, '2026-Q2' as Quarter)).toEqual([
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
    ]);
    expect(quartersBetween('2026-Q2' as Quarter, '2026-Q1' as Quarter)).toEqual([]);
  });
  it('validates the format', () => {
    expect(isQuarter('2026-Q4')).toBe(true);
    expect(isQuarter('2026-Q5')).toBe(false);
    expect(isQuarter('2026Q1')).toBe(false);
  });
});
