import { generateOrganisationNumber } from '../contracts/domain/organisation-number';
import { NotificationEntity } from '../core/notify/entities/notification.entity';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../testing/test-app';
import { RiskReminders } from './risk-reminders.job';

interface Score {
  likelihood: number | null;
  consequence: number | null;
  score: number | null;
  band: string;
  explanation: string;
}
interface Summary {
  id: string;
  title: string;
  unitId: string;
  ownerId: string;
  assessmentSeq: number;
  matrixVersion: number;
  inherent: Score;
  residual: Score;
  nextReviewDate: string;
  reviewOverdue: boolean;
  acceptanceState: 'none' | 'valid' | 'stale';
}
interface Detail extends Summary {
  canUpdate: boolean;
  canAccept: boolean;
  canAddActions: boolean;
  acceptance: null | { state: string; staleReasons: string[]; expiresOn: string };
  actions: Array<{ id: string; status: string; overdue: boolean; canUpdate: boolean }>;
}
interface Page {
  items: Summary[];
  total: number;
}
interface Heatmap {
  cells: Array<{ likelihood: number; consequence: number; count: number; band: string }>;
  notAssessed: number;
  total: number;
  matrixVersion: number;
}

const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

describeEachEngine('Risk register', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  async function world() {
    t.clock.set(at('2026-03-02'));
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const b1 = await t.unit(uniq('Enhet B1'), b);
    const people: Record<string, { id: string; username: string }> = {};
    const mk = async (key: string, roles: Parameters<TestApp['user']>[2], home: TestUnit = a1) => {
      people[key] = await t.user(uniq(key.toLowerCase()), home, roles);
    };
    await mk('controller', [['avtalscontroller', a]]);
    await mk('controllerB', [['avtalscontroller', b]], b1);
    await mk('chefA', [['chef', a]]);
    await mk('chefB', [['chef', b]], b1);
    await mk('auditor', [['internrevisor', a]]);
    await mk('admin', [['administrator', root]]);
    await mk('owner', [['medarbetare', a1]]);
    await mk('other', [['medarbetare', a1]]);
    /** A fresh session (the clock may have moved past the last one's expiry). */
    const as = (key: string) => t.login(people[key].username);
    const controller = await as('controller');
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
          title: uniq('Ombyggnad skola'),
          diarienummer: uniq('DNR'),
          supplierId: supplier.id,
          sector: 'bygg_anlaggning',
          annualValue: 4_000_000,
          startDate: '2024-01-01',
          endDate: '2028-12-31',
          unitId: a1.id,
          followUpClass: 'A',
        })
        .expect(201)
    ).body as { id: string };
    return { root, a, a1, b, b1, people, as, supplier, contract };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const contractRisk = (w: World, extra: Record<string, unknown> = {}) => ({
    subjectKind: 'avtal',
    contractId: w.contract.id,
    category: 'arbetslivskriminalitet',
    title: uniq('Svart arbetskraft på bygget'),
    description: 'Okända personer utan ID06 på arbetsplatsen.',
    ownerId: w.people['owner'].id,
    inherentLikelihood: 4,
    inherentConsequence: 5,
    existingControls: 'ID06-kontroll varje vecka.',
    residualLikelihood: 3,
    residualConsequence: 4,
    treatment: 'begransa',
    ...extra,
  });

  it('scores both sides with the current matrix, stores version and explanation, and audits without content', async () => {
    const w = await world();
    const c = await w.as('controller');
    const res = await c.post('/api/risks').send(contractRisk(w)).expect(201);
    const r = res.body as Detail;
    const version = ((await c.get('/api/risk-matrix').expect(200)).body as { version: number })
      .version;
    expect(r).toMatchObject({
      unitId: w.a1.id,
      assessmentSeq: 1,
      matrixVersion: version,
      inherent: {
        likelihood: 4,
        consequence: 5,
        score: 20,
        band: 'mycket_hog',
        explanation: '4 × 5 = 20 → Mycket hög',
      },
      residual: {
        likelihood: 3,
        consequence: 4,
        score: 12,
        band: 'hog',
        explanation: '3 × 4 = 12 → Hög',
      },
      // hög: review in 90 days
      nextReviewDate: '2026-05-31',
      canUpdate: true,
      canAccept: false,
    });
    const audit = await t.auditEntries({ objectId: r.id, action: 'risk.created' });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain('ID06');
    expect(JSON.stringify(audit[0].details)).not.toContain('Svart');

    // not assessed is its own state, never low; half an assessment is refused
    const na = (
      await c
        .post('/api/risks')
        .send(
          contractRisk(w, {
            inherentLikelihood: undefined,
            inherentConsequence: undefined,
            residualLikelihood: undefined,
            residualConsequence: undefined,
          }),
        )
        .expect(201)
    ).body as Detail;
    expect(na.residual).toMatchObject({ band: 'ej_bedomd', score: null, explanation: 'Ej bedömd' });
    expect(na.nextReviewDate).toBe('2026-03-02');
    const half = await c
      .post('/api/risks')
      .send(contractRisk(w, { residualConsequence: null }))
      .expect(400);
    expect(half.body.errors).toEqual([
      { field: 'residualConsequence', messages: ['assessment_incomplete'] },
    ]);
    const list = (await c.get(`/api/risks?contractId=${w.contract.id}&band=ej_bedomd`).expect(200))
      .body as Page;
    expect(list.items.map((i) => i.id)).toEqual([na.id]);
    const low = (await c.get(`/api/risks?contractId=${w.contract.id}&band=lag`).expect(200))
      .body as Page;
    expect(low.total).toBe(0);
  });

  it('a new matrix version scores new assessments, old ones keep theirs; levels outside the matrix are refused', async () => {
    const w = await world();
    const c = await w.as('controller');
    const r = (await c.post('/api/risks').send(contractRisk(w)).expect(201)).body as Detail;
    const admin = await w.as('admin');
    const current = (await admin.get('/api/risk-matrix').expect(200)).body as { version: number };
    const templates = (await admin.get('/api/risk-matrix/templates').expect(200)).body as Array<{
      size: string;
      likelihood: unknown[];
      consequence: unknown[];
      bands: unknown[];
      cells: Array<{ likelihood: number; consequence: number; band: string }>;
    }>;
    const m4 = templates.find((m) => m.size === '4x4')!;
    const cells = [1, 2, 3, 4].map((l) =>
      [1, 2, 3, 4].map(
        (k) => m4.cells.find((x) => x.likelihood === l && x.consequence === k)!.band,
      ),
    );
    await admin
      .put('/api/risk-matrix')
      .send({
        baseVersion: current.version,
        likelihood: m4.likelihood,
        consequence: m4.consequence,
        bands: m4.bands,
        cells,
      })
      .expect(200);
    try {
      const tooHigh = await c
        .patch(`/api/risks/${r.id}`)
        .send({
          baseSeq: 1,
          inherentLikelihood: 4,
          inherentConsequence: 4,
          residualLikelihood: 5,
          residualConsequence: 4,
        })
        .expect(400);
      expect(tooHigh.body.errors[0]).toEqual({
        field: 'residualLikelihood',
        messages: ['level_out_of_range'],
      });
      const re = (
        await c
          .patch(`/api/risks/${r.id}`)
          .send({
            baseSeq: 1,
            inherentLikelihood: 4,
            inherentConsequence: 4,
            residualLikelihood: 3,
            residualConsequence: 3,
          })
          .expect(200)
      ).body as Detail;
      expect(re.matrixVersion).toBe(current.version + 1);
      expect(re.residual).toMatchObject({ score: 9, band: 'hog', explanation: '3 × 3 = 9 → Hög' });
      const history = (await c.get(`/api/risks/${r.id}/history`).expect(200)).body as Array<{
        seq: number;
        matrixVersion: number;
        residual: Score;
      }>;
      expect(history.map((h) => [h.seq, h.matrixVersion, h.residual.band])).toEqual([
        [2, current.version + 1, 'hog'],
        [1, current.version, 'hog'],
      ]);
      // a stale edit (based on seq 1) is refused
      await c.patch(`/api/risks/${r.id}`).send({ baseSeq: 1, title: 'Ny titel' }).expect(409);
    } finally {
      // back to the 5×5 for the other tests
      const now = (await admin.get('/api/risk-matrix').expect(200)).body as { version: number };
      const m5 = templates.find((m) => m.size === '5x5')!;
      const cells5 = [1, 2, 3, 4, 5].map((l) =>
        [1, 2, 3, 4, 5].map(
          (k) => m5.cells.find((x) => x.likelihood === l && x.consequence === k)!.band,
        ),
      );
      await admin
        .put('/api/risk-matrix')
        .send({
          baseVersion: now.version,
          likelihood: m5.likelihood,
          consequence: m5.consequence,
          bands: m5.bands,
          cells: cells5,
        })
        .expect(200);
    }
  });

  it('keeps every reassessment: the register and the heatmap as of a past date show the assessment then', async () => {
    const w = await world();
    t.clock.set(at('2025-01-10'));
    let c = await w.as('controller');
    const title = uniq('Fakturor');
    const r = (
      await c
        .post('/api/risks')
        .send(
          contractRisk(w, {
            title,
            category: 'felaktig_fakturering',
            inherentLikelihood: 2,
            inherentConsequence: 2,
            residualLikelihood: 1,
            residualConsequence: 2,
          }),
        )
        .expect(201)
    ).body as Detail;
    t.clock.set(at('2025-06-01'));
    c = await w.as('controller');
    await c
      .patch(`/api/risks/${r.id}`)
      .send({
        baseSeq: 1,
        inherentLikelihood: 5,
        inherentConsequence: 5,
        residualLikelihood: 4,
        residualConsequence: 5,
      })
      .expect(200);
    t.clock.set(at('2026-03-02'));
    c = await w.as('controller');
    await c
      .patch(`/api/risks/${r.id}`)
      .send({ baseSeq: 2, residualLikelihood: 3, residualConsequence: 3 })
      .expect(200);

    const history = (await c.get(`/api/risks/${r.id}/history`).expect(200)).body as Array<{
      seq: number;
      validFrom: string;
      inherent: Score;
      residual: Score;
    }>;
    expect(
      history.map((h) => [h.seq, h.validFrom.slice(0, 10), h.inherent.score, h.residual.score]),
    ).toEqual([
      [3, '2026-03-02', 25, 9],
      [2, '2025-06-01', 25, 20],
      [1, '2025-01-10', 4, 2],
    ]);
    const asOf = async (date: string | null) => {
      const q = `/api/risks?contractId=${w.contract.id}&category=felaktig_fakturering${date ? `&asOf=${date}` : ''}`;
      const page = (await c.get(q).expect(200)).body as Page;
      return page.items.map((i) => [i.assessmentSeq, i.residual.band]);
    };
    expect(await asOf('2025-01-09')).toEqual([]);
    expect(await asOf('2025-01-10')).toEqual([[1, 'lag']]);
    expect(await asOf('2025-05-31')).toEqual([[1, 'lag']]);
    expect(await asOf('2025-06-01')).toEqual([[2, 'mycket_hog']]);
    expect(await asOf(null)).toEqual([[3, 'medel']]);

    const heat = async (q: string) =>
      (
        (await c.get(`/api/heatmaps/risks?contractId=${w.contract.id}&${q}`).expect(200))
          .body as Heatmap
      ).cells
        .filter((x) => x.count > 0)
        .map((x) => [x.likelihood, x.consequence, x.count, x.band]);
    expect(await heat('asOf=2025-07-01')).toEqual([[4, 5, 1, 'mycket_hog']]);
    expect(await heat('asOf=2025-07-01&kind=inherent')).toEqual([[5, 5, 1, 'mycket_hog']]);
    expect(await heat('asOf=2025-02-01')).toEqual([[1, 2, 1, 'lag']]);
    expect(await heat('')).toEqual([[3, 3, 1, 'medel']]);
    expect(await heat('asOf=2024-12-31')).toEqual([]);
    // drill: the risks behind a cell, as of the date
    const drill = (
      await c
        .get(
          `/api/risks?likelihood=4&consequence=5&kind=residual&asOf=2025-07-01&contractId=${w.contract.id}`,
        )
        .expect(200)
    ).body as Page;
    expect(drill.items.map((i) => i.id)).toEqual([r.id]);
    await c.get('/api/risks?asOf=2025-02-30').expect(400);
  });

  it('heatmap: one grouped count per cell with bands, filtered by scope, unit subtree, category, sector, supplier and contract', async () => {
    const w = await world();
    const c = await w.as('controller');
    const cB = await w.as('controllerB');
    await c
      .post('/api/risks')
      .send(contractRisk(w, { residualLikelihood: 5, residualConsequence: 5 }))
      .expect(201);
    await c
      .post('/api/risks')
      .send(
        contractRisk(w, {
          residualLikelihood: 5,
          residualConsequence: 5,
          category: 'penningtvatt',
        }),
      )
      .expect(201);
    await c
      .post('/api/risks')
      .send({
        subjectKind: 'leverantor',
        supplierId: w.supplier.id,
        unitId: w.a.id,
        category: 'malvakt_bulvan',
        title: uniq('Målvakt'),
        description: 'Styrelsen byts ofta.',
        ownerId: w.people['owner'].id,
        residualLikelihood: 2,
        residualConsequence: 3,
      })
      .expect(201);
    await cB
      .post('/api/risks')
      .send({
        subjectKind: 'process',
        processCode: 'attest',
        unitId: w.b1.id,
        category: 'muta_handel_med_inflytande',
        title: uniq('Attest'),
        description: 'Samma person beställer och attesterar.',
        ownerId: w.people['controllerB'].id,
        residualLikelihood: 5,
        residualConsequence: 5,
      })
      .expect(201);
    const cell = (h: Heatmap, l: number, k: number) =>
      h.cells.find((x) => x.likelihood === l && x.consequence === k)!;
    const get = async (agent: typeof c, q: string) =>
      (await agent.get(`/api/heatmaps/risks?unitId=${w.root.id}&${q}`).expect(200)).body as Heatmap;

    const all = await get(c, '');
    expect(all.cells).toHaveLength(25);
    expect(cell(all, 5, 5)).toEqual({
      likelihood: 5,
      consequence: 5,
      score: 25,
      band: 'mycket_hog',
      count: 2,
    });
    expect(cell(all, 2, 3)).toMatchObject({ count: 1, band: 'medel' });
    expect(all.total).toBe(3);
    // controller B sees only their own scope
    const theirs = await get(cB, '');
    expect(cell(theirs, 5, 5).count).toBe(1);
    expect(theirs.total).toBe(1);
    // a chef of the root… there is none; chef A reads A's subtree
    expect((await get(await w.as('chefA'), '')).total).toBe(3);
    expect((await get(c, `category=penningtvatt`)).total).toBe(1);
    expect((await get(c, `sector=bygg_anlaggning`)).total).toBe(2);
    expect((await get(c, `sector=stad`)).total).toBe(0);
    expect((await get(c, `supplierId=${w.supplier.id}`)).total).toBe(3);
    expect((await get(c, `contractId=${w.contract.id}`)).total).toBe(2);
    expect((await get(c, `subjectKind=leverantor`)).total).toBe(1);
    const a1Only = (await c.get(`/api/heatmaps/risks?unitId=${w.a1.id}`).expect(200))
      .body as Heatmap;
    expect(a1Only.total).toBe(2);
    // the administrator keeps the matrix but sees no risks
    expect((await get(await w.as('admin'), '')).total).toBe(0);
  });

  it('scoping: other scope 404, chef and auditor read only, a risk owner sees and updates only their own', async () => {
    const w = await world();
    const c = await w.as('controller');
    const r = (await c.post('/api/risks').send(contractRisk(w)).expect(201)).body as Detail;
    const mine = (
      await c
        .post('/api/risks')
        .send(contractRisk(w, { ownerId: w.people['controller'].id }))
        .expect(201)
    ).body as Detail;

    const cB = await w.as('controllerB');
    await cB.get(`/api/risks/${r.id}`).expect(404);
    await cB.get(`/api/risks/${r.id}/history`).expect(404);
    await cB.patch(`/api/risks/${r.id}`).send({ baseSeq: 1, title: 'x' }).expect(404);
    expect(
      ((await cB.get(`/api/risks?contractId=${w.contract.id}`).expect(200)).body as Page).total,
    ).toBe(0);
    // a controller of B cannot put a risk in A's unit
    await cB.post('/api/risks').send(contractRisk(w)).expect(403);

    // the owner picker offers the controller's scope only
    const people = async (agent: typeof c, name: string) =>
      (
        (await agent.get(`/api/risks/people?q=${encodeURIComponent(name)}`).expect(200))
          .body as Array<{ id: string }>
      ).map((p) => p.id);
    expect(await people(c, `Test ${w.people['owner'].username}`)).toEqual([w.people['owner'].id]);
    expect(await people(c, `Test ${w.people['chefB'].username}`)).toEqual([]);
    expect(await people(cB, `Test ${w.people['chefB'].username}`)).toEqual([w.people['chefB'].id]);

    const chef = await w.as('chefA');
    await chef.get('/api/risks/people').expect(403);
    const seen = (await chef.get(`/api/risks/${r.id}`).expect(200)).body as Detail;
    expect(seen).toMatchObject({ canUpdate: false, canAccept: true });
    await chef.patch(`/api/risks/${r.id}`).send({ baseSeq: 1, title: 'x' }).expect(403);
    await chef.post('/api/risks').send(contractRisk(w)).expect(403);
    await (await w.as('chefB')).get(`/api/risks/${r.id}`).expect(404);

    const auditor = await w.as('auditor');
    expect((await auditor.get(`/api/risks/${r.id}`).expect(200)).body).toMatchObject({
      canUpdate: false,
      canAccept: false,
    });
    await auditor.patch(`/api/risks/${r.id}`).send({ baseSeq: 1, title: 'x' }).expect(403);
    await auditor
      .post(`/api/risks/${r.id}/acceptance`)
      .send({ motivation: 'ok', expiresOn: '2026-12-31' })
      .expect(403);

    const admin = await w.as('admin');
    await admin.get(`/api/risks/${r.id}`).expect(404);
    expect(((await admin.get('/api/risks').expect(200)).body as Page).total).toBe(0);

    // the owner (medarbetare) sees their own risk, not the other one, and may reassess it
    const owner = await w.as('owner');
    const ownList = (await owner.get(`/api/risks?contractId=${w.contract.id}`).expect(200))
      .body as Page;
    expect(ownList.items.map((i) => i.id)).toEqual([r.id]);
    await owner.get(`/api/risks/${mine.id}`).expect(404);
    await owner
      .patch(`/api/risks/${r.id}`)
      .send({ baseSeq: 1, residualLikelihood: 2, residualConsequence: 4 })
      .expect(200);
    await owner.post('/api/risks').send(contractRisk(w)).expect(403);
    const other = await w.as('other');
    await other.get(`/api/risks/${r.id}`).expect(404);
    expect(((await other.get('/api/risks').expect(200)).body as Page).total).toBe(0);
  });

  it('acceptance: a chef accepts with an expiry; it turns stale when the residual changes or it expires, and stale ones are listed', async () => {
    const w = await world();
    let c = await w.as('controller');
    const r1 = (await c.post('/api/risks').send(contractRisk(w)).expect(201)).body as Detail;
    const r2 = (await c.post('/api/risks').send(contractRisk(w)).expect(201)).body as Detail;
    const na = (
      await c
        .post('/api/risks')
        .send(contractRisk(w, { residualLikelihood: undefined, residualConsequence: undefined }))
        .expect(201)
    ).body as Detail;
    let chef = await w.as('chefA');
    await c
      .post(`/api/risks/${r1.id}/acceptance`)
      .send({ motivation: 'x', expiresOn: '2026-12-31' })
      .expect(403);
    await (
      await w.as('chefB')
    )
      .post(`/api/risks/${r1.id}/acceptance`)
      .send({ motivation: 'x', expiresOn: '2026-12-31' })
      .expect(404);
    const past = await chef
      .post(`/api/risks/${r1.id}/acceptance`)
      .send({ motivation: 'Godtas', expiresOn: '2026-03-02' })
      .expect(400);
    expect(past.body.errors[0].field).toBe('expiresOn');
    await chef
      .post(`/api/risks/${na.id}/acceptance`)
      .send({ motivation: 'Godtas', expiresOn: '2026-12-31' })
      .expect(400);

    const acc1 = (
      await chef
        .post(`/api/risks/${r1.id}/acceptance`)
        .send({
          motivation: 'Kostnaden för fler kontroller står inte i proportion.',
          expiresOn: '2026-12-31',
        })
        .expect(201)
    ).body as Detail;
    expect(acc1.acceptanceState).toBe('valid');
    expect(acc1.acceptance).toMatchObject({
      state: 'valid',
      staleReasons: [],
      expiresOn: '2026-12-31',
    });
    await chef
      .post(`/api/risks/${r2.id}/acceptance`)
      .send({ motivation: 'Godtas tills vidare.', expiresOn: '2026-04-30' })
      .expect(201);
    const audit = await t.auditEntries({ objectId: r1.id, action: 'risk.accepted' });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain('Kostnaden');

    const stale = async (agent: typeof c) =>
      (
        (await agent.get(`/api/risks?contractId=${w.contract.id}&acceptance=stale`).expect(200))
          .body as Page
      ).items
        .map((i) => i.id)
        .sort();
    expect(await stale(chef)).toEqual([]);
    // the residual changes → stale (a reassessment with the same residual is not)
    t.clock.set(at('2026-03-10'));
    c = await w.as('controller');
    chef = await w.as('chefA');
    await c
      .patch(`/api/risks/${r1.id}`)
      .send({ baseSeq: 1, existingControls: 'Fler kontroller.' })
      .expect(200);
    expect(await stale(chef)).toEqual([]);
    const changed = (
      await c.patch(`/api/risks/${r1.id}`).send({ baseSeq: 2, residualLikelihood: 4 }).expect(200)
    ).body as Detail;
    expect(changed.acceptance).toMatchObject({
      state: 'stale',
      staleReasons: ['residual_changed'],
    });
    expect(await stale(chef)).toEqual([r1.id]);
    // r2 expires after 2026-04-30
    t.clock.set(at('2026-04-30'));
    expect(await stale(await w.as('chefA'))).toEqual([r1.id]);
    t.clock.set(at('2026-05-01'));
    const later = await w.as('chefA');
    expect(await stale(later)).toEqual([r1.id, r2.id].sort());
    const d2 = (await later.get(`/api/risks/${r2.id}`).expect(200)).body as Detail;
    expect(d2.acceptance).toMatchObject({ state: 'stale', staleReasons: ['expired'] });
    const valid = (
      await later.get(`/api/risks?contractId=${w.contract.id}&acceptance=none`).expect(200)
    ).body as Page;
    expect(valid.items.map((i) => i.id)).toEqual([na.id]);
    // as of a date before the change, r1's acceptance was valid
    const then = (
      await later
        .get(`/api/risks?contractId=${w.contract.id}&acceptance=valid&asOf=2026-03-02`)
        .expect(200)
    ).body as Page;
    expect(then.items.map((i) => i.id).sort()).toEqual([r1.id, r2.id].sort());
    t.clock.set(at('2026-03-02'));
  });

  it('actions and reminders: owners update their actions; review and action reminders go once per step', async () => {
    const w = await world();
    const c = await w.as('controller');
    const r = (
      await c
        .post('/api/risks')
        .send(contractRisk(w, { ownerId: w.people['controller'].id }))
        .expect(201)
    ).body as Detail;
    const act = (
      await c
        .post(`/api/risks/${r.id}/actions`)
        .send({
          title: 'Inför ID06-kontroll',
          ownerId: w.people['other'].id,
          dueDate: '2026-03-06',
        })
        .expect(201)
    ).body as { id: string; status: string; canUpdate: boolean };
    expect(act).toMatchObject({ status: 'planerad', canUpdate: true });
    await c
      .post(`/api/risks/${r.id}/actions`)
      .send({ title: 'x', ownerId: w.people['other'].id, dueDate: '2026-02-30' })
      .expect(400);
    // the action owner updates its status, but does not see the risk; others do not see the action
    const other = await w.as('other');
    await other.get(`/api/risks/${r.id}`).expect(404);
    const upd = (
      await other
        .patch(`/api/risks/${r.id}/actions/${act.id}`)
        .send({ status: 'pagaende' })
        .expect(200)
    ).body as { status: string };
    expect(upd.status).toBe('pagaende');
    // the owner finds it among their own actions, without access to the risk itself
    const mine = (await other.get('/api/risks/my-actions').expect(200)).body as Array<{
      id: string;
      riskTitle: string;
      canUpdate: boolean;
      canReadRisk: boolean;
    }>;
    expect(mine).toEqual([
      expect.objectContaining({
        id: act.id,
        riskTitle: r.title,
        canUpdate: true,
        canReadRisk: false,
      }),
    ]);
    expect((await c.get('/api/risks/my-actions').expect(200)).body).toEqual([]);
    await (
      await w.as('owner')
    )
      .patch(`/api/risks/${r.id}/actions/${act.id}`)
      .send({ status: 'klar' })
      .expect(404);
    await (
      await w.as('chefA')
    )
      .patch(`/api/risks/${r.id}/actions/${act.id}`)
      .send({ status: 'klar' })
      .expect(403);

    const job = t.app.get(RiskReminders);
    const notes = async () =>
      (await t.dataSource.getRepository(NotificationEntity).find())
        .filter((n) => n.link === `/risker/${r.id}`)
        .map((n) => [n.kind, n.userId, (JSON.parse(n.params) as { step: string }).step])
        .sort();
    // 2026-03-02: action due 03-06 (≤ 7 days) → due_soon; review 2026-05-31 not yet
    await job.run(at('2026-03-02'));
    expect(await notes()).toEqual([['risk.action_due', w.people['other'].id, 'due_soon']]);
    await job.run(at('2026-03-03'));
    expect(await notes()).toHaveLength(1);
    await job.run(at('2026-03-07'));
    await job.run(at('2026-03-08'));
    expect(await notes()).toEqual([
      ['risk.action_due', w.people['other'].id, 'due_soon'],
      ['risk.action_due', w.people['other'].id, 'overdue'],
    ]);
    // review: hög → 2026-05-31; 14 days before, then overdue
    await job.run(at('2026-05-20'));
    await job.run(at('2026-06-01'));
    await job.run(at('2026-06-02'));
    const reviews = (await notes()).filter((n) => n[0] === 'risk.review_due');
    expect(reviews).toEqual([
      ['risk.review_due', w.people['controller'].id, 'due_soon'],
      ['risk.review_due', w.people['controller'].id, 'overdue'],
    ]);
    // a finished action is not reminded of
    const act2 = (
      await c
        .post(`/api/risks/${r.id}/actions`)
        .send({
          title: 'Klar',
          ownerId: w.people['other'].id,
          dueDate: '2026-03-03',
          status: 'klar',
        })
        .expect(201)
    ).body as { id: string };
    await job.run(at('2026-03-10'));
    expect((await notes()).filter((n) => n[0] === 'risk.action_due')).toHaveLength(2);
    expect(act2.id).toBeDefined();
    t.clock.set(at('2026-03-02'));
  });
});
