/**
 * Receipt codes as the anonymous reporter sees them: 16 digits in four groups, the last digit a
 * Luhn check digit (so a typo is caught here, before the server is asked). The code is never
 * stored in the browser.
 */
export const RECEIPT_CODE_LENGTH = 16;

/** `1234567890123456` → `1234 5678 9012 3456`. */
export function groupReceiptCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export type ReceiptCodeCheck =
  { ok: true; code: string } | { ok: false; reason: 'empty' | 'format' | 'checksum' };

/** Spaces and dashes a person may type or paste are ignored. */
const SEPARATORS = /[\s\u002D\u2010-\u2015\u2212]/gu;

export function checkReceiptCode(input: string): ReceiptCodeCheck {
  const digits = input.replace(SEPARATORS, '');
  if (!digits) return { ok: false, reason: 'empty' };
  if (!/^\d{16}$/.test(digits)) return { ok: false, reason: 'format' };
  if (!luhnValid(digits)) return { ok: false, reason: 'checksum' };
  return { ok: true, code: digits };
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
