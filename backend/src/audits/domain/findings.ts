/**
 * Findings (a deviation with severity, description and evidence), their corrective actions and
 * the decisions taken against the supplier. A finding closes only when it has at least one
 * corrective action and every one of them has been verified by a controller.
 */

export const FINDING_SEVERITIES = ['mindre', 'vasentlig', 'allvarlig'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** Decisions against the supplier (domain.md §5 item 27). */
export const FINDING_DECISIONS = [
  'varning',
  'vite',
  'havning',
  'anmalan_ebm',
  'anmalan_polis',
  'anmalan_skatteverket',
] as const;
export type FindingDecision = (typeof FINDING_DECISIONS)[number];

/** Narrows an untrusted value to a decision. */
export function isFindingDecision(value: unknown): value is FindingDecision {
  return typeof value === 'string' && (FINDING_DECISIONS as readonly string[]).includes(value);
}

export const FINDING_STATUSES = ['oppen', 'stangd'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** oppen → atgardad (supplier/owner reports it done) → verifierad (controller), or back to oppen. */
export const CORRECTIVE_ACTION_STATUSES = ['oppen', 'atgardad', 'verifierad'] as const;
export type CorrectiveActionStatus = (typeof CORRECTIVE_ACTION_STATUSES)[number];

const ACTION_TRANSITIONS: Readonly<
  Record<CorrectiveActionStatus, readonly CorrectiveActionStatus[]>
> = {
  oppen: ['atgardad'],
  atgardad: ['verifierad', 'oppen'],
  verifierad: [],
};

/** True when a corrective action may move from `from` to `to`. Verified is final. */
export function canTransitionAction(
  from: CorrectiveActionStatus,
  to: CorrectiveActionStatus,
): boolean {
  return ACTION_TRANSITIONS[from].includes(to);
}

export type FindingCloseBlocker =
  { code: 'no_corrective_action' } | { code: 'action_not_verified'; actionIds: string[] };

/** Why a finding cannot be closed yet; empty when it can. */
export function findingCloseBlockers(
  actions: readonly { id: string; status: CorrectiveActionStatus }[],
): FindingCloseBlocker[] {
  if (actions.length === 0) return [{ code: 'no_corrective_action' }];
  const open = actions.filter((a) => a.status !== 'verifierad').map((a) => a.id);
  return open.length > 0 ? [{ code: 'action_not_verified', actionIds: open }] : [];
}
