import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { API } from '../api/api';
import { SessionService } from '../auth/session.service';
import { SKIP_AUTH_REDIRECT } from './auth-context';

function expects401(req: HttpRequest<unknown>): boolean {
  if (req.context.get(SKIP_AUTH_REDIRECT)) return true;
  return req.method === 'POST' && req.url === `${API}/auth/login`;
}

/**
 * When the session has ended (401), load the login page afresh (see `SessionService.ended`), with
 * the page they were on as `returnUrl`. The session cookie goes with every same-origin request.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(SessionService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !expects401(req)) {
        session.ended(router.url);
      }
      return throwError(() => error);
    }),
  );
};
