import { Injectable, OnModuleInit } from '@nestjs/common';
import { Db } from '../../core/database/db';
import { JobScheduler } from '../../core/jobs/job-scheduler';
import { LifecycleRepository } from './lifecycle.repository';

export const RECEIPT_SESSIONS_JOB = 'cases.receipt-sessions';
export const RECEIPT_SESSIONS_EVERY_MS = 60 * 60_000;

/**
 * Deletes expired anonymous receipt sessions (idle or absolute expiry passed) every hour, so the
 * table holds only live sessions. An expired session is refused when used whether or not its row
 * is still there; this only keeps the table small.
 */
@Injectable()
export class ReceiptSessionCleanup implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly lifecycle: LifecycleRepository,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: RECEIPT_SESSIONS_JOB,
      everyMs: RECEIPT_SESSIONS_EVERY_MS,
      run: async ({ now }) => {
        await this.run(now);
      },
    });
  }

  /** Deletes the sessions expired at `now`; returns how many. */
  run(now: Date): Promise<number> {
    return this.db.transaction(() => this.lifecycle.deleteExpiredReceiptSessions(now));
  }
}
