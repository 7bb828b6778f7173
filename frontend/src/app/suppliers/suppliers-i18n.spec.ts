import { translations } from '../../testing/transloco';
import { ACTION_GROUPS, OBJECT_TYPES } from '../audit/audit-filters';
import { RED_FLAGS, RED_FLAG_GROUPS } from './red-flags';

type Tree = Record<string, unknown>;

function lookup(tree: Tree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);
}

describe('supplier register texts', () => {
  for (const lang of ['sv', 'en'] as const) {
    const tree = translations[lang] as unknown as Tree;
    const missing = (keys: string[]) => keys.filter((k) => typeof lookup(tree, k) !== 'string');

    it(`${lang}: names every red flag and group of the checklist`, () => {
      expect(
        missing([
          ...RED_FLAGS.map((f) => `suppliers.flags.${f.code}`),
          ...RED_FLAG_GROUPS.map((g) => `suppliers.groups.${g}`),
        ]),
      ).toEqual([]);
    });

    it(`${lang}: names the supplier audit actions and object type`, () => {
      const supplier = ACTION_GROUPS.find((g) => g.id === 'supplier');
      expect(supplier?.actions.length).toBeGreaterThan(0);
      expect(OBJECT_TYPES).toContain('Supplier');
      expect(
        missing([
          ...(supplier?.actions ?? []).map((a) => `audit.actions.${a}`),
          'audit.groups.supplier',
          'audit.objectTypes.Supplier',
        ]),
      ).toEqual([]);
    });

    it(`${lang}: states the fördjupad-kontroll verdict and its reasons in words`, () => {
      expect(
        missing([
          'suppliers.indepth.required',
          'suppliers.indepth.notRequired',
          'suppliers.indepth.heavyFlag',
          'suppliers.indepth.flagCount',
          'suppliers.errors.format',
          'suppliers.errors.checksum',
          'suppliers.errors.taken',
        ]),
      ).toEqual([]);
    });
  }
});
