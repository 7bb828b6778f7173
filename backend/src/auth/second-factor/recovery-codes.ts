import { createHmac, randomInt } from 'node:crypto';

/** How many recovery codes a user gets at a time. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * Letters and digits that cannot be mistaken for one another when read aloud or copied by hand
 * (no 0/O, 1/I/L, 5/S, 2/Z, 8/B).
 */
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const GROUP = 5;
const GROUPS = 2;

/** Ten characters from 25 (≈ 46 bits), shown as two groups: "ACDEF-GH347". */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: GROUP * GROUPS }, () => ALPHABET[randomInt(ALPHABET.length)]);
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) groups.push(chars.slice(i * GROUP, (i + 1) * GROUP).join(''));
  return groups.join('-');
}

export function newRecoveryCodes(n = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(newRecoveryCode());
  return [...codes];
}

/**
 * A recovery code as people type it: case, spaces and dashes do not matter. Null when it cannot be
 * one (wrong length or a character outside the alphabet), so it is not even looked up.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== GROUP * GROUPS) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/**
 * The stored form: HMAC-SHA-256 under an application secret, bound to the user, of the
 * normalised code. Keyed, because 46 bits would not survive an offline search of a plain hash;
 * bound to the user, so equal codes of two users do not show as equal hashes.
 */
export function hashRecoveryCode(key: Buffer, userId: string, normalised: string): string {
  return createHmac('sha256', key).update(`${userId}\u0000${normalised}`).digest('hex');
}
