import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { describeEachEngine, TestApp, uniq } from '../../testing/test-app';
import { isDatabaseUnavailable } from '../database/db-errors';
import { JobScheduler } from '../jobs/job-scheduler';
import { DbThrottlerStorage } from './db-throttler-storage';
import { THROTTLE_SWEEP_JOB } from './throttle.module';

const MINUTE = 60_000;

describeEachEngine('Throttle counters in the database', (engine) => {
  let t: TestApp;
  let storage: DbThrottlerStorage;
  beforeAll(async () => {
    t = await TestApp.start(engine, { LOGIN_RATE_PER_MINUTE: '3' });
    storage = t.app.get(DbThrottlerStorage);
  });
  afterAll(() => t.stop());

  const rows = async () =>
    (
      await t.dataSource.query<Array<{ key: string; hits: number | string }>>(
        'SELECT "key", "hits" FROM throttle_hits',
      )
    ).map((r) => ({ key: r.key, hits: Number(r.hits) }));

  it('allows `limit` hits in a window, blocks the next for the block duration, then starts afresh', async () => {
    const key = uniq('k');
    const hit = () => storage.increment(key, MINUTE, 3, MINUTE, 'default');
    const first = [await hit(), await hit(), await hit()];
    expect(first.map((r) => [r.totalHits, r.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
    expect(first[0].timeToExpire).toBe(60);
    t.clock.advance(10_000);
    const fourth = await hit();
    expect(fourth).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
    // the window would have ended here, but the block (from the 4th hit) is still in force
    t.clock.advance(55_000);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 5 });
    t.clock.advance(5_000);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });

  it('starts a new window when the old one is over (no block)', async () => {
    const key = uniq('k');
    const hit = () => storage.increment(key, MINUTE, 5, MINUTE, 'default');
    await hit();
    await hit();
    t.clock.advance(MINUTE);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts throttlers and keys apart', async () => {
    const key = uniq('k');
    await storage.increment(key, MINUTE, 1, MINUTE, 'report');
    expect(await storage.increment(key, MINUTE, 1, MINUTE, 'receipt')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
    expect(await storage.increment(uniq('k'), MINUTE, 1, MINUTE, 'report')).toMatchObject({
      totalHits: 1,
    });
    expect(await storage.increment(key, MINUTE, 1, MINUTE, 'report')).toMatchObject({
      totalHits: 2,
      isBlocked: true,
    });
  });

  it('counts concurrent hits exactly: each sees its own count and exactly `limit` pass', async () => {
    const key = uniq('k');
    const results = await Promise.all(
      Array.from({ length: 40 }, () => storage.increment(key, MINUTE, 15, MINUTE, 'default')),
    );
    expect(results.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(15);
  });

  it('stores neither the address nor the guard’s plain hash of it', async () => {
    const ip = '203.0.113.77';
    const guardKey = createHash('sha256')
      .update(`AuthController-login-default-${ip}`)
      .digest('hex');
    await storage.increment(guardKey, MINUTE, 10, MINUTE, 'default');
    // over HTTP too: the sign-in throttle's own key for this client
    await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'x' });
    const stored = await rows();
    expect(stored.length).toBeGreaterThan(0);
    for (const r of stored) {
      expect(r.key).toMatch(/^[0-9a-f]{64}$/);
      expect(r.key).not.toBe(guardKey);
      expect(r.key).not.toContain('203.0.113');
      expect(r.key).not.toBe(createHash('sha256').update(`default\n${guardKey}`).digest('hex'));
    }
    const dump = JSON.stringify(await t.dataSource.query('SELECT * FROM throttle_hits'));
    expect(dump).not.toMatch(/127\.0\.0\.1|::1|::ffff|203\.0\.113/);
  });

  it('inside a request transaction: joins it on SQLite, counts on its own on PostgreSQL', async () => {
    const key = uniq('k');
    await expect(
      t.db.transaction(async () => {
        expect(await storage.increment(key, MINUTE, 5, MINUTE, 'default')).toMatchObject({
          totalHits: 1,
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const after = await storage.increment(key, MINUTE, 5, MINUTE, 'default');
    // PostgreSQL: an attempt counts even when the work around it rolls back; SQLite has one
    // writer connection, so the hit is part of the transaction it was made in
    expect(after.totalHits).toBe(engine === 'postgres' ? 2 : 1);
    // and a committed transaction keeps it on both
    await t.db.transaction(() => storage.increment(key, MINUTE, 5, MINUTE, 'default'));
    expect((await storage.increment(key, MINUTE, 5, MINUTE, 'default')).totalHits).toBe(
      engine === 'postgres' ? 4 : 3,
    );
  });

  it('the sweep job deletes the counters that are over and keeps live windows and blocks', async () => {
    await t.dataSource.query('DELETE FROM throttle_hits');
    const [over, live, blocked] = [uniq('over'), uniq('live'), uniq('blocked')];
    await storage.increment(over, MINUTE, 5, MINUTE, 'default');
    await storage.increment(blocked, MINUTE, 1, 10 * MINUTE, 'default');
    await storage.increment(blocked, MINUTE, 1, 10 * MINUTE, 'default');
    t.clock.advance(2 * MINUTE);
    await storage.increment(live, MINUTE, 5, MINUTE, 'default');
    expect(await rows()).toHaveLength(3);
    const outcome = await t.app.get(JobScheduler).runDue([THROTTLE_SWEEP_JOB]);
    expect(outcome[THROTTLE_SWEEP_JOB]).toBe('ran');
    expect((await rows()).map((r) => r.hits).sort()).toEqual([1, 2]);
    // the block is still in force after the sweep
    expect(await storage.increment(blocked, MINUTE, 1, 10 * MINUTE, 'default')).toMatchObject({
      isBlocked: true,
    });
  });

  it('sign-in over HTTP: the 4th attempt in a minute is refused 429 with Retry-After', async () => {
    // a fresh minute for this client address
    t.clock.advance(10 * MINUTE);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ username: uniq('u'), password: 'x' })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
    const res = await t.http().post('/api/auth/login').send({ username: 'u', password: 'x' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  if (engine === 'sqlite')
    it('a database locked beyond the busy timeout: the hit fails as unavailable and sign-in answers 503', async () => {
      t.clock.advance(10 * MINUTE);
      const db = t.config.database;
      if (db.type !== 'sqlite') throw new Error('SQLite expected');
      const other = new Database(db.path);
      try {
        other.prepare('BEGIN EXCLUSIVE').run();
        const err: unknown = await storage.increment(uniq('k'), MINUTE, 5, MINUTE, 'default').then(
          () => null,
          (e: unknown) => e,
        );
        expect(isDatabaseUnavailable(err)).toBe(true);
        const res = await t.http().post('/api/auth/login').send({ username: 'u', password: 'x' });
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ code: 'service_unavailable' });
      } finally {
        other.prepare('ROLLBACK').run();
        other.close();
      }
      expect(
        (await t.http().post('/api/auth/login').send({ username: 'u', password: 'x' })).status,
      ).toBe(401);
    }, 30_000);
});
