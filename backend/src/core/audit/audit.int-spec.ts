import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
import { OrgRepository } from '../../org/org.repository';
import { UsersRepository } from '../../users/users.repository';
import { describeEachEngine, TestApp, uniq } from '../../testing/test-app';
import { AuditService } from './audit.service';

interface Entry {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  details: Record<string, unknown>;
  objectLabel?: string;
  objectLink?: { kind: string; id: string };
}

const STEP = 10 * 60_000; // below the 30-minute idle timeout

describeEachEngine('Audit log', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  async function setup(app: TestApp = t) {
    const root = await app.unit(uniq('Förvaltning'));
    const a = await app.unit(uniq('Avd A'), root, 'avdelning');
    const adminUser = await app.user(uniq('admin'), root, [['administrator', root]]);
    const admin = await app.login(adminUser.username);
    return { root, a, adminUser, admin };
  }

  /** Reads the whole log (newest first) through the API, page by page. */
  async function readAll(
    agent: TestAgent,
    query: Record<string, string | number>,
    limit: number,
  ): Promise<{ items: Entry[]; pages: number }> {
    const items: Entry[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const res = await agent
        .get('/api/audit-log')
        .query({ ...query, limit, ...(before ? { before } : {}) })
        .expect(200);
      pages++;
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...(res.body.items as Entry[]));
      before = res.body.nextBefore as number | null;
      if (before !== null) expect(before).toBe(items[items.length - 1].seq);
    } while (before !== null && pages < 1000);
    return { items, pages };
  }

  describe('written in the same transaction as the change', () => {
    it('a refused duplicate unit leaves no unit.created entry', async () => {
      const { a, admin } = await setup();
      const name = uniq('Enhet');
      const first = await admin
        .post('/api/units')
        .send({ name, kind: 'enhet', parentId: a.id })
        .expect(201);
      const before = await t.auditActions();
      await admin.post('/api/units').send({ name, kind: 'enhet', parentId: a.id }).expect(409);
      expect(await t.auditActions()).toEqual(before);
      const created = (await t.auditEntries({ action: 'unit.created' })).filter(
        (e) => JSON.parse(e.details).name === name,
      );
      expect(created.map((e) => e.objectId)).toEqual([first.body.id]);
    });

    it('a change that fails after its first entry was written rolls the entry back with it', async () => {
      // PATCH renames (writes unit.updated) and then moves; the move fails → both are undone
      const { a, admin } = await setup();
      const child = await t.unit(uniq('Barn'), a);
      const before = await t.auditActions();
      const res = await admin
        .patch(`/api/units/${a.id}`)
        .send({ name: uniq('Nytt namn'), parentId: child.id })
        .expect(409);
      expect(res.body.code).toBe('unit_cycle');
      expect(await t.auditActions()).toEqual(before);
      expect(await t.auditEntries({ objectId: a.id })).toEqual([]);
      const unit = (
        (await admin.get('/api/units').expect(200)).body as Array<{ id: string; name: string }>
      ).find((u) => u.id === a.id)!;
      expect(unit.name).toBe(a.name);
      expect((await admin.get('/api/audit-log/verify').expect(200)).body.ok).toBe(true);
    });

    it('a forbidden step inside a change rolls back the entry written before it', async () => {
      const { root, a } = await setup();
      const b = await t.unit(uniq('Avd B'), root, 'avdelning');
      const scoped = await t.user(uniq('admin-a'), a, [['administrator', a]]);
      const agent = await t.login(scoped.username);
      const inA = await t.unit(uniq('I A'), a);
      // rename is allowed, the move into B is not
      await agent
        .patch(`/api/units/${inA.id}`)
        .send({ name: uniq('Omdöpt'), parentId: b.id })
        .expect(403);
      expect(await t.auditEntries({ objectId: inA.id })).toEqual([]);
      expect(
        await t.dataSource.getRepository(OrgUnitEntity).findOneBy({ id: inA.id }),
      ).toMatchObject({ name: inA.name, parentId: a.id });
    });
  });

  describe('GET /api/audit-log', () => {
    it('is open to administrators and internal auditors only', async () => {
      const { root, a, admin } = await setup();
      await admin.get('/api/audit-log').expect(200);
      const auditor = await t.user(uniq('revisor'), root, [['internrevisor', root]]);
      const res = await (await t.login(auditor.username)).get('/api/audit-log').expect(200);
      expect(Array.isArray(res.body.items)).toBe(true);
      expect(res.body.items.length).toBeGreaterThan(0);

      const employee = await t.user(uniq('medarb'), a, [['medarbetare', a]]);
      const chef = await t.user(uniq('chef'), a, [['chef', a]]);
      for (const u of [employee, chef]) {
        const agent = await t.login(u.username);
        expect((await agent.get('/api/audit-log').expect(403)).body.code).toBe('forbidden');
        await agent.get('/api/audit-log/verify').expect(403);
      }
      expect((await t.http().get('/api/audit-log').expect(401)).body.code).toBe('unauthenticated');
      await t.http().get('/api/audit-log/verify').expect(401);
    });

    it('filters by action prefix, actor, object and outcome', async () => {
      const { a, adminUser, admin } = await setup();
      const victim = await t.user(uniq('offer'), a);
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: victim.username, password: 'fel-lösenord-här' })
        .expect(401);
      await admin
        .post('/api/units')
        .send({ name: uniq('Filter'), kind: 'enhet', parentId: a.id })
        .expect(201);

      const auth = (
        await admin.get('/api/audit-log').query({ action: 'auth.', limit: 200 }).expect(200)
      ).body.items as Entry[];
      expect(auth.length).toBeGreaterThan(0);
      expect(auth.every((e) => e.action.startsWith('auth.'))).toBe(true);
      expect(auth.some((e) => e.action === 'auth.login_failed' && e.objectId === victim.id)).toBe(
        true,
      );
      // a prefix is a prefix, not a pattern
      expect(
        (await admin.get('/api/audit-log').query({ action: 'uth.' }).expect(200)).body.items,
      ).toEqual([]);
      await admin.get('/api/audit-log').query({ action: "auth.%' OR 1=1" }).expect(400);

      const mine = (
        await admin
          .get('/api/audit-log')
          .query({ actor: adminUser.username.toUpperCase(), limit: 200 })
          .expect(200)
      ).body.items as Entry[];
      expect(mine.map((e) => e.action)).toEqual(['unit.created', 'auth.login']);
      expect(mine.every((e) => e.actorId === adminUser.id)).toBe(true);

      const failures = (
        await admin.get('/api/audit-log').query({ outcome: 'failure', limit: 200 }).expect(200)
      ).body.items as Entry[];
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.every((e) => e.outcome === 'failure')).toBe(true);
      expect(failures.some((e) => e.objectId === victim.id)).toBe(true);
      await admin.get('/api/audit-log').query({ outcome: 'kanske' }).expect(400);

      const byObject = (
        await admin
          .get('/api/audit-log')
          .query({ objectType: 'User', objectId: victim.id })
          .expect(200)
      ).body.items as Entry[];
      expect(byObject.map((e) => e.action)).toEqual(['auth.login_failed']);
      expect(byObject[0].details).toEqual({ reason: 'bad_password', failures: 1 });
    });

    it('filters by a time window [from, to)', async () => {
      const { a, admin } = await setup();
      t.clock.advance(STEP);
      const from = t.clock.now();
      const inside = await admin
        .post('/api/units')
        .send({ name: uniq('Inne'), kind: 'enhet', parentId: a.id })
        .expect(201);
      t.clock.advance(STEP);
      const to = t.clock.now();
      const atTo = await admin
        .post('/api/units')
        .send({ name: uniq('Vid to'), kind: 'enhet', parentId: a.id })
        .expect(201);
      t.clock.advance(STEP);
      await admin
        .post('/api/units')
        .send({ name: uniq('Efter'), kind: 'enhet', parentId: a.id })
        .expect(201);

      const window = (
        await admin
          .get('/api/audit-log')
          .query({ from: from.toISOString(), to: to.toISOString() })
          .expect(200)
      ).body.items as Entry[];
      expect(window.map((e) => e.objectId)).toEqual([inside.body.id]);
      expect(window[0].occurredAt).toBe(from.toISOString());

      const since = (
        await admin.get('/api/audit-log').query({ from: to.toISOString() }).expect(200)
      ).body.items as Entry[];
      expect(since.map((e) => e.objectId)).toContain(atTo.body.id);
      expect(since.every((e) => e.occurredAt >= to.toISOString())).toBe(true);
      expect(since).toHaveLength(2);

      const bad = await admin.get('/api/audit-log').query({ from: 'igår' }).expect(400);
      expect(bad.body.errors[0].field).toBe('from');
      // dates JavaScript accepts but a timestamp column cannot hold (the fuzz found a 500 on
      // PostgreSQL): 400 as well
      for (const query of [{ to: '-051128-09' }, { from: '+275760-09-13' }, { to: '1969-12-31' }]) {
        const out = await admin.get('/api/audit-log').query(query).expect(400);
        expect(out.body.code).toBe('validation_failed');
      }
    });

    it('pages with nextBefore/before and returns every entry exactly once', async () => {
      const { root, a, adminUser, admin } = await setup();
      for (let i = 0; i < 6; i++)
        await admin
          .post('/api/units')
          .send({ name: uniq(`Sida ${i}`), kind: 'enhet', parentId: a.id })
          .expect(201);

      const mine = await readAll(admin, { actor: adminUser.username }, 3);
      expect(mine.pages).toBe(3);
      expect(mine.items).toHaveLength(7);
      expect(mine.items.map((e) => e.action)).toEqual([
        ...Array(6).fill('unit.created'),
        'auth.login',
      ]);

      // a reader scoped at a root reads that root's entries and those without a unit
      const rows = await t.dataSource.query<Array<{ seq: number | string }>>(
        `SELECT seq FROM audit_log WHERE "unitPath" LIKE ${
          engine === 'postgres' ? '$1' : '?'
        } OR "unitPath" IS NULL ORDER BY seq DESC`,
        [`${root.path}%`],
      );
      const all = await readAll(admin, {}, 7);
      const seqs = all.items.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual(rows.map((r) => Number(r.seq)));
      expect(all.pages).toBe(Math.ceil(rows.length / 7));

      await admin.get('/api/audit-log').query({ limit: 201 }).expect(400);
      await admin.get('/api/audit-log').query({ before: 0 }).expect(400);
    });
  });

  describe('object labels', () => {
    /** A department administrator (scope A) and a person on each side of the scope's edge. */
    async function scoped() {
      const { root, a } = await setup();
      const b = await t.unit(uniq('Avd B'), root, 'avdelning');
      const adminA = await t.user(uniq('admin-a'), a, [['administrator', a]]);
      const inA = await t.user(uniq('inne'), a, [], { displayName: uniq('Anna Inne') });
      const inB = await t.user(uniq('ute'), b, [], { displayName: uniq('Bertil Ute') });
      return { root, a, b, adminA, inA, inB, reader: await t.login(adminA.username) };
    }

    async function entriesAbout(agent: TestAgent, objectId: string): Promise<Entry[]> {
      return (await agent.get('/api/audit-log').query({ objectId }).expect(200)).body
        .items as Entry[];
    }

    it('names and links users the reader may read, and only those', async () => {
      const { a, inA, inB, reader } = await scoped();
      for (const u of [inA, inB])
        await t
          .http()
          .post('/api/auth/login')
          .send({ username: u.username, password: 'fel-lösenord-här' })
          .expect(401);

      const [aboutA] = await entriesAbout(reader, inA.id);
      expect(aboutA).toMatchObject({
        action: 'auth.login_failed',
        objectType: 'User',
        objectId: inA.id,
        objectLabel: inA.displayName,
        objectLink: { kind: 'user', id: inA.id },
      });

      // inB's own failed sign-in is department B's entry: not even listed to A's administrator
      expect(await entriesAbout(reader, inB.id)).toEqual([]);
      // an entry filed under A that names inB (a feature placing it by its object's unit) is
      // listed, but inB is not named
      await t.db.transaction(() =>
        t.app.get(AuditService).record({
          action: 'test.named_outside',
          actor: null,
          unitId: a.id,
          objectType: 'User',
          objectId: inB.id,
        }),
      );
      const [aboutB] = await entriesAbout(reader, inB.id);
      expect(aboutB).toMatchObject({ objectType: 'User', objectId: inB.id });
      expect(aboutB).not.toHaveProperty('objectLabel');
      expect(aboutB).not.toHaveProperty('objectLink');
      expect(JSON.stringify(aboutB)).not.toContain(inB.displayName);
    });

    it('names a session by the person whose session it was, where the reader may read them', async () => {
      const { a, inA, inB, reader } = await scoped();
      await t.login(inA.username);
      await t.login(inB.username);
      // inB's sign-in is department B's entry; one of inB's sessions filed under A (as a feature
      // placing it by its object's unit would) is listed without naming inB
      await t.db.transaction(() =>
        t.app.get(AuditService).record({
          action: 'auth.login',
          actor: { id: inB.id, username: inB.username },
          unitId: a.id,
          objectType: 'Session',
          objectId: randomUUID(),
        }),
      );
      const sessions = (
        await reader
          .get('/api/audit-log')
          .query({ action: 'auth.login', objectType: 'Session', limit: 200 })
          .expect(200)
      ).body.items as Entry[];
      const ofA = sessions.find((e) => e.actorId === inA.id)!;
      const ofB = sessions.find((e) => e.actorId === inB.id)!;
      expect(ofA).toMatchObject({
        objectLabel: inA.displayName,
        objectLink: { kind: 'user', id: inA.id },
      });
      expect(ofA.objectId).not.toBe(inA.id);
      expect(ofB).toBeDefined();
      expect(ofB).not.toHaveProperty('objectLabel');
      expect(ofB).not.toHaveProperty('objectLink');
    });

    it('names units and links them to the organisation page', async () => {
      const { a, reader } = await scoped();
      const name = uniq('Märkt enhet');
      const created = await reader
        .post('/api/units')
        .send({ name, kind: 'enhet', parentId: a.id })
        .expect(201);
      const [entry] = await entriesAbout(reader, created.body.id as string);
      expect(entry).toMatchObject({
        action: 'unit.created',
        objectLabel: name,
        objectLink: { kind: 'unit', id: created.body.id },
      });
    });

    it('asks each object type once per page, whatever the number of objects (no N+1)', async () => {
      const { a, reader } = await scoped();
      for (let i = 0; i < 5; i++) {
        const u = await t.user(uniq('mang'), a);
        await t
          .http()
          .post('/api/auth/login')
          .send({ username: u.username, password: 'fel-lösenord-här' })
          .expect(401);
        await reader
          .post('/api/units')
          .send({ name: uniq('Mång'), kind: 'enhet', parentId: a.id })
          .expect(201);
      }
      const users = jest.spyOn(t.app.get(UsersRepository), 'namesVisible');
      const units = jest.spyOn(t.app.get(OrgRepository), 'namesVisible');
      try {
        const items = (await reader.get('/api/audit-log').query({ limit: 30 }).expect(200)).body
          .items as Entry[];
        const labelled = (type: string) =>
          items.filter((e) => e.objectType === type && e.objectLabel).length;
        expect(labelled('User')).toBeGreaterThanOrEqual(5);
        expect(labelled('OrgUnit')).toBeGreaterThanOrEqual(5);
        // one call for User, one for Session (the reader's own sign-in is on the page)
        expect(items.some((e) => e.objectType === 'Session')).toBe(true);
        expect(users).toHaveBeenCalledTimes(2);
        expect(units).toHaveBeenCalledTimes(1);
      } finally {
        users.mockRestore();
        units.mockRestore();
      }
    });
  });

  describe('verification', () => {
    it('reports an intact chain and logs the verification', async () => {
      const { adminUser, admin } = await setup();
      const n = (await t.auditActions()).length;
      const res = await admin.get('/api/audit-log/verify').expect(200);
      expect(res.body).toEqual({ ok: true, checked: n });
      const last = (await t.auditEntries({ action: 'audit.verified' })).pop()!;
      expect(last).toMatchObject({ actorName: adminUser.username, outcome: 'success' });
      expect((await admin.get('/api/audit-log/verify').expect(200)).body).toEqual({
        ok: true,
        checked: n + 1,
      });
    });

    it('keeps the chain intact under 20 parallel failed sign-ins for one user', async () => {
      const { a, admin } = await setup();
      const target = await t.user(uniq('mal'), a);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t
            .http()
            .post('/api/auth/login')
            .send({ username: target.username, password: `fel-${i}-lösenord` }),
        ),
      );
      // sign-in answers a locked account like a wrong password (it does not say that it exists)
      for (const r of responses) expect(r.status).toBe(401);
      const failed = await t.auditEntries({ objectId: target.id, action: 'auth.login_failed' });
      expect(failed).toHaveLength(20);
      expect(
        (await t.auditEntries({ objectId: target.id, action: 'auth.lockout' })).length,
      ).toBeGreaterThanOrEqual(1);

      const seqs = (await t.auditEntries()).map((e) => e.seq);
      const n = seqs.length;
      const res = await admin.get('/api/audit-log/verify').expect(200);
      expect(res.body).toEqual({ ok: true, checked: n });
      // and the account really is locked: the right password is refused, as a locked attempt
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: target.username, password: 'prov-lösenord-för-test-1' })
        .expect(401);
      const last = (
        await t.auditEntries({ objectId: target.id, action: 'auth.login_failed' })
      ).pop()!;
      expect(JSON.parse(last.details)).toEqual({ reason: 'locked' });
    });

    it('detects a row changed in the database (hash_mismatch at that seq)', async () => {
      const app = await TestApp.start(engine);
      try {
        const { a, admin } = await setup(app);
        await admin
          .post('/api/units')
          .send({ name: uniq('Ett'), kind: 'enhet', parentId: a.id })
          .expect(201);
        await admin
          .post('/api/units')
          .send({ name: uniq('Två'), kind: 'enhet', parentId: a.id })
          .expect(201);
        expect((await admin.get('/api/audit-log/verify').expect(200)).body).toEqual({
          ok: true,
          checked: 3,
        });

        await app.dataSource.query(`UPDATE audit_log SET "objectId" = 'x' WHERE seq = 2`);
        const res = await admin.get('/api/audit-log/verify').expect(200);
        expect(res.body).toEqual({
          ok: false,
          checked: 2,
          firstBroken: { seq: 2, reason: 'hash_mismatch' },
        });
        const last = (await app.auditEntries({ action: 'audit.verified' })).pop()!;
        expect(last.outcome).toBe('failure');
      } finally {
        await app.stop();
      }
    });

    it('detects a deleted row (prev_hash_mismatch at the following seq)', async () => {
      const app = await TestApp.start(engine);
      try {
        const { a, admin } = await setup(app);
        for (let i = 0; i < 3; i++)
          await admin
            .post('/api/units')
            .send({ name: uniq('Rad'), kind: 'enhet', parentId: a.id })
            .expect(201);
        await app.dataSource.query('DELETE FROM audit_log WHERE seq = 2');
        const res = await admin.get('/api/audit-log/verify').expect(200);
        expect(res.body).toEqual({
          ok: false,
          checked: 2,
          firstBroken: { seq: 3, reason: 'prev_hash_mismatch' },
        });
      } finally {
        await app.stop();
      }
    });
  });
});
