import { DEMO_PASSWORD } from '../demo/demo-data';
import { DemoSeeder } from '../demo/demo.seeder';
import { describeEachEngine, TestApp } from '../testing/test-app';

interface Listed {
  total: number;
  items: unknown[];
}
interface Dashboard {
  unit: { id: string; name: string };
  asOf: string;
  bandCounts: Array<{ band: string; count: number }>;
  topRisks: Listed;
  overdueActions: Listed;
  contractsDue: Listed;
  staleAcceptances: Listed;
  riskTrend: Array<Record<string, number | string>>;
  incidentTrend: Array<{ count: number | null; suppressed: boolean }>;
}

describeEachEngine('Demo dashboard', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
  });
  afterAll(() => t.stop());

  it('gives the demo chef a dashboard with something in every panel', async () => {
    const chef = await t.login('chef', DEMO_PASSWORD);
    const d = (await chef.get('/api/dashboard').expect(200)).body as Dashboard;
    expect(d.unit.name).toBe('Parkering och trafikövervakning');
    for (const band of ['lag', 'medel', 'hog', 'mycket_hog', 'ej_bedomd'])
      expect(d.bandCounts.find((b) => b.band === band)!.count).toBeGreaterThan(0);
    for (const panel of [d.topRisks, d.overdueActions, d.contractsDue, d.staleAcceptances]) {
      expect(panel.total).toBeGreaterThan(0);
      expect(panel.items.length).toBe(Math.min(10, panel.total));
    }
    expect(d.riskTrend).toHaveLength(8);
    // the register grew over the two years of history
    const total = (p: Record<string, number | string>) =>
      ['lag', 'medel', 'hog', 'mycket_hog', 'ej_bedomd'].reduce((n, b) => n + Number(p[b]), 0);
    expect(total(d.riskTrend[0])).toBeLessThan(total(d.riskTrend[7]));
    expect(d.incidentTrend).toHaveLength(8);
    expect(d.incidentTrend.some((p) => !p.suppressed && (p.count ?? 0) >= 5)).toBe(true);
  });

  it('produces the demo committee report in both formats', async () => {
    const chef = await t.login('chef', DEMO_PASSWORD);
    const d = (await chef.get('/api/dashboard').expect(200)).body as Dashboard;
    for (const format of ['pdf', 'xlsx'])
      await chef
        .get(
          `/api/committee-report?unitId=${d.unit.id}&from=2025-01-01&to=${d.asOf}&format=${format}`,
        )
        .expect(200);
  });
});
