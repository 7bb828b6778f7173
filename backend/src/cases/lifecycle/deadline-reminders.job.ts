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
import { CasesRepository } from '../cases.repository';
import {
  DEFAULT_LEGAL_TIMER_POLICY,
  type LegalTimerPolicy,
  type TimerKind,
} from '../domain/legal-timers';
import type { CaseEntity } from '../entities/case.entity';
import { LifecycleRepository, TIMER_COLUMNS } from './lifecycle.repository';

export const DEADLINES_JOB = 'cases.deadlines';
/** How often the deadlines are looked at. */
export const DEADLINES_EVERY_MS = 15 * 60_000;
/** Cases per query page. */
const PAGE = 200;

/** What one run did (for tests and the log). */
export interface DeadlineRunResult {
  reminders: number;
  escalations: number;
}

/**
 * Reminders and escalation for the legal timers of whistleblowing cases (lag 2021:890), as a
 * scheduled job under the database lease (`cases.deadlines`, every 15 minutes):
 *
 * - an open timer within its "due soon" window (domain `dueSoonDays`: 2 days before the
 *   acknowledgement, 14 before the feedback) that was not reminded yet → `case.deadline_soon`
 *   to the assigned handler, or, when nobody is assigned (or the assignee no longer handles the
 *   unit), to every handler of the case's scope; `…ReminderAt` is set;
 * - an open timer past its due day that was not escalated yet → `case.deadline_missed` to the
 *   OTHER handlers of the scope (the assignee is excluded; when the assignee was never reminded,
 *   they are told too); `…EscalatedAt` is set.
 *
 * The handler a case is routed away from is never among the recipients, nor is anyone holding a
 * role that may not read cases (separation of duties: administrator, internrevisor, chef,
 * avtalscontroller — also when they hold the handler role as well). Each step is one
 * transaction: a conditional update of the bookkeeping column (so the step happens once, also
 * if two instances raced past the lease), the notifications and the audit entry
 * (`case.reminder_sent` / `case.escalated`, actor null, `via: 'job'`; ids, codes and counts
 * only). Notifications carry only `{caseId, reference, kind, dueOn}`.
 */
@Injectable()
export class DeadlineReminders implements OnModuleInit {
  private readonly logger = new Logger('CaseDeadlines');
  private readonly policy: LegalTimerPolicy = DEFAULT_LEGAL_TIMER_POLICY;

  constructor(
    private readonly scheduler: JobScheduler,
    private readonly lifecycle: LifecycleRepository,
    private readonly cases: CasesRepository,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: DEADLINES_JOB,
      everyMs: DEADLINES_EVERY_MS,
      leaseMs: 10 * 60_000,
      run: async ({ now }) => {
        const r = await this.run(now);
        if (r.reminders || r.escalations)
          this.logger.log(`${r.reminders} reminders, ${r.escalations} escalations`);
      },
    });
  }

  /** Sends every reminder and escalation due at `now` that has not been sent. Idempotent. */
  async run(now: Date): Promise<DeadlineRunResult> {
    const tz = this.policy.timeZone;
    const today = localDateOf(now, tz);
    const soonLimit: Record<TimerKind, LocalDate> = {
      acknowledgement: addDays(today, this.policy.dueSoonDays.acknowledgement),
      feedback: addDays(today, this.policy.dueSoonDays.feedback),
    };
    const result: DeadlineRunResult = { reminders: 0, escalations: 0 };
    let after: string | null = null;
    for (;;) {
      const page = await this.lifecycle.deadlineCandidates(today, soonLimit, PAGE, after);
      for (const c of page) {
        for (const kind of ['acknowledgement', 'feedback'] as const) {
          const step = this.stepFor(c, kind, today, soonLimit[kind]);
          if (!step) continue;
          const done = await this.take(c.id, kind, step, now);
          if (done === 'reminder') result.reminders++;
          if (done === 'escalation') result.escalations++;
        }
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    return result;
  }

  /** Which step a timer of this (candidate) row needs today, if any. */
  private stepFor(
    c: CaseEntity,
    kind: TimerKind,
    today: LocalDate,
    soonLimit: LocalDate,
  ): { dueOn: string; step: 'reminder' | 'escalation'; reminded: boolean } | null {
    const col = TIMER_COLUMNS[kind];
    const dueOn = c[col.dueOn];
    if (!dueOn || c[col.endedAt]) return null;
    if (kind === 'feedback' && !c.ackEndedAt) return null;
    const reminded = c[col.reminderAt] !== null;
    if (compareLocalDates(dueOn as LocalDate, today) < 0)
      return c[col.escalatedAt] === null ? { dueOn, step: 'escalation', reminded } : null;
    if (compareLocalDates(dueOn as LocalDate, soonLimit) <= 0 && !reminded)
      return { dueOn, step: 'reminder', reminded };
    return null;
  }

  /** One step in one transaction; returns what was done (null when someone else did it first). */
  private take(
    caseId: string,
    kind: TimerKind,
    s: { dueOn: string; step: 'reminder' | 'escalation'; reminded: boolean },
    now: Date,
  ): Promise<'reminder' | 'escalation' | null> {
    return this.db.transaction(async () => {
      const marked = await this.lifecycle.markTimerStep(
        caseId,
        kind,
        s.step === 'reminder' ? 'reminderAt' : 'escalatedAt',
        s.dueOn,
        now,
        s.step === 'escalation' && !s.reminded,
      );
      if (!marked) return null;
      const c = await this.cases.findById(caseId);
      if (!c) return null;
      // the handlers of the scope — never the one it is routed away from, nor anyone who may not
      // read cases at all (an administrator or manager who also holds the handler role)
      const handlers = await this.lifecycle.withoutCaseBarred(
        await this.cases.usersWithRoleOver('handlaggare', c.unitPath, [c.routedAwayFrom]),
      );
      const assignee = c.assigneeId && handlers.includes(c.assigneeId) ? c.assigneeId : null;
      const params = { caseId: c.id, reference: c.reference, kind, dueOn: s.dueOn };
      const link = `/arenden/${c.id}`;

      if (s.step === 'reminder') {
        const to = assignee ? [assignee] : handlers;
        await this.notifications.notify(to, { kind: 'case.deadline_soon', params, link });
        await this.audit.record({
          action: 'case.reminder_sent',
          actor: null,
          objectType: 'Case',
          objectId: c.id,
          details: {
            via: 'job',
            kind,
            dueOn: s.dueOn,
            to: assignee ? 'assignee' : 'scope',
            recipients: to.length,
          },
        });
        return 'reminder';
      }

      const others = handlers.filter((id) => id !== assignee);
      await this.notifications.notify(others, { kind: 'case.deadline_missed', params, link });
      // an assignee who never had the reminder (the deadline passed unnoticed) is told as well
      const assigneeToo = assignee !== null && !s.reminded;
      if (assigneeToo)
        await this.notifications.notify([assignee], { kind: 'case.deadline_missed', params, link });
      await this.audit.record({
        action: 'case.escalated',
        actor: null,
        objectType: 'Case',
        objectId: c.id,
        details: {
          via: 'job',
          kind,
          dueOn: s.dueOn,
          recipients: others.length + (assigneeToo ? 1 : 0),
        },
      });
      return 'escalation';
    });
  }
}
