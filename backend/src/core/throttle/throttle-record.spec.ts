import { toRecord } from './db-throttler-storage';

describe('toRecord (the guard’s answer from a counter)', () => {
  const now = 1_000_000;
  it('an open window: not blocked, whole seconds to its end', () => {
    expect(toRecord({ hits: 2, windowEndsAt: now + 59_001, blockedUntil: 0 }, now)).toEqual({
      totalHits: 2,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });
  it('a block in force: blocked, at least one second to wait', () => {
    expect(toRecord({ hits: 4, windowEndsAt: now - 5, blockedUntil: now + 200 }, now)).toEqual({
      totalHits: 4,
      timeToExpire: 0,
      isBlocked: true,
      timeToBlockExpire: 1,
    });
  });
  it('a block that ended at this very moment is over', () => {
    expect(toRecord({ hits: 4, windowEndsAt: now, blockedUntil: now }, now).isBlocked).toBe(false);
  });
});
