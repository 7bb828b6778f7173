import { ADVISORY_LOCKS } from './advisory-locks';

describe('advisory lock keys', () => {
  it('are distinct, so unrelated features never wait for each other', () => {
    const keys = Object.values(ADVISORY_LOCKS);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
