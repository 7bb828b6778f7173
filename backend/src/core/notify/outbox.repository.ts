import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Db } from '../database/db';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import type { MailTemplate } from './mail-message';

/** A due message with what sending needs from its recipient. */
export interface DueMessage {
  id: string;
  userId: string;
  template: MailTemplate;
  link: string;
  attempts: number;
  email: string | null;
  active: boolean;
}

/**
 * The e-mail outbox. Recipients are users: core reads only `users.id`, `email` and `active`,
 * by table name, so that it depends on no feature's code.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /**
   * Queues one message for each of these users who has an e-mail address, is active, and has
   * no message still waiting (one waiting e-mail already tells them to look in Värn).
   */
  async queue(userIds: string[], template: MailTemplate, link: string, now: Date): Promise<number> {
    if (!userIds.length) return 0;
    const rows = await this.db
      .manager()
      .createQueryBuilder()
      .select('u.id', 'id')
      .from('users', 'u')
      .where('u.id IN (:...userIds)', { userIds })
      .andWhere('u.email IS NOT NULL')
      .andWhere('u.active = :active', { active: true })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM outbox o WHERE o."userId" = u.id AND o.status = 'pending')`,
      )
      .getRawMany<{ id: string }>();
    if (!rows.length) return 0;
    await this.db.repo(OutboxMessageEntity).insert(
      rows.map((r) => ({
        id: randomUUID(),
        userId: r.id,
        template,
        link,
        status: 'pending' as const,
        createdAt: now,
        nextAttemptAt: now,
        sentAt: null,
        attempts: 0,
        lastError: null,
      })),
    );
    return rows.length;
  }

  /** Pending messages whose time has come, oldest first, with their recipient's address. */
  async due(now: Date, limit: number): Promise<DueMessage[]> {
    const rows = await this.db
      .repo(OutboxMessageEntity)
      .createQueryBuilder('o')
      .innerJoin('users', 'u', 'u.id = o.userId')
      .select([
        'o.id AS id',
        'o.userId AS "userId"',
        'o.template AS template',
        'o.link AS link',
        'o.attempts AS attempts',
        'u.email AS email',
        'u.active AS active',
      ])
      .where('o.status = :pending', { pending: 'pending' })
      .andWhere('o.nextAttemptAt <= :now', { now })
      .orderBy('o.nextAttemptAt', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit)
      .getRawMany<
        Omit<DueMessage, 'active' | 'attempts'> & { active: unknown; attempts: unknown }
      >();
    return rows.map((r) => ({
      ...r,
      attempts: Number(r.attempts),
      active: r.active === true || r.active === 1 || r.active === '1',
    }));
  }

  /** Settles a pending message (sent, failed for good, skipped) or schedules its next attempt. */
  async settle(
    id: string,
    change: Pick<OutboxMessageEntity, 'status' | 'attempts' | 'lastError'> &
      Partial<Pick<OutboxMessageEntity, 'sentAt' | 'nextAttemptAt'>>,
  ): Promise<void> {
    await this.db
      .repo(OutboxMessageEntity)
      .createQueryBuilder()
      .update(OutboxMessageEntity)
      .set(change)
      .where('"id" = :id AND "status" = :pending', { id, pending: 'pending' })
      .execute();
  }

  find(id: string): Promise<OutboxMessageEntity | null> {
    return this.db.repo(OutboxMessageEntity).findOneBy({ id });
  }
}
