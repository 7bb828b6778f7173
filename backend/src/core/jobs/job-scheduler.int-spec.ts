import { setTimeout as sleep } from 'node:timers/promises';
import { describeEachEngine, TestApp } from '../../testing/test-app';
import { JobLeaseEntity } from './entities/job-lease.entity';
import { JobContext, JobScheduler } from './job-scheduler';

const MINUTE = 60_000;
/** Aligned to a whole minute: intervals of a minute start here. */
const T0 = new Date('2026-03-02T08:00:00Z');

describeEachEngine('Scheduled jobs under a database lease', (engine) => {
  // two instances of Värn on ONE database (on SQLite: one file, two writer connections)
  let a: TestApp;
  let b: TestApp;
  let sa: JobScheduler;
  let sb: JobScheduler;
  beforeAll(async () => {
    a = await TestApp.start(engine);
    b = await TestApp.start(engine, {}, { sameDatabaseAs: a });
    sa = a.app.get(JobScheduler);
    sb = b.app.get(JobScheduler);
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  const setClocks = (at: Date) => {
    a.clock.set(at);
    b.clock.set(at);
  };
  const lease = (name: string) =>
    a.dataSource.getRepository(JobLeaseEntity).findOneByOrFail({ name });

  it('is off in tests unless started, and the instances have different ids', () => {
    expect(a.config.jobs.enabled).toBe(false);
    expect(sa.instanceId).not.toBe(sb.instanceId);
  });

  it('runs a job exactly once per interval when two instances race for it', async () => {
    setClocks(T0);
    const runs: Array<{ by: string; interval: number }> = [];
    const job = (by: string) => ({
      name: 'test.race',
      everyMs: MINUTE,
      run: async ({ now }: JobContext) => {
        runs.push({ by, interval: Math.floor(now.getTime() / MINUTE) });
        await sleep(5); // still running when the other instance asks
      },
    });
    sa.register(job('a'));
    sb.register(job('b'));

    const N = 6;
    for (let i = 0; i < N; i++) {
      // several attempts from both instances within the same interval, all at once
      const outcomes = await Promise.all([sa.runDue(), sb.runDue(), sb.runDue(), sa.runDue()]);
      const ran = outcomes.map((o) => o['test.race']).filter((o) => o === 'ran');
      expect(ran).toHaveLength(1);
      const again = await Promise.all([sa.runDue(), sb.runDue()]);
      expect(again.map((o) => o['test.race'])).toEqual(['not_due', 'not_due']);
      // somewhere inside the next interval
      setClocks(new Date(T0.getTime() + (i + 1) * MINUTE + ((i * 7919) % MINUTE)));
    }

    const first = Math.floor(T0.getTime() / MINUTE);
    expect(runs.map((r) => r.interval)).toEqual(Array.from({ length: N }, (_, i) => first + i));
    const row = await lease('test.race');
    expect(row).toMatchObject({ runs: N, failures: 0, lastResult: 'ok', holder: null });
    expect(row.nextRunAt.getTime()).toBe(T0.getTime() + N * MINUTE);
  });

  it("lets another instance take over when a holder's lease expires (crash)", async () => {
    setClocks(T0);
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let aStarted = false;
    const bRuns: Date[] = [];
    sa.register({
      name: 'test.crash',
      everyMs: 10 * MINUTE,
      leaseMs: MINUTE,
      run: async () => {
        aStarted = true;
        await stuck; // a holder that hangs (or crashed) with the lease
      },
    });
    sb.register({
      name: 'test.crash',
      everyMs: 10 * MINUTE,
      leaseMs: MINUTE,
      run: ({ now }) => {
        bRuns.push(now);
        return Promise.resolve();
      },
    });

    const aRun = sa.runDue();
    while (!aStarted) await sleep(2);
    expect((await sb.runDue())['test.crash']).toBe('not_due');
    setClocks(new Date(T0.getTime() + MINUTE - 1));
    expect((await sb.runDue())['test.crash']).toBe('not_due');

    // the lease has expired; the interval has not: B runs the job in A's place
    setClocks(new Date(T0.getTime() + MINUTE));
    expect((await sb.runDue())['test.crash']).toBe('ran');
    expect(bRuns).toHaveLength(1);

    // A comes back: its run is not recorded, and it does not disturb B's record
    release();
    expect((await aRun)['test.crash']).toBe('lease_lost');
    const row = await lease('test.crash');
    expect(row).toMatchObject({ runs: 1, lastResult: 'ok', holder: null, leasedUntil: null });
    expect(row.nextRunAt.getTime()).toBe(T0.getTime() + 10 * MINUTE);
    expect((await sb.runDue())['test.crash']).toBe('not_due');
  });

  it('records a failing job without its message, and runs the other jobs', async () => {
    setClocks(T0);
    let worked = 0;
    sa.register({
      name: 'test.fails',
      everyMs: MINUTE,
      run: () => Promise.reject(new Error('detaljer som inte hör hemma i databasen')),
    });
    sa.register({
      name: 'test.works',
      everyMs: MINUTE,
      run: () => {
        worked++;
        return Promise.resolve();
      },
    });
    const outcomes = await sa.runDue();
    expect(outcomes['test.fails']).toBe('failed');
    expect(outcomes['test.works']).toBe('ran');
    expect(worked).toBe(1);
    const row = await lease('test.fails');
    expect(row).toMatchObject({ lastResult: 'failed', lastError: 'Error', failures: 1, runs: 1 });
    expect(JSON.stringify(row)).not.toContain('detaljer');

    // a failure does not stop the schedule: the next interval runs again
    setClocks(new Date(T0.getTime() + MINUTE));
    expect((await sa.runDue())['test.fails']).toBe('failed');
    expect((await lease('test.fails')).failures).toBe(2);
  });

  it('refuses bad and duplicate registrations', () => {
    const run = () => Promise.resolve();
    expect(() => sa.register({ name: 'Bad Name', everyMs: MINUTE, run })).toThrow();
    expect(() => sa.register({ name: 'test.fast', everyMs: 10, run })).toThrow();
    expect(() => sa.register({ name: 'test.works', everyMs: MINUTE, run })).toThrow(/twice/);
  });

  it('when enabled, runs due jobs on its own from bootstrap and stops on shutdown', async () => {
    const c = await TestApp.start(engine, { JOBS_ENABLED: 'true' });
    try {
      const sc = c.app.get(JobScheduler);
      let runs = 0;
      sc.register({
        name: 'test.timer',
        everyMs: MINUTE,
        run: async () => {
          runs++;
          await sleep(50);
        },
      });
      for (let i = 0; i < 100 && runs === 0; i++) await sleep(50);
      expect(runs).toBe(1);
      const row = await c.dataSource
        .getRepository(JobLeaseEntity)
        .findOneByOrFail({ name: 'test.timer' });
      expect(row.holder === null || row.holder.startsWith(sc.instanceId)).toBe(true);
    } finally {
      // waits for the run in progress before the database closes
      await c.stop();
    }
  });
});
