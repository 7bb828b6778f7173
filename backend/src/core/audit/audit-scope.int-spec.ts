import type TestAgent from 'supertest/lib/agent';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../../testing/test-app';
import { AuditService } from './audit.service';

interface Entry {
  seq: number;
  actorName: string | null;
  action: string;
  objectId: string | null;
}

/**
 * "An administrator or auditor with a unit scope sees the entries of that scope only": every
 * entry carries the path of its object's unit (or its actor's home unit), and the list is filtered
 * in SQL by the reader's AuditLog rules. The expected set is read from the database independently
 * of the rules, and every reader pages through the whole log.
 */
describeEachEngine('Audit log: scope of the reader', (engine) => {
  let t: TestApp;
  let root: TestUnit;
  let a: TestUnit;
  let a1: TestUnit;
  let b: TestUnit;
  const readers = new Map<string, TestAgent>();
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    t = await TestApp.start(engine);
    root = await t.unit(uniq('Förvaltning'));
    a = await t.unit(uniq('Avd A'), root, 'avdelning');
    a1 = await t.unit(uniq('Enhet A1'), a);
    b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const people: Array<[string, TestUnit, Parameters<TestApp['user']>[2]]> = [
      ['rootadmin', root, [['administrator', root]]],
      ['rootrevisor', root, [['internrevisor', root]]],
      ['admin-a', a1, [['administrator', a]]],
      ['revisor-a', a1, [['internrevisor', a]]],
      ['revisor-b', b, [['internrevisor', b]]],
    ];
    for (const [name, unit, roles] of people) {
      const u = await t.user(uniq(name), unit, roles);
      readers.set(name, await t.login(u.username));
    }
    // entries placed by the actor's home unit: sign-ins in A1 and in B
    alice = (await t.user(uniq('alice'), a1)).username;
    bob = (await t.user(uniq('bob'), b)).username;
    await t.login(alice);
    await t.login(bob);
    // an entry without a unit: a failed sign-in with a name that does not exist
    await t
      .http()
      .post('/api/auth/login')
      .send({ username: uniq('ingen'), password: 'fel-fel-fel' });
  });
  afterAll(() => t.stop());

  async function readAll(agent: TestAgent, query: Record<string, string> = {}): Promise<Entry[]> {
    const items: Entry[] = [];
    let before: number | null = null;
    for (let page = 0; page < 500; page++) {
      const res = await agent
        .get('/api/audit-log')
        .query({ ...query, limit: 200, ...(before ? { before } : {}) })
        .expect(200);
      items.push(...(res.body.items as Entry[]));
      before = res.body.nextBefore as number | null;
      if (before === null) break;
    }
    return items;
  }

  /** The seqs of the entries at or below `top` (and those without a unit, when asked). */
  async function seqsIn(top: TestUnit, unitless: boolean, maxSeq: number): Promise<number[]> {
    const postgres = t.dataSource.options.type === 'postgres';
    const rows = await t.dataSource.query<Array<{ seq: number | string }>>(
      `SELECT seq FROM audit_log WHERE (${'"unitPath"'} LIKE ${postgres ? '$1' : '?'}${
        unitless ? ' OR "unitPath" IS NULL' : ''
      }) AND seq <= ${postgres ? '$2' : '?'} ORDER BY seq DESC`,
      [`${top.path}%`, maxSeq],
    );
    return rows.map((r) => Number(r.seq));
  }

  /** Reads the whole log as `reader`; the entries written while reading are left out. */
  async function visibleTo(reader: string): Promise<number[]> {
    const items = await readAll(readers.get(reader)!);
    const maxSeq = Math.max(0, ...items.map((e) => e.seq));
    return items.map((e) => e.seq).filter((s) => s <= maxSeq);
  }

  it('fills the unit at write time from the actor’s home unit, and leaves unknown sign-ins without one', async () => {
    const [aliceLogin] = await t.auditEntries({ action: 'auth.login', actorName: alice });
    const [bobLogin] = await t.auditEntries({ action: 'auth.login', actorName: bob });
    expect(aliceLogin.unitPath).toBe(a1.path);
    expect(bobLogin.unitPath).toBe(b.path);
    const unknown = (await t.auditEntries({ action: 'auth.login_failed' })).filter(
      (e) => JSON.parse(e.details).reason === 'unknown_user',
    );
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((e) => e.unitPath === null)).toBe(true);
  });

  it('shows a department-scoped auditor and administrator exactly the entries of their subtree', async () => {
    for (const reader of ['revisor-a', 'admin-a']) {
      const got = await visibleTo(reader);
      expect(got).toEqual(await seqsIn(a, false, Math.max(0, ...got)));
      // and by name: alice's sign-in (in A1) is there, bob's (in B) is not
      expect(
        (await readAll(readers.get(reader)!, { actor: alice })).map((e) => e.action),
      ).toContain('auth.login');
      expect(await readAll(readers.get(reader)!, { actor: bob })).toEqual([]);
    }
    const gotB = await visibleTo('revisor-b');
    expect(gotB).toEqual(await seqsIn(b, false, Math.max(0, ...gotB)));
    expect(await readAll(readers.get('revisor-b')!, { actor: alice })).toEqual([]);
  });

  it('shows readers scoped at the root everything, entries without a unit included', async () => {
    for (const reader of ['rootadmin', 'rootrevisor']) {
      const got = await visibleTo(reader);
      expect(got).toEqual(await seqsIn(root, true, Math.max(0, ...got)));
      const [{ n }] = await t.dataSource.query<Array<{ n: number | string }>>(
        `SELECT COUNT(1) AS n FROM audit_log WHERE seq <= ${Math.max(0, ...got)}`,
      );
      expect(got.length).toBe(Number(n));
    }
    const unitless = await readAll(readers.get('rootrevisor')!, { action: 'auth.login_failed' });
    expect(unitless.length).toBeGreaterThan(0);
    expect(await readAll(readers.get('revisor-a')!, { action: 'auth.login_failed' })).toEqual([]);
  });

  it('places an entry by its object’s unit when the feature names it, not by the actor’s', async () => {
    const objectId = uniq('objekt');
    const actor = (await t.user(uniq('handl'), a1)).username;
    const [actorRow] = await t.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM users WHERE username = ${engine === 'postgres' ? '$1' : '?'}`,
      [actor],
    );
    await t.db.transaction(() =>
      t.app.get(AuditService).record({
        action: 'idor.probe',
        actor: { id: actorRow.id, username: actor, unitId: a1.id },
        unitId: b.id,
        objectType: 'Probe',
        objectId,
      }),
    );
    const seen = async (reader: string) =>
      (await readAll(readers.get(reader)!, { action: 'idor.probe' })).map((e) => e.objectId);
    expect(await seen('revisor-b')).toEqual([objectId]);
    expect(await seen('revisor-a')).toEqual([]);
    expect(await seen('rootrevisor')).toEqual([objectId]);
  });

  it('hashes the unit: moving an entry to another scope breaks the chain', async () => {
    const admin = readers.get('rootadmin')!;
    expect((await admin.get('/api/audit-log/verify').expect(200)).body.ok).toBe(true);
    const [login] = await t.auditEntries({ action: 'auth.login', actorName: bob });
    const postgres = t.dataSource.options.type === 'postgres';
    await t.dataSource.query(
      `UPDATE audit_log SET "unitPath" = ${postgres ? '$1' : '?'} WHERE seq = ${postgres ? '$2' : '?'}`,
      [a1.path, login.seq],
    );
    try {
      const res = await admin.get('/api/audit-log/verify').expect(200);
      expect(res.body).toMatchObject({
        ok: false,
        firstBroken: { seq: login.seq, reason: 'hash_mismatch' },
      });
    } finally {
      await t.dataSource.query(
        `UPDATE audit_log SET "unitPath" = ${postgres ? '$1' : '?'} WHERE seq = ${postgres ? '$2' : '?'}`,
        [b.path, login.seq],
      );
    }
    expect((await admin.get('/api/audit-log/verify').expect(200)).body.ok).toBe(true);
  });
});
