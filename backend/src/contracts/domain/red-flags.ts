/**
 * The red-flag library (varningssignaler, domain.md §4) a controller ticks per supplier, and the
 * rule that decides on fördjupad kontroll (in-depth check): one heavy flag alone, or at least
 * `threshold` flags in all (default 2: "several" means more than one; configurable).
 */

export const RED_FLAG_GROUPS = [
  'foretaget',
  'skatt',
  'kedja',
  'personal',
  'faktura',
  'beteende',
] as const;
export type RedFlagGroup = (typeof RED_FLAG_GROUPS)[number];

/** The library in display order. `heavy` flags alone require an in-depth check. */
export const RED_FLAGS = [
  { code: 'nystartat', group: 'foretaget', heavy: false },
  { code: 'liknande_firmanamn', group: 'foretaget', heavy: false },
  { code: 'saknar_telefon', group: 'foretaget', heavy: false },
  { code: 'negativ_status', group: 'foretaget', heavy: false },
  { code: 'pa_varningslista', group: 'foretaget', heavy: false },
  { code: 'domt', group: 'foretaget', heavy: false },
  { code: 'ekonomiska_tvister', group: 'foretaget', heavy: false },
  { code: 'box_co_adress', group: 'foretaget', heavy: false },
  { code: 'saknar_lokal', group: 'foretaget', heavy: false },
  { code: 'kand_problemadress', group: 'foretaget', heavy: false },
  { code: 'tata_styrelsebyten', group: 'foretaget', heavy: false },
  { code: 'malvakt_samordningsnummer', group: 'foretaget', heavy: true },
  { code: 'oklar_verklig_huvudman', group: 'foretaget', heavy: true },
  { code: 'saknar_f_skatt', group: 'skatt', heavy: false },
  { code: 'ej_moms_arbetsgivarregistrerad', group: 'skatt', heavy: false },
  { code: 'skulder_kronofogden', group: 'skatt', heavy: true },
  { code: 'saknade_arbetsgivaravgifter', group: 'skatt', heavy: false },
  { code: 'ej_anmalda_underleverantorer', group: 'kedja', heavy: false },
  { code: 'fler_led_an_avtalet_tillater', group: 'kedja', heavy: false },
  { code: 'okanda_personer_pa_plats', group: 'personal', heavy: false },
  { code: 'saknar_id06', group: 'personal', heavy: false },
  { code: 'misstankt_svart_arbetskraft', group: 'personal', heavy: false },
  { code: 'undermaliga_boenden', group: 'personal', heavy: false },
  { code: 'ospecificerad_faktura', group: 'faktura', heavy: false },
  { code: 'saknas_i_leverantorsregistret', group: 'faktura', heavy: false },
  { code: 'andrat_bankgiro_via_epost', group: 'faktura', heavy: true },
  { code: 'dubblettfakturor', group: 'faktura', heavy: false },
  { code: 'aterkommande_overpriser', group: 'faktura', heavy: false },
  { code: 'erbjudanden_gavor', group: 'beteende', heavy: false },
  { code: 'patryckningar_hot_vid_upptackt', group: 'beteende', heavy: false },
  { code: 'onormalt_lagt_anbud', group: 'beteende', heavy: false },
] as const satisfies readonly { code: string; group: RedFlagGroup; heavy: boolean }[];

export type RedFlagCode = (typeof RED_FLAGS)[number]['code'];
export type RedFlag = (typeof RED_FLAGS)[number];

const BY_CODE: ReadonlyMap<string, RedFlag> = new Map(RED_FLAGS.map((f) => [f.code, f]));

/** Narrows an untrusted string to a red-flag code. */
export function isRedFlagCode(value: unknown): value is RedFlagCode {
  return typeof value === 'string' && BY_CODE.has(value);
}

/** Default number of ticked flags that on its own requires an in-depth check. */
export const DEFAULT_RED_FLAG_THRESHOLD = 2;

/** Why an in-depth check is required: a heavy flag (one reason each), or the count. */
export type RedFlagReason =
  | { code: 'heavy_flag'; flag: RedFlagCode }
  | { code: 'flag_count'; count: number; threshold: number };

export interface RedFlagAssessment {
  deepCheckRequired: boolean;
  /** Distinct ticked flags. */
  count: number;
  /** Heavy flags in library order, then the count rule; empty when no check is required. */
  reasons: RedFlagReason[];
}

/** Applies the fördjupad-kontroll rule to the ticked flags (duplicates count once). */
export function assessRedFlags(
  ticked: readonly RedFlagCode[],
  options: { threshold?: number } = {},
): RedFlagAssessment {
  const threshold = options.threshold ?? DEFAULT_RED_FLAG_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError('red-flag threshold must be an integer ≥ 1');
  }
  const set = new Set<string>(ticked);
  for (const code of set) if (!BY_CODE.has(code)) throw new RangeError(`unknown red flag ${code}`);
  const reasons: RedFlagReason[] = RED_FLAGS.filter((f) => f.heavy && set.has(f.code)).map((f) => ({
    code: 'heavy_flag',
    flag: f.code,
  }));
  if (set.size >= threshold) reasons.push({ code: 'flag_count', count: set.size, threshold });
  return { deepCheckRequired: reasons.length > 0, count: set.size, reasons };
}
