import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../core/authz/casl-sql';
import { Db } from '../../core/database/db';
import { escapeLike, keysetAfter } from '../../core/database/sql';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
import { SupplierEntity } from '../../suppliers/entities/supplier.entity';
import { UserEntity } from '../../users/entities/user.entity';
import type { CaseStatus } from '../domain/case-status';
import type { CaseCategory, Track } from '../domain/taxonomy';
import { CaseActionEntity } from '../entities/case-action.entity';
import { CaseMessageEntity, type MessageKind } from '../entities/case-message.entity';
import { CaseEntity } from '../entities/case.entity';
import { IdentityRequestEntity } from '../entities/identity-request.entity';
import { IncidentFactEntity } from '../entities/incident-fact.entity';
import type { CaseSort } from './dto/case.dto';

/** Where the last row of a page stood: its sort key and id (decoded from the opaque cursor). */
export interface InboxCursor {
  /** ISO time (received), YYYY-MM-DD or null (due), reference (reference). */
  key: string | null;
  id: string;
}

/** The dates that decide the deadline filters, computed by the caller for "today" in Stockholm. */
export interface DeadlineWindow {
  today: string;
  /** Last day of the "due soon" window of an open acknowledgement. */
  ackSoonUntil: string;
  /** Last day of the "due soon" window of an open feedback. */
  feedbackSoonUntil: string;
}

export interface InboxSearch {
  access: SqlCondition;
  track?: Track;
  category?: CaseCategory;
  status?: CaseStatus;
  /** Path of the unit filter (its subtree). */
  unitPath?: string;
  deadline?: 'overdue' | 'due_soon' | 'open';
  window: DeadlineWindow;
  /** Reference prefix (upper-case). */
  q?: string;
  sort: CaseSort;
  order: 'asc' | 'desc';
  after?: InboxCursor;
  limit: number;
}

/** A row of the inbox: the case with its unit's name and the assignee's name (no content). */
export type InboxRow = CaseEntity & { unitName: string; assigneeName: string | null };

export interface DeadlineRow {
  id: string;
  reference: string;
  nextDueOn: string;
  ackOpen: boolean;
  assigneeName: string | null;
}

/** A message or note with the author's display name (null for the reporter). */
export type MessageRow = CaseMessageEntity & { authorName: string | null };
export type ActionRow = CaseActionEntity & { createdByName: string | null };

/** The sort column of each inbox sort. */
const SORT_COLUMN: Record<CaseSort, string> = {
  received: 'c."receivedAt"',
  due: 'c."nextDueOn"',
  reference: 'c.reference',
};

/**
 * The handler side's queries: the inbox (filtered in SQL by the caller's CASL rules, keyset-paged,
 * never OFFSET, never a count), the deadline board, a case's thread, actions and identity-request
 * state, and the de-identified facts.
 */
@Injectable()
export class InboxRepository {
  constructor(private readonly db: Db) {}

  private get cases() {
    return this.db.repo(CaseEntity);
  }

  /** One page of the inbox (`limit + 1` rows are read so the caller knows whether more follow). */
  async page(s: InboxSearch): Promise<InboxRow[]> {
    const col = SORT_COLUMN[s.sort];
    const dir = s.order === 'desc' ? 'DESC' : 'ASC';
    const op = s.order === 'desc' ? '<' : '>';
    const want = s.limit + 1;
    if (s.sort !== 'due') {
      const qb = this.filtered(s);
      if (s.after) {
        const key = s.sort === 'received' ? new Date(s.after.key ?? 0) : s.after.key;
        qb.andWhere(keysetAfter(this.db.engine, col, 'c.id', op), {
          afterKey: key,
          afterId: s.after.id,
        });
      }
      return this.rows(qb.orderBy(col, dir).addOrderBy('c.id', dir).limit(want));
    }
    // Due date, nulls last in both directions: first the cases with an open deadline, then those
    // without — two index range scans on (nextDueOn, id) instead of sorting the whole scope by a
    // CASE expression (which no index can serve).
    const rows: InboxRow[] = [];
    if (!s.after || s.after.key !== null) {
      const qb = this.filtered(s).andWhere(`${col} IS NOT NULL`);
      if (s.after)
        qb.andWhere(keysetAfter(this.db.engine, col, 'c.id', op), {
          afterKey: s.after.key,
          afterId: s.after.id,
        });
      rows.push(...(await this.rows(qb.orderBy(col, dir).addOrderBy('c.id', dir).limit(want))));
    }
    if (rows.length < want) {
      const qb = this.filtered(s).andWhere(`${col} IS NULL`);
      if (s.after?.key === null) qb.andWhere(`c.id ${op} :afterId`, { afterId: s.after.id });
      rows.push(...(await this.rows(qb.orderBy('c.id', dir).limit(want - rows.length))));
    }
    return rows;
  }

  /** The inbox query with the caller's access and the filters, not yet ordered or paged. */
  private filtered(s: InboxSearch) {
    const qb = this.cases
      .createQueryBuilder('c')
      .innerJoin(OrgUnitEntity, 'unit', 'unit.id = c."unitId"')
      .leftJoin(UserEntity, 'assignee', 'assignee.id = c."assigneeId"')
      .addSelect('unit.name', 'unitName')
      .addSelect('assignee."displayName"', 'assigneeName')
      .where(`(${s.access.sql})`, s.access.params);
    if (s.track) qb.andWhere('c.track = :track', { track: s.track });
    if (s.category) qb.andWhere('c.category = :category', { category: s.category });
    if (s.status) qb.andWhere('c.status = :status', { status: s.status });
    if (s.unitPath)
      qb.andWhere(`unit.path LIKE :unitPrefix ESCAPE '\\'`, {
        unitPrefix: `${escapeLike(s.unitPath)}%`,
      });
    if (s.q)
      qb.andWhere(`c.reference LIKE :refPrefix ESCAPE '\\'`, { refPrefix: `${escapeLike(s.q)}%` });
    if (s.deadline) this.deadlineFilter(qb, s.deadline, s.window);
    return qb;
  }

  private async rows(qb: ReturnType<InboxRepository['filtered']>): Promise<InboxRow[]> {
    const res = await qb.getRawAndEntities();
    return res.entities.map((e, i) => {
      const r = res.raw[i] as { unitName: string; assigneeName: string | null };
      return Object.assign(e, { unitName: r.unitName, assigneeName: r.assigneeName ?? null });
    });
  }

  private deadlineFilter(
    qb: ReturnType<InboxRepository['cases']['createQueryBuilder']>,
    deadline: 'overdue' | 'due_soon' | 'open',
    w: DeadlineWindow,
  ): void {
    switch (deadline) {
      case 'open':
        qb.andWhere('c."nextDueOn" IS NOT NULL');
        return;
      case 'overdue':
        qb.andWhere('c."nextDueOn" < :today', { today: w.today });
        return;
      case 'due_soon':
        qb.andWhere(
          `c."nextDueOn" >= :today AND (
             (c."ackEndKind" IS NULL AND c."nextDueOn" <= :ackSoon)
             OR (c."ackEndKind" IS NOT NULL AND c."nextDueOn" <= :feedbackSoon))`,
          { today: w.today, ackSoon: w.ackSoonUntil, feedbackSoon: w.feedbackSoonUntil },
        );
        return;
    }
  }

  /** Open legal timers that are overdue or due soon, earliest first (at most `limit`). */
  async deadlines(access: SqlCondition, w: DeadlineWindow, limit: number): Promise<DeadlineRow[]> {
    const rows = await this.cases
      .createQueryBuilder('c')
      .leftJoin(UserEntity, 'assignee', 'assignee.id = c."assigneeId"')
      .select('c.id', 'id')
      .addSelect('c.reference', 'reference')
      .addSelect('c."nextDueOn"', 'nextDueOn')
      .addSelect('c."ackEndKind"', 'ackEndKind')
      .addSelect('assignee."displayName"', 'assigneeName')
      .where(`(${access.sql})`, access.params)
      .andWhere('c."nextDueOn" IS NOT NULL')
      .andWhere(
        `((c."ackEndKind" IS NULL AND c."nextDueOn" <= :ackSoon)
          OR (c."ackEndKind" IS NOT NULL AND c."nextDueOn" <= :feedbackSoon))`,
        { ackSoon: w.ackSoonUntil, feedbackSoon: w.feedbackSoonUntil },
      )
      .orderBy('c."nextDueOn"', 'ASC')
      .addOrderBy('c.reference', 'ASC')
      .limit(limit)
      .getRawMany<{
        id: string;
        reference: string;
        nextDueOn: string;
        ackEndKind: string | null;
        assigneeName: string | null;
      }>();
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      nextDueOn: r.nextDueOn,
      ackOpen: r.ackEndKind === null,
      assigneeName: r.assigneeName ?? null,
    }));
  }

  /** A unit's path (for the unit filter), or null. */
  async unitPath(unitId: string): Promise<string | null> {
    const u = await this.db
      .repo(OrgUnitEntity)
      .findOne({ where: { id: unitId }, select: { path: true } });
    return u?.path ?? null;
  }

  /** Units on a path, root first (ids are the path's segments). */
  async unitsOnPath(path: string): Promise<Array<Pick<OrgUnitEntity, 'id' | 'kind' | 'parentId'>>> {
    const ids = path.split('/').filter(Boolean);
    if (!ids.length) return [];
    const rows = await this.db
      .repo(OrgUnitEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.kind', 'u.parentId'])
      .where('u.id IN (:...ids)', { ids })
      .getMany();
    return ids.flatMap((id) => rows.filter((r) => r.id === id));
  }

  /** Display names of users (for assignee, authors). */
  async userNames(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db
      .repo(UserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.displayName'])
      .where('u.id IN (:...ids)', { ids: unique })
      .getMany();
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /** Messages and notes of a case, oldest first, with the author's name. */
  async messagesOf(caseId: string, kinds: readonly MessageKind[]): Promise<MessageRow[]> {
    const res = await this.db
      .repo(CaseMessageEntity)
      .createQueryBuilder('m')
      .leftJoin(UserEntity, 'u', 'u.id = m."authorId"')
      .addSelect('u."displayName"', 'authorName')
      .where('m."caseId" = :caseId', { caseId })
      .andWhere('m.kind IN (:...kinds)', { kinds: [...kinds] })
      .orderBy('m."createdAt"', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getRawAndEntities();
    return res.entities.map((e, i) =>
      Object.assign(e, {
        authorName: (res.raw[i] as { authorName: string | null }).authorName ?? null,
      }),
    );
  }

  async insertMessage(m: CaseMessageEntity): Promise<void> {
    await this.db.repo(CaseMessageEntity).insert(m);
  }

  /** Marks the reporter's unread messages read by the handler side; returns how many. */
  async markReporterMessagesRead(caseId: string, at: Date): Promise<number> {
    const res = await this.db
      .repo(CaseMessageEntity)
      .createQueryBuilder()
      .update(CaseMessageEntity)
      .set({ readAt: at })
      .where(`"caseId" = :caseId AND kind = 'from_reporter' AND "readAt" IS NULL`, { caseId })
      .execute();
    return res.affected ?? 0;
  }

  async actionsOf(caseId: string): Promise<ActionRow[]> {
    const res = await this.db
      .repo(CaseActionEntity)
      .createQueryBuilder('a')
      .leftJoin(UserEntity, 'u', 'u.id = a."createdBy"')
      .addSelect('u."displayName"', 'createdByName')
      .where('a."caseId" = :caseId', { caseId })
      .orderBy('a."occurredOn"', 'ASC')
      .addOrderBy('a."createdAt"', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getRawAndEntities();
    return res.entities.map((e, i) =>
      Object.assign(e, {
        createdByName: (res.raw[i] as { createdByName: string | null }).createdByName ?? null,
      }),
    );
  }

  async insertAction(a: CaseActionEntity): Promise<void> {
    await this.db.repo(CaseActionEntity).insert(a);
  }

  /** Statuses of this handler's identity requests on a case, newest first. */
  async identityRequestStatuses(caseId: string, requestedBy: string): Promise<string[]> {
    const rows = await this.db.repo(IdentityRequestEntity).find({
      where: { caseId, requestedBy },
      select: { status: true, createdAt: true },
      order: { createdAt: 'DESC' },
    });
    return rows.map((r) => r.status);
  }

  /** Whether a supplier exists in the register (the case's optional link). */
  async supplierExists(id: string): Promise<boolean> {
    return this.db.repo(SupplierEntity).exists({ where: { id } });
  }

  async insertFact(f: IncidentFactEntity): Promise<void> {
    await this.db.repo(IncidentFactEntity).insert(f);
  }

  async updateFact(id: string, patch: Partial<IncidentFactEntity>): Promise<void> {
    await this.db.repo(IncidentFactEntity).update({ id }, patch);
  }

  /** References of the cases among `ids` that the condition lets through (one query). */
  async referencesVisible(
    ids: readonly string[],
    access: SqlCondition,
  ): Promise<Array<{ id: string; reference: string }>> {
    if (!ids.length) return [];
    return this.cases
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('c.reference', 'reference')
      .where(`(${access.sql})`, access.params)
      .andWhere('c.id IN (:...ids)', { ids: [...ids] })
      .getRawMany();
  }
}
