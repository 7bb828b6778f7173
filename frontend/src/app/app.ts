import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter } from 'rxjs';
import { SessionService } from './core/auth/session.service';
import { I18n } from './core/i18n/i18n.service';
import { LanguageService } from './core/i18n/language.service';
import { NotificationsBell } from './notifications/notifications-bell';

/**
 * The shell: skip link, toolbar, navigation that follows the user's abilities, main area.
 * Kept free of heavy Material modules (sidenav, menu, list, forms) so the first load is small;
 * on narrow screens the navigation is a disclosure panel under the toolbar.
 */
@Component({
  selector: 'varn-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatIconModule,
    TranslocoPipe,
    NotificationsBell,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  protected readonly session = inject(SessionService);
  protected readonly language = inject(LanguageService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);

  /** Navigation panel on narrow screens (always visible on wide ones). */
  protected readonly navOpen = signal(false);
  protected readonly otherLang = computed(() => (this.language.lang() === 'sv' ? 'en' : 'sv'));

  constructor() {
    let previousPath: string | null = null;
    this.router.events
      .pipe(
        filter((e): e is NavigationEnd => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe((e) => {
        this.navOpen.set(false);
        const path = e.urlAfterRedirects.split(/[?#]/)[0] ?? '';
        if (previousPath !== null && path !== previousPath) this.focusHeading();
        previousPath = path;
      });
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main-content')?.focus();
  }

  protected toggleNav(): void {
    this.navOpen.update((open) => !open);
  }

  protected async switchLanguage(): Promise<void> {
    // If the translation cannot be loaded (network), the page simply stays in this language.
    await this.language.use(this.otherLang()).catch(() => undefined);
  }

  /** Signs out and loads the login page afresh; if the server cannot be reached, says so. */
  protected async logout(): Promise<void> {
    try {
      await this.session.logout();
    } catch {
      // the snackbar is loaded only when needed: the shell stays small
      const { Notifier } = await import('./core/notify/notifier.service');
      this.injector.get(Notifier).error(this.i18n.t('layout.logoutFailed'));
    }
  }

  /** After a page change, move focus to the new page's heading so screen readers announce it. */
  private focusHeading(): void {
    afterNextRender(
      () => {
        const heading = this.document.querySelector<HTMLElement>('#main-content h1');
        const target = heading ?? this.document.getElementById('main-content');
        if (!target) return;
        if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: true });
      },
      { injector: this.injector },
    );
  }
}
