import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { CASE_BARRED_ROLES } from '../cases.repository';
import { Db } from '../../core/database/db';
import { FileEntity } from '../../core/files/entities/file.entity';
import { RoleAssignmentEntity } from '../../users/entities/role-assignment.entity';
import type { LocalDate } from '../../core/domain/local-date';
import type { TimerKind } from '../domain/legal-timers';
import { CaseActionEntity } from '../entities/case-action.entity';
import { CaseMessageEntity } from '../entities/case-message.entity';
import { CaseEntity } from '../entities/case.entity';
import { IdentityRequestEntity } from '../entities/identity-request.entity';
import { ReceiptSessionEntity } from '../entities/receipt-session.entity';

/** Statuses in which a case's legal timers still run. */
const ENDED_STATUSES = ['avslutad', 'gallrad'];

/** The columns of one timer (the job's bookkeeping included). */
export const TIMER_COLUMNS = {
  acknowledgement: {
    dueOn: 'acknowledgementDueOn',
    endedAt: 'ackEndedAt',
    reminderAt: 'ackReminderAt',
    escalatedAt: 'ackEscalatedAt',
  },
  feedback: {
    dueOn: 'feedbackDueOn',
    endedAt: 'feedbackEndedAt',
    reminderAt: 'feedbackReminderAt',
    escalatedAt: 'feedbackEscalatedAt',
  },
} as const satisfies Record<TimerKind, Record<string, keyof CaseEntity>>;

/** A case that is due for purging (what the dry run prints). */
export interface PurgeCandidate {
  id: string;
  reference: string;
  purgeDueOn: string;
}

/** The file ownerType of case attachments. */
export const CASE_FILE_OWNER = 'case';

/**
 * The queries of the case lifecycle jobs (deadline reminders and escalation, purge, receipt
 * session clean-up). The jobs are the system: these queries are deliberately not scoped to a
 * user — they pick cases by their timer and retention columns only, and they never read or
 * return sealed content.
 */
@Injectable()
export class LifecycleRepository {
  constructor(private readonly db: Db) {}

  private get cases() {
    return this.db.repo(CaseEntity);
  }

  /**
   * Open whistleblowing cases with a timer that needs a reminder or an escalation on `today`:
   * an open timer due on or before `today + dueSoonDays[kind]` that was not reminded yet, or due
   * before `today` and not escalated yet. The acknowledgement timer runs from receipt; the
   * feedback timer counts once the acknowledgement has ended (as `nextDueOn` does). The
   * `nextDueOn` bound narrows the scan to the index (it is the earliest open deadline).
   */
  async deadlineCandidates(
    today: LocalDate,
    soonLimit: Record<TimerKind, LocalDate>,
    limit: number,
    afterId: string | null,
  ): Promise<CaseEntity[]> {
    const maxLimit =
      soonLimit.acknowledgement > soonLimit.feedback
        ? soonLimit.acknowledgement
        : soonLimit.feedback;
    const q = this.cases
      .createQueryBuilder('c')
      .where('c.track = :track', { track: 'visselblasning' })
      .andWhere('c.status NOT IN (:...ended)', { ended: ENDED_STATUSES })
      .andWhere('c."nextDueOn" IS NOT NULL AND c."nextDueOn" <= :maxLimit', { maxLimit })
      .andWhere(
        new Brackets((w) => {
          w.where(
            `c."ackEndedAt" IS NULL AND c."acknowledgementDueOn" <= :ackLimit AND
             (c."ackReminderAt" IS NULL OR (c."acknowledgementDueOn" < :today AND c."ackEscalatedAt" IS NULL))`,
            { ackLimit: soonLimit.acknowledgement, today },
          ).orWhere(
            `c."ackEndedAt" IS NOT NULL AND c."feedbackEndedAt" IS NULL AND c."feedbackDueOn" <= :fbLimit AND
             (c."feedbackReminderAt" IS NULL OR (c."feedbackDueOn" < :today AND c."feedbackEscalatedAt" IS NULL))`,
            { fbLimit: soonLimit.feedback, today },
          );
        }),
      )
      .orderBy('c.id', 'ASC')
      .take(limit);
    if (afterId) q.andWhere('c.id > :afterId', { afterId });
    return q.getMany();
  }

  /**
   * Marks one timer step as done — only if the timer is still open, still due on `dueOn`, and
   * the step not yet taken. True for exactly one caller: the step is taken once, whoever races
   * for it. Job bookkeeping: the case's version is not bumped (a handler's edit in progress
   * must not get an edit conflict because a reminder went out). Inside a transaction.
   */
  async markTimerStep(
    caseId: string,
    kind: TimerKind,
    step: 'reminderAt' | 'escalatedAt',
    dueOn: string,
    at: Date,
    alsoReminded: boolean,
  ): Promise<boolean> {
    const col = TIMER_COLUMNS[kind];
    const set: Partial<CaseEntity> = { [col[step]]: at };
    if (alsoReminded) Object.assign(set, { [col.reminderAt]: at });
    const res = await this.cases
      .createQueryBuilder()
      .update(CaseEntity)
      .set(set)
      .where('id = :caseId', { caseId })
      .andWhere('track = :track', { track: 'visselblasning' })
      .andWhere('status NOT IN (:...ended)', { ended: ENDED_STATUSES })
      .andWhere(`"${col.endedAt}" IS NULL`)
      .andWhere(`"${col.dueOn}" = :dueOn`, { dueOn })
      .andWhere(`"${col[step]}" IS NULL`)
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Cases due for purging on `asOf`, oldest purge date first (closed, no legal hold, not purged). */
  async purgeCandidates(
    asOf: LocalDate,
    limit: number,
    after: { purgeDueOn: string; id: string } | null,
  ): Promise<PurgeCandidate[]> {
    const q = this.cases
      .createQueryBuilder('c')
      .select(['c.id', 'c.reference', 'c.purgeDueOn'])
      .where('c.status = :status', { status: 'avslutad' })
      .andWhere('c."legalHold" = :hold', { hold: false })
      .andWhere('c."purgedAt" IS NULL')
      .andWhere('c."purgeDueOn" IS NOT NULL AND c."purgeDueOn" <= :asOf', { asOf })
      .orderBy('c.purgeDueOn', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit);
    if (after)
      q.andWhere(
        new Brackets((w) =>
          w
            .where('c."purgeDueOn" > :afterDue', { afterDue: after.purgeDueOn })
            .orWhere('c."purgeDueOn" = :afterDue AND c.id > :afterId', { afterId: after.id }),
        ),
      );
    const rows = await q.getMany();
    return rows.map((r) => ({ id: r.id, reference: r.reference, purgeDueOn: r.purgeDueOn! }));
  }

  /**
   * Turns the case into a tombstone — only if it is still due (closed, no legal hold, not
   * purged, purge date reached): destroys its data key and empties every sealed or linking
   * column; the codes, dates and unit stay. True when this call purged it. Inside a transaction,
   * before `shredChildren`.
   */
  async purgeCase(caseId: string, asOf: LocalDate, at: Date): Promise<boolean> {
    const res = await this.cases
      .createQueryBuilder()
      .update(CaseEntity)
      .set({
        status: 'gallrad',
        purgedAt: at,
        wrappedKey: null,
        contentSealed: null,
        identitySealed: null,
        receiptHash: null,
        reporterTag: null,
        updatedAt: at,
        version: () => 'version + 1',
      })
      .where('id = :caseId', { caseId })
      .andWhere('status = :status', { status: 'avslutad' })
      .andWhere('"legalHold" = :hold', { hold: false })
      .andWhere('"purgedAt" IS NULL')
      .andWhere('"purgeDueOn" IS NOT NULL AND "purgeDueOn" <= :asOf', { asOf })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /**
   * Empties the sealed columns of the case's messages, notes, actions and identity requests and
   * ends its receipt sessions. (Without the key they could not be opened anyway; emptying them
   * leaves no ciphertext to wait for a broken cipher or a leaked master key.) Inside a
   * transaction.
   */
  async shredChildren(
    caseId: string,
  ): Promise<{ messages: number; actions: number; requests: number }> {
    const m = await this.db
      .repo(CaseMessageEntity)
      .createQueryBuilder()
      .update()
      .set({ bodySealed: null })
      .where('"caseId" = :caseId', { caseId })
      .execute();
    const a = await this.db
      .repo(CaseActionEntity)
      .createQueryBuilder()
      .update()
      .set({ detailsSealed: null })
      .where('"caseId" = :caseId', { caseId })
      .execute();
    const r = await this.db
      .repo(IdentityRequestEntity)
      .createQueryBuilder()
      .update()
      .set({ motivationSealed: null, decisionSealed: null })
      .where('"caseId" = :caseId', { caseId })
      .execute();
    await this.db.repo(ReceiptSessionEntity).delete({ caseId });
    return { messages: m.affected ?? 0, actions: a.affected ?? 0, requests: r.affected ?? 0 };
  }

  /**
   * Ids of attachment files still stored for purged cases (normally none: the purge destroys
   * them right after its commit; a crash in between leaves some, taken by the next run).
   */
  async filesOfPurgedCases(limit: number): Promise<string[]> {
    const rows = await this.db
      .repo(FileEntity)
      .createQueryBuilder('f')
      .select('f.id', 'id')
      .innerJoin(CaseEntity, 'c', 'c.id = f."ownerId"')
      .where('f."ownerType" = :owner', { owner: CASE_FILE_OWNER })
      .andWhere('c."purgedAt" IS NOT NULL')
      .orderBy('f.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** `userIds` without the people who hold a role barred from cases (see CASE_BARRED_ROLES). */
  async withoutCaseBarred(userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const barred = await this.db
      .repo(RoleAssignmentEntity)
      .createQueryBuilder('ra')
      .select('DISTINCT ra."userId"', 'userId')
      .where('ra."userId" IN (:...userIds)', { userIds })
      .andWhere('ra.role IN (:...roles)', { roles: CASE_BARRED_ROLES })
      .getRawMany<{ userId: string }>();
    const skip = new Set(barred.map((r) => r.userId));
    return userIds.filter((id) => !skip.has(id));
  }

  /** Receipt sessions past their idle or absolute expiry: deleted, count returned. In a transaction. */
  async deleteExpiredReceiptSessions(now: Date): Promise<number> {
    const res = await this.db
      .repo(ReceiptSessionEntity)
      .createQueryBuilder()
      .delete()
      .where('"idleExpiresAt" <= :now OR "absoluteExpiresAt" <= :now', { now })
      .execute();
    return res.affected ?? 0;
  }
}
