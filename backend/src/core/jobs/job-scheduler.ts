import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Clock } from '../clock/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobLeaseRepository } from './job-lease.repository';

/** What a job gets when it runs. */
export interface JobContext {
  /** The time the run started (from the injected Clock). */
  readonly now: Date;
}

export interface JobDefinition {
  /** Stable name, also the lease's key: lower-case letters, digits, `.`, `_`, `-` (≤ 64). */
  readonly name: string;
  /** Length of an interval: the job runs at most once in each (aligned to the epoch). */
  readonly everyMs: number;
  /**
   * How long a run may take before another instance may assume this one crashed and run the job
   * again (default 5 minutes). Make it longer than the job's slowest run.
   */
  readonly leaseMs?: number;
  /**
   * The work. It may run again for the same interval after a crash (at-least-once), so it must
   * be idempotent: each step decides from the database what is still to do.
   */
  readonly run: (ctx: JobContext) => Promise<void>;
}

export type JobOutcome = 'ran' | 'failed' | 'not_due' | 'busy' | 'lease_lost';

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const DEFAULT_LEASE_MS = 5 * 60_000;
/** How often a running instance looks for due jobs. */
const TICK_MS = 10_000;

/** The start of the interval after the one `at` falls in. */
export function nextIntervalStart(at: Date, everyMs: number): Date {
  return new Date((Math.floor(at.getTime() / everyMs) + 1) * everyMs);
}

/** The error's name and code for the lease table and the log: never its message or data. */
export function errorLabel(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return (
      typeof code === 'string' || typeof code === 'number' ? `${e.name} ${code}` : e.name
    ).slice(0, 300);
  }
  return 'unknown';
}

/**
 * Scheduled work inside the server, under a database lease (ADR 0011). Features register named
 * jobs in their `onModuleInit`; when JOBS_ENABLED (default on, off in tests) the scheduler looks
 * every few seconds for due jobs from application bootstrap until shutdown. Tests call
 * `runDue()` themselves with a ManualClock.
 *
 * A run starts only when this instance takes the job's lease row with one conditional UPDATE
 * (due, and no live lease): with several instances on one database, each interval runs once.
 * A holder that crashes loses the lease when it expires, and another instance runs the job
 * again. A failing job is logged (name and error code, no stack to any client) and recorded in
 * its lease row; it does not stop the others.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, JobDefinition>();
  /** Runs in progress in this instance, by job name. */
  private readonly running = new Map<string, Promise<JobOutcome>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Identifies this instance in lease rows (several apps in one process get different ids). */
  readonly instanceId = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly leases: JobLeaseRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(job: JobDefinition): void {
    if (!NAME.test(job.name)) throw new Error(`Job name "${job.name}" is not a valid job name`);
    if (this.jobs.has(job.name)) throw new Error(`Job "${job.name}" is registered twice`);
    if (!Number.isInteger(job.everyMs) || job.everyMs < 1000)
      throw new Error(`Job "${job.name}": everyMs must be an integer ≥ 1000`);
    if (job.leaseMs !== undefined && (!Number.isInteger(job.leaseMs) || job.leaseMs < 1000))
      throw new Error(`Job "${job.name}": leaseMs must be an integer ≥ 1000`);
    this.jobs.set(job.name, job);
  }

  get names(): string[] {
    return [...this.jobs.keys()];
  }

  onApplicationBootstrap(): void {
    if (this.config.jobs.enabled) this.start();
  }

  /** Looks for due jobs every few seconds until `stop()`. */
  start(): void {
    if (this.timer || this.stopped) return;
    const tick = () => {
      this.runDue().catch((e: unknown) => this.logger.error(`tick failed: ${errorLabel(e)}`));
    };
    this.timer = setInterval(tick, TICK_MS);
    this.timer.unref();
    setTimeout(tick, 1000).unref();
  }

  /** Stops looking for jobs and waits for the runs in progress (before the database closes). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running.values()]);
  }

  /**
   * Runs every registered job that is due and whose lease this instance gets; resolves when
   * they have finished. A job still running in this instance is not started again.
   */
  async runDue(only?: readonly string[]): Promise<Record<string, JobOutcome>> {
    const outcomes: Record<string, JobOutcome> = {};
    await Promise.all(
      [...this.jobs.values()]
        .filter((job) => !only || only.includes(job.name))
        .map(async (job) => {
          if (this.stopped || this.running.has(job.name)) {
            outcomes[job.name] = 'busy';
            return;
          }
          const run = this.runOne(job).finally(() => this.running.delete(job.name));
          this.running.set(job.name, run);
          outcomes[job.name] = await run;
        }),
    );
    return outcomes;
  }

  private async runOne(job: JobDefinition): Promise<JobOutcome> {
    const startedAt = this.clock.now();
    const holder = `${this.instanceId}/${randomBytes(6).toString('hex')}`;
    const leasedUntil = new Date(startedAt.getTime() + (job.leaseMs ?? DEFAULT_LEASE_MS));
    let acquired: boolean;
    try {
      acquired = await this.leases.acquire(job.name, holder, startedAt, leasedUntil);
    } catch (e) {
      this.logger.warn(`${job.name}: could not take the lease (${errorLabel(e)})`);
      return 'busy';
    }
    if (!acquired) return 'not_due';

    let error: string | null = null;
    try {
      await job.run({ now: startedAt });
    } catch (e) {
      error = errorLabel(e);
      // the stack stays in the server log; nothing of it reaches a client or the database
      this.logger.error(`${job.name} failed: ${error}`, e instanceof Error ? e.stack : undefined);
    }
    const finishedAt = this.clock.now();
    try {
      const kept = await this.leases.release(job.name, holder, {
        startedAt,
        finishedAt,
        nextRunAt: nextIntervalStart(startedAt, job.everyMs),
        result: error ? 'failed' : 'ok',
        error,
      });
      if (!kept) {
        this.logger.warn(`${job.name}: the run outlived its lease and was taken over`);
        return 'lease_lost';
      }
    } catch (e) {
      // the lease expires on its own; the job then runs again
      this.logger.error(`${job.name}: could not record the run (${errorLabel(e)})`);
    }
    return error ? 'failed' : 'ran';
  }
}
