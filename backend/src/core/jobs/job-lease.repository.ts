import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Db } from '../database/db';
import { JobLeaseEntity, JobResult } from './entities/job-lease.entity';

export interface RunRecord {
  startedAt: Date;
  finishedAt: Date;
  nextRunAt: Date;
  result: JobResult;
  error: string | null;
}

/** How often a lease write that met a busy SQLite database is retried before giving up. */
const BUSY_RETRIES = 40;

/**
 * The lease table. Every write is one short transaction whose first statement is a write, and
 * taking or giving back a lease is one conditional UPDATE: the database decides who wins.
 */
@Injectable()
export class JobLeaseRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes the lease of `name` for `holder` until `leasedUntil` when the job is due (nextRunAt
   * <= now) and nobody holds a live lease. Creates the job's row (due now) the first time.
   * Returns whether this holder got it.
   */
  acquire(name: string, holder: string, now: Date, leasedUntil: Date): Promise<boolean> {
    return this.write(async () => {
      await this.db
        .repo(JobLeaseEntity)
        .createQueryBuilder()
        .insert()
        .into(JobLeaseEntity)
        .values({
          name,
          holder: null,
          leasedUntil: null,
          nextRunAt: now,
          lastRunAt: null,
          lastFinishedAt: null,
          lastResult: null,
          lastError: null,
          runs: 0,
          failures: 0,
        })
        .orIgnore()
        .execute();
      const res = await this.db
        .repo(JobLeaseEntity)
        .createQueryBuilder()
        .update(JobLeaseEntity)
        .set({ holder, leasedUntil, lastRunAt: now })
        .where('"name" = :name', { name })
        .andWhere('"nextRunAt" <= :now', { now })
        .andWhere('("leasedUntil" IS NULL OR "leasedUntil" <= :now)', { now })
        .execute();
      return res.affected === 1;
    });
  }

  /**
   * Records the run and frees the lease, only if `holder` still holds it (a run that outlived
   * its lease, and was taken over, records nothing). Returns whether it still held the lease.
   */
  release(name: string, holder: string, run: RunRecord): Promise<boolean> {
    return this.write(async () => {
      const res = await this.db
        .repo(JobLeaseEntity)
        .createQueryBuilder()
        .update(JobLeaseEntity)
        .set({
          holder: null,
          leasedUntil: null,
          nextRunAt: run.nextRunAt,
          lastRunAt: run.startedAt,
          lastFinishedAt: run.finishedAt,
          lastResult: run.result,
          lastError: run.error,
          runs: () => '"runs" + 1',
          failures: () => (run.result === 'failed' ? '"failures" + 1' : '"failures"'),
        })
        .where('"name" = :name', { name })
        .andWhere('"holder" = :holder', { holder })
        .execute();
      return res.affected === 1;
    });
  }

  find(name: string): Promise<JobLeaseEntity | null> {
    return this.db.repo(JobLeaseEntity).findOneBy({ name });
  }

  /**
   * One write transaction. On SQLite a writer that finds the database locked by another
   * connection normally waits (busy_timeout) — synchronously, blocking the event loop. With two
   * instances in one process (tests) that would block the very holder it waits for, so lease
   * writes fail fast instead and retry after yielding; across processes this is just as correct.
   */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    const sqlite = this.db.engine === 'sqlite';
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async () => {
          if (!sqlite) return fn();
          const manager = this.db.manager();
          const rows: Array<{ timeout: number }> = await manager.query('PRAGMA busy_timeout');
          const previous = Number(rows[0]?.timeout ?? 5000);
          await manager.query('PRAGMA busy_timeout = 0');
          try {
            return await fn();
          } finally {
            await manager.query(`PRAGMA busy_timeout = ${previous}`);
          }
        });
      } catch (e) {
        if (!sqlite || !isBusy(e) || attempt >= BUSY_RETRIES) throw e;
        await sleep(2 + Math.floor(Math.random() * 10 * Math.min(attempt, 10)));
      }
    }
  }
}

function isBusy(e: unknown): boolean {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
