import { randomUUID } from 'node:crypto';
import { SessionEntity } from '../../auth/entities/session.entity';
import { RoleAssignmentEntity } from '../../users/entities/role-assignment.entity';
import { describeEachEngine, TestApp, uniq } from '../../testing/test-app';
import { Db } from './db';

class Rollback extends Error {}

/**
 * A transaction that has done its writes and waits: `opened` resolves when the writes are done,
 * `rollback()` makes it throw (so it rolls back) and resolves when it has ended.
 */
function heldTransaction(db: Db, writes: () => Promise<void>) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let opened!: () => void;
  const openedP = new Promise<void>((r) => (opened = r));
  const done = db.transaction(async () => {
    await writes();
    opened();
    await gate;
    throw new Rollback('rolled back on purpose');
  });
  return {
    opened: openedP,
    rollback: async () => {
      release();
      await expect(done).rejects.toBeInstanceOf(Rollback);
    },
  };
}

describeEachEngine('Transaction isolation', (engine) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    db = t.app.get(Db);
  });
  afterAll(() => t.stop());

  it('a role grant that is later rolled back is never visible to a concurrent request', async () => {
    const root = await t.unit(uniq('Förvaltning'));
    const unit = await t.unit(uniq('Enhet'), root);
    const user = await t.user(uniq('anna'), unit);
    const agent = await t.login(user.username);
    const before = (await agent.get('/api/me/abilities').expect(200)).body as unknown;

    const held = heldTransaction(db, async () => {
      await db.repo(RoleAssignmentEntity).insert({
        id: randomUUID(),
        userId: user.id,
        role: 'administrator',
        unitId: root.id,
        createdAt: t.clock.now(),
        createdBy: null,
      });
    });
    await held.opened;
    try {
      // while the grant is uncommitted, the user has no role and may not list users
      const me = await agent.get('/api/me').expect(200);
      expect((me.body as { roles: unknown[] }).roles).toEqual([]);
      const abilities = await agent.get('/api/me/abilities').expect(200);
      expect(abilities.body).toEqual(before);
      await agent.get('/api/users?page=1').expect(403);
    } finally {
      await held.rollback();
    }
    // and after the rollback it never existed
    expect(await db.repo(RoleAssignmentEntity).countBy({ userId: user.id })).toBe(0);
  });

  it("a session touch is not undone by a concurrent request's rollback", async () => {
    const root = await t.unit(uniq('Förvaltning'));
    const user = await t.user(uniq('bo'), root);
    const agent = await t.login(user.username);
    const session = await db.repo(SessionEntity).findOneByOrFail({ userId: user.id });

    // far enough for the guard to write lastSeenAt again
    t.clock.advance(5 * 60_000);
    const touchedAt = t.clock.now();
    const held = heldTransaction(db, async () => {
      await db.repo(RoleAssignmentEntity).insert({
        id: randomUUID(),
        userId: user.id,
        role: 'administrator',
        unitId: root.id,
        createdAt: t.clock.now(),
        createdBy: null,
      });
    });
    await held.opened;
    // started while the other transaction is open; on SQLite its touch waits for it
    const pending = agent.get('/api/me').then((r) => r);
    await new Promise((r) => setTimeout(r, 150));
    await held.rollback();
    expect((await pending).status).toBe(200);

    const after = await db.repo(SessionEntity).findOneByOrFail({ id: session.id });
    expect(after.lastSeenAt.getTime()).toBe(touchedAt.getTime());
  });

  it('a write outside a transaction is refused instead of joining an open one', async () => {
    if (engine !== 'sqlite') return; // PostgreSQL: every statement has its own pooled connection
    await expect(db.repo(RoleAssignmentEntity).delete({ id: randomUUID() })).rejects.toThrow(
      /readonly/i,
    );
  });
});
