import { OrgUnitEntity } from './entities/org-unit.entity';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../testing/test-app';

/**
 * Concurrent subtree operations by several administrators. On PostgreSQL they run in parallel
 * transactions: no combination may end in a 500 (a deadlock or a serialisation failure), leave
 * inconsistent paths, or break the audit chain.
 */
describeEachEngine('Organisation units under concurrency', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  const row = (id: string) => t.dataSource.getRepository(OrgUnitEntity).findOneByOrFail({ id });

  async function expectConsistentPaths(units: TestUnit[]) {
    for (const { id } of units) {
      const u = await row(id);
      if (!u.parentId) {
        expect(u.path).toBe(`/${u.id}/`);
      } else {
        const p = await row(u.parentId);
        expect(u.path).toBe(`${p.path}${u.id}/`);
        expect(u.depth).toBe(p.depth + 1);
      }
    }
  }

  it('moves and renames of overlapping subtrees never answer 500 and keep the tree consistent', async () => {
    const root = await t.unit(uniq('Förvaltning'));
    const admins = [];
    for (let i = 0; i < 4; i++) {
      const u = await t.user(uniq('admin'), root, [['administrator', root]]);
      admins.push(await t.login(u.username));
    }
    const statuses: number[] = [];
    const all: TestUnit[] = [root];
    for (let round = 0; round < 8; round++) {
      // root → A → X, A → Y → Z; root → B; root → C
      const a = await t.unit(uniq('A'), root, 'avdelning');
      const x = await t.unit(uniq('X'), a);
      const y = await t.unit(uniq('Y'), a);
      const z = await t.unit(uniq('Z'), y);
      const b = await t.unit(uniq('B'), root, 'avdelning');
      const c = await t.unit(uniq('C'), root, 'avdelning');
      all.push(a, x, y, z, b, c);
      const results = await Promise.all([
        // rename and move: the entry for the rename is recorded before the subtree is rewritten
        admins[0].patch(`/api/units/${a.id}`).send({ name: uniq('A2'), parentId: b.id }),
        admins[1].patch(`/api/units/${x.id}`).send({ name: uniq('X2') }),
        admins[2].patch(`/api/units/${y.id}`).send({ name: uniq('Y2'), parentId: c.id }),
        admins[3].patch(`/api/units/${z.id}`).send({ name: uniq('Z2') }),
      ]);
      statuses.push(...results.map((r) => r.status));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await expectConsistentPaths(all);
    const verify = await admins[0].get('/api/audit-log/verify').expect(200);
    expect((verify.body as { ok: boolean }).ok).toBe(true);
  });
});
