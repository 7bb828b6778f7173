import fc from 'fast-check';
import { RED_FLAG_LABELS_SV } from './contracts.labels.sv';
import {
  assessRedFlags,
  isRedFlagCode,
  RED_FLAG_GROUPS,
  RED_FLAGS,
  type RedFlagCode,
} from './red-flags';

const codes = RED_FLAGS.map((f) => f.code);
const light = RED_FLAGS.filter((f) => !f.heavy).map((f) => f.code);
const heavy: RedFlagCode[] = RED_FLAGS.filter((f) => f.heavy).map((f) => f.code);

describe('red-flag library', () => {
  it('has the §4 flags in six groups, with exactly the four heavy ones', () => {
    expect(RED_FLAGS).toHaveLength(31);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(RED_FLAGS.map((f) => f.group))).toEqual(new Set(RED_FLAG_GROUPS));
    expect(heavy).toEqual([
      'malvakt_samordningsnummer',
      'oklar_verklig_huvudman',
      'skulder_kronofogden',
      'andrat_bankgiro_via_epost',
    ]);
    expect(Object.keys(RED_FLAG_LABELS_SV)).toEqual(codes);
    expect(isRedFlagCode('skulder_kronofogden')).toBe(true);
    expect(isRedFlagCode('constructor')).toBe(false);
  });
});

describe('assessRedFlags (fördjupad kontroll)', () => {
  it('needs no check for nothing or one light flag', () => {
    expect(assessRedFlags([])).toEqual({ deepCheckRequired: false, count: 0, reasons: [] });
    expect(assessRedFlags(['nystartat'])).toEqual({
      deepCheckRequired: false,
      count: 1,
      reasons: [],
    });
  });
  it('requires a check for two flags by default, naming the count rule', () => {
    expect(assessRedFlags(['nystartat', 'saknar_telefon'])).toEqual({
      deepCheckRequired: true,
      count: 2,
      reasons: [{ code: 'flag_count', count: 2, threshold: 2 }],
    });
  });
  it('requires a check for any single heavy flag, naming it', () => {
    for (const flag of heavy) {
      expect(assessRedFlags([flag])).toEqual({
        deepCheckRequired: true,
        count: 1,
        reasons: [{ code: 'heavy_flag', flag }],
      });
    }
  });
  it('lists every heavy flag and the count when both apply; duplicates count once', () => {
    const r = assessRedFlags([
      'andrat_bankgiro_via_epost',
      'nystartat',
      'oklar_verklig_huvudman',
      'nystartat',
    ]);
    expect(r.reasons).toEqual([
      { code: 'heavy_flag', flag: 'oklar_verklig_huvudman' },
      { code: 'heavy_flag', flag: 'andrat_bankgiro_via_epost' },
      { code: 'flag_count', count: 3, threshold: 2 },
    ]);
    expect(assessRedFlags(['nystartat', 'nystartat']).deepCheckRequired).toBe(false);
  });
  it('takes the threshold as a parameter and refuses a meaningless one or an unknown flag', () => {
    expect(
      assessRedFlags(['nystartat', 'saknar_telefon'], { threshold: 3 }).deepCheckRequired,
    ).toBe(false);
    expect(assessRedFlags(['nystartat'], { threshold: 1 }).deepCheckRequired).toBe(true);
    expect(() => assessRedFlags([], { threshold: 0 })).toThrow(RangeError);
    expect(() => assessRedFlags([], { threshold: 1.5 })).toThrow(RangeError);
    expect(() => assessRedFlags(['nope' as RedFlagCode])).toThrow(RangeError);
  });
  it('requires a check exactly when a heavy flag is ticked or the count reaches the threshold', () => {
    fc.assert(
      fc.property(fc.subarray(codes), fc.integer({ min: 1, max: 10 }), (ticked, threshold) => {
        const r = assessRedFlags(ticked, { threshold });
        const hasHeavy = ticked.some((c) => (heavy as string[]).includes(c));
        expect(r.deepCheckRequired).toBe(hasHeavy || ticked.length >= threshold);
        expect(r.deepCheckRequired).toBe(r.reasons.length > 0);
      }),
    );
  });
  it('is monotone: ticking one more flag never removes the need for a check', () => {
    fc.assert(
      fc.property(fc.subarray(light), fc.constantFrom(...codes), (ticked, extra) => {
        if (assessRedFlags(ticked).deepCheckRequired) {
          expect(assessRedFlags([...ticked, extra]).deepCheckRequired).toBe(true);
        }
      }),
    );
  });
});
