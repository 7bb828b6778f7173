/**
 * The handler's view of a case. The DTOs come from the backend's OpenAPI document
 * (`api-types.ts`, `npm run openapi`); the code lists are for the UI's selects and are checked
 * against the generated enums with `satisfies`, so the build fails when the API changes them.
 * Their labels live in `taxonomy.*` of the i18n files.
 */
import type { components, operations } from '../core/api/api-types';

type Schemas = components['schemas'];
export type CaseSummary = Schemas['CaseSummaryDto'];
export type CaseDetail = Schemas['CaseDetailDto'];
export type CasePage = Schemas['CasePageDto'];
export type DeadlineItem = Schemas['DeadlineItemDto'];
export type CaseTimers = Schemas['CaseTimersDto'];
/** One legal timer as it stands today (the backend's `timerState`). */
export type TimerState = Schemas['CaseTimerStateDto'];
export type Severity = Schemas['CaseSeverityDto'];
export type CaseIntake = Schemas['CaseIntakeDto'];
export type CaseWelfare = Schemas['CaseWelfareDto'];
export type CaseMessage = Schemas['CaseMessageDto'];
export type CaseNote = Schemas['CaseNoteDto'];
export type CaseAction = Schemas['CaseActionDto'];
export type CaseAttachment = Schemas['CaseAttachmentDto'];
export type ReporterIdentity = Schemas['ReporterIdentityDto'];
export type IdentityState = CaseDetail['identityState'];
export type UpdateCaseRequest = Schemas['UpdateCaseDto'];
export type RecordActionRequest = Schemas['CaseActionInputDto'];
export type CloseCaseRequest = Schemas['CloseCaseDto'];
export type HandlerOption = Schemas['HandlerOptionDto'];
/** A handler's own identity requests for a case (`GET /api/identity-requests?caseId=`). */
export type OwnIdentityRequest = Schemas['IdentityRequestDto'];
type ListQuery = NonNullable<operations['Cases_list']['parameters']['query']>;

export const TRACKS = [
  'paverkan',
  'visselblasning',
] as const satisfies readonly CaseSummary['track'][];
export type Track = (typeof TRACKS)[number];

export const CONFIDENTIALITY_LEVELS = [
  'identified',
  'confidential',
  'anonymous',
] as const satisfies readonly CaseSummary['confidentiality'][];
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export const CASE_CATEGORIES = [
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
  'valfardsbrott',
] as const satisfies readonly CaseSummary['category'][];
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Kinds of irregularity (välfärdsbrott, domain.md §4); required iff category = valfardsbrott. */
export const IRREGULARITY_KINDS = [
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
] as const satisfies readonly NonNullable<CaseDetail['irregularityKind']>[];
export type IrregularityKind = (typeof IRREGULARITY_KINDS)[number];

/** In lifecycle order (domain.md §3). */
export const CASE_STATUSES = [
  'registrerad',
  'bekraftad',
  'under_bedomning',
  'utredning_pagar',
  'atgard_beslutad',
  'aterkoppling_lamnad',
  'avslutad',
  'gallrad',
] as const satisfies readonly CaseSummary['status'][];
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSING_CODES = [
  'atgardat',
  'ej_befogat',
  'overlamnat_till_polis',
  'overlamnat_till_annan_enhet',
  'ej_hanterbart',
] as const satisfies readonly CloseCaseRequest['closingCode'][];
export type ClosingCode = (typeof CLOSING_CODES)[number];

export const CASE_ACTION_TYPES = [
  'polisanmalan',
  'anmalan_arbetsmiljoverket',
  'skyddsatgard',
  'stodsamtal_foretagshalsovard',
] as const satisfies readonly CaseAction['type'][];
export type CaseActionType = (typeof CASE_ACTION_TYPES)[number];

export const WAIVER_REASONS = [
  'reporter_declined',
  'would_reveal_identity',
  'reporter_unreachable',
  'other',
] as const satisfies readonly NonNullable<TimerState['reason']>[];
export type WaiverReason = (typeof WAIVER_REASONS)[number];

export type DeadlineFilter = NonNullable<ListQuery['deadline']>;
export type CaseSort = NonNullable<ListQuery['sort']>;
export type SortOrder = NonNullable<ListQuery['order']>;
export type TimerKind = DeadlineItem['kind'];

/** The inbox filters as the UI keeps them (and as they appear in the URL). */
export type CaseQuery = Pick<
  ListQuery,
  'track' | 'category' | 'status' | 'unitId' | 'deadline' | 'q' | 'sort' | 'order'
>;

/** Ending a legal timer: a message to the reporter, or a waiver with its reason. */
export type TimerEndRequest =
  { mode: 'sent'; body?: string } | { mode: 'waived'; reason: WaiverReason; motivation: string };

export type LegalHoldRequest = { hold: true; reason: string } | { hold: false };
