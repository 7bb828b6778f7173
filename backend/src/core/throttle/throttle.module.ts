import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../jobs/job-scheduler';
import { DbThrottlerStorage } from './db-throttler-storage';
import { ThrottleRepository } from './throttle.repository';

export const THROTTLE_SWEEP_JOB = 'throttle.sweep';
export const THROTTLE_SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Deletes the throttle counters whose window and block are over, every five minutes. A counter
 * that is over is reset by its next hit anyway; this only keeps the table to the live clients.
 */
@Injectable()
export class ThrottleSweep implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly counters: ThrottleRepository,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: THROTTLE_SWEEP_JOB,
      everyMs: THROTTLE_SWEEP_EVERY_MS,
      run: async ({ now }) => {
        await this.counters.sweep(now.getTime());
      },
    });
  }
}

/**
 * Throttle counters in the database (DbThrottlerStorage), for every `@nestjs/throttler` guard
 * that must hold across instances: the sign-in throttle (AuthModule) and the public report
 * routes (cases/reports/public-throttle.ts). Global so the one storage (and the one sweep job)
 * serves both without CasesModule importing it; AuthModule's ThrottlerModule imports it. (It
 * belongs beside JobsModule in CoreModule's imports and exports; then `@Global` can go.)
 */
@Global()
@Module({
  providers: [ThrottleRepository, DbThrottlerStorage, ThrottleSweep],
  exports: [DbThrottlerStorage],
})
export class ThrottleModule {}
