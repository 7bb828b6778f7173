import fc from 'fast-check';
import {
  enumerateGiftGuidePaths,
  evaluateGiftGuide,
  GIFT_OUTCOMES,
  giftGuideFollowUps,
  goBackInGiftGuide,
  nextGiftGuideQuestion,
  validateGiftGuideRules,
  type GiftGuideRules,
  type GuideAnswers,
} from './gift-guide';
import { DEFAULT_GIFT_GUIDE_RULES as RULES } from './gift-guide.rules';

const byNumber = new Map(RULES.questions.map((q) => [q.number, q.id]));
const idToNumber = new Map(RULES.questions.map((q) => [q.id, q.number]));

/** "0n 1y 2n" → answers keyed by question id. */
function answersOf(spec: string): Record<string, 'yes' | 'no'> {
  return Object.fromEntries(
    spec
      .split(' ')
      .filter(Boolean)
      .map((t) => {
        const m = /^(\d+)([yn])$/.exec(t)!;
        return [byNumber.get(Number(m[1]))!, m[2] === 'y' ? 'yes' : 'no'];
      }),
  );
}

/**
 * EVERY path through the default rules, written out by hand from domain.md §7, with its outcome.
 * The test below asserts that the data has exactly these paths and that each evaluates to it.
 */
const EXPECTED_PATHS: [string, 'A' | 'B' | 'C' | 'D'][] = [
  ['0y', 'C'], // money or equivalent
  ['0n 1y 2y', 'C'], // giver has an interest and you take part in the handling
  ['0n 1y 2n 3y', 'C'],
  ['0n 1y 2n 3n 4y', 'B'],
  ['0n 1y 2n 3n 4n 5y', 'A'],
  ['0n 1y 2n 3n 4n 5n 6y 7y', 'B'],
  ['0n 1y 2n 3n 4n 5n 6y 7n 8y 9y 10y', 'D'],
  ['0n 1y 2n 3n 4n 5n 6y 7n 8y 9y 10n', 'A'],
  ['0n 1y 2n 3n 4n 5n 6y 7n 8y 9n', 'B'],
  ['0n 1y 2n 3n 4n 5n 6y 7n 8n', 'C'],
  ['0n 1y 2n 3n 4n 5n 6n 7y', 'B'],
  ['0n 1y 2n 3n 4n 5n 6n 7n 8y 9y 10y', 'D'],
  ['0n 1y 2n 3n 4n 5n 6n 7n 8y 9y 10n', 'A'],
  ['0n 1y 2n 3n 4n 5n 6n 7n 8y 9n', 'B'],
  ['0n 1y 2n 3n 4n 5n 6n 7n 8n', 'C'],
  ['0n 1n 3y', 'C'], // more than insignificant value
  ['0n 1n 3n 4y', 'B'], // travel, event, alcohol …
  ['0n 1n 3n 4n 5y', 'A'], // simple refreshments at a work meeting
  ['0n 1n 3n 4n 5n 6y 7y', 'B'],
  ['0n 1n 3n 4n 5n 6y 7n 8y 9y 10y', 'D'],
  ['0n 1n 3n 4n 5n 6y 7n 8y 9y 10n', 'A'],
  ['0n 1n 3n 4n 5n 6y 7n 8y 9n', 'B'],
  ['0n 1n 3n 4n 5n 6y 7n 8n', 'C'],
  ['0n 1n 3n 4n 5n 6n 7y', 'B'], // recurring from the same giver
  ['0n 1n 3n 4n 5n 6n 7n 8y 9y 10y', 'D'], // courtesy: accept on the city's behalf
  ['0n 1n 3n 4n 5n 6n 7n 8y 9y 10n', 'A'],
  ['0n 1n 3n 4n 5n 6n 7n 8y 9n', 'B'], // manager does not know / approve
  ['0n 1n 3n 4n 5n 6n 7n 8n', 'C'], // could not tell openly
];

describe('default gift guide rules', () => {
  it('are valid: ids, references, no cycles, all reachable, texts present', () => {
    expect(validateGiftGuideRules(RULES)).toEqual([]);
    expect(RULES.questions.map((q) => q.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const q of RULES.questions) {
      expect(q.text).toMatch(/\?$/);
      expect(q.help.length).toBeGreaterThan(20);
    }
    expect(RULES.outcomes.A.title).toBe('Får tas emot');
    expect(RULES.outcomes.B.title).toMatch(/^Rådgör med chef och registrera/);
    expect(RULES.outcomes.C.title).toBe('Tacka nej och rapportera');
    expect(RULES.outcomes.D.title).toBe('Ta emot för stadens räkning');
  });

  it('have exactly the expected paths, and each evaluates to its outcome', () => {
    const enumerated = enumerateGiftGuidePaths(RULES).map(
      (p) =>
        [
          p.path
            .map((s) => `${idToNumber.get(s.question)}${s.answer === 'yes' ? 'y' : 'n'}`)
            .join(' '),
          p.outcome,
        ] as const,
    );
    expect(enumerated).toEqual(EXPECTED_PATHS);
    for (const [spec, outcome] of EXPECTED_PATHS) {
      const r = evaluateGiftGuide(RULES, answersOf(spec));
      expect({ spec, outcome: r.complete ? r.outcome : 'incomplete' }).toEqual({ spec, outcome });
      if (r.complete) {
        expect(r.path.map((s) => s.question)).toEqual(Object.keys(answersOf(spec)));
        expect(r.reasons.length).toBeGreaterThan(0);
        expect(r.reasons.at(-1)!.question).toBe(r.path.at(-1)!.question);
      }
    }
  });

  it('reach every outcome', () => {
    const reached = new Set(EXPECTED_PATHS.map(([, o]) => o));
    expect([...reached].sort()).toEqual([...GIFT_OUTCOMES]);
  });

  it('say "Tacka nej och rapportera" for a concert ticket from a contractor you follow up', () => {
    const r = evaluateGiftGuide(RULES, answersOf('0n 1y 2y'));
    expect(r).toMatchObject({ complete: true, outcome: 'C', flags: ['giver_has_interest'] });
    if (r.complete) {
      expect(r.reasons.map((x) => x.question)).toEqual([
        'givaren_har_intresse',
        'deltar_i_hanteringen',
      ]);
      expect(giftGuideFollowUps(r.outcome, r.flags)).toEqual({
        giftRegister: true,
        influenceReport: true,
      });
    }
  });

  it('record the heightened caution and the relative as flags and reasons', () => {
    const r = evaluateGiftGuide(RULES, answersOf('0n 1y 2n 3n 4n 5n 6y 7n 8y 9n'));
    expect(r).toMatchObject({
      complete: true,
      outcome: 'B',
      flags: ['giver_has_interest', 'heightened_caution', 'offered_to_relative'],
    });
  });
});

describe('one question at a time, with going back', () => {
  it('asks from the start and follows the answers', () => {
    expect(nextGiftGuideQuestion(RULES, {})?.id).toBe('pengar');
    expect(nextGiftGuideQuestion(RULES, answersOf('0n'))?.id).toBe('givaren_har_intresse');
    expect(nextGiftGuideQuestion(RULES, answersOf('0n 1n'))?.id).toBe('mer_an_obetydligt_varde');
    expect(nextGiftGuideQuestion(RULES, answersOf('0n 1n 3y'))).toBeNull();
  });
  it('goes back one question and drops answers off the path', () => {
    const answers = answersOf('0n 1y 2n 3n');
    expect(goBackInGiftGuide(RULES, answers)).toEqual(answersOf('0n 1y 2n'));
    // Changing an earlier answer leaves the later one stale: it is ignored, then dropped.
    const changed = { ...answers, givaren_har_intresse: 'no' as const };
    const r = evaluateGiftGuide(RULES, changed);
    expect(r.path.map((s) => s.question)).toEqual([
      'pengar',
      'givaren_har_intresse',
      'mer_an_obetydligt_varde',
    ]);
    expect(goBackInGiftGuide(RULES, changed)).toEqual(answersOf('0n 1n'));
    expect(goBackInGiftGuide(RULES, {})).toEqual({});
  });
  it('ignores junk in untrusted answers', () => {
    const junk = JSON.parse(
      '{"pengar":"maybe","__proto__":{"x":1},"toString":"yes"}',
    ) as GuideAnswers;
    expect(nextGiftGuideQuestion(RULES, junk)?.id).toBe('pengar');
  });
  it('always terminates: any answers give an outcome or a next question on the path', () => {
    const ids = RULES.questions.map((q) => q.id);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...ids), fc.constantFrom('yes' as const, 'no' as const)),
        (answers) => {
          const r = evaluateGiftGuide(RULES, answers);
          if (!r.complete)
            expect(Object.prototype.hasOwnProperty.call(answers, r.next.id)).toBe(false);
          for (const s of r.path) expect(answers[s.question]).toBe(s.answer);
        },
      ),
    );
  });
});

describe('giftGuideFollowUps', () => {
  it('sends B and D (and C with an interested giver) to the register; C offers a report', () => {
    expect(giftGuideFollowUps('A', ['giver_has_interest'])).toEqual({
      giftRegister: false,
      influenceReport: false,
    });
    expect(giftGuideFollowUps('B', [])).toEqual({ giftRegister: true, influenceReport: false });
    expect(giftGuideFollowUps('C', [])).toEqual({ giftRegister: false, influenceReport: true });
    expect(giftGuideFollowUps('D', [])).toEqual({ giftRegister: true, influenceReport: false });
  });
});

describe('validateGiftGuideRules (admin-edited rule sets)', () => {
  const edit = (f: (r: GiftGuideRules) => void): GiftGuideRules => {
    const r = structuredClone(RULES);
    f(r);
    return r;
  };
  it('finds references to missing questions and unknown outcomes', () => {
    const r = edit((x) => {
      x.questions[4].no = { next: 'finns_inte' };
      (x.questions[0].yes as { outcome: string }).outcome = 'E';
    });
    expect(validateGiftGuideRules(r)).toEqual(
      expect.arrayContaining([
        {
          code: 'unknown_question',
          from: 'resa_noje_evenemang',
          answer: 'no',
          target: 'finns_inte',
        },
        { code: 'unknown_outcome', from: 'pengar', answer: 'yes' },
      ]),
    );
  });
  it('finds cycles (which would make a path never end)', () => {
    const r = edit((x) => {
      x.questions[9].yes = { next: 'aterkommande' };
    });
    expect(validateGiftGuideRules(r)).toContainEqual({
      code: 'cycle',
      questions: ['aterkommande', 'kan_beratta_oppet', 'chefen_godkanner', 'aterkommande'],
    });
    expect(() => enumerateGiftGuidePaths(r)).toThrow();
    expect(() => evaluateGiftGuide(r, answersOf('0n 1n 3n 4n 5n 6n 7n 8y 9y 7n'))).toThrow(/cycle/);
  });
  it('finds unreachable questions, a bad start, duplicates, bad ids and missing texts', () => {
    const r = edit((x) => {
      x.questions[0].no = { next: 'mer_an_obetydligt_varde' };
      x.questions.push({ ...x.questions[3] });
      x.questions[5].id = 'Enklare Förtäring';
      x.questions[6].text = ' ';
      x.outcomes.D.text = '';
    });
    const codes = validateGiftGuideRules(r).map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'unreachable_question',
        'duplicate_question',
        'invalid_id',
        'text_missing',
        'unknown_question',
      ]),
    );
    expect(validateGiftGuideRules({ ...RULES, start: 'nope' })).toContainEqual({
      code: 'unknown_start',
      question: 'nope',
    });
    expect(validateGiftGuideRules({ ...RULES, questions: [] })).toEqual([{ code: 'no_questions' }]);
  });
});
