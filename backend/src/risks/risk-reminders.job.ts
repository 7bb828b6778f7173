import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { Db } from '../core/database/db';
import { addDays, compareLocalDates, localDateOf, type LocalDate } from '../core/domain/local-date';
import { JobScheduler } from '../core/jobs/job-scheduler';
import { NotificationService } from '../core/notify/notification.service';
import { RiskActionEntity } from './entities/risk-action.entity';
import { RiskEntity } from './entities/risk.entity';
import { RisksRepository } from './risks.repository';

export const RISK_REMINDERS_JOB = 'risks.reminders';
/** Reviews due within this many days get a "due soon" reminder. */
export const REVIEW_DUE_SOON_DAYS = 14;
/** Actions due within this many days get a "due soon" reminder. */
export const ACTION_DUE_SOON_DAYS = 7;
const PAGE = 200;

export type ReminderStep = 'due_soon' | 'overdue';

export interface RiskReminderRunResult {
  reviews: number;
  actions: number;
}

/** The step a date needs today, or null (none yet, or this one was already taken). */
export function stepFor(
  due: LocalDate,
  today: LocalDate,
  soonDays: number,
  taken: string | null,
): ReminderStep | null {
  if (compareLocalDates(due, today) < 0) return taken === 'overdue' ? null : 'overdue';
  if (compareLocalDates(due, addDays(today, soonDays)) <= 0) return taken ? null : 'due_soon';
  return null;
}

/**
 * Reminders for the risk register, as a scheduled job under the database lease
 * (`risks.reminders`, hourly): a risk whose next review date is within 14 days (`due_soon`) or
 * past (`overdue`) → `risk.review_due` to its riskägare; an open action (planerad, pågående) due
 * within 7 days or past → `risk.action_due` to the action's owner. Each step is sent once: a
 * conditional update of the bookkeeping column (`reviewReminderStep` / `reminderStep`, reset when
 * the date changes) in the same transaction as the notification and the audit entry. The
 * notifications carry ids, dates and the step only.
 */
@Injectable()
export class RiskReminders implements OnModuleInit {
  private readonly logger = new Logger('RiskReminders');

  constructor(
    private readonly scheduler: JobScheduler,
    private readonly risks: RisksRepository,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: RISK_REMINDERS_JOB,
      everyMs: 60 * 60_000,
      leaseMs: 10 * 60_000,
      run: async ({ now }) => {
        const r = await this.run(now);
        if (r.reviews || r.actions)
          this.logger.log(`${r.reviews} review reminders, ${r.actions} action reminders`);
      },
    });
  }

  /** Sends every reminder due at `now` that has not been sent. Idempotent. */
  async run(now: Date): Promise<RiskReminderRunResult> {
    const today = localDateOf(now);
    const result: RiskReminderRunResult = { reviews: 0, actions: 0 };
    const reviewLimit = addDays(today, REVIEW_DUE_SOON_DAYS);
    let after = '';
    for (;;) {
      const page = await this.risks.risks
        .createQueryBuilder('r')
        .where('r."nextReviewDate" <= :limit', { limit: reviewLimit })
        .andWhere(`(r."reviewReminderStep" IS NULL OR r."reviewReminderStep" <> 'overdue')`)
        .andWhere('r.id > :after', { after })
        .orderBy('r.id')
        .limit(PAGE)
        .getMany();
      for (const r of page) {
        const step = stepFor(
          r.nextReviewDate as LocalDate,
          today,
          REVIEW_DUE_SOON_DAYS,
          r.reviewReminderStep,
        );
        if (step && (await this.remindReview(r, step))) result.reviews++;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    const actionLimit = addDays(today, ACTION_DUE_SOON_DAYS);
    after = '';
    for (;;) {
      const page = await this.risks.actions
        .createQueryBuilder('ra')
        .where('ra.status IN (:...open)', { open: ['planerad', 'pagaende'] })
        .andWhere('ra."dueDate" <= :limit', { limit: actionLimit })
        .andWhere(`(ra."reminderStep" IS NULL OR ra."reminderStep" <> 'overdue')`)
        .andWhere('ra.id > :after', { after })
        .orderBy('ra.id')
        .limit(PAGE)
        .getMany();
      for (const a of page) {
        const step = stepFor(a.dueDate as LocalDate, today, ACTION_DUE_SOON_DAYS, a.reminderStep);
        if (step && (await this.remindAction(a, step))) result.actions++;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    return result;
  }

  private remindReview(r: RiskEntity, step: ReminderStep): Promise<boolean> {
    return this.db.transaction(async () => {
      const res = await this.risks.risks
        .createQueryBuilder()
        .update(RiskEntity)
        .set({ reviewReminderStep: step })
        .where('id = :id', { id: r.id })
        .andWhere('"nextReviewDate" = :due', { due: r.nextReviewDate })
        .andWhere(
          step === 'overdue'
            ? `("reviewReminderStep" IS NULL OR "reviewReminderStep" <> 'overdue')`
            : '"reviewReminderStep" IS NULL',
        )
        .execute();
      if ((res.affected ?? 0) !== 1) return false;
      await this.notifications.notify([r.ownerId], {
        kind: 'risk.review_due',
        params: { riskId: r.id, dueOn: r.nextReviewDate, step },
        link: `/risker/${r.id}`,
      });
      await this.audit.record({
        action: 'risk.reminder_sent',
        actor: null,
        objectType: 'Risk',
        objectId: r.id,
        details: { via: 'job', kind: 'review', step, dueOn: r.nextReviewDate },
      });
      return true;
    });
  }

  private remindAction(a: RiskActionEntity, step: ReminderStep): Promise<boolean> {
    return this.db.transaction(async () => {
      const res = await this.risks.actions
        .createQueryBuilder()
        .update(RiskActionEntity)
        .set({ reminderStep: step })
        .where('id = :id', { id: a.id })
        .andWhere('"dueDate" = :due', { due: a.dueDate })
        .andWhere('status IN (:...open)', { open: ['planerad', 'pagaende'] })
        .andWhere(
          step === 'overdue'
            ? `("reminderStep" IS NULL OR "reminderStep" <> 'overdue')`
            : '"reminderStep" IS NULL',
        )
        .execute();
      if ((res.affected ?? 0) !== 1) return false;
      await this.notifications.notify([a.ownerId], {
        kind: 'risk.action_due',
        params: { riskId: a.riskId, actionId: a.id, dueOn: a.dueDate, step },
        link: `/risker/${a.riskId}`,
      });
      await this.audit.record({
        action: 'risk.reminder_sent',
        actor: null,
        objectType: 'Risk',
        objectId: a.riskId,
        details: { via: 'job', kind: 'action', actionId: a.id, step, dueOn: a.dueDate },
      });
      return true;
    });
  }
}
