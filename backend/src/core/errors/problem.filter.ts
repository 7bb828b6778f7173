import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedRequest } from '../authz/decorators';
import { isDatabaseUnavailable } from '../database/db-errors';
import { bodyErrorProblem } from './body-errors';
import { FieldError, ProblemBody, problemBody, ProblemCell, ProblemCode } from './problem';

/** What a client is told to wait when the database is unavailable (see db-errors.ts). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/**
 * Turns every error into application/problem+json with a stable `code`. Unexpected errors are
 * logged with their stack on the server and answered with a generic 500 and the request id —
 * never a stack trace or a SQL message.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly audit: AuditService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const requestId = (req as Request & { id?: string }).id;
    const body = this.toProblem(exception, requestId);
    body.instance = req.originalUrl?.split('?')[0];
    if (body.code === 'service_unavailable' && !(exception instanceof HttpException)) {
      // the database is down or busy: expected during an outage, so one line without a stack
      this.logger.warn(
        `${req.method} ${body.instance} 503 [${requestId ?? '-'}]: database unavailable (${
          exception instanceof Error ? exception.message : String(exception)
        })`,
      );
    } else if (body.status >= 500) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(
        `${req.method} ${body.instance} failed [${requestId ?? '-'}]: ${err.message}`,
        err.stack,
      );
    }
    if (body.status === 403) this.recordDenial(req);
    if (res.headersSent) return;
    if (body.retryAfterSeconds) res.setHeader('Retry-After', String(body.retryAfterSeconds));
    res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  /** A signed-in user was refused: the auditors should see the attempt (never the request body). */
  private recordDenial(req: Request): void {
    const auth = (req as AuthenticatedRequest).auth;
    if (!auth) return;
    this.audit
      .record({
        action: 'access.denied',
        outcome: 'denied',
        actor: auth.user,
        details: { route: routeOf(req) },
      })
      .catch((e: unknown) =>
        this.logger.error(
          `Could not audit a denial: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
  }

  private toProblem(exception: unknown, requestId?: string): ProblemBody {
    if (exception instanceof ForbiddenError) {
      return problemBody(403, 'forbidden', 'Du har inte behörighet till detta.', requestId);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const r = (typeof response === 'object' && response ? response : {}) as Record<
        string,
        unknown
      >;
      const code = (
        typeof r['code'] === 'string'
          ? r['code']
          : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'))
      ) as ProblemCode;
      if (status === 503 && code === 'service_unavailable') {
        // a deliberate 503 (health, an unavailable dependency): keep its code and message
        const body = problemBody(
          503,
          code,
          typeof r['detail'] === 'string' ? r['detail'] : exception.message,
          requestId,
        );
        body.retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;
        return body;
      }
      if (status >= 500)
        return problemBody(
          status,
          'internal_error',
          'Ett oväntat fel inträffade. Försök igen senare.',
          requestId,
        );
      let detail = typeof r['detail'] === 'string' ? r['detail'] : undefined;
      if (status === 429 && !detail)
        detail = 'För många försök på kort tid. Vänta en minut och försök igen.';
      if (!detail) {
        const msg = r['message'];
        detail = Array.isArray(msg)
          ? msg.join('; ')
          : typeof msg === 'string'
            ? msg
            : exception.message;
      }
      const body = problemBody(status, code, detail, requestId);
      if (Array.isArray(r['errors'])) body.errors = r['errors'] as FieldError[];
      if (typeof r['retryAfterSeconds'] === 'number')
        body.retryAfterSeconds = r['retryAfterSeconds'];
      if (Array.isArray(r['inUse'])) body.inUse = r['inUse'] as string[];
      if (Array.isArray(r['cells'])) body.cells = r['cells'] as ProblemCell[];
      if (typeof r['currentVersion'] === 'number') body.currentVersion = r['currentVersion'];
      for (const key of ['current', 'yours'] as const)
        if (r[key] && typeof r[key] === 'object') body[key] = r[key] as Record<string, unknown>;
      for (const key of ['missing', 'itemIds'] as const)
        if (Array.isArray(r[key])) body[key] = r[key] as string[];
      if (Array.isArray(r['issues'])) body.issues = r['issues'] as Array<Record<string, unknown>>;
      return body;
    }
    if (isDatabaseUnavailable(exception)) {
      const body = problemBody(
        HttpStatus.SERVICE_UNAVAILABLE,
        'service_unavailable',
        'Värn kommer inte åt sin databas just nu. Inget har sparats. Försök igen om en stund.',
        requestId,
      );
      body.retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;
      return body;
    }
    // body-parser errors normally never get here (bodyErrors answers them), but keep one mapping
    const bodyError = bodyErrorProblem(exception, requestId);
    if (bodyError) return bodyError;
    return problemBody(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'internal_error',
      'Ett oväntat fel inträffade. Försök igen senare.',
      requestId,
    );
  }
}

function routeOf(req: Request): string {
  const route = (req as unknown as { route?: { path?: unknown } }).route?.path;
  const path = typeof route === 'string' ? route : undefined;
  return `${req.method} ${path ?? req.originalUrl.split('?')[0]}`;
}
