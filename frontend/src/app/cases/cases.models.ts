/**
 * The handler's view of a case, as the API sends it (`/work/notes` contract of issue 6:
 * `GET /api/cases`, `GET /api/cases/:id`). The code lists mirror the backend's domain
 * (`backend/src/cases/domain/*`); their labels live in `taxonomy.*` of the i18n files.
 */

export const TRACKS = ['paverkan', 'visselblasning'] as const;
export type Track = (typeof TRACKS)[number];

export const CONFIDENTIALITY_LEVELS = ['identified', 'confidential', 'anonymous'] as const;
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
] as const;
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
] as const;
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
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSING_CODES = [
  'atgardat',
  'ej_befogat',
  'overlamnat_till_polis',
  'overlamnat_till_annan_enhet',
  'ej_hanterbart',
] as const;
export type ClosingCode = (typeof CLOSING_CODES)[number];

export const CASE_ACTION_TYPES = [
  'polisanmalan',
  'anmalan_arbetsmiljoverket',
  'skyddsatgard',
  'stodsamtal_foretagshalsovard',
] as const;
export type CaseActionType = (typeof CASE_ACTION_TYPES)[number];

export const WAIVER_REASONS = [
  'reporter_declined',
  'would_reveal_identity',
  'reporter_unreachable',
  'other',
] as const;
export type WaiverReason = (typeof WAIVER_REASONS)[number];

export const INTAKE_FIELDS = [
  'occurredOn',
  'exposedFunction',
  'situation',
  'perceivedPurpose',
  'influencerType',
  'repeated',
  'relatedReference',
  'wantsContact',
  'acuteDanger',
] as const;

export const RISK_BANDS = ['lag', 'medel', 'hog', 'mycket_hog'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export type DeadlineState = 'overdue' | 'due_soon' | 'due';
export type DeadlineFilter = 'overdue' | 'due_soon' | 'open';
export type CaseSort = 'received' | 'due' | 'reference';
export type SortOrder = 'asc' | 'desc';
export type TimerKind = 'acknowledgement' | 'feedback';

export interface CaseSummary {
  id: string;
  reference: string;
  track: Track;
  category: CaseCategory;
  status: CaseStatus;
  confidentiality: Confidentiality;
  unitId: string;
  unitName: string;
  receivedAt: string;
  acknowledgementDueAt: string | null;
  feedbackDueAt: string | null;
  nextDueOn: string | null;
  deadlineState: DeadlineState | null;
  severityBand: RiskBand | null;
  assigneeId: string | null;
  assigneeName: string | null;
}

export interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
}

export interface CaseQuery {
  track?: Track;
  category?: CaseCategory;
  status?: CaseStatus;
  unitId?: string;
  deadline?: DeadlineFilter;
  q?: string;
  sort?: CaseSort;
  order?: SortOrder;
}

export interface DeadlineItem {
  id: string;
  reference: string;
  kind: TimerKind;
  dueOn: string;
  state: 'overdue' | 'due_soon';
  assigneeName: string | null;
}

/** One legal timer (the backend's `timerState`): how it stands today. */
export type TimerState =
  | { state: 'due'; dueOn: string; daysLeft: number }
  | { state: 'dueSoon'; dueOn: string; daysLeft: number }
  | { state: 'overdue'; dueOn: string; daysOverdue: number }
  | { state: 'done'; dueOn: string; endedOn: string; late: boolean }
  | { state: 'waived'; dueOn: string; endedOn: string; reason: WaiverReason };

export interface CaseTimers {
  acknowledgement: TimerState;
  feedback: TimerState;
}

export interface Severity {
  likelihood: number;
  consequence: number;
  score: number;
  band: RiskBand;
  matrixVersion: number | null;
  explanation?: string | null;
}

export interface CaseIntake {
  occurredOn?: string | null;
  exposedFunction?: string | null;
  situation?: string | null;
  perceivedPurpose?: string | null;
  influencerType?: string | null;
  repeated?: boolean | null;
  relatedReference?: string | null;
  wantsContact?: boolean | null;
  acuteDanger?: boolean | null;
}

export interface CaseWelfare {
  contractOrSupplier?: string | null;
  supplierId?: string | null;
  periodFrom?: string | null;
  periodTo?: string | null;
  amountSek?: number | null;
  noticedHow?: string | null;
}

export interface ReporterIdentity {
  displayName: string;
  username: string;
  email: string | null;
  unitName: string | null;
}

export type IdentityState =
  'identified' | 'anonymous' | 'hidden' | 'requested' | 'approved' | 'refused';

export interface CaseMessage {
  id: string;
  from: 'reporter' | 'handler';
  authorName: string | null;
  body: string;
  createdAt: string;
}

export interface CaseNote {
  id: string;
  authorName: string | null;
  body: string;
  createdAt: string;
}

export interface CaseAction {
  id: string;
  type: CaseActionType;
  occurredOn: string;
  reference: string | null;
  note: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface CaseAttachment {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

export interface CaseDetail extends CaseSummary {
  irregularityKind: IrregularityKind | null;
  description: string | null;
  intake: CaseIntake | null;
  welfare: CaseWelfare | null;
  supplierId: string | null;
  severity: Severity | null;
  acknowledgedAt: string | null;
  ackEndKind: 'sent' | 'waived' | null;
  ackWaiverReason: WaiverReason | null;
  feedbackGivenAt: string | null;
  feedbackEndKind: 'sent' | 'waived' | null;
  feedbackWaiverReason: WaiverReason | null;
  /** Why a timer was waived (kept in the case, never shown to the reporter). */
  ackWaiverMotivation?: string | null;
  feedbackWaiverMotivation?: string | null;
  timers: CaseTimers | null;
  closedAt: string | null;
  closingCode: ClosingCode | null;
  summary: string | null;
  legalHold: boolean;
  legalHoldReason: string | null;
  purgeDueOn: string | null;
  purgedAt: string | null;
  reporter: ReporterIdentity | null;
  identityState: IdentityState;
  messages: CaseMessage[];
  notes: CaseNote[];
  actions: CaseAction[];
  attachments: CaseAttachment[];
  allowedStatuses: CaseStatus[];
  version: number;
}

export interface UpdateCaseRequest {
  version: number;
  category?: CaseCategory;
  irregularityKind?: IrregularityKind | null;
  track?: Track;
  severity?: { likelihood: number; consequence: number };
  assigneeId?: string | null;
  status?: CaseStatus;
  supplierId?: string | null;
}

export type TimerEndRequest =
  { mode: 'sent'; body?: string } | { mode: 'waived'; reason: WaiverReason; motivation: string };

export interface RecordActionRequest {
  type: CaseActionType;
  occurredOn: string;
  reference?: string;
  note?: string;
}

export interface CloseCaseRequest {
  closingCode: ClosingCode;
  summary: string;
}

export type LegalHoldRequest = { hold: true; reason: string } | { hold: false };

export interface HandlerOption {
  id: string;
  displayName: string;
}

/** A handler's own identity requests for a case (from `GET /api/identity-requests`). */
export interface OwnIdentityRequest {
  id: string;
  caseId: string;
  status: 'pending' | 'approved' | 'refused';
  motivation: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionMotivation: string | null;
}
