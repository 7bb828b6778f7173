/** Codes for the risk register (domain.md §4, §6; issue 7). */
import { WELFARE_CRIME_KINDS } from '../../core/domain/welfare-crime';

/** A risk's category: one of the welfare-crime kinds, or influence risk. */
export const RISK_CATEGORIES = [...WELFARE_CRIME_KINDS, 'otillaten_paverkan'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Narrows an untrusted string to a risk category. */
export function isRiskCategory(value: unknown): value is RiskCategory {
  return typeof value === 'string' && (RISK_CATEGORIES as readonly string[]).includes(value);
}

/** Riskbehandling. */
export const RISK_TREATMENTS = ['acceptera', 'begransa', 'overfora_dela', 'eliminera'] as const;
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];

/** What a risk belongs to. */
export const RISK_SUBJECT_KINDS = ['avtal', 'leverantor', 'process'] as const;
export type RiskSubjectKind = (typeof RISK_SUBJECT_KINDS)[number];

/** A unit's own processes that carry risk (for subject kind `process`). */
export const UNIT_PROCESSES = [
  'tillsyn',
  'tillstand',
  'parkeringsovervakning',
  'attest',
  'upphandling',
  'avtalsforvaltning',
  'ovrigt',
] as const;
export type UnitProcess = (typeof UNIT_PROCESSES)[number];

/** Status of an action (åtgärd) on a risk. */
export const RISK_ACTION_STATUSES = ['planerad', 'pagaende', 'klar', 'installd'] as const;
export type RiskActionStatus = (typeof RISK_ACTION_STATUSES)[number];
