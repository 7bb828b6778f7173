import { describeEachEngine, TEST_PASSWORD, TestApp, uniq } from '../testing/test-app';

const INITIAL_PASSWORD = 'gurka-trappa-solsken-moln-9';
const OTHER_PASSWORD = 'ekorre-cykel-fönster-regn-4';

interface Summary {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  active: boolean;
  locked: boolean;
  roles: string[];
}

describeEachEngine('User administration', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  /** A fresh tree per test: root → A → A1, root → B; an administrator over the root homed in the root. */
  async function tree() {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const adminUser = await t.user(uniq('admin'), root, [['administrator', root]]);
    const admin = await t.login(adminUser.username);
    return { root, a, a1, b, adminUser, admin };
  }

  const login = (username: string, password = TEST_PASSWORD) =>
    t.http().post('/api/auth/login').send({ username, password });

  async function lock(username: string) {
    for (let i = 0; i < 5; i++) await login(username, `fel-lösenord-${i}-x`);
    // locked: even the right password gets the neutral 401 of sign-in
    await login(username).expect(401);
  }

  describe('list', () => {
    it('filters by scope in SQL: a chef of A sees only people homed in A’s subtree, with a matching total', async () => {
      const { root, a, a1, b } = await tree();
      const chef = await t.user(uniq('chef'), a, [['chef', a]]);
      const inA = await t.user(uniq('i-a'), a);
      const inA1 = await t.user(uniq('i-a1'), a1);
      await t.user(uniq('i-b'), b);
      await t.user(uniq('i-rot'), root);
      const agent = await t.login(chef.username);
      const res = await agent.get('/api/users').query({ pageSize: 100 }).expect(200);
      expect(res.body.total).toBe(3);
      expect((res.body.items as Summary[]).map((u) => u.id).sort()).toEqual(
        [chef.id, inA.id, inA1.id].sort(),
      );
      // paging does not leak the total of the whole table
      const page = await agent.get('/api/users').query({ pageSize: 1 }).expect(200);
      expect(page.body.total).toBe(3);
      expect(page.body.items).toHaveLength(1);
    });

    it('an internrevisor over the root sees everyone in the tree', async () => {
      const { root, a, a1, b, adminUser } = await tree();
      const auditor = await t.user(uniq('revisor'), root, [['internrevisor', root]]);
      const others = [
        await t.user(uniq('p'), a),
        await t.user(uniq('p'), a1),
        await t.user(uniq('p'), b),
      ];
      const agent = await t.login(auditor.username);
      const res = await agent.get('/api/users').query({ pageSize: 100 }).expect(200);
      expect(res.body.total).toBe(5);
      expect((res.body.items as Summary[]).map((u) => u.id).sort()).toEqual(
        [adminUser.id, auditor.id, ...others.map((o) => o.id)].sort(),
      );
    });

    it('an employee may not list users', async () => {
      const { a } = await tree();
      const emp = await t.user(uniq('medarb'), a, [['medarbetare', a]]);
      const res = await (await t.login(emp.username)).get('/api/users').expect(403);
      expect(res.body.code).toBe('forbidden');
    });

    it('searches display names with Å/Ä/Ö case-insensitively and treats LIKE wildcards literally', async () => {
      const { root, a, admin } = await tree();
      const asa = await t.user(uniq('asa'), a, [], { displayName: 'Åsa Öberg' });
      await t.user(uniq('asa'), a, [], { displayName: 'Asa Oberg' });
      await t.user(uniq('per'), a, [], { displayName: 'Per Ärlig' });
      const search = async (q: string) =>
        (
          (await admin.get('/api/users').query({ q, unitId: root.id, pageSize: 100 }).expect(200))
            .body.items as Summary[]
        ).map((u) => u.displayName);
      expect(await search('åsa')).toEqual(['Åsa Öberg']);
      expect(await search('ÅSA')).toEqual(['Åsa Öberg']);
      expect(await search('ÖBERG')).toEqual(['Åsa Öberg']);
      expect(await search('ärl')).toEqual(['Per Ärlig']);
      expect(await search(asa.username)).toEqual(['Åsa Öberg']);
      expect(await search('%')).toEqual([]);
      expect(await search('_')).toEqual([]);
      expect(await search('\\')).toEqual([]);
    });

    it('filters by unit (with its subtree), role and active', async () => {
      const { root, a, a1, b, admin, adminUser } = await tree();
      const inA = await t.user(uniq('p'), a, [['chef', a]]);
      const inA1 = await t.user(uniq('p'), a1, [], { active: false });
      const inB = await t.user(uniq('p'), b, [['chef', b]]);
      const ids = async (query: Record<string, string>) =>
        (
          (
            await admin
              .get('/api/users')
              .query({ pageSize: 100, ...query })
              .expect(200)
          ).body.items as Summary[]
        )
          .map((u) => u.id)
          .sort();

      expect(await ids({ unitId: a.id })).toEqual([inA.id, inA1.id].sort());
      expect(await ids({ unitId: a1.id })).toEqual([inA1.id]);
      expect(await ids({ unitId: root.id, role: 'chef' })).toEqual([inA.id, inB.id].sort());
      expect(await ids({ unitId: root.id, role: 'administrator' })).toEqual([adminUser.id]);
      expect(await ids({ unitId: root.id, active: 'false' })).toEqual([inA1.id]);
      expect(await ids({ unitId: root.id, active: 'true' })).toEqual(
        [adminUser.id, inA.id, inB.id].sort(),
      );
      const bad = await admin.get('/api/users').query({ role: 'kung' }).expect(400);
      expect(bad.body.errors[0].field).toBe('role');
    });

    it('pages with a stable order and a total; refuses pageSize 1000', async () => {
      const { a, admin } = await tree();
      // equal display names: the id breaks the tie
      for (let i = 0; i < 7; i++)
        await t.user(uniq('sida'), a, [], { displayName: i < 4 ? 'Samma Namn' : `Person ${i}` });
      const all = await admin.get('/api/users').query({ unitId: a.id, pageSize: 100 }).expect(200);
      expect(all.body.total).toBe(7);
      const expected = (all.body.items as Summary[]).map((u) => u.id);

      const seen: string[] = [];
      for (const page of [1, 2, 3]) {
        const res = await admin
          .get('/api/users')
          .query({ unitId: a.id, pageSize: 3, page })
          .expect(200);
        expect(res.body).toMatchObject({ total: 7, page, pageSize: 3 });
        expect(res.body.items).toHaveLength(page < 3 ? 3 : 1);
        seen.push(...(res.body.items as Summary[]).map((u) => u.id));
      }
      expect(seen).toEqual(expected);
      const beyond = await admin
        .get('/api/users')
        .query({ unitId: a.id, pageSize: 3, page: 4 })
        .expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: 7 });

      const tooBig = await admin.get('/api/users').query({ pageSize: 1000 }).expect(400);
      expect(tooBig.body.code).toBe('validation_failed');
      expect(tooBig.body.errors[0].field).toBe('pageSize');
      await admin.get('/api/users').query({ page: 0 }).expect(400);
    });
  });

  describe('create', () => {
    it('creates a user (201) who must change the initial password and is restricted until then', async () => {
      const { a1, adminUser, admin } = await tree();
      const username = uniq('ny.person');
      const res = await admin
        .post('/api/users')
        .send({
          username: username.toUpperCase(),
          displayName: 'Ny Person',
          email: 'ny@example.se',
          unitId: a1.id,
          initialPassword: INITIAL_PASSWORD,
        })
        .expect(201);
      expect(res.body).toMatchObject({
        username,
        displayName: 'Ny Person',
        email: 'ny@example.se',
        unitId: a1.id,
        unitName: a1.name,
        active: true,
        mustChangePassword: true,
        roles: [],
        roleAssignments: [],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2|gurka/);

      const agent = await t.login(username, INITIAL_PASSWORD);
      expect((await agent.get('/api/me').expect(200)).body.mustChangePassword).toBe(true);
      await agent.get('/api/units').expect(403);

      const e = await t.auditEntries({ objectId: res.body.id, action: 'user.created' });
      expect(e).toHaveLength(1);
      expect(e[0]).toMatchObject({ actorId: adminUser.id, actorName: adminUser.username });
      expect(e[0].details).not.toContain(INITIAL_PASSWORD);
    });

    it('refuses a taken username with 409', async () => {
      const { a, admin } = await tree();
      const existing = await t.user(uniq('upptagen'), a);
      const res = await admin
        .post('/api/users')
        .send({
          username: existing.username,
          displayName: 'Dubblett',
          unitId: a.id,
          initialPassword: INITIAL_PASSWORD,
        })
        .expect(409);
      expect(res.body.code).toBe('conflict');
    });

    it('refuses a weak initial password with 400 password_policy', async () => {
      const { a, admin } = await tree();
      const username = uniq('svag');
      const res = await admin
        .post('/api/users')
        .send({ username, displayName: 'Svag', unitId: a.id, initialPassword: 'password1234' })
        .expect(400);
      expect(res.body.code).toBe('password_policy');
      expect(res.body.errors[0]).toEqual({ field: 'initialPassword', messages: ['common'] });
      await login(username, 'password1234').expect(401);
    });

    it('refuses a home unit outside the administrator’s scope with 403', async () => {
      const { a, b } = await tree();
      const adminA = await t.user(uniq('admin-a'), a, [['administrator', a]]);
      const agent = await t.login(adminA.username);
      const username = uniq('utanfor');
      const res = await agent
        .post('/api/users')
        .send({ username, displayName: 'Utanför', unitId: b.id, initialPassword: INITIAL_PASSWORD })
        .expect(403);
      expect(res.body.code).toBe('forbidden');
      await login(username, INITIAL_PASSWORD).expect(401);
      // and in scope it works
      await agent
        .post('/api/users')
        .send({
          username: uniq('innanfor'),
          displayName: 'Innanför',
          unitId: a.id,
          initialPassword: INITIAL_PASSWORD,
        })
        .expect(201);
    });

    it('validates the fields', async () => {
      const { a, admin } = await tree();
      const base = {
        username: uniq('val'),
        displayName: 'Val Idering',
        unitId: a.id,
        initialPassword: INITIAL_PASSWORD,
      };
      const field = async (patch: object) => {
        const res = await admin
          .post('/api/users')
          .send({ ...base, ...patch })
          .expect(400);
        expect(res.body.code).toBe('validation_failed');
        return (res.body.errors as Array<{ field: string }>).map((e) => e.field);
      };
      expect(await field({ email: 'inte-en-adress' })).toEqual(['email']);
      expect(await field({ username: 'ö' })).toEqual(['username']);
      expect(await field({ unitId: 'x' })).toEqual(['unitId']);
      expect(await field({ displayName: '' })).toEqual(['displayName']);
    });
  });

  describe('read one', () => {
    it('answers 404, not 403, for a user outside the caller’s scope', async () => {
      const { a, b } = await tree();
      const chef = await t.user(uniq('chef'), a, [['chef', a]]);
      const adminA = await t.user(uniq('admin-a'), a, [['administrator', a]]);
      const inA = await t.user(uniq('i-a'), a);
      const inB = await t.user(uniq('i-b'), b);
      const missing = '7d1f1c9e-0000-4000-8000-00000000abcd';
      for (const who of [chef, adminA]) {
        const agent = await t.login(who.username);
        await agent.get(`/api/users/${inA.id}`).expect(200);
        const hidden = await agent.get(`/api/users/${inB.id}`).expect(404);
        const absent = await agent.get(`/api/users/${missing}`).expect(404);
        expect(hidden.body.code).toBe('not_found');
        expect(hidden.body.detail).toBe(absent.body.detail);
      }
      // an administrator of A cannot change someone in B either, and learns nothing
      const agent = await t.login(adminA.username);
      await agent.patch(`/api/users/${inB.id}`).send({ displayName: 'Kapad' }).expect(404);
      await agent
        .post(`/api/users/${inB.id}/password`)
        .send({ password: OTHER_PASSWORD })
        .expect(404);
      await login(inB.username).expect(200);
    });
  });

  describe('update', () => {
    it('refuses null for non-nullable fields (400, not 500); null clears the email', async () => {
      const { a, admin } = await tree();
      const u = await t.user(uniq('noll'), a, [], { email: 'noll@example.se' });
      for (const field of ['displayName', 'unitId', 'active']) {
        const res = await admin
          .patch(`/api/users/${u.id}`)
          .send({ [field]: null })
          .expect(400);
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      const res = await admin.patch(`/api/users/${u.id}`).send({ email: null }).expect(200);
      expect(res.body).toMatchObject({
        email: null,
        displayName: u.displayName,
        unitId: a.id,
        active: true,
      });
    });

    it('an administrator cannot PATCH themselves', async () => {
      const { adminUser, admin } = await tree();
      const res = await admin
        .patch(`/api/users/${adminUser.id}`)
        .send({ displayName: 'Jag Själv' })
        .expect(403);
      expect(res.body.code).toBe('forbidden');
      await admin
        .post(`/api/users/${adminUser.id}/password`)
        .send({ password: OTHER_PASSWORD })
        .expect(403);
      await admin.post(`/api/users/${adminUser.id}/unlock`).expect(403);
    });

    it('an administrator of A cannot move someone’s home unit out of A (403, nothing changes)', async () => {
      const { a, a1, b } = await tree();
      const adminA = await t.user(uniq('admin-a'), a, [['administrator', a]]);
      const u = await t.user(uniq('stannar'), a1);
      const agent = await t.login(adminA.username);
      const res = await agent
        .patch(`/api/users/${u.id}`)
        .send({ displayName: 'Ny Namn', unitId: b.id })
        .expect(403);
      expect(res.body.code).toBe('forbidden');
      const after = await agent.get(`/api/users/${u.id}`).expect(200);
      expect(after.body).toMatchObject({ unitId: a1.id, displayName: u.displayName });
      expect(await t.auditEntries({ objectId: u.id })).toEqual([]);
    });

    it('an administrator of A cannot take over an account whose roles reach beyond A (no escalation)', async () => {
      const { root, a, a1 } = await tree();
      const adminA = await t.user(uniq('admin-a'), a, [['administrator', a]]);
      // a whole-organisation administrator who happens to be homed in A1
      const rootAdmin = await t.user(uniq('root-admin'), a1, [['administrator', root]]);
      const plain = await t.user(uniq('vanlig'), a1, [['medarbetare', a1]]);
      const agent = await t.login(adminA.username);

      const newPassword = 'helt-ny-fras-for-kontot-9';
      for (const req of [
        agent.post(`/api/users/${rootAdmin.id}/password`).send({ password: newPassword }),
        agent.post(`/api/users/${rootAdmin.id}/unlock`),
        agent.patch(`/api/users/${rootAdmin.id}`).send({ active: false }),
      ]) {
        const res = await req;
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
      // still signs in with the old password, still active
      await login(rootAdmin.username).expect(200);
      await login(rootAdmin.username, newPassword).expect(401);
      // the same administrator still manages people whose roles are all inside A
      await agent
        .post(`/api/users/${plain.id}/password`)
        .send({ password: newPassword })
        .expect(204);
    });

    it('updates the profile and the home unit within scope, and audits it', async () => {
      const { a, b, adminUser, admin } = await tree();
      const u = await t.user(uniq('flytt'), a);
      const res = await admin
        .patch(`/api/users/${u.id}`)
        .send({ displayName: 'Östen Ändrad', email: 'osten@example.se', unitId: b.id })
        .expect(200);
      expect(res.body).toMatchObject({
        displayName: 'Östen Ändrad',
        email: 'osten@example.se',
        unitId: b.id,
        unitName: b.name,
      });
      // the search text follows the new name
      const found = await admin.get('/api/users').query({ q: 'östen', unitId: b.id }).expect(200);
      expect(found.body.items.map((x: Summary) => x.id)).toEqual([u.id]);
      const e = await t.auditEntries({ objectId: u.id, action: 'user.updated' });
      expect(e).toHaveLength(1);
      expect(e[0].actorName).toBe(adminUser.username);
      expect(JSON.parse(e[0].details)).toMatchObject({
        displayName: true,
        email: true,
        unitId: { from: a.id, to: b.id },
      });
    });

    it('deactivating a user revokes their sessions and blocks sign-in', async () => {
      const { a, admin } = await tree();
      const u = await t.user(uniq('avslutad'), a);
      const session = await t.login(u.username);
      await session.get('/api/me').expect(200);
      const res = await admin.patch(`/api/users/${u.id}`).send({ active: false }).expect(200);
      expect(res.body.active).toBe(false);
      // revoked at once, not merely refused when next used
      const sessions = await t.dataSource.query(
        `SELECT * FROM sessions WHERE "userId" = '${u.id}'`,
      );
      expect(sessions).toHaveLength(0);
      expect((await login(u.username).expect(403)).body.code).toBe('account_disabled');
      const e = await t.auditEntries({ objectId: u.id, action: 'user.updated' });
      expect(JSON.parse(e[0].details)).toEqual({ active: { from: true, to: false } });
      // reactivated: the old session stays dead, a new sign-in works
      await admin.patch(`/api/users/${u.id}`).send({ active: true }).expect(200);
      await session.get('/api/me').expect(401);
      await login(u.username).expect(200);
    });

    it('sets a temporary password: old sessions end, the user must change it', async () => {
      const { a, admin } = await tree();
      const u = await t.user(uniq('glomsk'), a);
      const old = await t.login(u.username);
      const weak = await admin
        .post(`/api/users/${u.id}/password`)
        .send({ password: 'kort' })
        .expect(400);
      expect(weak.body.code).toBe('password_policy');
      await old.get('/api/me').expect(200);

      await admin
        .post(`/api/users/${u.id}/password`)
        .send({ password: OTHER_PASSWORD })
        .expect(204);
      await old.get('/api/me').expect(401);
      await login(u.username).expect(401);
      const fresh = await t.login(u.username, OTHER_PASSWORD);
      expect((await fresh.get('/api/me').expect(200)).body.mustChangePassword).toBe(true);
      await fresh.get('/api/units').expect(403);
      const detail = await admin.get(`/api/users/${u.id}`).expect(200);
      expect(detail.body.mustChangePassword).toBe(true);
      const e = await t.auditEntries({ objectId: u.id, action: 'user.password_set' });
      expect(e).toHaveLength(1);
      expect(JSON.parse(e[0].details)).toEqual({ sessionsRevoked: 1 });
      expect(e[0].details).not.toContain(OTHER_PASSWORD);
    });

    it('unlocks a locked account', async () => {
      const { a, admin } = await tree();
      const u = await t.user(uniq('last'), a);
      await lock(u.username);
      const locked = await admin.get(`/api/users/${u.id}`).expect(200);
      expect(locked.body.locked).toBe(true);
      expect(locked.body.lockedUntil).toBe(
        new Date(t.clock.now().getTime() + 15 * 60_000).toISOString(),
      );

      await admin.post(`/api/users/${u.id}/unlock`).expect(204);
      const unlocked = await admin.get(`/api/users/${u.id}`).expect(200);
      expect(unlocked.body).toMatchObject({ locked: false, lockedUntil: null });
      await login(u.username).expect(200);
      expect(await t.auditEntries({ objectId: u.id, action: 'user.unlocked' })).toHaveLength(1);
    });

    it('setting a password also lifts a lockout', async () => {
      const { a, admin } = await tree();
      const u = await t.user(uniq('last2'), a);
      await lock(u.username);
      await admin
        .post(`/api/users/${u.id}/password`)
        .send({ password: OTHER_PASSWORD })
        .expect(204);
      await login(u.username, OTHER_PASSWORD).expect(200);
    });
  });

  describe('the last administrator', () => {
    // Serially the rule cannot be reached (the acting administrator is always another active
    // one, and nobody administers themselves). It matters when two administrators act on each
    // other at the same moment: at least one must stay.
    let solo: TestApp;
    beforeEach(async () => {
      solo = await TestApp.start(engine);
    });
    afterEach(() => solo.stop());

    async function twoAdmins() {
      const root = await solo.unit(uniq('Rot'));
      const x = await solo.user(uniq('admin-x'), root, [['administrator', root]]);
      const y = await solo.user(uniq('admin-y'), root, [['administrator', root]]);
      return { root, x, y, ax: await solo.login(x.username), ay: await solo.login(y.username) };
    }

    async function activeAdmins(): Promise<number> {
      const rows = await solo.dataSource.query(
        `SELECT COUNT(DISTINCT u.id) AS n FROM users u JOIN role_assignments ra ON ra."userId" = u.id WHERE ra.role = 'administrator' AND u.active = ${engine === 'postgres' ? 'true' : '1'}`,
      );
      return Number((rows as Array<{ n: number | string }>)[0].n);
    }

    it('two administrators deactivating each other at once leave one active (409 for the loser)', async () => {
      const { x, y, ax, ay } = await twoAdmins();
      const [r1, r2] = await Promise.all([
        ax.patch(`/api/users/${y.id}`).send({ active: false }),
        ay.patch(`/api/users/${x.id}`).send({ active: false }),
      ]);
      const statuses = [r1.status, r2.status].sort();
      expect(statuses[0]).toBe(200);
      expect([401, 409]).toContain(statuses[1]);
      if (statuses[1] === 409)
        expect([r1, r2].find((r) => r.status === 409)!.body.code).toBe('conflict');
      expect(await activeAdmins()).toBe(1);
    });

    it('two administrators revoking each other’s role at once leave one administrator', async () => {
      const { x, y, ax, ay } = await twoAdmins();
      const roleOf = async (id: string) =>
        (
          await solo.dataSource.query<Array<{ id: string }>>(
            `SELECT id FROM role_assignments WHERE "userId" = '${id}'`,
          )
        )[0].id;
      const [rx, ry] = [await roleOf(x.id), await roleOf(y.id)];
      const [r1, r2] = await Promise.all([
        ax.delete(`/api/users/${y.id}/roles/${ry}`),
        ay.delete(`/api/users/${x.id}/roles/${rx}`),
      ]);
      const statuses = [r1.status, r2.status].sort();
      expect(statuses[0]).toBe(204);
      expect([403, 404, 409]).toContain(statuses[1]);
      expect(await activeAdmins()).toBe(1);
    });
  });

  describe('roles', () => {
    it('grants (201) and revokes (204) a role; the grant takes effect at once and both are audited', async () => {
      const { a, adminUser, admin } = await tree();
      const u = await t.user(uniq('blivande-chef'), a);
      const agent = await t.login(u.username);
      await agent.get('/api/users').expect(403);

      const g = await admin
        .post(`/api/users/${u.id}/roles`)
        .send({ role: 'chef', unitId: a.id })
        .expect(201);
      expect(g.body).toMatchObject({ role: 'chef', unitId: a.id, unitName: a.name });
      const detail = await admin.get(`/api/users/${u.id}`).expect(200);
      expect(detail.body.roles).toEqual(['chef']);
      expect(detail.body.roleAssignments).toEqual([
        expect.objectContaining({ id: g.body.id, role: 'chef', unitId: a.id, unitName: a.name }),
      ]);
      await agent.get('/api/users').expect(200);

      const dup = await admin
        .post(`/api/users/${u.id}/roles`)
        .send({ role: 'chef', unitId: a.id })
        .expect(409);
      expect(dup.body.code).toBe('conflict');

      await admin.delete(`/api/users/${u.id}/roles/${g.body.id}`).expect(204);
      expect((await admin.get(`/api/users/${u.id}`).expect(200)).body.roleAssignments).toEqual([]);
      await agent.get('/api/users').expect(403);
      await admin.delete(`/api/users/${u.id}/roles/${g.body.id}`).expect(404);

      const entries = await t.auditEntries({ objectId: u.id });
      expect(entries.map((e) => e.action).filter((x) => x.startsWith('role.'))).toEqual([
        'role.granted',
        'role.revoked',
      ]);
      for (const e of entries.filter((x) => x.action.startsWith('role.'))) {
        expect(e.actorName).toBe(adminUser.username);
        expect(JSON.parse(e.details)).toMatchObject({
          role: 'chef',
          unitId: a.id,
          assignmentId: g.body.id,
        });
      }
    });

    it('refuses a role over a unit outside the administrator’s scope (403)', async () => {
      const { a, b } = await tree();
      const adminA = await t.user(uniq('admin-a'), a, [['administrator', a]]);
      const u = await t.user(uniq('person'), a);
      const agent = await t.login(adminA.username);
      const res = await agent
        .post(`/api/users/${u.id}/roles`)
        .send({ role: 'administrator', unitId: b.id })
        .expect(403);
      expect(res.body.code).toBe('forbidden');
      expect((await agent.get(`/api/users/${u.id}`).expect(200)).body.roleAssignments).toEqual([]);
    });

    it('an administrator cannot grant roles to themselves or revoke their own', async () => {
      const { root, a, adminUser, admin } = await tree();
      const res = await admin
        .post(`/api/users/${adminUser.id}/roles`)
        .send({ role: 'internrevisor', unitId: a.id })
        .expect(403);
      expect(res.body.code).toBe('forbidden');
      const own = (
        (await admin.get(`/api/users/${adminUser.id}`).expect(200)).body.roleAssignments as Array<{
          id: string;
          unitId: string;
        }>
      )[0];
      expect(own.unitId).toBe(root.id);
      await admin.delete(`/api/users/${adminUser.id}/roles/${own.id}`).expect(403);
    });

    it('answers 404 when the assignment belongs to someone else', async () => {
      const { a, admin } = await tree();
      const u1 = await t.user(uniq('p1'), a, [['chef', a]]);
      const u2 = await t.user(uniq('p2'), a);
      const ra = (
        (await admin.get(`/api/users/${u1.id}`).expect(200)).body.roleAssignments as Array<{
          id: string;
        }>
      )[0];
      await admin.delete(`/api/users/${u2.id}/roles/${ra.id}`).expect(404);
      expect((await admin.get(`/api/users/${u1.id}`).expect(200)).body.roles).toEqual(['chef']);
    });

    it('validates the role', async () => {
      const { a, admin } = await tree();
      const u = await t.user(uniq('p'), a);
      const res = await admin
        .post(`/api/users/${u.id}/roles`)
        .send({ role: 'kung', unitId: a.id })
        .expect(400);
      expect(res.body.errors[0].field).toBe('role');
    });
  });

  it('records every kind of change in the audit log', async () => {
    const { a, adminUser, admin } = await tree();
    const created = await admin
      .post('/api/users')
      .send({
        username: uniq('hela-vagen'),
        displayName: 'Hela Vägen',
        unitId: a.id,
        initialPassword: INITIAL_PASSWORD,
      })
      .expect(201);
    const id = created.body.id as string;
    await admin.patch(`/api/users/${id}`).send({ displayName: 'Hela Vägen Två' }).expect(200);
    await admin.post(`/api/users/${id}/password`).send({ password: OTHER_PASSWORD }).expect(204);
    await admin.post(`/api/users/${id}/unlock`).expect(204);
    const g = await admin
      .post(`/api/users/${id}/roles`)
      .send({ role: 'handlaggare', unitId: a.id })
      .expect(201);
    await admin.delete(`/api/users/${id}/roles/${g.body.id}`).expect(204);
    // a PATCH that changes nothing is not a change
    await admin.patch(`/api/users/${id}`).send({ displayName: 'Hela Vägen Två' }).expect(200);

    const entries = await t.auditEntries({ objectId: id });
    expect(entries.map((e) => e.action)).toEqual([
      'user.created',
      'user.updated',
      'user.password_set',
      'user.unlocked',
      'role.granted',
      'role.revoked',
    ]);
    for (const e of entries)
      expect(e).toMatchObject({ actorId: adminUser.id, objectType: 'User', outcome: 'success' });
  });
});
