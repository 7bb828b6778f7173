import { describeEachEngine, TestApp, uniq } from '../testing/test-app';

/**
 * The users page and `/api/me` read raw rows of a few columns (no entity hydration, issue 5's
 * signed-in path): every field must still come out exactly as the entity-based reads give it —
 * booleans, dates, nulls, the distinct roles in order — on both engines.
 */
describeEachEngine('Users page and /api/me read as raw rows', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  it('every item of the page equals the summary part of the person’s detail', async () => {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd Å'), root, 'avdelning');
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const now = t.clock.now().getTime();
    const admin = await t.user(uniq('admin'), root, [['administrator', root]]);
    const people = [
      // the same role in two units, and two more: distinct, alphabetical
      await t.user(uniq('many'), a, [
        ['chef', a],
        ['chef', b],
        ['administrator', b],
        ['medarbetare', a],
      ]),
      await t.user(uniq('none'), b, [], { email: null }),
      await t.user(uniq('locked'), a, [['medarbetare', a]], {
        lockedUntil: new Date(now + 3_600_000),
        email: 'låst@example.se',
      }),
      await t.user(uniq('was-locked'), a, [], { lockedUntil: new Date(now - 60_000) }),
      await t.user(uniq('inactive'), b, [['chef', b]], { active: false }),
      await t.user(uniq('seen'), a, [], {
        lastLoginAt: new Date('2026-02-27T07:30:12.345Z'),
        previousLoginAt: new Date('2026-02-20T16:05:00.000Z'),
      }),
    ];
    const agent = await t.login(admin.username);
    const res = await agent.get('/api/users').query({ pageSize: 100 }).expect(200);
    const items = res.body.items as Array<Record<string, unknown>>;
    expect(items.map((i) => i['id']).sort()).toEqual([admin.id, ...people.map((p) => p.id)].sort());
    for (const item of items) {
      const detail = await agent.get(`/api/users/${String(item['id'])}`).expect(200);
      const summary = Object.fromEntries(
        Object.keys(item).map((k) => [k, (detail.body as Record<string, unknown>)[k]]),
      );
      expect(item).toEqual(summary);
    }
    const byId = new Map(items.map((i) => [i['id'], i]));
    expect(byId.get(people[0].id)).toMatchObject({
      roles: ['administrator', 'chef', 'medarbetare'],
    });
    expect(byId.get(people[1].id)).toMatchObject({ roles: [], email: null, active: true });
    expect(byId.get(people[2].id)).toMatchObject({ locked: true, email: 'låst@example.se' });
    expect(byId.get(people[3].id)).toMatchObject({ locked: false });
    expect(byId.get(people[4].id)).toMatchObject({ active: false, roles: ['chef'] });
    expect(byId.get(people[5].id)).toMatchObject({ lastLoginAt: '2026-02-27T07:30:12.345Z' });

    // the filters bound as raw parameters: a boolean, a role, a unit subtree, a search text
    const inactive = await agent.get('/api/users').query({ active: 'false' }).expect(200);
    expect((inactive.body.items as Array<{ id: string }>).map((i) => i.id)).toEqual([people[4].id]);
    const chefs = await agent.get('/api/users').query({ role: 'chef', unitId: a.id }).expect(200);
    expect((chefs.body.items as Array<{ id: string }>).map((i) => i.id)).toEqual([people[0].id]);
    const found = await agent.get('/api/users').query({ q: 'LÅST@' }).expect(200);
    expect((found.body.items as Array<{ id: string }>).map((i) => i.id)).toEqual([people[2].id]);
  });

  it('/api/me shows the user, their unit, their assignments in role order and the previous sign-in', async () => {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const me = await t.user(
      uniq('me'),
      a,
      [
        ['medarbetare', a],
        ['chef', b],
        ['chef', a],
      ],
      { email: null, lastLoginAt: new Date('2026-02-20T16:05:00.123Z') },
    );
    const agent = await t.login(me.username);
    const res = await agent.get('/api/me').expect(200);
    expect(res.body).toMatchObject({
      id: me.id,
      username: me.username,
      displayName: me.displayName,
      email: null,
      unit: { id: a.id, name: a.name },
      mustChangePassword: false,
    });
    // signing in moved the last sign-in to previousLoginAt, which /api/me shows
    expect(res.body.lastLoginAt).toBe('2026-02-20T16:05:00.123Z');
    const roles = res.body.roles as Array<{ role: string; unitId: string; unitName: string }>;
    expect(roles.map((r) => r.role)).toEqual(['chef', 'chef', 'medarbetare']);
    expect(roles.map((r) => `${r.role}@${r.unitName}`).sort()).toEqual(
      [`chef@${a.name}`, `chef@${b.name}`, `medarbetare@${a.name}`].sort(),
    );
    const none = await t.user(uniq('ingen'), b);
    const other = await t.login(none.username);
    const empty = await other.get('/api/me').expect(200);
    expect(empty.body).toMatchObject({ roles: [], unit: { id: b.id, name: b.name } });
  });
});
