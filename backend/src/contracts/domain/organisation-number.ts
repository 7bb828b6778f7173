/**
 * Swedish organisationsnummer: 10 digits, the last a Luhn check digit over the first nine,
 * written `NNNNNN-NNNN`. Legal entities have a "month" pair (digits 3–4) of 20 or more; a sole
 * trader's number is their personnummer, which is personal data (`legalEntity: false`).
 */
import { luhnCheckDigit, luhnValid } from '../../core/domain/luhn';

/** A valid number in its normalised, stored and displayed form: `NNNNNN-NNNN`. */
export type OrganisationNumber = string & { readonly __brand: 'OrganisationNumber' };

export type OrganisationNumberParse =
  | { ok: true; value: OrganisationNumber; legalEntity: boolean }
  | { ok: false; reason: 'format' | 'checksum' };

/** NNNNNN-NNNN or NNNNNNNNNN, optionally with the century-style prefix "16" used by Skatteverket. */
const FORMAT = /^(?:16)?(\d{6})-?(\d{4})$/;

/** Validates and normalises typed or imported input (surrounding white space is ignored). */
export function parseOrganisationNumber(input: string): OrganisationNumberParse {
  if (input.length > 32) return { ok: false, reason: 'format' };
  const m = FORMAT.exec(input.trim());
  if (!m) return { ok: false, reason: 'format' };
  const digits = m[1] + m[2];
  if (!luhnValid(digits)) return { ok: false, reason: 'checksum' };
  return {
    ok: true,
    value: `${m[1]}-${m[2]}` as OrganisationNumber,
    legalEntity: Number(digits.slice(2, 4)) >= 20,
  };
}

/** Group digits of legal entities (2 state/municipality, 5 AB, 7 ek. förening, 8 ideell, 9 HB/KB). */
const GROUP_DIGITS = [2, 5, 7, 8, 9] as const;

/**
 * A valid legal-entity number for demo data and tests. `random` returns [0, 1) like Math.random;
 * pass a seeded generator for reproducible demo data.
 */
export function generateOrganisationNumber(random: () => number): OrganisationNumber {
  const pick = (n: number) => Math.min(n - 1, Math.max(0, Math.floor(random() * n)));
  let payload = String(GROUP_DIGITS[pick(GROUP_DIGITS.length)]);
  payload += String(pick(10));
  payload += String(2 + pick(8)); // digit 3 ≥ 2: a legal entity, never a personnummer
  for (let i = 0; i < 6; i++) payload += String(pick(10));
  const digits = payload + String(luhnCheckDigit(payload));
  return `${digits.slice(0, 6)}-${digits.slice(6)}` as OrganisationNumber;
}
