import { describeEachEngine, TestApp } from '../testing/test-app';
import { DEMO_PASSWORD } from './demo-data';
import { DemoSeeder } from './demo.seeder';

interface Summary {
  id: string;
  contractId: string;
  followUpClass: string;
  status: string;
  kind: string;
  answered: number;
  deviations: number;
}
interface PlanItem {
  contractId: string;
  status: string;
  lastAuditOn: string | null;
  from: string;
}

describeEachEngine('Demo audits', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
  });
  afterAll(() => t.stop());

  it('has signed and ongoing audits on class A, B and C contracts, and one signed audit overdue in the plan', async () => {
    const controller = await t.login('controller', DEMO_PASSWORD);
    const audits = (
      (await controller.get('/api/audits?limit=100').expect(200)).body as { items: Summary[] }
    ).items;
    const has = (cls: string, status: string) =>
      audits.some((a) => a.followUpClass === cls && a.status === status);
    for (const cls of ['A', 'B', 'C']) {
      expect({ cls, signed: has(cls, 'signerad') }).toEqual({ cls, signed: true });
      expect({ cls, ongoing: has(cls, 'pagaende') }).toEqual({ cls, ongoing: true });
    }
    expect(audits.some((a) => a.kind === 'adhoc')).toBe(true);
    expect(audits.some((a) => a.status === 'pagaende' && a.deviations > 0)).toBe(true);
    // every signed audit is complete and its class A ones carry a chef's sign-off
    for (const a of audits.filter((x) => x.status === 'signerad')) {
      const d = (await controller.get(`/api/audits/${a.id}`).expect(200)).body as {
        completeness: { complete: boolean };
        signOffs: Array<{ role: string }>;
        requiredSignOffs: string[];
        deviationsWithoutFinding: string[];
      };
      expect(d.completeness.complete).toBe(true);
      expect(d.deviationsWithoutFinding).toEqual([]);
      expect(d.signOffs.map((s) => s.role).sort()).toEqual([...d.requiredSignOffs].sort());
    }
    const plan = (
      (await controller.get('/api/audit-plan').expect(200)).body as { items: PlanItem[] }
    ).items;
    const signedContracts = new Set(
      audits.filter((a) => a.status === 'signerad').map((a) => a.contractId),
    );
    expect(
      plan.some(
        (p) =>
          signedContracts.has(p.contractId) && p.status === 'overdue' && p.from === 'last_audit',
      ),
    ).toBe(true);
  });
});
