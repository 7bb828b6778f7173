import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { IdentityRequestEntity } from '../entities/identity-request.entity';
import { describeEachEngine, TestApp, type TestUnit } from '../../testing/test-app';
import type { UserEntity } from '../../users/entities/user.entity';
import { createTestCase, identityOf } from '../testing-factory';

interface Summary {
  id: string;
  reference: string;
  track: string;
  status: string;
  nextDueOn: string | null;
  deadlineState: string | null;
  receivedAt: string;
  unitName: string;
  assigneeName: string | null;
}
interface Page {
  items: Summary[];
  nextCursor: string | null;
}

describeEachEngine('case inbox', (engine) => {
  let t: TestApp;
  let root: TestUnit;
  let a: TestUnit;
  let a1: TestUnit;
  let b1: TestUnit;
  let handler: UserEntity;
  let other: UserEntity;
  let h: TestAgent;

  beforeAll(async () => {
    t = await TestApp.start(engine);
    root = await t.unit('Förvaltningen');
    a = await t.unit('Avdelning A', root, 'avdelning');
    a1 = await t.unit('Enhet A1', a);
    const b = await t.unit('Avdelning B', root, 'avdelning');
    b1 = await t.unit('Enhet B1', b);
    handler = await t.user('hl-a', a1, [['handlaggare', a]]);
    other = await t.user('hl-a2', a1, [['handlaggare', a]]);
    h = await t.login('hl-a');
  });
  afterAll(() => t.stop());

  async function all(agent: TestAgent, query: string): Promise<Summary[]> {
    const out: Summary[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await agent.get(
        `/api/cases?${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      expect(res.status).toBe(200);
      const page = res.body as Page;
      out.push(...page.items);
      after = page.nextCursor;
      if (!after) break;
    }
    return out;
  }

  it('lists only the cases in scope, never one routed away from the handler, with no content or counts', async () => {
    const own = await createTestCase(t.app, { unitId: a1.id, description: 'HEMLIG-TEXT-1' });
    const outside = await createTestCase(t.app, { unitId: b1.id });
    const routed = await createTestCase(t.app, { unitId: a1.id, routedAwayFrom: handler.id });
    const res = await h.get('/api/cases?limit=100');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object).sort()).toEqual(['items', 'nextCursor']);
    const ids = (res.body as Page).items.map((i) => i.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(outside.id);
    expect(ids).not.toContain(routed.id);
    expect(JSON.stringify(res.body)).not.toContain('HEMLIG-TEXT-1');
    expect((res.body as Page).items[0]).not.toHaveProperty('description');
    // the other handler of the unit sees the routed-away case
    const o = await t.login(other.username);
    const theirs = ((await o.get('/api/cases?limit=100')).body as Page).items.map((i) => i.id);
    expect(theirs).toContain(routed.id);
    // routed away: 404 on the case, and absent from the deadline board
    expect((await h.get(`/api/cases/${routed.id}`)).status).toBe(404);
    expect((await h.get(`/api/cases/${outside.id}`)).status).toBe(404);
  });

  it('pages with a keyset cursor that is stable across ties on receivedAt, in every sort', async () => {
    const unit = await t.unit('Sidenhet', a);
    const at = new Date('2026-02-10T09:00:00Z');
    const made: string[] = [];
    for (let i = 0; i < 7; i++)
      made.push(
        (
          await createTestCase(t.app, {
            unitId: unit.id,
            receivedAt: i < 5 ? at : new Date(at.getTime() + i * 60_000),
            track: i % 2 ? 'visselblasning' : 'paverkan',
          })
        ).id,
      );
    for (const sort of ['received', 'due', 'reference'])
      for (const order of ['asc', 'desc']) {
        const rows = await all(h, `unitId=${unit.id}&limit=2&sort=${sort}&order=${order}`);
        expect(rows.map((r) => r.id).sort()).toEqual([...made].sort());
        expect(new Set(rows.map((r) => r.id)).size).toBe(7);
        if (sort === 'received') {
          const times = rows.map((r) => r.receivedAt);
          expect(times).toEqual(
            [...times].sort((x, y) => (order === 'asc' ? (x < y ? -1 : 1) : x < y ? 1 : -1)),
          );
        }
        if (sort === 'due') {
          // nulls (påverkan) last
          const dues = rows.map((r) => r.nextDueOn);
          const firstNull = dues.indexOf(null);
          expect(dues.slice(firstNull).every((d) => d === null)).toBe(true);
        }
      }
    // default: newest first
    const def = await all(h, `unitId=${unit.id}&limit=3`);
    expect(def[0].receivedAt >= def[def.length - 1].receivedAt).toBe(true);
  });

  it('refuses a cursor of another sort, a forged cursor and a limit above 100', async () => {
    const first = (await h.get('/api/cases?limit=1&sort=reference')).body as Page;
    expect(first.nextCursor).toBeTruthy();
    const wrong = await h.get(`/api/cases?limit=1&sort=received&after=${first.nextCursor}`);
    expect(wrong.status).toBe(400);
    expect((await h.get('/api/cases?after=bm90LWpzb24')).status).toBe(400);
    expect((await h.get('/api/cases?limit=101')).status).toBe(400);
  });

  it('filters by track, category, status, unit subtree, reference prefix and deadline', async () => {
    const unit = await t.unit('Filterenhet', a);
    const sub = await t.unit('Underenhet', unit);
    t.clock.set(new Date('2026-03-02T08:00:00Z'));
    const vb = await createTestCase(t.app, {
      unitId: sub.id,
      track: 'visselblasning',
      category: 'korruptionsforsok',
      receivedAt: new Date('2026-02-20T10:00:00Z'), // ack due 2026-02-27: overdue
    });
    const soon = await createTestCase(t.app, {
      unitId: unit.id,
      track: 'visselblasning',
      receivedAt: new Date('2026-02-24T10:00:00Z'), // ack due 2026-03-03: due soon
    });
    const later = await createTestCase(t.app, {
      unitId: unit.id,
      track: 'visselblasning',
      receivedAt: new Date('2026-03-01T10:00:00Z'), // ack due 2026-03-08: open, not soon
    });
    const pav = await createTestCase(t.app, { unitId: unit.id, category: 'vald' });
    const ids = async (q: string) =>
      (await all(h, `unitId=${unit.id}&limit=100&${q}`)).map((r) => r.id).sort();
    expect(await ids('track=visselblasning')).toEqual([vb.id, soon.id, later.id].sort());
    expect(await ids('category=vald')).toEqual([pav.id]);
    expect(await ids('deadline=overdue')).toEqual([vb.id]);
    expect(await ids('deadline=due_soon')).toEqual([soon.id]);
    expect(await ids('deadline=open')).toEqual([vb.id, soon.id, later.id].sort());
    expect(await ids('status=bekraftad')).toEqual([]);
    expect((await all(h, `unitId=${sub.id}&limit=100`)).map((r) => r.id)).toEqual([vb.id]);
    expect((await all(h, `q=${vb.reference.toLowerCase()}`)).map((r) => r.id)).toEqual([vb.id]);
    const states = Object.fromEntries(
      (await all(h, `unitId=${unit.id}&limit=100`)).map((r) => [r.id, r.deadlineState]),
    );
    expect(states).toEqual({
      [vb.id]: 'overdue',
      [soon.id]: 'due_soon',
      [later.id]: 'due',
      [pav.id]: null,
    });
    const board = (await h.get('/api/cases/deadlines')).body as {
      items: Array<{ id: string; kind: string; state: string; dueOn: string }>;
    };
    expect(board.items.filter((i) => [vb.id, soon.id, later.id].includes(i.id))).toEqual([
      expect.objectContaining({
        id: vb.id,
        kind: 'acknowledgement',
        state: 'overdue',
        dueOn: '2026-02-27',
      }),
      expect.objectContaining({
        id: soon.id,
        kind: 'acknowledgement',
        state: 'due_soon',
        dueOn: '2026-03-03',
      }),
    ]);
  });

  it('the deadline board never shows a case routed away from the handler', async () => {
    const routed = await createTestCase(t.app, {
      unitId: a1.id,
      track: 'visselblasning',
      routedAwayFrom: handler.id,
      receivedAt: new Date('2026-02-01T10:00:00Z'),
    });
    const mine = ((await h.get('/api/cases/deadlines')).body as { items: Array<{ id: string }> })
      .items;
    expect(mine.map((i) => i.id)).not.toContain(routed.id);
    const o = await t.login(other.username);
    const theirs = ((await o.get('/api/cases/deadlines')).body as { items: Array<{ id: string }> })
      .items;
    expect(theirs.map((i) => i.id)).toContain(routed.id);
  });

  it('shows the case with its content, audits every view, and names only an identified reporter', async () => {
    const reporter = await t.user('rapportor', b1, [], { email: 'r@example.se' });
    const identified = await createTestCase(t.app, {
      unitId: a1.id,
      confidentiality: 'identified',
      reporter: identityOf(reporter),
      description: 'Någon erbjöd pengar.',
    });
    const confidential = await createTestCase(t.app, {
      unitId: a1.id,
      confidentiality: 'confidential',
      reporter: identityOf(reporter),
    });
    const res = await h.get(`/api/cases/${identified.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: identified.id,
      description: 'Någon erbjöd pengar.',
      identityState: 'identified',
      reporter: { displayName: reporter.displayName, username: 'rapportor', email: 'r@example.se' },
      version: 1,
    });
    await h.get(`/api/cases/${identified.id}`);
    const views = await t.auditEntries({ objectId: identified.id, action: 'case.viewed' });
    expect(views).toHaveLength(2);
    expect(JSON.parse(String(views[0].details))).toEqual({ what: 'case' });

    const conf = await h.get(`/api/cases/${confidential.id}`);
    expect(conf.body).toMatchObject({ identityState: 'hidden', reporter: null });
    const text = JSON.stringify(conf.body);
    expect(text).not.toContain('rapportor');
    expect(text).not.toContain(reporter.displayName);
    expect(text).not.toContain(reporter.id);
  });

  it('identity state of a confidential case follows the identity requests of THIS handler', async () => {
    const reporter = await t.user('rapp-id', b1);
    const c = await createTestCase(t.app, {
      unitId: a1.id,
      confidentiality: 'confidential',
      reporter: identityOf(reporter),
    });
    const state = async (agent: TestAgent) =>
      ((await agent.get(`/api/cases/${c.id}`)).body as { identityState: string }).identityState;
    const request = (requestedBy: string, status: 'pending' | 'approved' | 'refused', at: string) =>
      t.dataSource.getRepository(IdentityRequestEntity).insert({
        id: randomUUID(),
        caseId: c.id,
        requestedBy,
        motivationSealed: null,
        status,
        decidedBy: null,
        decidedAt: null,
        decisionSealed: null,
        createdAt: new Date(at),
      });
    const o = await t.login(other.username);
    expect(await state(h)).toBe('hidden');
    await request(other.id, 'approved', '2026-03-01T10:00:00Z'); // another handler's approval
    expect(await state(h)).toBe('hidden');
    expect(await state(o)).toBe('approved');
    await request(handler.id, 'refused', '2026-03-01T11:00:00Z');
    expect(await state(h)).toBe('refused');
    await request(handler.id, 'pending', '2026-03-01T12:00:00Z');
    expect(await state(h)).toBe('requested');
    await request(handler.id, 'approved', '2026-03-01T13:00:00Z');
    const body = (await h.get(`/api/cases/${c.id}`)).body as Record<string, unknown>;
    // approved: the state says so, but the identity itself is only on the audited /identity route
    expect(body).toMatchObject({ identityState: 'approved', reporter: null });
    expect(JSON.stringify(body)).not.toContain(reporter.displayName);
  });

  it('refuses administrators, auditors, managers and controllers — also when they are handlers elsewhere', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id });
    const cb = await createTestCase(t.app, { unitId: b1.id });
    for (const role of ['administrator', 'internrevisor', 'chef', 'avtalscontroller'] as const) {
      const u = await t.user(`x-${role}`, a1, [[role, root]]);
      const agent = await t.login(u.username);
      expect((await agent.get('/api/cases')).status).toBe(403);
      expect((await agent.get(`/api/cases/${c.id}`)).status).toBe(403);
    }
    // an administrator of A who is also handläggare of B: the blanket rule wins everywhere
    const mixed = await t.user('x-mixed', a1, [
      ['administrator', a],
      ['handlaggare', root],
    ]);
    const m = await t.login(mixed.username);
    expect((await m.get('/api/cases?limit=100')).status).toBe(403);
    expect((await m.get('/api/cases/deadlines')).status).toBe(403);
    expect((await m.get(`/api/cases/${cb.id}`)).status).toBe(403);
    expect((await m.get(`/api/cases/${c.id}`)).status).toBe(403);
    expect(await t.auditEntries({ objectId: c.id, action: 'case.viewed' })).toEqual([]);
  });
});
