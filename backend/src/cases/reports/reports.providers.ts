import { PublicReportsController } from './public-reports.controller';
import { PublicThrottleGuard } from './public-throttle';
import { ReceiptSessionGuard, ReceiptSessions } from './receipt-sessions';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Intake (signed-in and anonymous reporting), wired into CasesModule. */
export const REPORTS_CONTROLLERS = [ReportsController, PublicReportsController];
export const REPORTS_PROVIDERS = [
  ReportsService,
  ReportsRepository,
  ReceiptSessions,
  ReceiptSessionGuard,
  PublicThrottleGuard,
];
