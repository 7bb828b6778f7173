import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/api/api';
import type { components } from '../core/api/api-types';

export type NotificationItem = components['schemas']['NotificationDto'];
type NotificationPage = components['schemas']['NotificationPageDto'];
type MarkedRead = components['schemas']['MarkedReadDto'];

/** How many notifications the bell shows. */
const SHOWN = 10;

/**
 * The signed-in user's notifications (newest first) and unread count, for the bell. A failed
 * poll keeps what was shown; the next poll tries again.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly http = inject(HttpClient);
  private requestNo = 0;

  readonly items = signal<NotificationItem[]>([]);
  readonly unread = signal(0);
  readonly loaded = signal(false);
  readonly failed = signal(false);

  async refresh(): Promise<void> {
    const no = ++this.requestNo;
    try {
      const page = await firstValueFrom(
        this.http.get<NotificationPage>(`${API}/notifications`, { params: { limit: SHOWN } }),
      );
      if (no !== this.requestNo) return;
      this.items.set(page.items);
      this.unread.set(page.unread);
      this.failed.set(false);
      this.loaded.set(true);
    } catch {
      if (no === this.requestNo) this.failed.set(true);
    }
  }

  async markRead(id: string): Promise<void> {
    const updated = await firstValueFrom(
      this.http.post<NotificationItem>(`${API}/notifications/${encodeURIComponent(id)}/read`, {}),
    );
    const wasUnread = this.items().some((n) => n.id === id && n.readAt === null);
    this.items.update((list) => list.map((n) => (n.id === id ? updated : n)));
    if (wasUnread) this.unread.update((n) => Math.max(0, n - 1));
  }

  async markAllRead(): Promise<void> {
    await firstValueFrom(this.http.post<MarkedRead>(`${API}/notifications/read-all`, {}));
    await this.refresh();
  }
}
