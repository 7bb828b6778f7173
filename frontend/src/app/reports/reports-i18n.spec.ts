import { translations } from '../../testing/transloco';
import {
  CASE_STATUSES,
  CATEGORIES,
  EXPOSED_FUNCTIONS,
  INFLUENCER_TYPES,
  IRREGULARITY_KINDS,
  PERCEIVED_PURPOSES,
  SIGNED_IN_CONFIDENTIALITY,
  SITUATIONS,
  TRACKS,
} from './report.models';

type Tree = Record<string, unknown>;
const lookup = (tree: Tree, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);

describe('reporting texts', () => {
  for (const lang of ['sv', 'en'] as const) {
    const tree = translations[lang] as unknown as Tree;
    const missing = (keys: string[]) => keys.filter((k) => typeof lookup(tree, k) !== 'string');

    it(`${lang}: labels every code the form offers or the API returns`, () => {
      expect(
        missing([
          ...TRACKS.map((c) => `taxonomy.tracks.${c}`),
          ...TRACKS.map((c) => `report.kind.trackHelp.${c}`),
          ...CATEGORIES.map((c) => `taxonomy.categories.${c}`),
          ...CATEGORIES.map((c) => `report.categoryHelp.${c}`),
          ...IRREGULARITY_KINDS.map((c) => `taxonomy.irregularityKinds.${c}`),
          ...EXPOSED_FUNCTIONS.map((c) => `taxonomy.exposedFunctions.${c}`),
          ...SITUATIONS.map((c) => `taxonomy.situations.${c}`),
          ...PERCEIVED_PURPOSES.map((c) => `taxonomy.perceivedPurposes.${c}`),
          ...INFLUENCER_TYPES.map((c) => `taxonomy.influencerTypes.${c}`),
          ...CASE_STATUSES.map((c) => `taxonomy.statuses.${c}`),
          ...CASE_STATUSES.map((c) => `report.statusHelp.${c}`),
          ...SIGNED_IN_CONFIDENTIALITY.map((c) => `taxonomy.confidentiality.${c}`),
          ...SIGNED_IN_CONFIDENTIALITY.map((c) => `report.who.help.${c}`),
        ]),
      ).toEqual([]);
    });
  }

  it('asks the acute-danger question in the agreed words', () => {
    expect(translations.sv.report.safety.question).toBe('Är du i akut fara just nu?');
    expect(translations.sv.anon.loginLink).toBe('Rapportera anonymt – utan inloggning');
    expect(translations.sv.anon.receipt.saved).toBe('Jag har sparat koden');
  });
});
