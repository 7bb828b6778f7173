/**
 * Case statuses (Ärendestatus, domain.md §3), the allowed transitions and closing codes.
 * Time-dependent rules (deadlines, purge) are in `legal-timers.ts` and `retention.ts`.
 */
import type { Track } from './taxonomy';

/** In lifecycle order. `gallrad` is terminal: personal data purged, a tombstone remains. */
export const CASE_STATUSES = [
  'registrerad',
  'bekraftad',
  'under_bedomning',
  'utredning_pagar',
  'atgard_beslutad',
  'aterkoppling_lamnad',
  'avslutad',
  'gallrad',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Narrows an untrusted string to a case status. */
export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

/**
 * Allowed moves. Forward through the lifecycle, skipping steps that did not happen (a påverkan
 * case needs no acknowledgement; a case can be closed as spam at once); back from a decision or
 * feedback to investigation when new facts arrive; reopening a closed case (new information);
 * purging only from `avslutad`. Nothing leaves `gallrad`.
 */
const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  registrerad: ['bekraftad', 'under_bedomning', 'avslutad'],
  bekraftad: ['under_bedomning', 'utredning_pagar', 'avslutad'],
  under_bedomning: ['utredning_pagar', 'atgard_beslutad', 'aterkoppling_lamnad', 'avslutad'],
  utredning_pagar: ['atgard_beslutad', 'aterkoppling_lamnad', 'avslutad'],
  atgard_beslutad: ['utredning_pagar', 'aterkoppling_lamnad', 'avslutad'],
  aterkoppling_lamnad: ['utredning_pagar', 'atgard_beslutad', 'avslutad'],
  avslutad: ['under_bedomning', 'gallrad'],
  gallrad: [],
};

/** The statuses a case in `from` may move to, in lifecycle order. */
export function nextStatuses(from: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[from];
}

/** True when a case may move from `from` to `to` (staying put is not a transition). */
export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Closing codes (Avslutskoder); required when a case moves to `avslutad`. */
export const CLOSING_CODES = [
  'atgardat',
  'ej_befogat',
  'overlamnat_till_polis',
  'overlamnat_till_annan_enhet',
  'ej_hanterbart',
] as const;
export type ClosingCode = (typeof CLOSING_CODES)[number];

/** Narrows an untrusted string to a closing code. */
export function isClosingCode(value: unknown): value is ClosingCode {
  return typeof value === 'string' && (CLOSING_CODES as readonly string[]).includes(value);
}

/** Why a case cannot be closed yet. */
export type CloseBlocker = 'acknowledgement_open' | 'feedback_open';

/**
 * A whistleblowing case closes only after both legal timers have ended (sent or waived with a
 * reason); otherwise closing would silently drop a statutory duty. Påverkan cases have no timers.
 * `ej_hanterbart` (spam) is no exception: waive the timers with a reason first.
 */
export function closeBlockers(input: {
  track: Track;
  acknowledgementEnded: boolean;
  feedbackEnded: boolean;
}): CloseBlocker[] {
  if (input.track !== 'visselblasning') return [];
  const blockers: CloseBlocker[] = [];
  if (!input.acknowledgementEnded) blockers.push('acknowledgement_open');
  if (!input.feedbackEnded) blockers.push('feedback_open');
  return blockers;
}
