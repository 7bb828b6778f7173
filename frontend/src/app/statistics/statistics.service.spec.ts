import { recentQuarters } from './statistics.service';

describe('recentQuarters', () => {
  it('lists the last quarters across a year boundary, newest last', () => {
    expect(recentQuarters(new Date(2026, 1, 10), 3)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1']);
    expect(recentQuarters(new Date(2026, 11, 31), 1)).toEqual(['2026-Q4']);
  });
});
