import fc from 'fast-check';
import { generateOrganisationNumber, parseOrganisationNumber } from './organisation-number';

/** A small seeded PRNG (mulberry32) so demo data is reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseOrganisationNumber', () => {
  it('accepts real numbers with or without the dash and normalises to NNNNNN-NNNN', () => {
    expect(parseOrganisationNumber('556036-0793')).toEqual({
      ok: true,
      value: '556036-0793',
      legalEntity: true,
    });
    expect(parseOrganisationNumber('5560360793')).toMatchObject({ ok: true, value: '556036-0793' });
    expect(parseOrganisationNumber(' 212000-0142 ')).toMatchObject({
      ok: true,
      value: '212000-0142',
    });
    expect(parseOrganisationNumber('16212000-0142')).toMatchObject({
      ok: true,
      value: '212000-0142',
    });
  });
  it('flags a sole trader (personnummer) as not a legal entity', () => {
    expect(parseOrganisationNumber('811228-9874')).toEqual({
      ok: true,
      value: '811228-9874',
      legalEntity: false,
    });
  });
  it('gives `checksum` for a wrong check digit and `format` for anything else', () => {
    expect(parseOrganisationNumber('556036-0794')).toEqual({ ok: false, reason: 'checksum' });
    for (const bad of [
      '',
      '556036-079',
      '55603607933',
      '556036 0793',
      '556036–0793',
      '5560-360793',
      'abcdef-ghij',
      '19556036-0793',
      '556036-0793\n1',
      '5'.repeat(40),
    ]) {
      expect(parseOrganisationNumber(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });
  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), (digits) => {
        const r = parseOrganisationNumber(digits);
        if (r.ok) expect(parseOrganisationNumber(r.value)).toEqual(r);
      }),
    );
  });
});

describe('generateOrganisationNumber', () => {
  it('always produces valid legal-entity numbers', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const n = generateOrganisationNumber(seeded(seed));
        expect(n).toMatch(/^[25789]\d[2-9]\d{3}-\d{4}$/);
        expect(parseOrganisationNumber(n)).toEqual({ ok: true, value: n, legalEntity: true });
      }),
    );
  });
  it('is reproducible from a seed and copes with edge values of random()', () => {
    expect(generateOrganisationNumber(seeded(42))).toBe(generateOrganisationNumber(seeded(42)));
    for (const edge of [0, 0.999999999, 1]) {
      expect(parseOrganisationNumber(generateOrganisationNumber(() => edge)).ok).toBe(true);
    }
  });
});
