import { DemoSeeder } from '../demo/demo.seeder';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-data';
import { OrgUnitEntity } from '../org/entities/org-unit.entity';
import { describeEachEngine, TestApp } from '../testing/test-app';
import { AdminBootstrap, BootstrapError } from './admin-bootstrap';

/** Every unit's path is its parent's path plus its own id, and its depth one more. */
async function expectConsistentTree(t: TestApp): Promise<OrgUnitEntity[]> {
  const units = await t.dataSource.getRepository(OrgUnitEntity).find();
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const u of units) {
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    expect(u.path).toBe(`${parent?.path ?? '/'}${u.id}/`);
    expect(u.depth).toBe(parent ? parent.depth + 1 : 0);
  }
  return units;
}

describeEachEngine('CLI bootstrap and demo seed', (engine) => {
  it('create-admin makes the root unit and an administrator who can sign in', async () => {
    const t = await TestApp.start(engine);
    try {
      const boot = t.app.get(AdminBootstrap);
      await expect(
        boot.createAdmin({
          username: 'forsta',
          displayName: 'Första Admin',
          password: 'kort',
          rootName: 'Trafikförvaltningen',
        }),
      ).rejects.toThrow(BootstrapError);
      await boot.createAdmin({
        username: 'forsta',
        displayName: 'Första Admin',
        password: 'gurka-trappa-solsken-moln-7',
        rootName: 'Trafikförvaltningen',
      });
      const units = await expectConsistentTree(t);
      expect(units).toHaveLength(1);
      expect(units[0]).toMatchObject({ name: 'Trafikförvaltningen', kind: 'forvaltning' });
      const admin = await t.login('forsta', 'gurka-trappa-solsken-moln-7');
      const me = await admin.get('/api/me').expect(200);
      expect(me.body.roles).toEqual([
        expect.objectContaining({ role: 'administrator', unitId: units[0].id }),
      ]);
    } finally {
      await t.stop();
    }
  });

  it('the demo seed builds a consistent tree whose accounts can sign in', async () => {
    const t = await TestApp.start(engine);
    try {
      expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
      const units = await expectConsistentTree(t);
      expect(units.filter((u) => u.parentId === null)).toHaveLength(1);
      await t.login(DEMO_ACCOUNTS[0].username, DEMO_PASSWORD);
      expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(false);
    } finally {
      await t.stop();
    }
  });
});
