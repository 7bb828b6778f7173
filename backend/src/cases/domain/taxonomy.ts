/**
 * The intake taxonomy of domain.md §3 as stable ASCII codes (what the API and database store).
 * Swedish UI labels live in the frontend (sv.json); PDF labels in `cases.labels.sv.ts`.
 */
import { WELFARE_CRIME_KINDS, type WelfareCrimeKind } from '../../core/domain/welfare-crime';

function member<T extends string>(list: readonly T[]) {
  return (value: unknown): value is T =>
    typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** The two tracks in one channel: influence/incident, and whistleblowing under lag 2021:890. */
export const TRACKS = ['paverkan', 'visselblasning'] as const;
export type Track = (typeof TRACKS)[number];
export const isTrack = member(TRACKS);

/** How the reporter is known: by name to handlers, only to the system (custodian), or not at all. */
export const CONFIDENTIALITY_LEVELS = ['identified', 'confidential', 'anonymous'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];
export const isConfidentiality = member(CONFIDENTIALITY_LEVELS);

/** Händelsekategorier – otillåten påverkan (§3). */
export const INCIDENT_CATEGORIES = [
  'trakasserier',
  'trakasserier_sociala_medier',
  'kartlaggning_bevakning',
  'bestallningar_i_annans_namn',
  'obefogade_anmalningar',
  'orimliga_krav',
  'hot',
  'hot_mot_narstaende',
  'forolampning_mot_tjansteman',
  'vald',
  'skadegorelse',
  'korruptionsforsok',
  'gava_forman_fran_part',
  'infiltration',
  'informationslackage',
  'socialt_tryck',
  'sjalvcensur',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/**
 * A report's `category`: an incident category, or `valfardsbrott` for the welfare-crime branch
 * (which then also needs an `irregularityKind`, see `classificationIssues`).
 */
export const CASE_CATEGORIES = [...INCIDENT_CATEGORIES, 'valfardsbrott'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export const isCaseCategory = member(CASE_CATEGORIES);

/** Kinds of irregularity in a welfare-crime report: the §4 list. */
export const IRREGULARITY_KINDS = WELFARE_CRIME_KINDS;
export type IrregularityKind = WelfareCrimeKind;
export const isIrregularityKind = member(IRREGULARITY_KINDS);

/** Utsatt funktion: the role of the person targeted. */
export const EXPOSED_FUNCTIONS = [
  'tjansteperson',
  'fortroendevald',
  'inspektor_kontrollant',
  'parkeringsvakt_trafikovervakare',
  'upphandlare',
  'avtalsforvaltare',
] as const;
export type ExposedFunction = (typeof EXPOSED_FUNCTIONS)[number];
export const isExposedFunction = member(EXPOSED_FUNCTIONS);

/** Situation where it happened. */
export const SITUATIONS = [
  'pa_arbetsplatsen',
  'forrattning_tillsyn_kontroll',
  'telefon_brev_epost',
  'sociala_medier',
  'fritid_hem',
] as const;
export type Situation = (typeof SITUATIONS)[number];
export const isSituation = member(SITUATIONS);

/** Upplevt syfte: what the reporter thinks the influence aimed at. */
export const PERCEIVED_PURPOSES = [
  'tvinga_fram_beslut',
  'forhindra_beslut_kontroll',
  'hamnd',
  'fa_information',
] as const;
export type PerceivedPurpose = (typeof PERCEIVED_PURPOSES)[number];
export const isPerceivedPurpose = member(PERCEIVED_PURPOSES);

/** Påverkare: who is believed to be behind it. */
export const INFLUENCER_TYPES = [
  'person_i_desperat_situation',
  'psykisk_ohalsa',
  'missbruk',
  'querulant',
  'ensam_kriminell',
  'organiserad_brottslighet',
  'los_gruppering',
  'extremist',
  'aktivist',
  'lobbyist_annan',
] as const;
export type InfluencerType = (typeof INFLUENCER_TYPES)[number];
export const isInfluencerType = member(INFLUENCER_TYPES);

/** Åtgärder recorded on a case. */
export const CASE_ACTION_TYPES = [
  'polisanmalan',
  'anmalan_arbetsmiljoverket',
  'skyddsatgard',
  'stodsamtal_foretagshalsovard',
] as const;
export type CaseActionType = (typeof CASE_ACTION_TYPES)[number];
export const isCaseActionType = member(CASE_ACTION_TYPES);

/** Problems with a category/irregularity pair. */
export type ClassificationIssue = 'irregularity_kind_required' | 'irregularity_kind_not_allowed';

/** A welfare-crime report names its kind of irregularity; an incident report must not. */
export function classificationIssues(input: {
  category: CaseCategory;
  irregularityKind?: IrregularityKind | null;
}): ClassificationIssue[] {
  const hasKind = input.irregularityKind != null;
  if (input.category === 'valfardsbrott') return hasKind ? [] : ['irregularity_kind_required'];
  return hasKind ? ['irregularity_kind_not_allowed'] : [];
}
