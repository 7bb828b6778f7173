import { describeEachEngine, TestApp, uniq } from '../../testing/test-app';

/**
 * Scopes are path prefixes read with the session on every request (ADR 0010): nothing the guard
 * learns is kept between requests, so each change below counts on the very next request.
 */
describeEachEngine('Scopes and the signed-in path', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  /** root → A → A1, root → B, and an administrator over the whole tree. */
  async function tree() {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const top = await t.login(
      (await t.user(uniq('top'), root, [['administrator', root]])).username,
    );
    return { root, a, a1, b, top };
  }

  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((u) => u.id).sort();

  it('follows a unit moved out of a scope, and a scope root moved elsewhere', async () => {
    const { a, a1, b, top } = await tree();
    const adminA = await t.user(uniq('adm-a'), a, [['administrator', a]]);
    const inA1 = await t.user(uniq('in-a1'), a1);
    const inB = await t.user(uniq('in-b'), b);
    const agent = await t.login(adminA.username);
    await agent.get(`/api/users/${inA1.id}`).expect(200);
    await agent.get(`/api/users/${inB.id}`).expect(404);

    // A1 leaves A: its people leave adminA's scope on the next request, in lists and rows alike
    await top.patch(`/api/units/${a1.id}`).send({ parentId: b.id }).expect(200);
    await agent.get(`/api/users/${inA1.id}`).expect(404);
    await agent.patch(`/api/users/${inA1.id}`).send({ displayName: 'Ny' }).expect(404);
    expect(ids((await agent.get('/api/users').query({ pageSize: 100 }).expect(200)).body)).toEqual([
      adminA.id,
    ]);

    // A itself moves below B: adminA's scope moves with it (the prefix is read afresh) …
    const inA = await t.user(uniq('in-a'), a);
    await top.patch(`/api/units/${a.id}`).send({ parentId: b.id }).expect(200);
    await agent.patch(`/api/users/${inA.id}`).send({ displayName: 'Flyttad' }).expect(200);
    // … and still covers nothing outside A
    await agent.get(`/api/users/${inB.id}`).expect(404);
    const units = (await agent.get('/api/me/abilities').expect(200)).body as { rules: unknown[] };
    expect(JSON.stringify(units.rules)).not.toContain(`${b.id}/"`);
  });

  it('drops a revoked role, a deactivated account and a revoked session on the next request', async () => {
    const { a, top } = await tree();
    const chef = await t.user(uniq('chef'), a, [['chef', a]]);
    const agent = await t.login(chef.username);
    await agent.get('/api/users').expect(200);

    const detail = await top.get(`/api/users/${chef.id}`).expect(200);
    const assignment = (detail.body as { roleAssignments: Array<{ id: string }> })
      .roleAssignments[0];
    await top.delete(`/api/users/${chef.id}/roles/${assignment.id}`).expect(204);
    await agent.get('/api/users').expect(403);

    await top.post(`/api/users/${chef.id}/roles`).send({ role: 'chef', unitId: a.id }).expect(201);
    await agent.get('/api/users').expect(200);

    await top.patch(`/api/users/${chef.id}`).send({ active: false }).expect(200);
    await agent.get('/api/me').expect(401);

    const other = await t.user(uniq('other'), a, [['chef', a]]);
    const first = await t.login(other.username);
    const second = await t.login(other.username);
    const sessions = (await second.get('/api/me/sessions').expect(200)).body as Array<{
      id: string;
      current: boolean;
    }>;
    const firstId = sessions.find((s) => !s.current)!.id;
    await second.delete(`/api/me/sessions/${firstId}`).expect(204);
    await first.get('/api/me').expect(401);
    await second.get('/api/me').expect(200);
  });

  it('sends rules whose size does not depend on the size of the tree', async () => {
    const { root, a, top } = await tree();
    const size = async () =>
      JSON.stringify((await top.get('/api/me/abilities').expect(200)).body).length;
    const before = await size();
    for (let i = 0; i < 60; i++) await t.unit(uniq(`Extra ${i}`), i % 2 ? a : root, 'enhet');
    expect(await size()).toBe(before);
    expect(before).toBeLessThan(2048);
  });
});
