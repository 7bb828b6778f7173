import { generateOrganisationNumber } from '../contracts/domain/organisation-number';
import { describeEachEngine, TestApp, uniq } from '../testing/test-app';
import { RisksRepository } from './risks.repository';

interface Heatmap {
  cells: Array<{ likelihood: number; consequence: number; count: number }>;
  total: number;
}
const cell = (h: Heatmap, l: number, c: number) =>
  h.cells.find((x) => x.likelihood === l && x.consequence === c)!.count;

/**
 * The heatmap cache (RisksService.heatmap, keyed by the risk register's change counter): a
 * repeated request is answered without recounting, and every change of what a heatmap reads —
 * a reassessment, a moved unit, a new risk — is seen on the very next request, also when the
 * change was made by another instance.
 */
describeEachEngine('Risk heatmap cache', (engine) => {
  let t: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    other = await TestApp.start(engine, {}, { sameDatabaseAs: t });
  });
  afterAll(async () => {
    await other.stop();
    await t.stop();
  });

  it('serves a repeated heatmap from the cache and never a stale one after a change on any instance', async () => {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const controllerUser = await t.user(uniq('controller'), a1, [['avtalscontroller', root]]);
    const chefUser = await t.user(uniq('chef'), a1, [['chef', a]]);
    const adminUser = await t.user(uniq('admin'), root, [['administrator', root]]);
    const owner = await t.user(uniq('owner'), a1, [['medarbetare', a1]]);
    const controller = await t.login(controllerUser.username);
    // the chef reads on this instance; the writes go through the other one
    const chef = await t.login(chefUser.username);
    const controller2 = await other.login(controllerUser.username);
    const admin2 = await other.login(adminUser.username);

    const supplier = (
      await controller
        .post('/api/suppliers')
        .send({
          name: uniq('Bygg AB'),
          organisationNumber: generateOrganisationNumber(Math.random),
        })
        .expect(201)
    ).body as { id: string };
    const contract = (
      await controller
        .post('/api/contracts')
        .send({
          title: uniq('Ombyggnad'),
          diarienummer: uniq('DNR'),
          supplierId: supplier.id,
          sector: 'bygg_anlaggning',
          annualValue: 1_000_000,
          startDate: '2024-01-01',
          endDate: '2028-12-31',
          unitId: a1.id,
          followUpClass: 'B',
        })
        .expect(201)
    ).body as { id: string };
    const risk = (
      await controller
        .post('/api/risks')
        .send({
          subjectKind: 'avtal',
          contractId: contract.id,
          category: 'arbetslivskriminalitet',
          title: uniq('Svart arbetskraft'),
          description: 'Okända personer på arbetsplatsen.',
          ownerId: owner.id,
          inherentLikelihood: 4,
          inherentConsequence: 5,
          residualLikelihood: 3,
          residualConsequence: 4,
          treatment: 'begransa',
        })
        .expect(201)
    ).body as { id: string; assessmentSeq: number };

    const repo = t.app.get(RisksRepository);
    const spy = jest.spyOn(repo, 'heatmap');
    try {
      const map = async () =>
        (await chef.get(`/api/heatmaps/risks?unitId=${a.id}`).expect(200)).body as Heatmap;
      const first = await map();
      expect(first.total).toBe(1);
      expect(cell(first, 3, 4)).toBe(1);
      const calls = spy.mock.calls.length;
      expect(await map()).toEqual(first);
      expect(spy.mock.calls.length).toBe(calls); // answered from the cache

      // a reassessment on the other instance: seen at once here
      await controller2
        .patch(`/api/risks/${risk.id}`)
        .send({
          baseSeq: risk.assessmentSeq,
          inherentLikelihood: 4,
          inherentConsequence: 5,
          residualLikelihood: 2,
          residualConsequence: 2,
        })
        .expect(200);
      const reassessed = await map();
      expect(cell(reassessed, 3, 4)).toBe(0);
      expect(cell(reassessed, 2, 2)).toBe(1);

      // the unit moves out of the chef's department (on the other instance): its risk leaves the map
      await admin2.patch(`/api/units/${a1.id}`).send({ parentId: b.id }).expect(200);
      const moved = await map();
      expect(moved.total).toBe(0);
      // and the same request for another reader is not answered from the chef's entry
      const all = (await controller.get(`/api/heatmaps/risks?unitId=${b.id}`).expect(200))
        .body as Heatmap;
      expect(all.total).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
