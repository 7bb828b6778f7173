import { randomUUID } from 'node:crypto';
import { IncidentFactEntity } from '../cases/entities/incident-fact.entity';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../testing/test-app';

describeEachEngine('incident statistics', (engine) => {
  let t: TestApp;
  let root: TestUnit;
  let a: TestUnit;
  let a1: TestUnit;
  let b: TestUnit;

  const facts = async (
    unit: TestUnit,
    category: string,
    quarter: string,
    n: number,
    track = 'paverkan',
  ) => {
    await t.db.transaction(async () => {
      for (let i = 0; i < n; i++)
        await t.db.repo(IncidentFactEntity).insert({
          id: randomUUID(),
          track,
          category,
          severityBand: null,
          departmentId: unit.id,
          quarter,
        });
    });
  };

  beforeAll(async () => {
    t = await TestApp.start(engine);
    t.clock.set(new Date('2026-11-15T10:00:00Z'));
    root = await t.unit(uniq('Förvaltning'));
    a = await t.unit(uniq('Avdelning A'), root, 'avdelning');
    a1 = await t.unit(uniq('Enhet A1'), a);
    b = await t.unit(uniq('Avdelning B'), root, 'avdelning');
    await facts(a, 'hot', '2026-Q3', 6);
    await facts(a, 'vald', '2026-Q3', 2); // small
    await facts(a, 'hot', '2026-Q4', 5);
    await facts(b, 'hot', '2026-Q3', 7);
    await facts(b, 'trakasserier', '2024-Q4', 9); // before the default eight quarters (2025-Q1…2026-Q4)
  });
  afterAll(() => t.stop());

  type Cell = {
    category: string;
    column: string;
    count?: number;
    suppressed?: boolean;
    belowK?: boolean;
  };
  type Body = {
    k: number;
    columns: Array<{ id: string; label: string }>;
    cells: Cell[];
    rowTotals: Array<{ category: string; count?: number; suppressed?: boolean }>;
    columnTotals: Array<{ column: string; count?: number; suppressed?: boolean }>;
    total: { count?: number; suppressed?: boolean };
  };
  const cell = (body: Body, category: string, column: string) =>
    body.cells.find((c) => c.category === category && c.column === column);

  it('shows a manager their subtree only, counts ≥ k exactly and hides smaller ones with what would reveal them', async () => {
    const chef = await t.user(uniq('chef'), a1, [['chef', root]]);
    const agent = await t.login(chef.username);
    const res = await agent.get('/api/heatmaps/incidents');
    expect(res.status).toBe(200);
    const body = res.body as Body;
    expect(body.k).toBe(5);
    expect(body.columns.map((c) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(cell(body, 'hot', a.id)).toEqual({ category: 'hot', column: a.id, count: 11 });
    expect(cell(body, 'vald', a.id)).toEqual({
      category: 'vald',
      column: a.id,
      suppressed: true,
      belowK: true,
    });
    // the department's total and the grand total contain the small count: suppressed too
    expect(body.columnTotals.find((c) => c.column === a.id)).toEqual({
      column: a.id,
      suppressed: true,
      belowK: false,
    });
    expect(body.total).toEqual({ suppressed: true, belowK: false });
    expect(body.rowTotals.find((r) => r.category === 'hot')).toEqual({
      category: 'hot',
      count: 18,
    });
    // 2024-Q4 is outside the default period (the last eight quarters)
    expect(cell(body, 'trakasserier', b.id)).toEqual({
      category: 'trakasserier',
      column: b.id,
      count: 0,
    });
    expect(JSON.stringify(body)).not.toMatch(/"count":2\b/);
  });

  it('cannot be differenced: the smaller period that would give the small count away hides it as well', async () => {
    const chef = await t.user(uniq('chef'), a1, [['chef', root]]);
    const agent = await t.login(chef.username);
    const q3 = (await agent.get('/api/heatmaps/incidents?from=2026-Q3&to=2026-Q3')).body as Body;
    const q4 = (await agent.get('/api/heatmaps/incidents?from=2026-Q4&to=2026-Q4')).body as Body;
    expect(cell(q3, 'hot', a.id)?.count).toBe(6);
    expect(cell(q4, 'hot', a.id)?.count).toBe(5);
    // Q3 totals for department A would be 6 + 2: hidden, so "total − hot" cannot give 2
    expect(q3.columnTotals.find((c) => c.column === a.id)?.suppressed).toBe(true);
    expect(q4.columnTotals.find((c) => c.column === a.id)).toEqual({ column: a.id, count: 5 });
  });

  it('keeps a manager to their own department, by filter and by scope', async () => {
    const chefA = await t.user(uniq('chef'), a1, [['chef', a]]);
    const agent = await t.login(chefA.username);
    const body = (await agent.get('/api/heatmaps/incidents')).body as Body;
    expect(body.columns.map((c) => c.id)).toEqual([a.id]);
    expect(body.cells.every((c) => c.column === a.id)).toBe(true);
    const other = await agent.get(`/api/heatmaps/incidents?unitId=${b.id}`);
    expect(other.status).toBe(200);
    expect((other.body as Body).columns).toEqual([]);
    expect((other.body as Body).total).toEqual({ count: 0 });
  });

  it('gives a scope below department level no department at all', async () => {
    const chefA1 = await t.user(uniq('chef'), a1, [['chef', a1]]);
    const body = (await (await t.login(chefA1.username)).get('/api/heatmaps/incidents'))
      .body as Body;
    expect(body.columns).toEqual([]);
    expect(body.total).toEqual({ count: 0 });
  });

  it('shows a trend by quarter, and counts both tracks together', async () => {
    await facts(b, 'hot', '2026-Q4', 3, 'visselblasning');
    await facts(b, 'hot', '2026-Q4', 4);
    const chef = await t.user(uniq('chef'), a1, [['chef', root]]);
    const agent = await t.login(chef.username);
    const body = (await agent.get('/api/heatmaps/incidents?by=quarter&from=2026-Q1&to=2026-Q4'))
      .body as Body;
    expect(body.columns.map((c) => c.id)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(cell(body, 'hot', '2026-Q3')?.count).toBe(13);
    // 5 in A, and 3 + 4 = 7 in B (the two tracks are one count): 12
    expect(cell(body, 'hot', '2026-Q4')?.count).toBe(12);
    // there is no track filter to difference against
    expect((await agent.get('/api/heatmaps/incidents?track=visselblasning')).status).toBe(400);
  });

  it('refuses administrators, controllers and staff, and bad periods', async () => {
    for (const role of ['administrator', 'avtalscontroller', 'medarbetare'] as const) {
      const u = await t.user(uniq(role), a1, [[role, root]]);
      const res = await (await t.login(u.username)).get('/api/heatmaps/incidents');
      expect(res.status).toBe(403);
    }
    const chef = await t.user(uniq('chef'), a1, [['chef', root]]);
    const agent = await t.login(chef.username);
    expect((await agent.get('/api/heatmaps/incidents?from=2026-Q4&to=2026-Q1')).status).toBe(400);
    expect((await agent.get('/api/heatmaps/incidents?from=2020-Q1&to=2026-Q1')).status).toBe(400);
    expect((await agent.get('/api/heatmaps/incidents?from=2026-Q5')).status).toBe(400);
    expect((await agent.get(`/api/heatmaps/incidents?unitId=${randomUUID()}`)).status).toBe(404);
  });
});
