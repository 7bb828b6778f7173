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
  message: 5_000,
} as const;

export interface IntakeUnit {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
}

export interface SecurityContact {
  name: string;
  phone: string;
  email: string;
}

/** `GET /api/public/intake`. */
export interface PublicIntake {
  units: IntakeUnit[];
  securityContact: SecurityContact;
}

export interface ReportIntakeFields {
  occurredOn?: string;
  exposedFunction?: ExposedFunction;
  situation?: Situation;
  perceivedPurpose?: PerceivedPurpose;
  influencerType?: InfluencerType;
  repeated?: boolean;
  relatedReference?: string;
  wantsContact?: boolean;
  acuteDanger?: boolean;
}

export interface ReportWelfareFields {
  contractOrSupplier: string;
  supplierId?: string;
  periodFrom?: string;
  periodTo?: string;
  amountSek?: number;
  noticedHow: string;
}

/** `POST /api/public/reports`. */
export interface PublicReportRequest {
  track: Track;
  category: Category;
  description: string;
  unitId: string;
  irregularityKind?: IrregularityKind;
  intake?: ReportIntakeFields;
  welfare?: ReportWelfareFields;
}

/** `POST /api/reports`. */
export interface SignedInReportRequest extends PublicReportRequest {
  confidentiality: SignedInConfidentiality;
  concernsHandlerId?: string;
}

export interface ReceiptCodeResponse {
  receiptCode: string;
}

export interface CreatedReport {
  id: string;
  reference: string;
}

export interface HandlerOption {
  id: string;
  displayName: string;
}

export interface ReporterMessage {
  id: string;
  from: 'reporter' | 'handler';
  body: string;
  createdAt: string;
}

export interface AttachmentInfo {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

/** What a reporter (signed in or with a receipt code) sees of their report. */
export interface ReporterReportView {
  reference: string;
  track: Track;
  category: Category;
  status: CaseStatus;
  receivedAt: string;
  acknowledgementDueAt: string | null;
  feedbackDueAt: string | null;
  acknowledgedAt: string | null;
  feedbackGivenAt: string | null;
  closedAt: string | null;
  description: string | null;
  messages: ReporterMessage[];
  attachments: AttachmentInfo[];
}

export interface IdentityDisclosure {
  to: string;
  at: string;
}

/** `GET /api/reports/mine/:id`. */
export interface MyReportDetail extends ReporterReportView {
  identityDisclosures: IdentityDisclosure[];
}

export interface MyReportSummary {
  id: string;
  reference: string;
  track: Track;
  category: Category;
  status: CaseStatus;
  receivedAt: string;
  acknowledgementDueAt: string | null;
  feedbackDueAt: string | null;
  unreadMessages: number;
}

/** `GET /api/reports/mine`. */
export interface MyReportList {
  items: MyReportSummary[];
}

/** Attachments the API accepts (checked by content on the server; by name and size here). */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.heic,.heif,.pdf,.eml';
export const ATTACHMENT_EXTENSIONS = ['jpg', 'jpeg', 'png', 'heic', 'heif', 'pdf', 'eml'];
/** UPLOAD_MAX_BYTES default on the server. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_FILES = 10;
