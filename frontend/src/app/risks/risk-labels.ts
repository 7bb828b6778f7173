/** Codes of the risk register (backend risks/domain/risk-taxonomy.ts); the texts are in i18n `risks`. */
export const RISK_CATEGORIES = [
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
  'otillaten_paverkan',
] as const;
export const RISK_TREATMENTS = ['acceptera', 'begransa', 'overfora_dela', 'eliminera'] as const;
export const RISK_SUBJECT_KINDS = ['avtal', 'leverantor', 'process'] as const;
export const UNIT_PROCESSES = [
  'tillsyn',
  'tillstand',
  'parkeringsovervakning',
  'attest',
  'upphandling',
  'avtalsforvaltning',
  'ovrigt',
] as const;
export const RISK_ACTION_STATUSES = ['planerad', 'pagaende', 'klar', 'installd'] as const;
export const STORED_BANDS = ['ej_bedomd', 'lag', 'medel', 'hog', 'mycket_hog'] as const;
export const ACCEPTANCE_FILTERS = ['stale', 'valid', 'none'] as const;
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

/** Today as YYYY-MM-DD in the browser's time zone (for date inputs). */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** "4 × 5 = 20" for an assessed score, null for "ej bedömd" (the band name is shown beside it). */
export function scoreText(s: {
  likelihood?: number | null;
  consequence?: number | null;
  score?: number | null;
}): string | null {
  return s.score === null || s.score === undefined
    ? null
    : `${s.likelihood} × ${s.consequence} = ${s.score}`;
}
