import { Injectable, OnModuleInit } from '@nestjs/common';
import { localDateOf } from '../../core/domain/local-date';
import { JobScheduler } from '../../core/jobs/job-scheduler';
import { DEFAULT_RETENTION_POLICY } from '../domain/retention';
import { PurgeService } from './purge.service';

export const PURGE_JOB = 'cases.purge';
/** Once a day: purge dates are whole days. */
export const PURGE_EVERY_MS = 24 * 3_600_000;

/**
 * The daily purge as a scheduled job under the database lease (one instance runs it). It purges
 * what is due on the day the run starts (Europe/Stockholm); the same work is available by hand
 * as `npm run varn -- purge`.
 */
@Injectable()
export class PurgeJob implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly purge: PurgeService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: PURGE_JOB,
      everyMs: PURGE_EVERY_MS,
      leaseMs: 60 * 60_000,
      // the service logs what it purged (counts only)
      run: async ({ now }) => {
        await this.purge.run({
          asOf: localDateOf(now, DEFAULT_RETENTION_POLICY.timeZone),
          via: 'job',
        });
      },
    });
  }
}
