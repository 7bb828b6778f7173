import { describeEachEngine, TestApp, uniq } from '../../testing/test-app';
import { Db } from '../database/db';
import { AuditService } from './audit.service';

class Rollback extends Error {}

/** The write side of the audit log: entries are buffered in the unit of work and written last. */
describeEachEngine('Audit entries in the unit of work', (engine) => {
  let t: TestApp;
  let db: Db;
  let audit: AuditService;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    db = t.app.get(Db);
    audit = t.app.get(AuditService);
  });
  afterAll(() => t.stop());

  const entries = (objectId: string) => t.auditEntries({ objectId });

  it('a transaction that rolls back writes none of its entries', async () => {
    const id = uniq('obj');
    const done = db.transaction(async () => {
      await audit.record({ action: 'test.one', objectType: 'Test', objectId: id });
      await audit.record({ action: 'test.two', objectType: 'Test', objectId: id });
      throw new Rollback();
    });
    await expect(done).rejects.toBeInstanceOf(Rollback);
    expect(await entries(id)).toEqual([]);
  });

  it('keeps the order of the entries of one transaction, consecutively, with an intact chain', async () => {
    const id = uniq('obj');
    await db.transaction(async () => {
      for (const action of ['test.a', 'test.b', 'test.c', 'test.d'])
        await audit.record({ action, objectType: 'Test', objectId: id });
    });
    const rows = await entries(id);
    expect(rows.map((r) => r.action)).toEqual(['test.a', 'test.b', 'test.c', 'test.d']);
    expect(rows.map((r) => r.seq - rows[0].seq)).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('one transaction may record more entries than one INSERT can bind (SQLite: 32,766 parameters)', async () => {
    const id = uniq('obj');
    const n = 6000; // ≈ 66,000 bound parameters in one statement: over both engines' limits
    await db.transaction(async () => {
      for (let i = 0; i < n; i++)
        await audit.record({
          action: 'test.bulk',
          objectType: 'Test',
          objectId: id,
          details: { i },
        });
    });
    const rows = await entries(id);
    expect(rows).toHaveLength(n);
    expect(rows.map((r) => r.seq - rows[0].seq)).toEqual(rows.map((_, i) => i));
    expect(rows.map((r) => (JSON.parse(r.details) as { i: number }).i)).toEqual(
      rows.map((_, i) => i),
    );
    expect((await audit.verify()).ok).toBe(true);
  });

  it('an entry recorded outside a transaction is committed when record() resolves', async () => {
    const id = uniq('obj');
    await audit.record({ action: 'test.alone', objectType: 'Test', objectId: id });
    expect((await entries(id)).map((r) => r.action)).toEqual(['test.alone']);
  });

  it('entries recorded outside a transaction at the same time are group-committed', async () => {
    const id = uniq('obj');
    const spy = jest.spyOn(db, 'transaction');
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          audit.record({
            action: 'access.denied',
            outcome: 'denied',
            objectType: 'Test',
            objectId: id,
            details: { i },
          }),
        ),
      );
      // one transaction for the first entry, one for all that arrived while it was written
      expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
    expect(await entries(id)).toHaveLength(40);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('does not hold the chain lock while the transaction that recorded an entry is still open', async () => {
    // SQLite runs one transaction at a time anyway (the writer queue); PostgreSQL runs them in
    // parallel, and there the chain lock must be taken only at commit.
    if (engine !== 'postgres') return;
    const id = uniq('obj');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let recorded!: () => void;
    const recordedP = new Promise<void>((r) => (recorded = r));
    const slow = db.transaction(async () => {
      await audit.record({ action: 'test.slow', objectType: 'Test', objectId: id });
      recorded();
      await gate;
    });
    await recordedP;
    try {
      const other = audit.record({ action: 'test.other', objectType: 'Test', objectId: id });
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        other.then(() => 'committed'),
        new Promise((r) => (timer = setTimeout(() => r('blocked'), 3000))),
      ]);
      clearTimeout(timer);
      expect(outcome).toBe('committed');
    } finally {
      release();
      await slow;
    }
    expect((await entries(id)).map((r) => r.action)).toEqual(['test.other', 'test.slow']);
    expect((await audit.verify()).ok).toBe(true);
  });
});
