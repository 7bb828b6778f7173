import { describeEachEngine, TestApp } from '../testing/test-app';
import { DEMO_PASSWORD } from './demo-data';
import { DemoSeeder } from './demo.seeder';

interface Action {
  id: string;
  status: string;
  overdue: boolean;
  decision: string | null;
  decisionBy: string | null;
}
interface Finding {
  id: string;
  status: string;
  actions: Action[];
  closeBlockers: Array<{ code: string }>;
}

describeEachEngine('Demo findings and corrective actions', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
  });
  afterAll(() => t.stop());

  it('has findings and actions in every state, and the demo medarbetare has actions to do', async () => {
    const controller = await t.login('controller', DEMO_PASSWORD);
    const findings = (
      (await controller.get('/api/findings?limit=100').expect(200)).body as {
        items: Finding[];
      }
    ).items;
    const actions = findings.flatMap((f) => f.actions);
    expect(findings.some((f) => f.status === 'oppen' && f.actions.length === 0)).toBe(true);
    expect(
      findings.some(
        (f) => f.status === 'stangd' && f.actions.every((a) => a.status === 'verifierad'),
      ),
    ).toBe(true);
    expect(
      findings.filter((f) => f.status === 'stangd').every((f) => f.closeBlockers.length === 0),
    ).toBe(true);
    expect(actions.some((a) => a.status === 'oppen' && a.overdue)).toBe(true);
    expect(actions.some((a) => a.status === 'atgardad')).toBe(true);
    expect(actions.some((a) => a.status === 'verifierad')).toBe(true);
    expect(actions.some((a) => a.decision && a.decisionBy)).toBe(true);
    // every open finding with only verified actions would be a broken close rule
    for (const f of findings.filter((x) => x.status === 'oppen'))
      expect(f.actions.length === 0 || f.actions.some((a) => a.status !== 'verifierad')).toBe(true);

    const employee = await t.login('medarbetare', DEMO_PASSWORD);
    const mine = (
      (await employee.get('/api/corrective-actions/mine').expect(200)).body as {
        items: Action[];
      }
    ).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(
      ((await employee.get('/api/findings?mine=true').expect(200)).body as { items: unknown[] })
        .items.length,
    ).toBeGreaterThan(0);
  });
});
