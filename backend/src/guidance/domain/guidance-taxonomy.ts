/**
 * Codes for guidance, the gift register and jäv declarations (domain.md §7, issue 9). Guidance
 * category codes match the front matter of `backend/src/guidance/content/*.md`.
 */
import { addDays, addMonths, daysBetween, type LocalDate } from '../../core/domain/local-date';

function member<T extends string>(list: readonly T[]) {
  return (value: unknown): value is T =>
    typeof value === 'string' && (list as readonly string[]).includes(value);
}

export const GUIDANCE_CATEGORIES = [
  'otillaten-paverkan',
  'mutor',
  'jav',
  'gavor-och-representation',
  'valfardsbrott-i-upphandling',
  'att-rapportera',
] as const;
export type GuidanceCategory = (typeof GUIDANCE_CATEGORIES)[number];
export const isGuidanceCategory = member(GUIDANCE_CATEGORIES);

/** The giver's relation to the unit, recorded in the gift register (question 1 of the guide). */
export const GIFT_RELATIONS = [
  'arende',
  'tillstand',
  'tillsyn',
  'upphandling',
  'avtal',
  'faktura',
  'ingen',
] as const;
export type GiftRelation = (typeof GIFT_RELATIONS)[number];
export const isGiftRelation = member(GIFT_RELATIONS);

/** A manager's decision on a gift-register entry (outcome B): approve, decline, return. */
export const GIFT_DECISIONS = ['godkand', 'avbojd', 'aterlamnas'] as const;
export type GiftDecision = (typeof GIFT_DECISIONS)[number];
export const isGiftDecision = member(GIFT_DECISIONS);

/** Jävs- och intressedeklaration: annual, on a new assignment, case-specific (FL 18 §). */
export const DECLARATION_TYPES = ['arlig', 'nytt_uppdrag', 'arendespecifik'] as const;
export type DeclarationType = (typeof DECLARATION_TYPES)[number];
export const isDeclarationType = member(DECLARATION_TYPES);

/** The parts of a declaration where interests are declared. */
export const DECLARATION_INTEREST_KINDS = [
  'egna_ekonomiska_intressen',
  'uppdrag_och_bisysslor',
  'narstaendes_intressen',
  'stallforetradare_ombud',
  'tidigare_befattning_hos_part',
  'beroenden_och_relationer',
  'mottagna_gavor_formaner',
] as const;
export type DeclarationInterestKind = (typeof DECLARATION_INTEREST_KINDS)[number];
export const isDeclarationInterestKind = member(DECLARATION_INTEREST_KINDS);

/**
 * Jäv grounds (FL 16 §, KL 6:28): sakägarjäv, intressejäv, släktskapsjäv, ställföreträdarjäv,
 * ombudsjäv, tvåinstansjäv, delikatessjäv; `inget` when the declarant claims none.
 */
export const JAV_GROUNDS = [
  'sakagarjav',
  'intressejav',
  'slaktskapsjav',
  'stallforetradarjav',
  'ombudsjav',
  'tvainstansjav',
  'delikatessjav',
  'inget',
] as const;
export type JavGround = (typeof JAV_GROUNDS)[number];
export const isJavGround = member(JAV_GROUNDS);

/** Proposed handling by the declarant, and the manager's decision (same codes). */
export const JAV_HANDLING = ['avsta', 'omfordela', 'begransa_atkomst', 'ingen_atgard'] as const;
export type JavHandling = (typeof JAV_HANDLING)[number];
export const isJavHandling = member(JAV_HANDLING);

export type DeclarationValidity =
  | { state: 'current'; validThrough: LocalDate }
  | { state: 'due_soon'; validThrough: LocalDate; daysLeft: number }
  | { state: 'expired'; validThrough: LocalDate };

/**
 * A signed declaration is valid for `validMonths` (default 12) calendar months: through the day
 * before its anniversary. Within `dueSoonDays` (default 30) of that day, renewal is due soon.
 */
export function declarationValidity(
  signedOn: LocalDate,
  today: LocalDate,
  options: { validMonths?: number; dueSoonDays?: number } = {},
): DeclarationValidity {
  const validThrough = addDays(addMonths(signedOn, options.validMonths ?? 12), -1);
  const daysLeft = daysBetween(today, validThrough);
  if (daysLeft < 0) return { state: 'expired', validThrough };
  if (daysLeft <= (options.dueSoonDays ?? 30)) return { state: 'due_soon', validThrough, daysLeft };
  return { state: 'current', validThrough };
}
