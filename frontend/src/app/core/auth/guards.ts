import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import type { Action, SubjectType } from './ability';
import { SessionService } from './session.service';

export const CHANGE_PASSWORD_PATH = '/byt-losenord';
/** The code from the authenticator app (or a recovery code), after the password. */
export const SECOND_FACTOR_PATH = '/logga-in/kod';
/** Registering an authenticator app, for a role that requires one. */
export const SECOND_FACTOR_ENROL_PATH = '/logga-in/tvastegsverifiering';

function loginTree(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree(['/logga-in'], {
    queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {},
  });
}

/**
 * Signed in — and, while a second factor is owed, only on its page (the code, or registering an
 * app); while a temporary password is in use, only on the change-password page. The second
 * factor comes first: until it is given the session can do nothing else, not even change the
 * password. Where the person was going travels along as `returnUrl`.
 */
export const authGuard: CanActivateFn = (_route, state) => {
  const session = inject(SessionService);
  const router = inject(Router);
  if (!session.signedIn()) return loginTree(router, state.url);
  const path = state.url.split('?')[0];
  const owed = session.secondFactor();
  const stepPath =
    owed === 'pending' ? SECOND_FACTOR_PATH : owed === 'enrol' ? SECOND_FACTOR_ENROL_PATH : null;
  if (stepPath) {
    // the step's own page, whatever else is owed (a forced password change waits for it)
    if (path === stepPath) return true;
    const returnUrl = safeReturnUrl(state.url);
    return router.createUrlTree([stepPath], {
      queryParams: returnUrl !== '/' ? { returnUrl } : {},
    });
  }
  const onChangePage = path === CHANGE_PASSWORD_PATH;
  if (session.mustChangePassword() && !onChangePage) return router.parseUrl(CHANGE_PASSWORD_PATH);
  return true;
};

/** The forced change page is only for users who must change their password. */
export const mustChangePasswordGuard: CanActivateFn = () =>
  inject(SessionService).mustChangePassword() || inject(Router).parseUrl('/min-sida');

/** A second-factor page only while that step is owed (`pending`: the code; `enrol`: a new app). */
export function secondFactorGuard(step: 'pending' | 'enrol'): CanActivateFn {
  return () => inject(SessionService).secondFactor() === step || inject(Router).parseUrl('/');
}

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
