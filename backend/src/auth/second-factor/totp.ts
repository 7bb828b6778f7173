import { Secret, TOTP } from 'otpauth';
import { timingSafeEqual } from 'node:crypto';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after the current one are accepted too (clock drift). */
export const TOTP_WINDOW = 1;

/** A fresh 160-bit secret (RFC 4226 recommends 160 bits), base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The time step (counter) of an instant. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

function totp(secretBase32: string, issuer = 'Värn', label = 'Värn'): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The code for a time step (tests and the demo compute codes the way an app does). */
export function totpCode(secretBase32: string, step: number): string {
  return totp(secretBase32).generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 });
}

/** The otpauth:// URI an authenticator app scans: issuer and account name, no other data. */
export function otpauthUri(secretBase32: string, issuer: string, account: string): string {
  return totp(secretBase32, issuer, account).toString();
}

/** A code as people type it: six digits, spaces and dashes ignored; anything else → null. */
export function normaliseTotp(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The time step a code belongs to, looking at the current step and TOTP_WINDOW steps either side;
 * null when it matches none. The caller must still refuse a step that was already used (replay).
 * Compared in constant time, every candidate step, so timing does not tell which one matched.
 */
export function matchTotpStep(secretBase32: string, code: string, at: Date): number | null {
  const given = normaliseTotp(code);
  if (!given) return null;
  const now = totpStep(at);
  let found: number | null = null;
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    const expected = totpCode(secretBase32, step);
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(given)) && found === null) found = step;
  }
  return found;
}
