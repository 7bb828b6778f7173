import type { NextFunction, Request, Response } from 'express';
import { ProblemBody, problemBody } from './problem';

/** What body-parser attaches to the errors it raises. */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
}

/**
 * Turns an error raised while reading a request body (malformed JSON, too large, unsupported
 * charset) into problem+json. Returns null for anything that is not a body-parser client error.
 */
export function bodyErrorProblem(error: unknown, requestId?: string): ProblemBody | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as BodyParserError;
  const status = e.status ?? e.statusCode;
  if (typeof e.type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500)
    return null;
  switch (e.type) {
    case 'entity.too.large':
      return problemBody(413, 'payload_too_large', 'Förfrågan är för stor.', requestId);
    case 'entity.parse.failed':
      return problemBody(400, 'bad_request', 'Förfrågan innehåller ogiltig JSON.', requestId);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problemBody(
        415,
        'unsupported_media_type',
        'Skicka data som JSON i UTF-8 (Content-Type: application/json).',
        requestId,
      );
    default:
      return problemBody(400, 'bad_request', 'Felaktig förfrågan.', requestId);
  }
}

/**
 * Express error middleware, registered right after the body parser. It answers body errors
 * itself: passed on with `next(err)`, they would reach the static-files module's error handler
 * (when the UI is served), which turns every error on an excluded `/api` route into
 * 404 "Cannot POST …".
 */
export function bodyErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const body = bodyErrorProblem(err, (req as Request & { id?: string }).id);
  if (!body || res.headersSent) {
    next(err);
    return;
  }
  body.instance = req.originalUrl.split('?')[0];
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
