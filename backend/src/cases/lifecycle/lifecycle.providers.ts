import { DeadlineReminders } from './deadline-reminders.job';
import { LifecycleRepository } from './lifecycle.repository';
import { PurgeJob } from './purge.job';
import { PurgeService } from './purge.service';
import { ReceiptSessionCleanup } from './receipt-session-cleanup.job';

/** The case lifecycle's providers (jobs and purge), listed once for `CasesModule`. */
export const LIFECYCLE_PROVIDERS = [
  LifecycleRepository,
  DeadlineReminders,
  PurgeService,
  PurgeJob,
  ReceiptSessionCleanup,
];
