import { RiskActionEntity } from '../risks/entities/risk-action.entity';
import { RiskAssessmentEntity } from '../risks/entities/risk-assessment.entity';
import { RiskEntity } from '../risks/entities/risk.entity';
import { describeEachEngine, TestApp } from '../testing/test-app';
import { DEMO_PASSWORD } from './demo-data';
import { DemoSeeder } from './demo.seeder';

interface Page {
  total: number;
  items: Array<{ id: string; title: string; residual: { band: string }; acceptanceState: string }>;
}

describeEachEngine('Demo risks', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
  });
  afterAll(() => t.stop());

  it('has every band, two years of history, overdue actions and stale acceptances', async () => {
    const risks = await t.dataSource.getRepository(RiskEntity).find();
    expect(risks.length).toBeGreaterThan(30);
    const assessments = await t.dataSource.getRepository(RiskAssessmentEntity).find();
    const current = assessments.filter((a) =>
      risks.some((r) => r.id === a.riskId && r.currentSeq === a.seq),
    );
    expect(new Set(current.map((a) => a.residualBand))).toEqual(
      new Set(['ej_bedomd', 'lag', 'medel', 'hog', 'mycket_hog']),
    );
    const oldest = Math.min(...assessments.map((a) => +a.validFrom));
    expect(+t.clock.now() - oldest).toBeGreaterThan(600 * 86_400_000);
    const today = t.clock.now().toISOString().slice(0, 10);
    const actions = await t.dataSource.getRepository(RiskActionEntity).find();
    expect(actions.some((a) => a.status !== 'klar' && a.dueDate < today)).toBe(true);

    const controller = await t.login('controller', DEMO_PASSWORD);
    const stale = (await controller.get('/api/risks?acceptance=stale&limit=100').expect(200))
      .body as Page;
    expect(stale.total).toBeGreaterThan(0);
    // the register as of a year ago differs from today's
    const year = new Date(+t.clock.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const then = (await controller.get(`/api/heatmaps/risks?asOf=${year}`).expect(200)).body as {
      total: number;
    };
    const now = (await controller.get('/api/heatmaps/risks').expect(200)).body as {
      total: number;
    };
    expect(then.total).toBeLessThan(now.total);
  });

  it('the demo chef has a very high, unaccepted risk to drill to and accept', async () => {
    const chef = await t.login('chef', DEMO_PASSWORD);
    const heat = (await chef.get('/api/heatmaps/risks').expect(200)).body as {
      cells: Array<{ likelihood: number; consequence: number; count: number; band: string }>;
    };
    const red = heat.cells.find((c) => c.band === 'mycket_hog' && c.count > 0)!;
    expect(red).toBeDefined();
    const drill = (
      await chef
        .get(`/api/risks?kind=residual&likelihood=${red.likelihood}&consequence=${red.consequence}`)
        .expect(200)
    ).body as Page;
    expect(drill.items.some((r) => r.acceptanceState === 'none')).toBe(true);
  });
});
