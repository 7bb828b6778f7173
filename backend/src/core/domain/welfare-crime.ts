/**
 * The welfare-crime kinds of domain.md §4 (Riskkategorier – välfärdsbrott). Shared vocabulary:
 * the kind of irregularity in a welfare-crime report (cases) and the category of a risk (risks).
 */
export const WELFARE_CRIME_KINDS = [
  'oserios_leverantor',
  'malvakt_bulvan',
  'skatte_och_avgiftsbrott',
  'otillaten_underleverantor',
  'arbetslivskriminalitet',
  'manniskoexploatering',
  'arbetsmiljobrott',
  'felaktig_fakturering',
  'fiktiv_leverans',
  'kvalitets_och_avtalsbrott',
  'betalningsbedrageri',
  'penningtvatt',
  'muta_handel_med_inflytande',
  'jav_vanskapskorruption',
  'onormalt_lagt_anbud',
  'insider_mojliggorare',
] as const;
export type WelfareCrimeKind = (typeof WELFARE_CRIME_KINDS)[number];

/** Narrows an untrusted string to a welfare-crime kind. */
export function isWelfareCrimeKind(value: string): value is WelfareCrimeKind {
  return (WELFARE_CRIME_KINDS as readonly string[]).includes(value);
}
