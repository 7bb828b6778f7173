import type { UnitDto } from '../../core/api/models';
import { buildUnitTree, subtreeIds, unitOptions } from './units';

const unit = (id: string, parentId: string | null, kind: UnitDto['kind'] = 'enhet'): UnitDto => ({
  id,
  name: id.toUpperCase(),
  kind,
  parentId,
  path: `/${id}/`,
  depth: 0,
  active: true,
});

const UNITS = [
  unit('f', null, 'forvaltning'),
  unit('a1', 'f', 'avdelning'),
  unit('e1', 'a1'),
  unit('e2', 'a1'),
  unit('a2', 'f', 'avdelning'),
];

describe('unit tree', () => {
  it('nests units under their parents in server order', () => {
    const [root] = buildUnitTree(UNITS);
    expect(root?.unit.id).toBe('f');
    expect(root?.children.map((c) => c.unit.id)).toEqual(['a1', 'a2']);
    expect(root?.children[0]?.children.map((c) => c.unit.id)).toEqual(['e1', 'e2']);
    expect(root?.children[0]?.children[0]?.level).toBe(2);
  });

  it('makes units whose parent is not visible into roots', () => {
    const roots = buildUnitTree([unit('e1', 'a1'), unit('e2', 'a1')]);
    expect(roots.map((r) => r.unit.id)).toEqual(['e1', 'e2']);
  });

  it('finds a subtree', () => {
    expect([...subtreeIds(UNITS, 'a1')].sort()).toEqual(['a1', 'e1', 'e2']);
    expect([...subtreeIds(UNITS, 'e2')]).toEqual(['e2']);
  });

  it('lists picker options in tree order with levels', () => {
    expect(unitOptions(UNITS).map((o) => `${o.level}:${o.id}`)).toEqual([
      '0:f',
      '1:a1',
      '2:e1',
      '2:e2',
      '1:a2',
    ]);
  });
});
