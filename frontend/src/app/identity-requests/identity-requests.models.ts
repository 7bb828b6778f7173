/**
 * The custodian's view of identity requests (`GET /api/identity-requests[/:id]`), generated from
 * the backend's OpenAPI document. Never case content: codes, who asked, why, and the decision.
 */
import type { components } from '../core/api/api-types';

type Schemas = components['schemas'];
export type IdentityRequestSummary = Schemas['IdentityRequestDto'];
/** With the track and category codes, and for the custodian the identity (audit-logged). */
export type IdentityRequestDetail = Schemas['IdentityRequestDetailDto'];
export type DecisionRequest = Schemas['DecideIdentityRequestDto'];
export type IdentityRequestStatus = IdentityRequestSummary['status'];
export type IdentityDecision = DecisionRequest['decision'];
export type IdentityRequestList = 'pending' | 'decided';
