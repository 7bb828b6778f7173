import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import type { Action, SubjectType } from './ability';
import { SessionService } from './session.service';

export const CHANGE_PASSWORD_PATH = '/byt-losenord';

function loginTree(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree(['/logga-in'], {
    queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {},
  });
}

/** Signed in — and, while a temporary password is in use, only on the change-password page. */
export const authGuard: CanActivateFn = (_route, state) => {
  const session = inject(SessionService);
  const router = inject(Router);
  if (!session.signedIn()) return loginTree(router, state.url);
  const onChangePage = state.url.split('?')[0] === CHANGE_PASSWORD_PATH;
  if (session.mustChangePassword() && !onChangePage) return router.parseUrl(CHANGE_PASSWORD_PATH);
  return true;
};

/** The forced change page is only for users who must change their password. */
export const mustChangePasswordGuard: CanActivateFn = () =>
  inject(SessionService).mustChangePassword() || inject(Router).parseUrl('/min-sida');

/** The login page is for people who are not signed in. */
export const guestGuard: CanActivateFn = () =>
  !inject(SessionService).signedIn() || inject(Router).parseUrl('/');

/** Allowed when the user may do any of the actions on the subject type (for some row). */
export function abilityGuard(
  action: Action | readonly Action[],
  subject: SubjectType,
): CanActivateFn {
  const actions: readonly Action[] = typeof action === 'string' ? [action] : action;
  return () => {
    const session = inject(SessionService);
    return (
      actions.some((a) => session.can(a, subject)) || inject(Router).parseUrl('/ingen-behorighet')
    );
  };
}

/** Only same-site paths are followed after login (no open redirect). */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  if (value.startsWith('/logga-in')) return '/';
  return value;
}
