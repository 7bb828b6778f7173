import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { escapeLike, insertChunks } from '../database/sql';
import { AuditEntryEntity } from './entities/audit-entry.entity';
import type { SqlCondition } from '../authz/casl-sql';

export interface AuditQuery {
  access: SqlCondition;
  from?: Date;
  to?: Date;
  action?: string;
  actorName?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  beforeSeq?: number;
  limit: number;
}

/** Key for the PostgreSQL advisory lock that serialises appends to the hash chain. */
const AUDIT_CHAIN_LOCK = 7274_0002;

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /**
   * Must run inside a transaction, as its last step (AuditService does this when the transaction
   * commits): locks the chain head until the transaction ends and returns its hash.
   */
  async lockHead(): Promise<string | null> {
    await this.db.lock(AUDIT_CHAIN_LOCK);
    const last = await this.db
      .repo(AuditEntryEntity)
      .createQueryBuilder('a')
      .select('a.hash', 'hash')
      .orderBy('a.seq', 'DESC')
      .limit(1)
      .getRawOne<{ hash: string }>();
    return last?.hash ?? null;
  }

  /**
   * Appends entries in this order — one statement per chunk that fits the engines' bound-parameter
   * limit, so a transaction may record any number of entries; call after `lockHead` in the same
   * transaction.
   */
  async insertMany(entries: Array<Omit<AuditEntryEntity, 'seq'>>): Promise<void> {
    const repo = this.db.repo(AuditEntryEntity);
    for (const chunk of insertChunks(entries, repo.metadata.columns.length))
      await repo.insert(chunk);
  }

  /**
   * The materialised paths of these units (ids not found are left out), read where the audit
   * entries are written. `org_units` and `users` by name: they are the foundation's tables
   * (core/database), but their entities belong to the org and users features.
   */
  async unitPaths(unitIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(unitIds)];
    if (!ids.length) return new Map();
    const rows = await this.db
      .manager()
      .createQueryBuilder()
      .select('u.id', 'id')
      .addSelect('u.path', 'path')
      .from('org_units', 'u')
      .where('u.id IN (:...ids)', { ids })
      .getRawMany<{ id: string; path: string }>();
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  /** The unit paths of these users (by their home unit); users not found are left out. */
  async unitPathsOfUsers(userIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return new Map();
    const rows = await this.db
      .manager()
      .createQueryBuilder()
      .select('usr.id', 'id')
      .addSelect('unit.path', 'path')
      .from('users', 'usr')
      .innerJoin('org_units', 'unit', 'unit.id = usr."unitId"')
      .where('usr.id IN (:...ids)', { ids })
      .getRawMany<{ id: string; path: string }>();
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  /** Newest first, keyset-paged on seq. */
  async search(q: AuditQuery): Promise<AuditEntryEntity[]> {
    const qb = this.db
      .repo(AuditEntryEntity)
      .createQueryBuilder('a')
      .where(q.access.sql, q.access.params);
    if (q.from) qb.andWhere('a.occurredAt >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.occurredAt < :to', { to: q.to });
    if (q.action)
      qb.andWhere(`a.action LIKE :action ESCAPE '\\'`, { action: `${escapeLike(q.action)}%` });
    if (q.actorName) qb.andWhere('a.actorName = :actorName', { actorName: q.actorName });
    if (q.objectType) qb.andWhere('a.objectType = :objectType', { objectType: q.objectType });
    if (q.objectId) qb.andWhere('a.objectId = :objectId', { objectId: q.objectId });
    if (q.outcome) qb.andWhere('a.outcome = :outcome', { outcome: q.outcome });
    if (q.beforeSeq) qb.andWhere('a.seq < :beforeSeq', { beforeSeq: q.beforeSeq });
    return qb.orderBy('a.seq', 'DESC').limit(q.limit).getMany();
  }

  /** The newest entry's seq and hash (the chain head), or null for an empty log. */
  async head(): Promise<{ seq: number; hash: string; occurredAt: Date } | null> {
    const row = await this.db
      .repo(AuditEntryEntity)
      .createQueryBuilder('a')
      .select(['a.seq', 'a.hash', 'a.occurredAt'])
      .orderBy('a.seq', 'DESC')
      .limit(1)
      .getOne();
    return row ? { seq: Number(row.seq), hash: row.hash, occurredAt: row.occurredAt } : null;
  }

  /** The hash of the entry with this seq, or null when there is none. */
  async hashAt(seq: number): Promise<string | null> {
    const row = await this.db
      .repo(AuditEntryEntity)
      .findOne({ where: { seq }, select: { hash: true } });
    return row?.hash ?? null;
  }

  /** Ascending batch for verification. */
  async batchAfter(afterSeq: number, size: number): Promise<AuditEntryEntity[]> {
    return this.db
      .repo(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.seq > :afterSeq', { afterSeq })
      .orderBy('a.seq', 'ASC')
      .limit(size)
      .getMany();
  }
}
