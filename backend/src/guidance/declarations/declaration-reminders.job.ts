import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Db } from '../../core/database/db';
import {
  addDays,
  compareLocalDates,
  localDateOf,
  type LocalDate,
} from '../../core/domain/local-date';
import { JobScheduler } from '../../core/jobs/job-scheduler';
import { NotificationService } from '../../core/notify/notification.service';
import { DECLARATION_DUE_SOON_DAYS } from './declarations.service';
import { DeclarationsRepository } from './declarations.repository';
import type { DeclarationEntity } from './entities/declaration.entity';

export const DECLARATION_REMINDERS_JOB = 'declarations.renewal';
const PAGE = 200;

/** The reminder step a current annual declaration needs today, or null. */
export function renewalStep(
  validThrough: LocalDate,
  today: LocalDate,
  taken: string | null,
): 'due_soon' | 'overdue' | null {
  if (compareLocalDates(validThrough, today) < 0) return taken === 'overdue' ? null : 'overdue';
  if (compareLocalDates(validThrough, addDays(today, DECLARATION_DUE_SOON_DAYS)) <= 0)
    return taken ? null : 'due_soon';
  return null;
}

/**
 * Annual renewal reminders, a scheduled job under the database lease (`declarations.renewal`,
 * hourly): a current annual declaration within 30 days of its last valid day → `due_soon`, past it
 * → `overdue`, each sent once to the declarant (`declaration.renewal_due`, ids and dates only). The
 * step is taken with a conditional update in the same transaction as the notification and the
 * audit entry. A new annual declaration supersedes the old one, which ends its reminders.
 */
@Injectable()
export class DeclarationReminders implements OnModuleInit {
  private readonly logger = new Logger('DeclarationReminders');

  constructor(
    private readonly scheduler: JobScheduler,
    private readonly declarations: DeclarationsRepository,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: DECLARATION_REMINDERS_JOB,
      everyMs: 60 * 60_000,
      leaseMs: 10 * 60_000,
      run: async ({ now }) => {
        const n = await this.run(now);
        if (n) this.logger.log(`${n} declaration renewal reminders`);
      },
    });
  }

  /** Sends every renewal reminder due at `now` that has not been sent. Idempotent. */
  async run(now: Date): Promise<number> {
    const today = localDateOf(now);
    const limit = addDays(today, DECLARATION_DUE_SOON_DAYS);
    let sent = 0;
    let after = '';
    for (;;) {
      const page = await this.declarations.renewalsDue(limit, after, PAGE);
      for (const d of page) {
        const step = renewalStep(d.validThrough as LocalDate, today, d.reminderStep);
        if (step && (await this.remind(d, step))) sent++;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    return sent;
  }

  private remind(d: DeclarationEntity, step: 'due_soon' | 'overdue'): Promise<boolean> {
    return this.db.transaction(async () => {
      if (!(await this.declarations.takeReminderStep(d.id, step))) return false;
      await this.notifications.notify([d.userId], {
        kind: 'declaration.renewal_due',
        params: { declarationId: d.id, validThrough: d.validThrough, step },
        link: '/jav',
      });
      await this.audit.record({
        action: 'declaration.reminder_sent',
        actor: null,
        objectType: 'Declaration',
        objectId: d.id,
        details: { via: 'job', step, validThrough: d.validThrough },
      });
      return true;
    });
  }
}
