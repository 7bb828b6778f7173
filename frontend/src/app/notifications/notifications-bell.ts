import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  DOCUMENT,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { NavigationEnd, Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { filter } from 'rxjs';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { NotificationItem, NotificationsService } from './notifications.service';

/** How often the unread count is fetched while the page is visible. */
export const POLL_MS = 60_000;

/**
 * The bell in the toolbar: the unread count (announced politely when it grows), and a panel with
 * the latest notifications. Each is a translated sentence from its `kind` code; following one
 * marks it read. Polls every minute while the tab is visible, and after every navigation.
 */
@Component({
  selector: 'varn-notifications-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, TranslocoPipe, DateTimePipe],
  templateUrl: './notifications-bell.html',
  styleUrl: './notifications-bell.scss',
  host: { '(document:keydown.escape)': 'close(true)' },
})
export class NotificationsBell {
  protected readonly data = inject(NotificationsService);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly button = viewChild.required<ElementRef<HTMLButtonElement>>('bellButton');

  protected readonly open = signal(false);
  /** What the live region says: set only when the unread count grows, so it is announced once. */
  protected readonly announcement = signal('');
  protected readonly badge = computed(() => {
    const n = this.data.unread();
    return n > 99 ? '99+' : String(n);
  });

  constructor() {
    let lastUnread = -1;
    const refresh = async () => {
      await this.data.refresh();
      const n = this.data.unread();
      if (lastUnread >= 0 && n > lastUnread)
        this.announcement.set(this.transloco.translate('notifications.announce', { count: n }));
      lastUnread = n;
    };
    void refresh();
    const timer = setInterval(() => {
      if (this.document.visibilityState !== 'hidden') void refresh();
    }, POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    this.router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.open.set(false);
        void refresh();
      });
  }

  protected toggle(): void {
    this.open.update((o) => !o);
    if (this.open()) void this.data.refresh();
  }

  /** Closes the panel; with `refocus`, focus goes back to the bell (Escape). */
  close(refocus = false): void {
    if (!this.open()) return;
    this.open.set(false);
    if (refocus) this.button().nativeElement.focus();
  }

  protected focusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && !this.host.nativeElement.contains(next)) this.close();
  }

  protected text(n: NotificationItem): string {
    const key = `notifications.kinds.${n.kind}`;
    const text = this.transloco.translate(key, n.params);
    return text === key ? this.transloco.translate('notifications.kinds.unknown') : text;
  }

  protected async follow(event: Event, n: NotificationItem): Promise<void> {
    event.preventDefault();
    this.open.set(false);
    if (n.readAt === null) await this.data.markRead(n.id).catch(() => undefined);
    await this.router.navigateByUrl(n.link);
  }

  protected async markAllRead(): Promise<void> {
    await this.data.markAllRead().catch(() => undefined);
  }
}
