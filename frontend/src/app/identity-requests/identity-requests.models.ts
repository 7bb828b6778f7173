/** The custodian's view of identity requests (`GET /api/identity-requests[/:id]`). Never case content. */

export type IdentityRequestStatus = 'pending' | 'approved' | 'refused';
export type IdentityRequestList = 'pending' | 'decided';
export type IdentityDecision = 'approved' | 'refused';

export interface IdentityRequestSummary {
  id: string;
  caseId: string;
  caseReference: string;
  unitName: string;
  requestedBy: string;
  requestedByName: string | null;
  motivation: string;
  status: IdentityRequestStatus;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionMotivation: string | null;
}

export interface ReporterIdentity {
  displayName: string;
  username: string;
  email: string | null;
  unitName: string | null;
}

export interface IdentityRequestDetail extends IdentityRequestSummary {
  /** Codes only (never case text): what kind of report it is. */
  track: string;
  category: string;
  /** Only for the custodian; null for the requesting handler. */
  identity: ReporterIdentity | null;
}

export interface DecisionRequest {
  decision: IdentityDecision;
  motivation: string;
}
