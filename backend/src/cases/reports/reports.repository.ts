import { Injectable } from '@nestjs/common';
import { LessThanOrEqual } from 'typeorm';
import { Db } from '../../core/database/db';
import { hydrate } from '../../core/database/raw';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
import { SupplierEntity } from '../../suppliers/entities/supplier.entity';
import { UserEntity } from '../../users/entities/user.entity';
import { CaseMessageEntity } from '../entities/case-message.entity';
import { CaseEntity } from '../entities/case.entity';
import { IdentityRequestEntity } from '../entities/identity-request.entity';
import { ReceiptSessionEntity } from '../entities/receipt-session.entity';

/** A row of "Mina rapporter". */
export interface MyReportRow {
  id: string;
  reference: string;
  track: CaseEntity['track'];
  category: CaseEntity['category'];
  status: CaseEntity['status'];
  receivedAt: Date;
  acknowledgementDueOn: string | null;
  feedbackDueOn: string | null;
  unreadMessages: number;
}

/**
 * The intake's own queries: the reporter's cases (always by `reporterTag` or `receiptHash` in
 * SQL, so nobody loads another person's report), their reporter-visible messages, identity
 * disclosures, the units and handlers the form offers, and receipt sessions.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  private get cases() {
    return this.db.repo(CaseEntity);
  }
  private get messages() {
    return this.db.repo(CaseMessageEntity);
  }
  private get sessions() {
    return this.db.repo(ReceiptSessionEntity);
  }

  /** The active units, parents before children (the form's unit picker). */
  activeUnits(): Promise<OrgUnitEntity[]> {
    return this.db
      .repo(OrgUnitEntity)
      .createQueryBuilder('u')
      .where('u.active = :active', { active: true })
      .orderBy('u.path', 'ASC')
      .getMany();
  }

  findUnit(id: string): Promise<OrgUnitEntity | null> {
    return this.db.repo(OrgUnitEntity).findOneBy({ id });
  }

  findUser(id: string): Promise<UserEntity | null> {
    return this.db.repo(UserEntity).findOneBy({ id });
  }

  async supplierExists(id: string): Promise<boolean> {
    return (await this.db.repo(SupplierEntity).countBy({ id })) > 0;
  }

  /** Display names of these users, sorted by name (for the "concerns a handler" picker). */
  async displayNames(ids: string[]): Promise<Array<{ id: string; displayName: string }>> {
    if (!ids.length) return [];
    const rows = await this.db
      .repo(UserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.displayName'])
      .where('u.id IN (:...ids)', { ids })
      .getMany();
    return rows
      .map((u) => ({ id: u.id, displayName: u.displayName }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv') || a.id.localeCompare(b.id));
  }

  async receiptHashTaken(hash: string): Promise<boolean> {
    return (await this.cases.countBy({ receiptHash: hash })) > 0;
  }

  /** The case of a receipt code (by its keyed hash), unless purged. */
  findByReceiptHash(hash: string): Promise<CaseEntity | null> {
    return this.cases
      .createQueryBuilder('c')
      .where('c."receiptHash" = :hash', { hash })
      .andWhere('c."purgedAt" IS NULL')
      .getOne();
  }

  /** One of the reporter's own cases; null for anybody else's (filtered in SQL). */
  findMine(id: string, reporterTag: string): Promise<CaseEntity | null> {
    return this.cases
      .createQueryBuilder('c')
      .where('c.id = :id AND c."reporterTag" = :tag', { id, tag: reporterTag })
      .getOne();
  }

  findCase(id: string): Promise<CaseEntity | null> {
    return this.cases.findOneBy({ id });
  }

  /** The reporter's cases, newest first, with the count of unread handler messages. */
  async listMine(reporterTag: string): Promise<MyReportRow[]> {
    const rows = await this.cases
      .createQueryBuilder('c')
      .select([
        'c.id AS id',
        'c.reference AS reference',
        'c.track AS track',
        'c.category AS category',
        'c.status AS status',
        'c."receivedAt" AS "receivedAt"',
        'c."acknowledgementDueOn" AS "acknowledgementDueOn"',
        'c."feedbackDueOn" AS "feedbackDueOn"',
      ])
      .addSelect(
        (sub) =>
          sub
            .select('COUNT(*)')
            .from(CaseMessageEntity, 'm')
            .where('m."caseId" = c.id')
            .andWhere("m.kind = 'to_reporter'")
            .andWhere('m."readAt" IS NULL'),
        'unreadMessages',
      )
      .where('c."reporterTag" = :tag', { tag: reporterTag })
      .orderBy('c."receivedAt"', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getRawMany<
        Omit<MyReportRow, 'receivedAt' | 'unreadMessages'> & {
          receivedAt: Date | string;
          unreadMessages: number | string;
        }
      >();
    return rows.map((r) => ({
      ...r,
      // as the entity would give it (SQLite keeps UTC text without a zone: never `new Date(text)`)
      receivedAt: hydrate<Date>(this.db.manager(), CaseEntity, 'receivedAt', r.receivedAt),
      unreadMessages: Number(r.unreadMessages),
    }));
  }

  /** Messages between reporter and handlers (never notes), oldest first. */
  reporterThread(caseId: string): Promise<CaseMessageEntity[]> {
    return this.messages
      .createQueryBuilder('m')
      .where('m."caseId" = :caseId', { caseId })
      .andWhere("m.kind IN ('to_reporter', 'from_reporter')")
      .orderBy('m."createdAt"', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
  }

  /** Marks the handler's messages to the reporter as read. Inside a transaction. */
  async markHandlerMessagesRead(caseId: string, at: Date): Promise<number> {
    const res = await this.messages
      .createQueryBuilder()
      .update(CaseMessageEntity)
      .set({ readAt: at })
      .where('"caseId" = :caseId', { caseId })
      .andWhere("kind = 'to_reporter'")
      .andWhere('"readAt" IS NULL')
      .execute();
    return res.affected ?? 0;
  }

  async insertMessage(row: CaseMessageEntity): Promise<void> {
    await this.messages.insert(row);
  }

  /** Approved identity requests: to whom (display name) and when the identity was disclosed. */
  async identityDisclosures(caseId: string): Promise<Array<{ to: string; at: Date }>> {
    const rows = await this.db
      .repo(IdentityRequestEntity)
      .createQueryBuilder('r')
      .innerJoin(UserEntity, 'u', 'u.id = r."requestedBy"')
      .select(['u."displayName" AS "to"', 'r."decidedAt" AS "at"'])
      .where('r."caseId" = :caseId', { caseId })
      .andWhere("r.status = 'approved'")
      .orderBy('r."decidedAt"', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getRawMany<{ to: string; at: Date | string }>();
    return rows.map((r) => ({
      to: r.to,
      at: hydrate<Date>(this.db.manager(), IdentityRequestEntity, 'decidedAt', r.at),
    }));
  }

  // ---- receipt sessions ----

  async insertSession(row: ReceiptSessionEntity): Promise<void> {
    await this.sessions.insert(row);
  }

  findSession(tokenHash: string): Promise<ReceiptSessionEntity | null> {
    return this.sessions.findOneBy({ tokenHash });
  }

  async touchSession(tokenHash: string, idleExpiresAt: Date): Promise<void> {
    await this.sessions.update({ tokenHash }, { idleExpiresAt });
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.sessions.delete({ tokenHash });
  }

  /** Removes expired sessions (idle or absolute expiry passed). */
  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.sessions.delete({ idleExpiresAt: LessThanOrEqual(now) });
    await this.sessions.delete({ absoluteExpiresAt: LessThanOrEqual(now) });
  }
}
