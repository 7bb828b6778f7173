import type { components } from '../core/api/api-types';

/** A red-flag code as the API names it. */
export type RedFlagCode = components['schemas']['SupplierFlagDto']['code'];

export const RED_FLAG_GROUPS = [
  'foretaget',
  'skatt',
  'kedja',
  'personal',
  'faktura',
  'beteende',
] as const;
export type RedFlagGroup = (typeof RED_FLAG_GROUPS)[number];

/**
 * The red-flag library (domain.md §4) in display order, for the checklist: its group and whether
 * it alone requires fördjupad kontroll. `satisfies` fails the build when a code is not the API's.
 */
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
] as const satisfies readonly { code: RedFlagCode; group: RedFlagGroup; heavy: boolean }[];

/** Compile-time check that the library lists every code the API knows. */
type Missing = Exclude<RedFlagCode, (typeof RED_FLAGS)[number]['code']>;
export const EVERY_CODE_LISTED: [Missing] extends [never] ? true : Missing = true;
