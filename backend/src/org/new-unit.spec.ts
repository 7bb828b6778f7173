import { newUnit, unitPath } from './new-unit';

describe('newUnit', () => {
  const now = new Date('2026-03-02T08:00:00Z');

  it('builds a root: path /id/, depth 0, no parent', () => {
    const root = newUnit({ name: 'Förvaltningen', kind: 'forvaltning', parent: null }, now);
    expect(root).toMatchObject({ parentId: null, depth: 0, active: true, createdAt: now });
    expect(root.path).toBe(`/${root.id}/`);
  });

  it("builds a child below its parent's path, one level deeper", () => {
    const root = newUnit({ name: 'R', kind: 'forvaltning', parent: null }, now);
    const a = newUnit({ name: 'A', kind: 'avdelning', parent: root }, now);
    const a1 = newUnit({ name: 'A1', kind: 'enhet', parent: a }, now);
    expect(a1).toMatchObject({ parentId: a.id, depth: 2 });
    expect(a1.path).toBe(`/${root.id}/${a.id}/${a1.id}/`);
    expect(a1.path.startsWith(a.path)).toBe(true);
    expect(unitPath(a, a1.id)).toBe(a1.path);
  });
});
