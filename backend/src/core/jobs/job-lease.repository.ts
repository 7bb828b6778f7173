import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { yieldingWrite } from '../database/yielding-write';
import { JobLeaseEntity, JobResult } from './entities/job-lease.entity';

export interface RunRecord {
  startedAt: Date;
  finishedAt: Date;
  nextRunAt: Date;
  result: JobResult;
  error: string | null;
}

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

  private write<T>(fn: () => Promise<T>): Promise<T> {
    return yieldingWrite(this.db, fn);
  }
}
