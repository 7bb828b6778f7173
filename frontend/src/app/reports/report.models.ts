import type { components } from '../core/api/api-types';

/**
 * The reporter's side of the cases API (cases-api.md "Public" and "Signed-in reporter"), as the
 * UI uses it. The code lists give the form its options in display order; the labels live in the
 * translations (`taxonomy.*`).
 */

export const TRACKS = ['paverkan', 'visselblasning'] as const;
export type Track = (typeof TRACKS)[number];

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

/** The welfare-crime branch's category. */
export const WELFARE_CATEGORY = 'valfardsbrott';
export const CATEGORIES = [...INCIDENT_CATEGORIES, WELFARE_CATEGORY] as const;
export type Category = (typeof CATEGORIES)[number];

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
] as const;
export type IrregularityKind = (typeof IRREGULARITY_KINDS)[number];

export const EXPOSED_FUNCTIONS = [
  'tjansteperson',
  'fortroendevald',
  'inspektor_kontrollant',
  'parkeringsvakt_trafikovervakare',
  'upphandlare',
  'avtalsforvaltare',
] as const;
export type ExposedFunction = (typeof EXPOSED_FUNCTIONS)[number];

export const SITUATIONS = [
  'pa_arbetsplatsen',
  'forrattning_tillsyn_kontroll',
  'telefon_brev_epost',
  'sociala_medier',
  'fritid_hem',
] as const;
export type Situation = (typeof SITUATIONS)[number];

export const PERCEIVED_PURPOSES = [
  'tvinga_fram_beslut',
  'forhindra_beslut_kontroll',
  'hamnd',
  'fa_information',
] as const;
export type PerceivedPurpose = (typeof PERCEIVED_PURPOSES)[number];

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

export const CASE_STATUSES = [
  'registrerad',
  'bekraftad',
  'under_bedomning',
  'utredning_pagar',
  'atgard_beslutad',
  'aterkoppling_lamnad',
  'avslutad',
  'gallrad',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A signed-in reporter chooses between these; anonymous reports go through `/anonym`. */
export const SIGNED_IN_CONFIDENTIALITY = ['confidential', 'identified'] as const;
export type SignedInConfidentiality = (typeof SIGNED_IN_CONFIDENTIALITY)[number];

/** Limits the API enforces (the form checks them first so nothing typed is lost). */
export const LIMITS = {
  description: 20_000,
  relatedReference: 100,
  contractOrSupplier: 300,
  noticedHow: 2_000,
  message: 10_000,
} as const;

type Schemas = components['schemas'];

// The API's shapes, generated from the backend's OpenAPI document (`npm run openapi`).
export type IntakeUnit = Schemas['IntakeUnitDto'];
export type SecurityContact = Schemas['SecurityContactDto'];
/** `GET /api/public/intake`. */
export type PublicIntake = Schemas['IntakeInfoDto'];
export type ReportIntakeFields = Schemas['IntakeDto'];
export type ReportWelfareFields = Schemas['WelfareDto'];
/** `POST /api/public/reports`. */
export type PublicReportRequest = Schemas['PublicReportDto'];
/** `POST /api/reports`. */
export type SignedInReportRequest = Schemas['CreateReportDto'];
export type ReceiptCodeResponse = Schemas['ReceiptDto'];
export type CreatedReport = Schemas['CreatedReportDto'];
export type HandlerOption = Schemas['HandlerOptionDto'];
export type ReporterMessage = Schemas['ReporterMessageDto'];
export type AttachmentInfo = Schemas['AttachmentInfoDto'];
/** What a reporter (signed in or with a receipt code) sees of their report. */
export type ReporterReportView = Schemas['ReporterReportViewDto'];
export type IdentityDisclosure = Schemas['IdentityDisclosureDto'];
/** `GET /api/reports/mine/:id`. */
export type MyReportDetail = Schemas['MyReportViewDto'];
export type MyReportSummary = Schemas['MyReportSummaryDto'];
/** `GET /api/reports/mine`. */
export type MyReportList = Schemas['MyReportsDto'];

/** True when two unions hold the same members. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AllTrue<T extends readonly true[]> = T;

/**
 * Compile-time check that the form offers exactly the codes the API accepts: a code added to or
 * removed from the backend's taxonomy fails the build here until the lists above follow.
 */
export type CodeListsMatchApi = AllTrue<
  [
    Same<Track, PublicReportRequest['track']>,
    Same<Category, PublicReportRequest['category']>,
    Same<IrregularityKind, NonNullable<PublicReportRequest['irregularityKind']>>,
    Same<ExposedFunction, NonNullable<ReportIntakeFields['exposedFunction']>>,
    Same<Situation, NonNullable<ReportIntakeFields['situation']>>,
    Same<PerceivedPurpose, NonNullable<ReportIntakeFields['perceivedPurpose']>>,
    Same<InfluencerType, NonNullable<ReportIntakeFields['influencerType']>>,
    Same<CaseStatus, ReporterReportView['status']>,
    Same<SignedInConfidentiality, SignedInReportRequest['confidentiality']>,
  ]
>;

/** Attachments the API accepts (checked by content on the server; by name and size here). */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.heic,.heif,.pdf,.eml';
export const ATTACHMENT_EXTENSIONS = ['jpg', 'jpeg', 'png', 'heic', 'heif', 'pdf', 'eml'];
/** UPLOAD_MAX_BYTES default on the server. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_FILES = 10;
