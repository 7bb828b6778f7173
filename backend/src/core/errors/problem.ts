import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

/** Stable, machine-readable error codes. The UI translates them; clients may branch on them. */
export type ProblemCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'account_locked'
  | 'account_disabled'
  | 'password_policy'
  | 'wrong_password'
  /** Password sign-in is off (LOCAL_LOGIN=off): single sign-on only. */
  | 'password_login_disabled'
  /** The session gave a password but not yet its second factor (auth/second-factor). */
  | 'second_factor_required'
  /** A wrong, expired or already used TOTP or recovery code. */
  | 'invalid_code'
  | 'second_factor_enrolled'
  | 'second_factor_not_enrolled'
  | 'second_factor_not_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unit_in_use'
  | 'unit_cycle'
  | 'root_unit'
  | 'invalid_organisation_number'
  | 'organisation_number_taken'
  | 'matrix_not_monotone'
  | 'edit_conflict'
  | 'checklist_invalid'
  | 'audit_incomplete'
  | 'audit_signed'
  | 'already_signed'
  | 'deviation_without_finding'
  | 'not_a_deviation'
  | 'finding_closed'
  | 'action_not_done'
  | 'action_verified'
  | 'invalid_receipt_code'
  | 'not_confidential'
  | 'request_pending'
  | 'request_decided'
  | 'status_not_allowed'
  | 'close_blocked'
  | 'timer_event_refused'
  | 'case_purged'
  | 'invalid_classification'
  | 'payload_too_large'
  /** The URL or headers are over Node's header limit (431, answered before Express). */
  | 'request_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'service_unavailable'
  | 'internal_error';

export interface FieldError {
  field: string;
  messages: string[];
}

/** Body of every error response (RFC 9457 application/problem+json). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
  /** unit_in_use: the kinds of data keeping the unit in use that the reader may see. */
  inUse?: string[];
  /** matrix_not_monotone / validation_failed of a risk matrix: the offending cells. */
  cells?: ProblemCell[];
  /** edit_conflict of a versioned object: the version it has now. */
  currentVersion?: number;
  /** edit_conflict of an audit answer: what is stored now and what the caller sent. */
  current?: Record<string, unknown>;
  yours?: Record<string, unknown>;
  /** audit_incomplete: the unanswered checklist item ids. */
  missing?: string[];
  /** deviation_without_finding: the items answered avvikelse that have no finding. */
  itemIds?: string[];
  /** checklist_invalid: what is wrong with the template (domain ChecklistIssue). */
  issues?: Array<Record<string, unknown>>;
}

/** A matrix cell named by a problem; `lowerThan` is the neighbour it must not be below. */
export interface ProblemCell {
  likelihood: number;
  consequence: number;
  band?: string;
  reason?: string;
  lowerThan?: { likelihood: number; consequence: number; band: string };
}

/** A problem body with the type URI and title derived from the code and status. */
export function problemBody(
  status: number,
  code: ProblemCode,
  detail: string,
  requestId?: string,
): ProblemBody {
  return {
    type: `https://varn.local/problems/${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    code,
    detail,
    requestId,
  };
}

/** Throw this from services: the filter turns it into problem+json. */
export class Problem extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: Partial<
      Pick<
        ProblemBody,
        | 'errors'
        | 'retryAfterSeconds'
        | 'inUse'
        | 'cells'
        | 'currentVersion'
        | 'current'
        | 'yours'
        | 'missing'
        | 'itemIds'
        | 'issues'
      >
    > = {},
  ) {
    super({ code, detail, ...extra }, status);
  }

  static notFound(what = 'Resursen'): Problem {
    return new Problem(HttpStatus.NOT_FOUND, 'not_found', `${what} finns inte.`);
  }
  static forbidden(detail = 'Du har inte behörighet till detta.'): Problem {
    return new Problem(HttpStatus.FORBIDDEN, 'forbidden', detail);
  }
  static conflict(detail: string, code: ProblemCode = 'conflict'): Problem {
    return new Problem(HttpStatus.CONFLICT, code, detail);
  }
  static badRequest(
    detail: string,
    code: ProblemCode = 'bad_request',
    errors?: FieldError[],
  ): Problem {
    return new Problem(HttpStatus.BAD_REQUEST, code, detail, errors ? { errors } : {});
  }
}
