import type TestAgent from 'supertest/lib/agent';
import { DEFAULT_RISK_MATRIX, RISK_MATRIX_4X4, type RiskMatrix } from './domain/risk-matrix';
import { RiskMatrixVersionEntity } from './entities/risk-matrix-version.entity';
import { describeEachEngine, TestApp, uniq } from '../testing/test-app';

interface MatrixBody {
  version: number;
  likelihood: { level: number; label: string }[];
  consequence: { level: number; label: string }[];
  cells: { likelihood: number; consequence: number; score: number; band: string }[];
  bands: { band: string; label: string; reviewIntervalDays: number }[];
}

/** A PUT body from a domain matrix (the floor is not part of it). */
function body(m: RiskMatrix, baseVersion: number) {
  const { likelihood, consequence, bands, cells } = structuredClone(m);
  return { baseVersion, likelihood, consequence, bands, cells };
}

describeEachEngine('Risk matrix', (engine) => {
  let t: TestApp;
  let admin: TestAgent;
  let chef: TestAgent;
  let adminId: string;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    const root = await t.unit(uniq('Förvaltning'));
    const adminUser = await t.user(uniq('admin'), root, [['administrator', root]]);
    adminId = adminUser.id;
    admin = await t.login(adminUser.username);
    const chefUser = await t.user(uniq('chef'), root, [['chef', root]]);
    chef = await t.login(chefUser.username);
  });
  afterAll(() => t.stop());

  const versionCount = () => t.dataSource.getRepository(RiskMatrixVersionEntity).count();
  const current = async (): Promise<MatrixBody> =>
    (await admin.get('/api/risk-matrix').expect(200)).body as MatrixBody;

  it('has the default 5×5 as version 1 on a fresh database', async () => {
    const m = await current();
    expect(m.version).toBe(1);
    expect(m.likelihood.map((l) => l.label)).toEqual(
      DEFAULT_RISK_MATRIX.likelihood.map((l) => l.label),
    );
    expect(m.cells).toHaveLength(25);
    expect(m.cells).toContainEqual({
      likelihood: 4,
      consequence: 5,
      score: 20,
      band: 'mycket_hog',
    });
    expect(m.bands.map((b) => b.band)).toEqual(['lag', 'medel', 'hog', 'mycket_hog']);
    for (const c of m.cells)
      expect(c.band).toBe(DEFAULT_RISK_MATRIX.cells[c.likelihood - 1][c.consequence - 1]);
  });

  it('offers the default 5×5 and 4×4 as templates, each valid as it is', async () => {
    const res = await chef.get('/api/risk-matrix/templates').expect(200);
    const templates = res.body as (MatrixBody & { size: string })[];
    expect(templates.map((m) => [m.size, m.cells.length])).toEqual([
      ['5x5', 25],
      ['4x4', 16],
    ]);
    expect(templates[1].likelihood.map((l) => l.label)).toEqual(
      RISK_MATRIX_4X4.likelihood.map((l) => l.label),
    );
  });

  it('refuses a non-monotone matrix with the offending cells and writes nothing', async () => {
    const before = await current();
    const bad = structuredClone(DEFAULT_RISK_MATRIX);
    bad.cells[3][3] = 'medel';
    const res = await admin.put('/api/risk-matrix').send(body(bad, before.version)).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('matrix_not_monotone');
    expect(res.body.cells).toEqual([
      {
        likelihood: 4,
        consequence: 4,
        band: 'medel',
        reason: 'matrix_not_monotone',
        lowerThan: { likelihood: 3, consequence: 4, band: 'hog' },
      },
      {
        likelihood: 4,
        consequence: 4,
        band: 'medel',
        reason: 'matrix_not_monotone',
        lowerThan: { likelihood: 4, consequence: 3, band: 'hog' },
      },
    ]);
    expect((await current()).version).toBe(before.version);
    expect(await t.auditEntries({ action: 'risk_matrix.updated' })).toHaveLength(0);
  });

  it('refuses the highest consequence below medel (the floor cannot be sent)', async () => {
    const before = await current();
    const low = structuredClone(DEFAULT_RISK_MATRIX);
    low.cells[0][4] = 'lag';
    const res = await admin.put('/api/risk-matrix').send(body(low, before.version)).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.cells).toEqual([
      { likelihood: 1, consequence: 5, reason: 'matrix_consequence_floor' },
    ]);
    await admin
      .put('/api/risk-matrix')
      .send({ ...body(low, before.version), maxConsequenceFloor: 'lag' })
      .expect(400);
    expect(await versionCount()).toBe(before.version);
  });

  it('answers shape errors with validation_failed, never 500', async () => {
    const { version } = await current();
    for (const broken of [
      { ...body(DEFAULT_RISK_MATRIX, version), cells: [['lag', 'gul']] },
      { ...body(DEFAULT_RISK_MATRIX, version), cells: body(RISK_MATRIX_4X4, version).cells },
      { ...body(DEFAULT_RISK_MATRIX, version), likelihood: 'x' },
      { ...body(DEFAULT_RISK_MATRIX, version), bands: [] },
      { ...body(DEFAULT_RISK_MATRIX, version), baseVersion: 'ett' },
      {
        ...body(DEFAULT_RISK_MATRIX, version),
        likelihood: body(DEFAULT_RISK_MATRIX, version).likelihood.map((l) => ({
          ...l,
          label: 'x'.repeat(61),
        })),
      },
    ]) {
      const res = await admin.put('/api/risk-matrix').send(broken).expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect(await versionCount()).toBe(version);
    await admin.get('/api/risk-matrix/versions/abc').expect(400);
    await admin.get('/api/risk-matrix/versions/999').expect(404);
  });

  it('saves a 4×4 as a new version, audits it, and keeps the old version readable', async () => {
    const before = await current();
    const res = await admin
      .put('/api/risk-matrix')
      .send(body(RISK_MATRIX_4X4, before.version))
      .expect(200);
    expect(res.body.version).toBe(before.version + 1);
    expect(res.body.cells).toHaveLength(16);
    expect((await current()).version).toBe(before.version + 1);
    const old = await chef.get(`/api/risk-matrix/versions/${before.version}`).expect(200);
    expect(old.body.cells).toHaveLength(25);
    const list = await chef.get('/api/risk-matrix/versions').expect(200);
    expect(list.body.map((v: { version: number }) => v.version)).toEqual([
      before.version + 1,
      before.version,
    ]);
    const entries = await t.auditEntries({ action: 'risk_matrix.updated' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: adminId, objectType: 'RiskMatrix' });
    expect(JSON.parse(entries[0].details)).toMatchObject({
      from: before.version,
      to: before.version + 1,
    });
  });

  it('refuses a stale baseVersion with 409 edit_conflict', async () => {
    const { version } = await current();
    const res = await admin
      .put('/api/risk-matrix')
      .send(body(DEFAULT_RISK_MATRIX, version - 1))
      .expect(409);
    expect(res.body.code).toBe('edit_conflict');
    expect((await current()).version).toBe(version);
  });

  it('two saves from the same version: one is saved, the other gets edit_conflict', async () => {
    const { version } = await current();
    const statuses = (
      await Promise.all(
        [RISK_MATRIX_4X4, DEFAULT_RISK_MATRIX].map((m) =>
          admin.put('/api/risk-matrix').send(body(m, version)),
        ),
      )
    )
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 409]);
    expect((await current()).version).toBe(version + 1);
    expect(await versionCount()).toBe(version + 1);
  });

  it('lets only an administrator save; every risk role reads', async () => {
    const { version } = await current();
    await chef.put('/api/risk-matrix').send(body(DEFAULT_RISK_MATRIX, version)).expect(403);
    const root = await t.unit(uniq('Förvaltning'));
    for (const role of ['avtalscontroller', 'internrevisor', 'handlaggare'] as const) {
      const u = await t.user(uniq(role), root, [[role, root]]);
      const agent = await t.login(u.username);
      await agent.get('/api/risk-matrix').expect(200);
      await agent.put('/api/risk-matrix').send(body(DEFAULT_RISK_MATRIX, version)).expect(403);
    }
    const plain = await t.user(uniq('medarbetare'), root, [['medarbetare', root]]);
    await (await t.login(plain.username)).get('/api/risk-matrix').expect(403);
    expect((await current()).version).toBe(version);
  });
});
