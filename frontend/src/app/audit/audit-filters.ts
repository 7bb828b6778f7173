import type { AuditEntryDto, AuditOutcome } from '../core/api/models';
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
        'auth.second_factor_verified',
        'auth.second_factor_failed',
        'auth.recovery_code_used',
      ],
    },
    {
      id: 'second_factor',
      prefix: 'second_factor.',
      actions: [
        'second_factor.enrolment_started',
        'second_factor.enrolled',
        'second_factor.recovery_codes_regenerated',
        'second_factor.reset',
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
    {
      id: 'supplier',
      prefix: 'supplier.',
      actions: [
        'supplier.created',
        'supplier.updated',
        'supplier.flag_ticked',
        'supplier.flag_evidence_changed',
        'supplier.flag_unticked',
        'suppliers.imported',
        'suppliers.exported',
      ],
    },
    {
      id: 'report',
      prefix: 'report.',
      actions: ['report.submitted', 'report.message_added', 'report.attachment_added'],
    },
    {
      id: 'receipt',
      prefix: 'receipt.',
      actions: ['receipt.session_opened', 'receipt.session_failed'],
    },
    {
      id: 'case',
      prefix: 'case.',
      actions: [
        'case.viewed',
        'case.classified',
        'case.updated',
        'case.message_sent',
        'case.note_added',
        'case.attachment_added',
        'case.acknowledged',
        'case.feedback_given',
        'case.action_recorded',
        'case.closed',
        'case.legal_hold_set',
        'case.legal_hold_released',
        'case.exported',
        'case.identity_requested',
        'case.identity_decided',
        'case.identity_viewed',
        'case.reminder_sent',
        'case.escalated',
        'case.purged',
      ],
    },
    {
      id: 'contract',
      prefix: 'contract',
      actions: ['contract.created', 'contract.updated', 'contracts.imported', 'contracts.exported'],
    },
    {
      id: 'risk',
      prefix: 'risk.',
      actions: [
        'risk.created',
        'risk.assessed',
        'risk.updated',
        'risk.accepted',
        'risk.action_created',
        'risk.action_updated',
        'risk.reminder_sent',
      ],
    },
    { id: 'riskMatrix', prefix: 'risk_matrix.', actions: ['risk_matrix.updated'] },
    {
      id: 'contract_audit',
      prefix: 'contract_audit.',
      actions: [
        'contract_audit.started',
        'contract_audit.answer_saved',
        'contract_audit.signed_off',
        'contract_audit.finding_created',
        'contract_audit.finding_closed',
        'contract_audit.finding_risk_linked',
        'contract_audit.action_created',
        'contract_audit.action_updated',
        'contract_audit.action_verified',
        'contract_audit.evidence_added',
        'contract_audit.evidence_downloaded',
        'contract_audit.influence_report_recorded',
        'contract_audit.report_downloaded',
      ],
    },
    { id: 'checklist', prefix: 'checklist.', actions: ['checklist.published'] },
    { id: 'gift_guide', prefix: 'gift_guide.', actions: ['gift_guide.updated'] },
    { id: 'gift', prefix: 'gift.', actions: ['gift.registered', 'gift.decided'] },
    {
      id: 'declaration',
      prefix: 'declaration.',
      actions: ['declaration.submitted', 'declaration.decided', 'declaration.reminder_sent'],
    },
    { id: 'crypto', prefix: 'crypto.', actions: ['crypto.master_key_rotated'] },
    { id: 'access', prefix: 'access.', actions: ['access.denied'] },
    { id: 'audit', prefix: 'audit.', actions: ['audit.verified'] },
  ];

export const OBJECT_TYPES: readonly string[] = [
  'User',
  'OrgUnit',
  'RoleAssignment',
  'Session',
  'Supplier',
  'Case',
  'Contract',
  'Risk',
  'RiskMatrix',
  'ContractAudit',
  'ChecklistTemplate',
  'GiftGuideRules',
  'GiftEntry',
  'Declaration',
];
export const OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

export interface AuditFilterForm {
  action: string;
  actor: string;
  objectType: string;
  outcome: string;
  /** Calendar days from the datepicker (local midnight), or null. */
  from: Date | null;
  to: Date | null;
}

function localDay(value: Date | null, endOfDay: boolean): string | undefined {
  if (!value || Number.isNaN(value.getTime())) return undefined;
  const [y, m, d] = [value.getFullYear(), value.getMonth(), value.getDate()];
  const date = endOfDay ? new Date(y, m, d, 23, 59, 59, 999) : new Date(y, m, d, 0, 0, 0, 0);
  return date.toISOString();
}

/** Form values → API query; dates are whole local days (from 00:00 to 23:59:59.999). */
export function toAuditFilters(form: AuditFilterForm): AuditFilters {
  const outcome = OUTCOMES.find((o) => o === form.outcome);
  return {
    action: form.action || undefined,
    actor: form.actor.trim() || undefined,
    objectType: form.objectType || undefined,
    outcome,
    from: localDay(form.from, false),
    to: localDay(form.to, true),
  };
}

/** How an entry's object is shown: a named link, a name, or type and a short id. */
export type ObjectView =
  | { kind: 'none' }
  | { kind: 'link'; label: string; route: string[]; queryParams?: Record<string, string> }
  | { kind: 'label'; label: string }
  | { kind: 'id'; shortId: string };

/** What the reader may open: the user pages and the organisation page have their own guards. */
export interface ObjectLinkAccess {
  users: boolean;
  organisation: boolean;
}

/**
 * The object column. The API names an object only when the reader may read it; the name links
 * to the page showing it when the reader may open that page. Without a name: a short id.
 */
export function objectView(entry: AuditEntryDto, access: ObjectLinkAccess): ObjectView {
  if (!entry.objectId) return { kind: 'none' };
  const label = entry.objectLabel;
  if (!label) return { kind: 'id', shortId: entry.objectId.slice(0, 8) };
  const link = entry.objectLink;
  if (link?.kind === 'user' && access.users)
    return { kind: 'link', label, route: ['/admin/anvandare', link.id] };
  if (link?.kind === 'unit' && access.organisation)
    return { kind: 'link', label, route: ['/admin/organisation'], queryParams: { enhet: link.id } };
  return { kind: 'label', label };
}
