import { randomBytes } from 'node:crypto';
import {
  hashRecoveryCode,
  newRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
} from './recovery-codes';

describe('recovery codes', () => {
  it('makes ten distinct codes of two groups of five unambiguous characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of codes)
      expect(c).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{5}-[ACDEFGHJKMNPQRTUVWXY34679]{5}$/);
  });

  it('reads a code however it is typed: case, spaces and dashes do not matter', () => {
    const c = newRecoveryCode();
    const plain = c.replace('-', '');
    expect(normaliseRecoveryCode(c)).toBe(plain);
    expect(normaliseRecoveryCode(` ${c.toLowerCase()} `)).toBe(plain);
    expect(normaliseRecoveryCode(plain.split('').join(' '))).toBe(plain);
  });

  it('refuses what cannot be a code (length, characters outside the alphabet)', () => {
    for (const bad of ['', 'ACDEF', 'ACDEF-GH3479', 'ACDEF-GH34O', 'ACDEF-GH340', 'ÅÄÖAC-DEFGH'])
      expect(normaliseRecoveryCode(bad)).toBeNull();
  });

  it('hashes with a key and the user: other key or other user → other hash', () => {
    const key = randomBytes(32);
    const h = hashRecoveryCode(key, 'u1', 'ACDEFGH347');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(key, 'u1', 'ACDEFGH347')).toBe(h);
    expect(hashRecoveryCode(key, 'u2', 'ACDEFGH347')).not.toBe(h);
    expect(hashRecoveryCode(randomBytes(32), 'u1', 'ACDEFGH347')).not.toBe(h);
  });
});
