import { describeEachEngine, TestApp } from '../testing/test-app';
import { DEMO_PASSWORD } from './demo-data';
import { DemoSeeder } from './demo.seeder';

describeEachEngine('Demo guidance', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
  });
  afterAll(() => t.stop());

  it("covers part of the demo manager's subtree; the demo employee has still to confirm the gift guideline", async () => {
    const chef = await t.login('chef', DEMO_PASSWORD);
    const cov = (
      await chef.get('/api/guidance/gavor-representation-och-uppvaktning/coverage').expect(200)
    ).body as { total: number; acknowledged: number; missing: Array<{ displayName: string }> };
    expect(cov.total).toBe(7);
    expect(cov.acknowledged).toBe(3);
    expect(cov.missing.map((m) => m.displayName)).toContain('Ahmed Hassan');
    const me = await t.login('medarbetare', DEMO_PASSWORD);
    const jav = (await me.get('/api/guidance/jav-och-din-anmalningsplikt').expect(200)).body as {
      acknowledged: boolean;
    };
    expect(jav.acknowledged).toBe(true);
    const list = (await me.get('/api/guidance').expect(200)).body as {
      items: Array<{ slug: string }>;
    };
    expect(list.items).toHaveLength(10);
  });
});
