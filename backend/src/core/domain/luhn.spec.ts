import fc from 'fast-check';
import { luhnCheckDigit, luhnValid } from './luhn';

describe('Luhn', () => {
  it('matches known numbers', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnValid('5560360793')).toBe(true); // an organisationsnummer (Saab AB)
    expect(luhnValid('5560360794')).toBe(false);
    expect(luhnValid('2120000142')).toBe(true); // Stockholms kommun
  });
  it('refuses non-digits and too-short input', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('0')).toBe(false);
    expect(luhnValid('55603607-3')).toBe(false);
    expect(() => luhnCheckDigit('12a')).toThrow(RangeError);
  });
  it('payload + its check digit is always valid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,20}$/), (payload) => {
        expect(luhnValid(payload + String(luhnCheckDigit(payload)))).toBe(true);
      }),
    );
  });
  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{2,20}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, pos, delta) => {
          const valid = payload + String(luhnCheckDigit(payload));
          const i = pos % valid.length;
          const typo =
            valid.slice(0, i) + String((Number(valid[i]) + delta) % 10) + valid.slice(i + 1);
          expect(luhnValid(typo)).toBe(false);
        },
      ),
    );
  });
  it('catches swapped neighbours except 0↔9', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{2,20}$/), fc.nat(), (payload, pos) => {
        const valid = payload + String(luhnCheckDigit(payload));
        const i = pos % (valid.length - 1);
        const [a, b] = [valid[i], valid[i + 1]];
        fc.pre(a !== b && !(a + b === '09' || a + b === '90'));
        const swapped = valid.slice(0, i) + b + a + valid.slice(i + 2);
        expect(luhnValid(swapped)).toBe(false);
      }),
    );
  });
});
