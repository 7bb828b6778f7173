import fc from 'fast-check';
import { luhnValid } from '../../core/domain/luhn';
import {
  formatReceiptCode,
  generateReceiptCode,
  hashReceiptCode,
  parseReceiptCode,
  type ReceiptCode,
} from './receipt-code';

const key = Buffer.alloc(32, 7);

describe('receipt codes', () => {
  it('are 16 digits with a valid Luhn check digit', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateReceiptCode();
      expect(code).toMatch(/^\d{16}$/);
      expect(luhnValid(code)).toBe(true);
    }
  });
  it('use the injected random digits (crypto by default) for the first 15 digits', () => {
    const digits = [7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 0, 0, 0, 0, 0];
    let i = 0;
    const code = generateReceiptCode(() => digits[i++]);
    expect(code.slice(0, 15)).toBe('799273987100000');
    expect(luhnValid(code)).toBe(true);
    expect(() => generateReceiptCode(() => 10)).toThrow(RangeError);
    const many = new Set(Array.from({ length: 1000 }, () => generateReceiptCode()));
    expect(many.size).toBe(1000);
  });
  it('are shown in groups of four', () => {
    expect(formatReceiptCode('1234567890123452' as ReceiptCode)).toBe('1234 5678 9012 3452');
  });
  it('parse back from any formatting a person might type or paste', () => {
    fc.assert(
      fc.property(
        fc.constant(null).map(() => generateReceiptCode()),
        fc.array(fc.constantFrom(' ', '-', '–', '\u00a0', '\t', ''), {
          minLength: 16,
          maxLength: 16,
        }),
        (code, seps) => {
          const typed = [...code].map((c, i) => c + seps[i]).join('');
          expect(parseReceiptCode(typed)).toEqual({ ok: true, code });
          expect(parseReceiptCode(formatReceiptCode(code))).toEqual({ ok: true, code });
        },
      ),
    );
  });
  it('catch a mistyped digit as a checksum error', () => {
    fc.assert(
      fc.property(
        fc.constant(null).map(() => generateReceiptCode()),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 1, max: 9 }),
        (code, pos, delta) => {
          const typo =
            code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
          expect(parseReceiptCode(typo)).toEqual({ ok: false, reason: 'checksum' });
        },
      ),
    );
  });
  it('refuse the wrong length or other characters as a format error', () => {
    for (const bad of [
      '',
      '123',
      '12345678901234567',
      '1234 5678 9012 345x',
      '１２３４５６７８９０１２３４５２',
      `${'1'.repeat(16)}${' '.repeat(60)}`,
    ]) {
      expect(parseReceiptCode(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });
  it('are stored as a keyed hash: deterministic per key, different across keys, never the code', () => {
    const code = generateReceiptCode();
    const h = hashReceiptCode(code, key);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(code);
    expect(hashReceiptCode(code, key)).toBe(h);
    expect(hashReceiptCode(code, Buffer.alloc(32, 8))).not.toBe(h);
    // Known HMAC-SHA-256 value, so the stored form cannot change silently.
    expect(hashReceiptCode('1234567890123452' as ReceiptCode, key)).toBe(
      '443a721e710e079debcea68486a35c21868a02513e5e0c5f4734097c18207469',
    );
  });
  it('refuse a short key or an unparsed code', () => {
    const code = generateReceiptCode();
    expect(() => hashReceiptCode(code, Buffer.alloc(16))).toThrow(RangeError);
    expect(() => hashReceiptCode('1234 5678 9012 3452' as ReceiptCode, key)).toThrow(RangeError);
  });
});
