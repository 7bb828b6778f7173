import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ProblemCode } from './problem';
import { ProblemDto } from './problem.dto';

/** The 4xx/5xx statuses an operation documents. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

const TITLE: Record<ProblemStatus, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found, or not visible to the caller',
  409: 'Conflict with the current state',
  413: 'Request body too large',
  415: 'Request body is not JSON',
  429: 'Too many attempts',
  503: 'Service unavailable',
};

const DEFAULT_CODES: Record<ProblemStatus, ProblemCode[]> = {
  400: ['validation_failed', 'bad_request'],
  401: ['unauthenticated'],
  403: ['forbidden'],
  404: ['not_found'],
  409: ['conflict'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  429: ['too_many_requests'],
  503: ['service_unavailable'],
};

/** A problem+json response object for one status, naming the `code`s it can carry. */
export function problemResponse(status: ProblemStatus, codes: readonly ProblemCode[] = []) {
  const list = codes.length ? codes : DEFAULT_CODES[status];
  return {
    description: `${TITLE[status]} (application/problem+json; code: ${list.join(', ')})`,
    content: {
      'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } },
    },
  };
}

/**
 * Documents the problem+json answers an operation can give, e.g.
 * `@ApiProblems(400, 404, [409, 'unit_in_use', 'root_unit'])`. A bare status uses the usual code
 * for it; `[status, ...codes]` names the codes. 401 and 403 are added from the route's
 * authorization metadata when the document is built (see `buildOpenApi`), so they cannot drift
 * from what the guard does.
 */
export function ApiProblems(
  ...entries: Array<ProblemStatus | [ProblemStatus, ...ProblemCode[]]>
): MethodDecorator {
  return applyDecorators(
    ...entries.map((entry) => {
      const [status, ...codes] = Array.isArray(entry) ? entry : [entry];
      return ApiResponse({ status, ...problemResponse(status, codes) });
    }),
  );
}
