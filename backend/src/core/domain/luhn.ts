/**
 * The Luhn (mod 10) check digit, used by Swedish organisationsnummer and by Värn's receipt codes
 * so that a mistyped digit or two swapped neighbours are caught before a server round-trip.
 */

const DIGITS = /^\d+$/;

function weightedSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0;
  let double = doubleRightmost;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

/** The check digit (0–9) to append to a string of digits. */
export function luhnCheckDigit(payload: string): number {
  if (!DIGITS.test(payload)) throw new RangeError('Luhn payload must be digits only');
  return (10 - (weightedSum(payload, true) % 10)) % 10;
}

/** True when a string of at least two digits ends in its correct Luhn check digit. */
export function luhnValid(digits: string): boolean {
  return digits.length >= 2 && DIGITS.test(digits) && weightedSum(digits, false) % 10 === 0;
}
