import { Module } from '@nestjs/common';
import { JobLeaseRepository } from './job-lease.repository';
import { JobScheduler } from './job-scheduler';

/**
 * Scheduled jobs under a database lease. Imported and re-exported by the global CoreModule, so
 * every feature can inject `JobScheduler` and register its jobs in `onModuleInit`. A module of
 * its own (not global) so that Nest stops it before CoreModule closes the database.
 */
@Module({
  providers: [JobLeaseRepository, JobScheduler],
  exports: [JobScheduler],
})
export class JobsModule {}
