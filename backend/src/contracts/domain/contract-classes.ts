/**
 * Contract sectors and follow-up classes (SKR prioritisation, domain.md §4): class A ≈10 % of
 * contracts (business-critical or large), followed up 3 times a year; B ≈30 % yearly; C ≈60 %
 * every other year or on need.
 */

/** Sectors; the first five are the highest-risk ones for welfare crime. */
export const SECTORS = [
  'bygg_anlaggning',
  'stad',
  'transport',
  'restaurang',
  'vard_omsorg',
  'fastighetsservice',
  'gronytor_skotsel',
  'avfall_renhallning',
  'it_telekom',
  'konsulttjanster',
  'ovrigt',
] as const;
export type Sector = (typeof SECTORS)[number];

/** Sectors domain.md §4 names as highest-risk. */
export const HIGH_RISK_SECTORS: readonly Sector[] = [
  'bygg_anlaggning',
  'stad',
  'transport',
  'restaurang',
  'vard_omsorg',
];

/** Narrows an untrusted string to a sector. */
export function isSector(value: unknown): value is Sector {
  return typeof value === 'string' && (SECTORS as readonly string[]).includes(value);
}

export const FOLLOW_UP_CLASSES = ['A', 'B', 'C'] as const;
export type FollowUpClass = (typeof FOLLOW_UP_CLASSES)[number];

/** Narrows an untrusted string to a follow-up class. */
export function isFollowUpClass(value: unknown): value is FollowUpClass {
  return typeof value === 'string' && (FOLLOW_UP_CLASSES as readonly string[]).includes(value);
}

/** Calendar months between planned follow-ups: A 3×/year → 4, B yearly → 12, C every other year → 24. */
export const FOLLOW_UP_INTERVAL_MONTHS: Readonly<Record<FollowUpClass, number>> = Object.freeze({
  A: 4,
  B: 12,
  C: 24,
});

/** Planned follow-ups per year for a class (A 3, B 1, C 0.5). */
export function followUpsPerYear(
  cls: FollowUpClass,
  intervals: Readonly<Record<FollowUpClass, number>> = FOLLOW_UP_INTERVAL_MONTHS,
): number {
  return 12 / intervals[cls];
}
