/** Codes of declarations (backend guidance-taxonomy.ts); labels live in `declarations.*`. */
export const DECLARATION_TYPES = ['arlig', 'nytt_uppdrag', 'arendespecifik'] as const;
export type DeclarationType = (typeof DECLARATION_TYPES)[number];

export const INTEREST_KINDS = [
  'egna_ekonomiska_intressen',
  'uppdrag_och_bisysslor',
  'narstaendes_intressen',
  'stallforetradare_ombud',
  'tidigare_befattning_hos_part',
  'beroenden_och_relationer',
  'mottagna_gavor_formaner',
] as const;
export type InterestKind = (typeof INTEREST_KINDS)[number];

export const JAV_GROUNDS = [
  'inget',
  'sakagarjav',
  'intressejav',
  'slaktskapsjav',
  'stallforetradarjav',
  'ombudsjav',
  'tvainstansjav',
  'delikatessjav',
] as const;
export type JavGround = (typeof JAV_GROUNDS)[number];

export const JAV_HANDLING = ['avsta', 'omfordela', 'begransa_atkomst', 'ingen_atgard'] as const;
export type JavHandling = (typeof JAV_HANDLING)[number];

export const COVERAGE_STATES = ['current', 'due_soon', 'expired', 'missing'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

/** The badge tone of a validity state: the word carries the meaning, colour only echoes it. */
export function stateTone(state: string): 'success' | 'warning' | 'danger' | 'neutral' {
  switch (state) {
    case 'current':
      return 'success';
    case 'due_soon':
      return 'warning';
    case 'expired':
      return 'danger';
    default:
      return 'neutral';
  }
}
