import { translations } from '../../testing/transloco';
import { APPROVAL_STATUSES, FOLLOW_UP_CLASSES, SECTORS, SORTS, STATUSES } from './contract-labels';

type Tree = Record<string, unknown>;

function lookup(tree: Tree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);
}

/** Codes the import can send per cell (backend ImportErrorDto.code). */
const IMPORT_ERROR_CODES = [
  'required',
  'too_long',
  'invalid_text',
  'invalid_organisation_number',
  'unknown_supplier',
  'unknown_sector',
  'invalid_amount',
  'invalid_date',
  'end_before_start',
  'unknown_unit',
  'ambiguous_unit',
  'unit_not_allowed',
  'unknown_class',
  'invalid_tiers',
  'duplicate_in_file',
  'diarienummer_taken',
  'organisation_number_taken',
  'invalid_email',
  'invalid_phone',
  'missing_column',
];

describe('contract register texts', () => {
  for (const lang of ['sv', 'en'] as const) {
    const tree = translations[lang] as unknown as Tree;
    const missing = (keys: string[]) => keys.filter((k) => typeof lookup(tree, k) !== 'string');

    it(`${lang}: names every sector, class with its cadence, status, approval and sort`, () => {
      expect(
        missing([
          ...SECTORS.map((s) => `contracts.sectors.${s}`),
          ...FOLLOW_UP_CLASSES.flatMap((c) => [
            `contracts.classes.${c}`,
            `contracts.classShort.${c}`,
            `contracts.cadence.${c}`,
          ]),
          ...STATUSES.map((s) => `contracts.statuses.${s}`),
          ...APPROVAL_STATUSES.map((a) => `contracts.approval.${a}`),
          ...SORTS.flatMap((s) => [`contracts.sorts.${s}.asc`, `contracts.sorts.${s}.desc`]),
        ]),
      ).toEqual([]);
    });

    it(`${lang}: explains every chain warning and every import error in words`, () => {
      expect(
        missing([
          ...['chain_too_deep', 'subcontractor_not_approved', 'chain_gap'].map(
            (c) => `contracts.chainWarnings.${c}`,
          ),
          ...IMPORT_ERROR_CODES.map((c) => `contracts.importErrors.${c}`),
        ]),
      ).toEqual([]);
    });
  }

  it('names the import errors with row and column in Swedish', () => {
    const sv = translations.sv as unknown as Tree;
    expect(lookup(sv, 'contracts.import.errorLine')).toBe(
      'Rad {{row}}, kolumn ”{{column}}”: {{what}}',
    );
  });
});
