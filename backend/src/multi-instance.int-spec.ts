import { setTimeout as sleep } from 'node:timers/promises';
import { JobLeaseEntity } from './core/jobs/entities/job-lease.entity';
import { JobContext, JobScheduler } from './core/jobs/job-scheduler';
import { THROTTLE_SWEEP_JOB } from './core/throttle/throttle.module';
import {
  describeEachEngine,
  sessionCookie,
  TestApp,
  TEST_PASSWORD,
  uniq,
} from './testing/test-app';

const MINUTE = 60_000;
const LOGIN_LIMIT = 5;
const RECEIPT_LIMIT = 4;

/**
 * Two instances of Värn on ONE database, as behind a load balancer without sticky sessions
 * (docs/deployment.md): what one instance does, the other must see. On PostgreSQL this is the
 * deployment; on SQLite (one file, two writer connections in one process) it checks that the
 * same mechanisms do not depend on the engine.
 *
 * Every assertion here fails when the shared mechanism is replaced by a per-instance one: the
 * in-memory throttler storage lets LOGIN_LIMIT attempts through on EACH instance, a lease that
 * always grants runs the job on both, and a session kept in memory is unknown to the other.
 */
describeEachEngine('Two instances on one database', (engine) => {
  let a: TestApp;
  let b: TestApp;
  const env = {
    LOGIN_RATE_PER_MINUTE: String(LOGIN_LIMIT),
    PUBLIC_SESSION_RATE_PER_MINUTE: String(RECEIPT_LIMIT),
  };
  beforeAll(async () => {
    a = await TestApp.start(engine, env);
    b = await TestApp.start(engine, env, { sameDatabaseAs: a });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  /** Both instances' clocks at the same moment (each window starts at the first hit). */
  const advanceBoth = (ms: number) => {
    a.clock.advance(ms);
    b.clock.advance(ms);
  };

  it('a session signed in on instance 1 works on instance 2, and signing out on 2 ends it on 1', async () => {
    const unit = await a.unit(uniq('Enhet'));
    const user = await a.user(uniq('anna'), unit, [['handlaggare', unit]]);
    const login = await a
      .http()
      .post('/api/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(200);
    const cookie = sessionCookie(login);

    const onB = await b.http().get('/api/me').set('Cookie', cookie).expect(200);
    expect(onB.body).toMatchObject({ id: user.id, username: user.username });
    await a.http().get('/api/me').set('Cookie', cookie).expect(200);

    await b.http().post('/api/auth/logout').set('Cookie', cookie).expect(204);
    const onA = await a.http().get('/api/me').set('Cookie', cookie);
    expect({ status: onA.status, code: (onA.body as { code?: string }).code }).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    await b.http().get('/api/me').set('Cookie', cookie).expect(401);
  });

  it('a scheduled job runs exactly once per interval when both schedulers race for it', async () => {
    const sa = a.app.get(JobScheduler);
    const sb = b.app.get(JobScheduler);
    const T0 = Math.ceil(a.clock.now().getTime() / MINUTE) * MINUTE;
    a.clock.set(new Date(T0));
    b.clock.set(new Date(T0));
    const runs: Array<{ by: string; interval: number }> = [];
    const job = (by: string) => ({
      name: 'test.multi-instance',
      everyMs: MINUTE,
      run: async ({ now }: JobContext) => {
        runs.push({ by, interval: Math.floor(now.getTime() / MINUTE) });
        await sleep(20); // still running while the other instance asks
      },
    });
    sa.register(job('a'));
    sb.register(job('b'));
    const names = ['test.multi-instance', THROTTLE_SWEEP_JOB];

    const ROUNDS = 6;
    const sweepRunsBefore = (await lease(THROTTLE_SWEEP_JOB))?.runs ?? 0;
    let sweeps = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // both instances, several ticks each, all at once
      const outcomes = await Promise.all([
        sa.runDue(names),
        sb.runDue(names),
        sb.runDue(names),
        sa.runDue(names),
      ]);
      expect(outcomes.filter((o) => o['test.multi-instance'] === 'ran')).toHaveLength(1);
      sweeps += outcomes.filter((o) => o[THROTTLE_SWEEP_JOB] === 'ran').length;
      // the throttle sweep runs every 5 minutes: at most once in any round
      expect(outcomes.filter((o) => o[THROTTLE_SWEEP_JOB] === 'ran').length).toBeLessThanOrEqual(1);
      advanceBoth(MINUTE);
    }
    const first = Math.floor(T0 / MINUTE);
    expect(runs.map((r) => r.interval)).toEqual(
      Array.from({ length: ROUNDS }, (_, i) => first + i),
    );
    expect((await lease('test.multi-instance'))?.runs).toBe(ROUNDS);
    expect((await lease(THROTTLE_SWEEP_JOB))?.runs).toBe(sweepRunsBefore + sweeps);
    // six minutes: the five-minute sweep ran once or twice, never once per instance
    expect(sweeps).toBeGreaterThanOrEqual(1);
    expect(sweeps).toBeLessThanOrEqual(2);

    function lease(name: string) {
      return a.dataSource.getRepository(JobLeaseEntity).findOneBy({ name });
    }
  });

  it('the sign-in throttle holds across instances: attempts split over both, the (limit+1)th is refused', async () => {
    advanceBoth(10 * MINUTE);
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 2; i++) {
      const via = i % 2 === 0 ? a : b;
      const res = await via
        .http()
        .post('/api/auth/login')
        .send({ username: uniq('nobody'), password: 'fel-lösenord-1' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(LOGIN_LIMIT).fill(401), 429, 429]);
    // …and refused on both instances while the block lasts
    await a.http().post('/api/auth/login').send({ username: 'x', password: 'y' }).expect(429);
    await b.http().post('/api/auth/login').send({ username: 'x', password: 'y' }).expect(429);
  });

  it('the sign-in throttle counts exactly under a concurrent burst on both instances', async () => {
    advanceBoth(10 * MINUTE);
    const burst = await Promise.all(
      Array.from({ length: 4 * LOGIN_LIMIT }, (_, i) =>
        (i % 2 === 0 ? a : b)
          .http()
          .post('/api/auth/login')
          .send({ username: uniq('nobody'), password: 'fel-lösenord-1' }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3 * LOGIN_LIMIT);
  });

  it('the receipt-code throttle of the public routes holds across instances', async () => {
    advanceBoth(10 * MINUTE);
    const statuses: number[] = [];
    for (let i = 0; i < RECEIPT_LIMIT + 2; i++) {
      const via = i % 2 === 0 ? b : a;
      statuses.push(
        (await via.http().post('/api/public/session').send({ receiptCode: '1234' })).status,
      );
    }
    expect(statuses).toEqual([...Array<number>(RECEIPT_LIMIT).fill(401), 429, 429]);
    const refused = await a.http().post('/api/public/session').send({ receiptCode: '1234' });
    expect(refused.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    expect(Number(refused.headers['retry-after-receipt'])).toBeGreaterThan(0);
  });
});
