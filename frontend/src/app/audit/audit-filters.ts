import type { AuditOutcome } from '../core/api/models';
import type { AuditFilters } from './audit.service';

/** Known actions, grouped by their prefix, for the action filter and for labels. */
export const ACTION_GROUPS: readonly { id: string; prefix: string; actions: readonly string[] }[] =
  [
    {
      id: 'auth',
      prefix: 'auth.',
      actions: [
        'auth.login',
        'auth.login_failed',
        'auth.lockout',
        'auth.logout',
        'auth.password_changed',
        'auth.password_change_failed',
      ],
    },
    { id: 'session', prefix: 'session.', actions: ['session.revoked'] },
    {
      id: 'user',
      prefix: 'user.',
      actions: ['user.created', 'user.updated', 'user.password_set', 'user.unlocked'],
    },
    { id: 'role', prefix: 'role.', actions: ['role.granted', 'role.revoked'] },
    {
      id: 'unit',
      prefix: 'unit.',
      actions: [
        'unit.created',
        'unit.updated',
        'unit.moved',
        'unit.deactivated',
        'unit.activated',
        'unit.deleted',
      ],
    },
    { id: 'access', prefix: 'access.', actions: ['access.denied'] },
    { id: 'audit', prefix: 'audit.', actions: ['audit.verified'] },
  ];

export const OBJECT_TYPES: readonly string[] = ['User', 'OrgUnit', 'RoleAssignment', 'Session'];
export const OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

export interface AuditFilterForm {
  action: string;
  actor: string;
  objectType: string;
  outcome: string;
  /** `yyyy-mm-dd` from `<input type="date">`. */
  from: string;
  to: string;
}

function localDate(value: string, endOfDay: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = endOfDay
    ? new Date(Number(y), Number(m) - 1, Number(d), 23, 59, 59, 999)
    : new Date(Number(y), Number(m) - 1, Number(d), 0, 0, 0, 0);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Form values → API query; dates are whole local days (from 00:00 to 23:59:59.999). */
export function toAuditFilters(form: AuditFilterForm): AuditFilters {
  const outcome = OUTCOMES.find((o) => o === form.outcome);
  return {
    action: form.action || undefined,
    actor: form.actor.trim() || undefined,
    objectType: form.objectType || undefined,
    outcome,
    from: localDate(form.from, false),
    to: localDate(form.to, true),
  };
}
