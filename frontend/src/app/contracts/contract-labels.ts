/** Codes the contract pages translate (kept in step with the backend's domain lists). */
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
export const FOLLOW_UP_CLASSES = ['A', 'B', 'C'] as const;
export const APPROVAL_STATUSES = ['godkand', 'ej_provad', 'ej_godkand'] as const;
export const STATUSES = ['upcoming', 'active', 'ended'] as const;
export const SORTS = ['title', 'diarienummer', 'annualValue', 'startDate', 'endDate'] as const;

const SEK = new Map<string, Intl.NumberFormat>();

/** Whole kronor in the language's grouping, e.g. "1 250 000 kr". */
export function formatSek(value: number, lang: string): string {
  let f = SEK.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
      style: 'currency',
      currency: 'SEK',
      maximumFractionDigits: 0,
    });
    SEK.set(lang, f);
  }
  return f.format(value);
}
