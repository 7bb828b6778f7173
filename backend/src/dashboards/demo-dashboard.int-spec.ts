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
    // every point of the trend is the register as of that quarter's end (the as-of heatmap)
    const ends: Record<string, string> = { Q1: '03-31', Q2: '06-30', Q3: '09-30', Q4: '12-31' };
    for (const p of d.riskTrend) {
      const [year, q] = String(p['quarter']).split('-');
      const end = `${year}-${ends[q]}` < d.asOf ? `${year}-${ends[q]}` : d.asOf;
      const heat = (
        await chef.get(`/api/heatmaps/risks?unitId=${d.unit.id}&asOf=${end}`).expect(200)
      ).body as { cells: Array<{ band: string; count: number }>; notAssessed: number };
      const byBand: Record<string, number> = { ej_bedomd: heat.notAssessed };
      for (const c of heat.cells) byBand[c.band] = (byBand[c.band] ?? 0) + c.count;
      for (const band of ['lag', 'medel', 'hog', 'mycket_hog', 'ej_bedomd'])
        expect({ quarter: p['quarter'], band, count: p[band] }).toEqual({
          quarter: p['quarter'],
          band,
          count: byBand[band] ?? 0,
        });
    }
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
