import { URI } from 'otpauth';
import {
  matchTotpStep,
  newTotpSecret,
  normaliseTotp,
  otpauthUri,
  totpCode,
  totpStep,
} from './totp';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (base32 below), 8 digits there;
// the last six digits of each published value are what a 6-digit TOTP gives.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it('matches the RFC 6238 test vectors', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
    ];
    for (const [seconds, eight] of vectors)
      expect(totpCode(RFC_SECRET, totpStep(new Date(seconds * 1000)))).toBe(eight.slice(2));
  });

  it('accepts the current step and one either side, and tells which step matched', () => {
    const secret = newTotpSecret();
    const at = new Date('2026-03-02T08:00:10Z');
    const now = totpStep(at);
    expect(matchTotpStep(secret, totpCode(secret, now), at)).toBe(now);
    expect(matchTotpStep(secret, totpCode(secret, now - 1), at)).toBe(now - 1);
    expect(matchTotpStep(secret, totpCode(secret, now + 1), at)).toBe(now + 1);
    // two steps away is outside the window (unless the code happens to repeat: 1 in 10^6)
    const far = totpCode(secret, now + 2);
    if (![now - 1, now, now + 1].some((s) => totpCode(secret, s) === far))
      expect(matchTotpStep(secret, far, at)).toBeNull();
  });

  it('refuses anything that is not six digits, and ignores spaces and dashes', () => {
    const secret = newTotpSecret();
    const at = new Date();
    const c = totpCode(secret, totpStep(at));
    expect(matchTotpStep(secret, `${c.slice(0, 3)} ${c.slice(3)}`, at)).toBe(totpStep(at));
    expect(matchTotpStep(secret, `${c.slice(0, 3)}-${c.slice(3)}`, at)).toBe(totpStep(at));
    for (const bad of ['', '12345', '1234567', 'abcdef', '12345a', '１２３４５６'])
      expect(normaliseTotp(bad)).toBeNull();
  });

  it('makes 160-bit base32 secrets, different every time', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });

  it('gives an otpauth URI an authenticator app (here otpauth itself) reads back to the same codes', () => {
    const secret = newTotpSecret();
    const uri = otpauthUri(secret, 'Värn', 'karin');
    const parsed = URI.parse(uri);
    expect(uri).toMatch(/^otpauth:\/\/totp\/V%C3%A4rn:karin\?/);
    expect(parsed.generate({ timestamp: 0 })).toBe(totpCode(secret, 0));
    expect(parsed.generate({ timestamp: 95_000 })).toBe(totpCode(secret, 3));
  });
});
