/**
 * The audits API's shapes (/work/notes/audits-api.md, issue 8's stable interface). Written by hand
 * while the backend routes are built; the code lists below are the backend's domain lists
 * (backend/src/audits/domain) and the translations follow them (audits-i18n.spec.ts).
 */

export const AUDIT_ANSWERS = [
  'uppfyllt',
  'avvikelse',
  'ej_tillampligt',
  'ej_kontrollerat',
] as const;
export type AuditAnswer = (typeof AUDIT_ANSWERS)[number];

export const FINDING_SEVERITIES = ['mindre', 'vasentlig', 'allvarlig'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const FINDING_DECISIONS = [
  'varning',
  'vite',
  'havning',
  'anmalan_ebm',
  'anmalan_polis',
  'anmalan_skatteverket',
] as const;
export type FindingDecision = (typeof FINDING_DECISIONS)[number];

export const FINDING_STATUSES = ['oppen', 'stangd'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const ACTION_STATUSES = ['oppen', 'atgardad', 'verifierad'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const DUE_REASONS = [
  'class_cadence',
  'risk_not_assessed',
  'risk_hog',
  'risk_mycket_hog',
  'risk_mycket_hog_urgent',
] as const;
export type DueReason = (typeof DUE_REASONS)[number];

export const PLAN_STATUSES = ['overdue', 'due_soon', 'planned'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const AUDIT_STATUSES = ['pagaende', 'klar', 'signerad'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export type SignOffRole = 'avtalscontroller' | 'chef';
export type FollowUpClass = 'A' | 'B' | 'C';

export interface PersonRef {
  id: string;
  name: string;
}

export interface ChecklistSummary {
  id: string;
  key: string;
  version: number;
  title: string;
  status: 'published' | 'draft';
  itemCount: number;
  createdAt: string;
  createdBy: PersonRef | null;
  current: boolean;
}

export interface ChecklistItemDto {
  id: string;
  number: number;
  text: string;
  guidance: string;
  evidence: string;
}

export interface ChecklistSectionDto {
  code: string;
  title: string;
  items: ChecklistItemDto[];
}

export interface ChecklistDetail {
  id: string;
  key: string;
  version: number;
  title: string;
  status: 'published' | 'draft';
  createdAt: string;
  sections: ChecklistSectionDto[];
}

/** `POST /api/checklists`: every version carries its whole template. */
export interface CreateChecklistRequest {
  key?: string;
  title: string;
  sections: ChecklistSectionDto[];
}

export interface AuditPlanItem {
  contractId: string;
  contractTitle: string;
  diarienummer: string | null;
  supplierName: string;
  unitId: string;
  unitName: string;
  followUpClass: FollowUpClass;
  dueDate: string;
  reason: DueReason;
  from: 'last_audit' | 'contract_start';
  status: PlanStatus;
  lastAuditOn: string | null;
  openAuditId: string | null;
  residualBand: string | null;
}

export interface AuditPlan {
  items: AuditPlanItem[];
  today: string;
}

export interface AuditSummary {
  id: string;
  contractId: string;
  contractTitle: string;
  supplierName: string;
  unitId: string;
  unitName: string;
  followUpClass: FollowUpClass;
  checklist: { id: string; title: string; version: number };
  status: AuditStatus;
  startedAt: string;
  startedBy: PersonRef;
  answered: number;
  total: number;
  deviations: number;
  openFindings: number;
  completedOn: string | null;
}

export interface AuditPage {
  items: AuditSummary[];
  nextCursor: string | null;
}

export interface AttachmentDto {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface AnswerDto {
  itemId: string;
  answer: AuditAnswer | null;
  note: string;
  checkedOn: string | null;
  version: number;
  updatedAt?: string | null;
  updatedBy: PersonRef | null;
  attachments: AttachmentDto[];
}

export interface AnswerRequest {
  answer: AuditAnswer | null;
  note: string;
  checkedOn: string | null;
  version: number;
}

export interface SignOffDto {
  role: SignOffRole;
  userId: string;
  name: string;
  signedAt: string;
}

export interface AuditDetail extends Omit<AuditSummary, 'checklist'> {
  version: number;
  checklist: ChecklistDetail;
  answers: AnswerDto[];
  signOffs: SignOffDto[];
  requiredSignOffs: SignOffRole[];
  completeness: { complete: boolean; total: number; answered: number; missing: string[] };
  deviationsWithoutFinding: string[];
  permissions: { canAnswer: boolean; canSignOff: boolean; canCreateFinding: boolean };
  influenceReports?: { itemId: string; recordedAt: string }[];
}

/** The 409 `edit_conflict` body of `PUT …/answers/{itemId}`. */
export interface EditConflict {
  current: {
    answer: AuditAnswer | null;
    note: string;
    checkedOn: string | null;
    version: number;
    updatedBy: PersonRef | null;
    updatedAt: string | null;
  };
  yours: { answer: AuditAnswer | null; note: string; checkedOn: string | null };
}

export interface CorrectiveActionDto {
  id: string;
  findingId: string;
  title: string;
  ownerId: string;
  ownerName: string;
  dueDate: string;
  status: ActionStatus;
  supplierResponse: string | null;
  decision: FindingDecision | null;
  decisionBy: string | null;
  decidedOn: string | null;
  verifiedAt: string | null;
  verifiedBy: PersonRef | null;
  overdue: boolean;
  version: number;
  /** The caller may update it (as its owner or a controller). */
  canUpdate?: boolean;
  /** The caller may change every field (controller), not only status and response. */
  canManage?: boolean;
}

/** `GET /api/corrective-actions/mine`: an action the caller owns, with what they need to act. */
export interface MyCorrectiveActionDto extends CorrectiveActionDto {
  contractTitle: string;
  supplierName: string;
  itemText: string;
  severity: FindingSeverity;
  findingDescription: string;
  canReadFinding: boolean;
}

export interface FindingDto {
  id: string;
  auditId: string;
  contractId: string;
  contractTitle: string;
  itemId: string;
  itemText: string;
  severity: FindingSeverity;
  description: string;
  evidence: string | null;
  status: FindingStatus;
  createdAt: string;
  createdBy: PersonRef;
  closedAt: string | null;
  riskId: string | null;
  actions?: CorrectiveActionDto[];
  closeBlockers?: { code: string; actionIds?: string[] }[];
  version?: number;
  auditStatus?: AuditStatus;
  supplierName?: string;
  itemNumber?: number | null;
  permissions?: { canAddAction: boolean; canVerify: boolean; canLinkRisk: boolean };
}

export interface CreateFindingRequest {
  itemId: string;
  severity: FindingSeverity;
  description: string;
  evidence?: string;
}

export interface CreateActionRequest {
  title: string;
  ownerId: string;
  dueDate: string;
  decision?: FindingDecision;
  decisionBy?: string;
  decidedOn?: string;
}

export interface UpdateActionRequest {
  status?: 'atgardad' | 'oppen';
  supplierResponse?: string;
  decision?: FindingDecision | null;
  decisionBy?: string | null;
  decidedOn?: string | null;
  dueDate?: string;
  version: number;
}

export interface FindingRiskRequest {
  likelihood: number;
  consequence: number;
  description?: string;
}

export interface FindingQuery {
  contractId?: string;
  auditId?: string;
  status?: FindingStatus;
  mine?: 'true';
}

export interface ContractFollowUp {
  lastAudit: AuditSummary | null;
  nextDue: { dueDate: string; reason: DueReason; status: PlanStatus } | null;
  openFindings: FindingDto[];
  ongoingAudit: AuditSummary | null;
}

export interface AuditDeclaration {
  userId: string;
  name: string;
  role: SignOffRole;
  declarationValidUntil: string | null;
  declaredInterestInSupplier: boolean;
}

/** The item of the default template that asks for jäv declarations and influence attempts. */
export const INFLUENCE_ITEM_ID = 'H28';

/** Attachments on an answer: photos and PDFs (the server checks the content). */
export const EVIDENCE_ACCEPT = '.jpg,.jpeg,.png,.heic,.heif,.pdf';
export const EVIDENCE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'heic', 'heif', 'pdf'];
/** UPLOAD_MAX_BYTES default on the server. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Limits the API sets on free text. */
export const TEXT_MAX = 4000;
