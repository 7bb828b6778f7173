import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { insertChunks } from '../database/sql';
import { NotificationEntity } from './entities/notification.entity';

export interface NotificationPageQuery {
  userId: string;
  /** Keyset cursor: rows strictly older than this (createdAt, id). */
  before?: { createdAt: Date; id: string };
  unreadOnly: boolean;
  limit: number;
}

/** In-app notifications. Every read and write is filtered by the owner's id in SQL. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: Db) {}

  async insertMany(rows: NotificationEntity[]): Promise<void> {
    const repo = this.db.repo(NotificationEntity);
    for (const chunk of insertChunks(rows, repo.metadata.columns.length)) await repo.insert(chunk);
  }

  /** The owner's notifications, newest first, keyset-paged on (createdAt, id). */
  page(q: NotificationPageQuery): Promise<NotificationEntity[]> {
    const qb = this.db
      .repo(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId: q.userId });
    if (q.unreadOnly) qb.andWhere('n.readAt IS NULL');
    if (q.before)
      qb.andWhere('(n.createdAt < :bc OR (n.createdAt = :bc AND n.id < :bid))', {
        bc: q.before.createdAt,
        bid: q.before.id,
      });
    return qb.orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC').limit(q.limit).getMany();
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db
      .repo(NotificationEntity)
      .createQueryBuilder('n')
      .select('COUNT(1)', 'n')
      .where('n.userId = :userId', { userId })
      .andWhere('n.readAt IS NULL')
      .getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  findOwn(userId: string, id: string): Promise<NotificationEntity | null> {
    return this.db.repo(NotificationEntity).findOneBy({ id, userId });
  }

  /** Marks one of the owner's notifications read (if unread); returns whether a row changed. */
  async markRead(userId: string, id: string, now: Date): Promise<boolean> {
    const res = await this.db
      .repo(NotificationEntity)
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ readAt: now })
      .where('"id" = :id AND "userId" = :userId AND "readAt" IS NULL', { id, userId })
      .execute();
    return res.affected === 1;
  }

  /** Marks all of the owner's unread notifications read; returns how many. */
  async markAllRead(userId: string, now: Date): Promise<number> {
    const res = await this.db
      .repo(NotificationEntity)
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ readAt: now })
      .where('"userId" = :userId AND "readAt" IS NULL', { userId })
      .execute();
    return res.affected ?? 0;
  }
}
