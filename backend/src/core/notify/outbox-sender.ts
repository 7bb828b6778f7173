import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Db } from '../database/db';
import { errorLabel, JobScheduler } from '../jobs/job-scheduler';
import { buildMail } from './mail-message';
import { Mailer } from './mailer';
import { DueMessage, OutboxRepository } from './outbox.repository';

export const OUTBOX_JOB = 'notify.outbox';
/** How often the outbox is sent. */
export const OUTBOX_EVERY_MS = 30_000;
/** Messages per run (a run must finish well within its lease). */
const BATCH = 50;
/** Attempts before a message is given up ('failed'). */
export const MAX_ATTEMPTS = 8;

/** Wait before attempt n+1 after n failures: 1, 2, 4 … minutes, at most 6 hours. */
export function backoffMs(failures: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failures - 1), 6 * 3_600_000);
}

/**
 * Sends the outbox as a scheduled job (only when SMTP is configured). At least once: a message
 * is marked sent after the SMTP server accepted it, so a crash in between sends it again.
 * Transient failures are retried with backoff; a permanent refusal (5xx) or MAX_ATTEMPTS gives
 * up. The recipient's address is read at sending time; a user without one, or deactivated, is
 * skipped. Errors are recorded as codes only (no addresses, no server text).
 */
@Injectable()
export class OutboxSender implements OnModuleInit {
  private readonly logger = new Logger('Outbox');

  constructor(
    private readonly scheduler: JobScheduler,
    private readonly outbox: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.mailer.enabled) return;
    this.scheduler.register({
      name: OUTBOX_JOB,
      everyMs: OUTBOX_EVERY_MS,
      leaseMs: 10 * 60_000,
      run: async () => {
        await this.sendDue();
      },
    });
  }

  /** Sends what is due now; returns how many were sent. */
  async sendDue(): Promise<number> {
    let sent = 0;
    for (const m of await this.outbox.due(this.clock.now(), BATCH)) {
      if (await this.sendOne(m)) sent++;
    }
    return sent;
  }

  private async sendOne(m: DueMessage): Promise<boolean> {
    const attempts = m.attempts + 1;
    if (!m.email || !m.active) {
      await this.db.transaction(() =>
        this.outbox.settle(m.id, {
          status: 'skipped',
          attempts: m.attempts,
          lastError: m.email ? 'inactive_user' : 'no_address',
        }),
      );
      return false;
    }
    const url = `${this.config.publicUrl ?? ''}${m.link}`;
    try {
      await this.mailer.send(m.email, buildMail(m.template, url));
    } catch (e) {
      const responseCode = (e as { responseCode?: unknown }).responseCode;
      const permanent = typeof responseCode === 'number' && responseCode >= 500;
      const label = `${errorLabel(e)}${typeof responseCode === 'number' ? ` ${responseCode}` : ''}`;
      const giveUp = permanent || attempts >= MAX_ATTEMPTS;
      this.logger.warn(`message ${m.id}: attempt ${attempts} failed (${label})`);
      await this.db.transaction(() =>
        this.outbox.settle(m.id, {
          status: giveUp ? 'failed' : 'pending',
          attempts,
          lastError: label,
          nextAttemptAt: new Date(this.clock.now().getTime() + backoffMs(attempts)),
        }),
      );
      return false;
    }
    await this.db.transaction(() =>
      this.outbox.settle(m.id, {
        status: 'sent',
        attempts,
        lastError: null,
        sentAt: this.clock.now(),
      }),
    );
    return true;
  }
}
