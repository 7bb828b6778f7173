import { canonicalJson } from './hashing';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('is stable for dates', () => {
    expect(canonicalJson({ t: new Date('2026-01-01T00:00:00Z') })).toBe(
      '{"t":"2026-01-01T00:00:00.000Z"}',
    );
  });
});
