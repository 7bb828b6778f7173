import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock/clock';
import { canonicalJson } from '../crypto/hashing';
import { Db } from '../database/db';
import { Mailer } from './mailer';
import { checkNotification, NotificationInput, NotificationInputError } from './notification-input';
import { NotificationsRepository } from './notifications.repository';
import { OutboxRepository } from './outbox.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How features tell people that they have something to do: an in-app notification per user
 * and, when SMTP is configured, an e-mail through the outbox.
 *
 * CONFIDENTIALITY: a notification carries a `kind` code, `params` and an app `link` — the
 * params are ids, dates, reference numbers and short codes ONLY, never case content, names or
 * other identities (see `notification-input.ts`, which refuses anything else). The e-mail
 * carries none of it: only "Du har något att göra i Värn" and the link. A feature that must
 * keep a case from someone (a report about a handler, routed to another) decides the
 * recipients before calling `notify`; this service sends to exactly the ids it is given.
 */
@Injectable()
export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly notifications: NotificationsRepository,
    private readonly outbox: OutboxRepository,
    private readonly mailer: Mailer,
  ) {}

  /**
   * Notifies these users, in the caller's transaction (or a new one): it commits or rolls back
   * with the change it announces. Throws NotificationInputError on params that could carry
   * content (a programming error).
   */
  async notify(userIds: readonly string[], input: NotificationInput): Promise<void> {
    const n = checkNotification(input);
    const ids = [...new Set(userIds)];
    for (const id of ids)
      if (!UUID.test(id)) throw new NotificationInputError('userIds must be user ids');
    if (!ids.length) return;
    const params = canonicalJson(n.params);
    await this.db.transaction(async () => {
      const now = this.clock.now();
      await this.notifications.insertMany(
        ids.map((userId) => ({
          id: randomUUID(),
          userId,
          kind: n.kind,
          params,
          link: n.link,
          createdAt: now,
          readAt: null,
        })),
      );
      if (this.mailer.enabled) await this.outbox.queue(ids, 'notification', n.link, now);
    });
  }
}
