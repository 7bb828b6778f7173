import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const logger = new Logger('HTTP');

/**
 * The first middleware: gives every request an id (X-Request-Id) and logs one structured line
 * when it ends — method, path without query string (queries can hold search terms such as
 * names), status, duration, request id. No user names, no IP addresses, no bodies.
 */
export function requestLog(
  req: Request & { id?: string },
  res: Response,
  next: NextFunction,
): void {
  const incoming = req.headers['x-request-id'];
  req.id = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    logger.log({
      msg: 'request',
      method: req.method,
      path: req.originalUrl.split('?')[0],
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
      requestId: req.id,
    });
  });
  next();
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The upload routes that take `multipart/form-data` instead of JSON: exact paths (or anchored
 * patterns with a UUID) and methods, the query string aside. Each still needs a session (or the
 * receipt session) and its policy, and its own interceptor limits the upload (size, one file).
 * CSRF stays closed: the session and receipt cookies are SameSite=Strict.
 */
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const MULTIPART_ROUTES: ReadonlyArray<{ method: string; path: string | RegExp }> = [
  // attachments of a guidance article (issue 9; the route checks update GuidanceArticle)
  { method: 'POST', path: /^\/api\/guidance\/[a-z0-9-]{1,100}\/attachments$/ },
  { method: 'POST', path: '/api/imports/contracts' },
  { method: 'POST', path: '/api/imports/suppliers' },
  // attachments of a report or case (each route also checks its session or receipt session)
  { method: 'POST', path: '/api/public/report/attachments' },
  { method: 'POST', path: new RegExp(`^/api/reports/mine/${UUID}/attachments$`) },
  { method: 'POST', path: new RegExp(`^/api/cases/${UUID}/attachments$`) },
  // evidence on an audit answer (issue 8)
  {
    method: 'POST',
    path: new RegExp(`^/api/audits/${UUID}/answers/[A-Za-z0-9_-]{1,16}/attachments$`),
  },
];

function isMultipartRoute(req: Request, type: string): boolean {
  const path = req.originalUrl.split('?')[0];
  return (
    type === 'multipart/form-data' &&
    MULTIPART_ROUTES.some(
      (r) =>
        r.method === req.method &&
        (typeof r.path === 'string' ? r.path === path : r.path.test(path)),
    )
  );
}

/**
 * The API only accepts JSON bodies. Anything else (an HTML form post from another site, say)
 * is refused with 415 before it is parsed — with SameSite=Strict cookies this closes CSRF.
 */
export function jsonOnly(req: Request, res: Response, next: NextFunction): void {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 ||
    req.headers['transfer-encoding'] !== undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (
    WITH_BODY.has(req.method) &&
    hasBody &&
    type !== 'application/json' &&
    req.originalUrl.startsWith('/api/') &&
    !isMultipartRoute(req, type)
  ) {
    res
      .status(415)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'https://varn.local/problems/unsupported_media_type',
          title: 'Unsupported Media Type',
          status: 415,
          code: 'unsupported_media_type',
          detail: 'Skicka data som JSON (Content-Type: application/json).',
          instance: req.originalUrl.split('?')[0],
          requestId: (req as Request & { id?: string }).id,
        }),
      );
    return;
  }
  next();
}
