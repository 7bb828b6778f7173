import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../authz/roles';
import { Clock } from '../clock/clock';
import { Db } from '../database/db';
import { Problem } from '../errors/problem';
import {
  MarkedReadDto,
  NOTIFICATION_CURSOR,
  NotificationDto,
  NotificationPageDto,
  NotificationQueryDto,
} from './dto/notification.dto';
import type { NotificationEntity } from './entities/notification.entity';
import { NotificationsRepository } from './notifications.repository';

/**
 * The signed-in user's own notifications. Ownership is the whole rule: every query is filtered
 * by the caller's id in SQL, and another user's notification answers 404 like one that does
 * not exist.
 */
@Injectable()
export class MyNotificationsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly repo: NotificationsRepository,
  ) {}

  async list(user: AuthUser, q: NotificationQueryDto): Promise<NotificationPageDto> {
    const limit = q.limit ?? 20;
    const cursor = q.before ? NOTIFICATION_CURSOR.exec(q.before) : null;
    const rows = await this.repo.page({
      userId: user.id,
      before: cursor ? { createdAt: new Date(Number(cursor[1])), id: cursor[2] } : undefined,
      unreadOnly: q.unread === true,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toDto),
      unread: await this.repo.unreadCount(user.id),
      nextBefore: rows.length > limit && last ? `${last.createdAt.getTime()}.${last.id}` : null,
    };
  }

  markRead(user: AuthUser, id: string): Promise<NotificationDto> {
    return this.db.transaction(async () => {
      await this.repo.markRead(user.id, id, this.clock.now());
      const row = await this.repo.findOwn(user.id, id);
      if (!row) throw Problem.notFound('Notisen');
      return toDto(row);
    });
  }

  markAllRead(user: AuthUser): Promise<MarkedReadDto> {
    return this.db.transaction(async () => ({
      updated: await this.repo.markAllRead(user.id, this.clock.now()),
    }));
  }
}

function toDto(n: NotificationEntity): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    params: JSON.parse(n.params) as Record<string, string | number | boolean>,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}
