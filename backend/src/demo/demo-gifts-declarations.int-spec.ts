import { describeEachEngine, TestApp } from '../testing/test-app';
import { DEMO_PASSWORD } from './demo-data';
import { FLAGGED_SUPPLIERS_SQL } from './demo-gifts-declarations';
import { DemoSeeder } from './demo.seeder';

describeEachEngine('Demo gifts and declarations', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
  });
  afterAll(() => t.stop());

  it('has gift entries in every state for the manager, and the employee sees their own waiting one', async () => {
    const chef = await t.login('chef', DEMO_PASSWORD);
    const list = (await chef.get('/api/gifts?limit=100').expect(200)).body as {
      items: Array<{
        status: string;
        decision: string | null;
        outcome: string;
        canDecide: boolean;
      }>;
    };
    expect(new Set(list.items.map((g) => g.status))).toEqual(
      new Set(['vantar_beslut', 'beslutad', 'registrerad']),
    );
    expect(new Set(list.items.map((g) => g.decision))).toEqual(
      new Set([null, 'godkand', 'avbojd', 'aterlamnas']),
    );
    expect(new Set(list.items.map((g) => g.outcome))).toEqual(new Set(['B', 'C', 'D']));
    expect(list.items.filter((g) => g.canDecide)).toHaveLength(1);
    const me = await t.login('medarbetare', DEMO_PASSWORD);
    const mine = (await me.get('/api/gifts').expect(200)).body as {
      items: Array<{ status: string }>;
    };
    expect(mine.items.map((g) => g.status)).toEqual(['vantar_beslut']);
  });

  it('has declarations in every state, coverage for the manager, and the flag for the controller only', async () => {
    const chef = await t.login('chef', DEMO_PASSWORD);
    const cov = (await chef.get('/api/declarations/coverage').expect(200)).body as {
      counts: Record<string, number>;
    };
    expect(cov.counts).toMatchObject({ current: 2, due_soon: 1, expired: 1 });
    expect(cov.counts['missing']).toBeGreaterThan(0);
    const all = (await chef.get('/api/declarations?limit=100').expect(200)).body as {
      items: Array<{ type: string; status: string; current: boolean }>;
    };
    expect(new Set(all.items.map((d) => d.type))).toEqual(
      new Set(['arlig', 'nytt_uppdrag', 'arendespecifik']),
    );
    expect(all.items.some((d) => !d.current)).toBe(true);
    expect(all.items.filter((d) => d.status === 'inlamnad')).toHaveLength(2);
    const me = await t.login('medarbetare', DEMO_PASSWORD);
    const mine = (await me.get('/api/declarations').expect(200)).body as {
      items: Array<{ decision: { handling: string } | null }>;
    };
    expect(mine.items.map((d) => d.decision?.handling)).toEqual(['ingen_atgard']);

    const [flagged, other] = await t.dataSource.query<Array<{ id: string }>>(FLAGGED_SUPPLIERS_SQL);
    const controller = await t.login('controller', DEMO_PASSWORD);
    const flags = async (supplierId: string) =>
      (
        (await controller.get(`/api/contracts?supplierId=${supplierId}&limit=100`).expect(200))
          .body as { items: Array<{ declaredInterest: boolean }> }
      ).items.map((c) => c.declaredInterest);
    const f = await flags(flagged.id);
    expect(f.length).toBeGreaterThan(0);
    expect(f.every(Boolean)).toBe(true);
    expect((await flags(other.id)).some(Boolean)).toBe(false);
    expect(
      ((await controller.get('/api/declarations').expect(200)).body as { items: unknown[] }).items,
    ).toEqual([]);
  });
});
