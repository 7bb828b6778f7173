import { createHash } from 'node:crypto';

/**
 * The id of a master key, written into every data key it wraps (`v2.<kid>.…`), so that the
 * right key is chosen after a rotation. Derived from the key itself — 8 hex characters of a
 * domain-separated SHA-256 — so that an id can never point at the wrong key and operators need
 * not invent names. 32 bits tell a handful of keys apart; they reveal nothing usable about a
 * 256-bit random key.
 */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('varn:master-key-id:v1:')
    .update(key)
    .digest('hex')
    .slice(0, 8);
}

/** Syntax of a key id. */
export const MASTER_KEY_ID = /^[0-9a-f]{8}$/;
