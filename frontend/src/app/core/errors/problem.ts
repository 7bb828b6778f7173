import { HttpErrorResponse } from '@angular/common/http';

export interface FieldError {
  field: string;
  messages: string[];
}

/** An `application/problem+json` body, as every API error is. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fallbackCode(status: number): string {
  if (status === 0) return 'network_error';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'too_many_requests';
  if (status === 503) return 'service_unavailable';
  if (status >= 500) return 'internal_error';
  return 'bad_request';
}

function fieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((e) => ({
    field: typeof e['field'] === 'string' ? e['field'] : '',
    messages: Array.isArray(e['messages'])
      ? e['messages'].filter((m): m is string => typeof m === 'string')
      : [],
  }));
}

/** Turns anything an HTTP call may throw into a `Problem`. */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    const status = error.status;
    if (isRecord(body) && typeof body['code'] === 'string') {
      return {
        type: typeof body['type'] === 'string' ? body['type'] : undefined,
        title: typeof body['title'] === 'string' ? body['title'] : undefined,
        status: typeof body['status'] === 'number' ? body['status'] : status,
        code: body['code'],
        detail: typeof body['detail'] === 'string' ? body['detail'] : undefined,
        instance: typeof body['instance'] === 'string' ? body['instance'] : undefined,
        requestId: typeof body['requestId'] === 'string' ? body['requestId'] : undefined,
        errors: fieldErrors(body['errors']),
        retryAfterSeconds:
          typeof body['retryAfterSeconds'] === 'number' ? body['retryAfterSeconds'] : undefined,
      };
    }
    return { status, code: fallbackCode(status) };
  }
  return { status: 0, code: 'unexpected' };
}

/** True when the error is a problem with one of the given codes. */
export function hasCode(problem: Problem | null | undefined, ...codes: string[]): boolean {
  return !!problem && codes.includes(problem.code);
}
