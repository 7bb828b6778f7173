import { DOCUMENT, Injectable, inject } from '@angular/core';

/**
 * Leaves the single-page app for a fresh page load. Signing out and a session that has ended go
 * this way, never through the router: a new page starts with an empty memory, so no service,
 * signal, component or pending request can keep the previous person's lists — whether or not
 * whoever wrote it remembered to clear it. (A service in tests replaces it: jsdom cannot load
 * pages.)
 */
@Injectable({ providedIn: 'root' })
export class PageLoader {
  private readonly document = inject(DOCUMENT);

  /** Loads `url` in place of the current page (no Back into the signed-in page). */
  replace(url: string): void {
    this.document.location.replace(url);
  }
}

/** The login page after signing out, or after the session ended (with where to return). */
export function loginUrl(reason: 'utloggad' | 'avslutad', returnUrl?: string): string {
  const query = new URLSearchParams({ anledning: reason });
  if (returnUrl && returnUrl !== '/' && !returnUrl.startsWith('/logga-in'))
    query.set('returnUrl', returnUrl);
  return `/logga-in?${query.toString()}`;
}
