/**
 * Receipt codes for anonymous reporters: 16 digits, the last a Luhn check digit so that a typo
 * is caught in the browser; shown as four groups of four. The code is a bearer secret: store only
 * `hashReceiptCode(code, key)` (HMAC-SHA-256 under a server key), never the code, never in a log.
 * 15 random digits ≈ 49.8 bits; guessing is further limited by the public endpoints' throttle.
 */
import { createHmac, randomInt } from 'node:crypto';
import { luhnCheckDigit, luhnValid } from '../../core/domain/luhn';

/** A normalised, checksum-valid receipt code: exactly 16 digits. */
export type ReceiptCode = string & { readonly __brand: 'ReceiptCode' };

export const RECEIPT_CODE_LENGTH = 16;

/** A fresh code from cryptographic randomness (`randomDigit` is injectable for tests). */
export function generateReceiptCode(randomDigit: () => number = () => randomInt(10)): ReceiptCode {
  let payload = '';
  for (let i = 0; i < RECEIPT_CODE_LENGTH - 1; i++) {
    const digit = randomDigit();
    if (!Number.isInteger(digit) || digit < 0 || digit > 9) throw new RangeError('not a digit');
    payload += String(digit);
  }
  return (payload + String(luhnCheckDigit(payload))) as ReceiptCode;
}

/** For display: `1234 5678 9012 3456`. */
export function formatReceiptCode(code: ReceiptCode): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export type ReceiptCodeParse =
  { ok: true; code: ReceiptCode } | { ok: false; reason: 'format' | 'checksum' };

/** Spaces (any Unicode white space) and dashes (-, ‐, ‑, ‒, –, —, −) a person may type or paste. */
const SEPARATORS = /[\s\u002D\u2010-\u2015\u2212]/gu;

/** Normalises typed input (separators removed) and checks length, digits and check digit. */
export function parseReceiptCode(input: string): ReceiptCodeParse {
  if (input.length > 64) return { ok: false, reason: 'format' };
  const digits = input.replace(SEPARATORS, '');
  if (!/^\d{16}$/.test(digits)) return { ok: false, reason: 'format' };
  if (!luhnValid(digits)) return { ok: false, reason: 'checksum' };
  return { ok: true, code: digits as ReceiptCode };
}

/** Minimum HMAC key length in bytes (256 bits). */
export const RECEIPT_KEY_MIN_BYTES = 32;

/** The stored form of a code: hex HMAC-SHA-256 under `key` (≥ 32 bytes), for an indexed lookup. */
export function hashReceiptCode(code: ReceiptCode, key: Buffer): string {
  if (key.length < RECEIPT_KEY_MIN_BYTES) {
    throw new RangeError(`receipt code key must be at least ${RECEIPT_KEY_MIN_BYTES} bytes`);
  }
  if (!/^\d{16}$/.test(code)) throw new RangeError('hashReceiptCode expects a parsed code');
  return createHmac('sha256', key).update(code, 'utf8').digest('hex');
}
