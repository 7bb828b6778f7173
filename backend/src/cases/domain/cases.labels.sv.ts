/**
 * Swedish labels for the server-generated redacted case export (PDF). The UI translates the same
 * codes in the frontend (sv.json/en.json). `Record<Code, string>` keeps every list complete.
 */
import type { CaseStatus, ClosingCode } from './case-status';
import type { WaiverReason } from './legal-timers';
import type {
  CaseActionType,
  CaseCategory,
  Confidentiality,
  ExposedFunction,
  InfluencerType,
  PerceivedPurpose,
  Situation,
  Track,
} from './taxonomy';

export { WELFARE_CRIME_KIND_LABELS_SV as IRREGULARITY_KIND_LABELS_SV } from '../../core/domain/welfare-crime.labels.sv';

export const TRACK_LABELS_SV: Readonly<Record<Track, string>> = {
  paverkan: 'Påverkan/incident',
  visselblasning: 'Visselblåsning',
};

export const CONFIDENTIALITY_LABELS_SV: Readonly<Record<Confidentiality, string>> = {
  identified: 'Identifierad',
  confidential: 'Konfidentiell',
  anonymous: 'Anonym',
};

export const CASE_CATEGORY_LABELS_SV: Readonly<Record<CaseCategory, string>> = {
  trakasserier: 'Trakasserier',
  trakasserier_sociala_medier: 'Trakasserier/hängning i sociala medier',
  kartlaggning_bevakning: 'Kartläggning/bevakning',
  bestallningar_i_annans_namn: 'Beställningar i annans namn',
  obefogade_anmalningar: 'Obefogade anmälningar/överprövningar',
  orimliga_krav: 'Orimliga krav på handlingar/svar',
  hot: 'Hot (direkt/förtäckt)',
  hot_mot_narstaende: 'Hot mot närstående',
  forolampning_mot_tjansteman: 'Förolämpning mot tjänsteman',
  vald: 'Våld',
  skadegorelse: 'Skadegörelse',
  korruptionsforsok: 'Korruptionsförsök/otillbörligt erbjudande',
  gava_forman_fran_part: 'Gåva/förmån från part',
  infiltration: 'Infiltration/möjliggörare',
  informationslackage: 'Informationsläckage',
  socialt_tryck: 'Socialt tryck',
  sjalvcensur: 'Självcensur/undvikande',
  valfardsbrott: 'Misstänkt välfärdsbrott',
};

export const EXPOSED_FUNCTION_LABELS_SV: Readonly<Record<ExposedFunction, string>> = {
  tjansteperson: 'Tjänsteperson',
  fortroendevald: 'Förtroendevald',
  inspektor_kontrollant: 'Inspektör/kontrollant',
  parkeringsvakt_trafikovervakare: 'Parkeringsvakt/trafikövervakare',
  upphandlare: 'Upphandlare',
  avtalsforvaltare: 'Avtalsförvaltare',
};

export const SITUATION_LABELS_SV: Readonly<Record<Situation, string>> = {
  pa_arbetsplatsen: 'På arbetsplatsen',
  forrattning_tillsyn_kontroll: 'Förrättning/tillsyn/kontroll',
  telefon_brev_epost: 'Telefon/brev/e-post',
  sociala_medier: 'Sociala medier',
  fritid_hem: 'Fritid/hem',
};

export const PERCEIVED_PURPOSE_LABELS_SV: Readonly<Record<PerceivedPurpose, string>> = {
  tvinga_fram_beslut: 'Tvinga fram beslut',
  forhindra_beslut_kontroll: 'Förhindra beslut/kontroll',
  hamnd: 'Hämnd',
  fa_information: 'Få information',
};

export const INFLUENCER_TYPE_LABELS_SV: Readonly<Record<InfluencerType, string>> = {
  person_i_desperat_situation: 'Person i desperat situation',
  psykisk_ohalsa: 'Psykisk ohälsa',
  missbruk: 'Missbruk',
  querulant: 'Querulant',
  ensam_kriminell: 'Ensam kriminell',
  organiserad_brottslighet: 'Organiserad brottslighet',
  los_gruppering: 'Lös gruppering',
  extremist: 'Extremist',
  aktivist: 'Aktivist',
  lobbyist_annan: 'Lobbyist/annan',
};

export const CASE_ACTION_TYPE_LABELS_SV: Readonly<Record<CaseActionType, string>> = {
  polisanmalan: 'Polisanmälan',
  anmalan_arbetsmiljoverket: 'Anmälan till Arbetsmiljöverket',
  skyddsatgard: 'Skyddsåtgärd',
  stodsamtal_foretagshalsovard: 'Stödsamtal/företagshälsovård',
};

export const CASE_STATUS_LABELS_SV: Readonly<Record<CaseStatus, string>> = {
  registrerad: 'Registrerad',
  bekraftad: 'Bekräftad',
  under_bedomning: 'Under bedömning',
  utredning_pagar: 'Utredning pågår',
  atgard_beslutad: 'Åtgärd beslutad',
  aterkoppling_lamnad: 'Återkoppling lämnad',
  avslutad: 'Avslutad',
  gallrad: 'Gallrad',
};

export const CLOSING_CODE_LABELS_SV: Readonly<Record<ClosingCode, string>> = {
  atgardat: 'Åtgärdat',
  ej_befogat: 'Ej befogat',
  overlamnat_till_polis: 'Överlämnat till polis',
  overlamnat_till_annan_enhet: 'Överlämnat till annan enhet',
  ej_hanterbart: 'Ej hanterbart/spam',
};

export const WAIVER_REASON_LABELS_SV: Readonly<Record<WaiverReason, string>> = {
  reporter_declined: 'Rapportören har avböjt',
  would_reveal_identity: 'Skulle kunna röja rapportörens identitet',
  reporter_unreachable: 'Rapportören har inte gått att nå',
  other: 'Annat skäl',
};
