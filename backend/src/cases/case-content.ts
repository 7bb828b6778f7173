import type {
  ExposedFunction,
  InfluencerType,
  PerceivedPurpose,
  Situation,
} from './domain/taxonomy';

/** Intake answers beside the description (all optional). */
export interface IntakeFields {
  occurredOn?: string | null;
  exposedFunction?: ExposedFunction | null;
  situation?: Situation | null;
  perceivedPurpose?: PerceivedPurpose | null;
  influencerType?: InfluencerType | null;
  repeated?: boolean | null;
  relatedReference?: string | null;
  wantsContact?: boolean | null;
  acuteDanger?: boolean | null;
}

/** The welfare-crime branch of a report. */
export interface WelfareFields {
  contractOrSupplier?: string | null;
  supplierId?: string | null;
  periodFrom?: string | null;
  periodTo?: string | null;
  amountSek?: number | null;
  noticedHow?: string | null;
}

/** What `cases.contentSealed` holds (sealed under the case key, field `content`). */
export interface CaseContent {
  description: string;
  intake: IntakeFields;
  welfare: WelfareFields | null;
  /** The closing summary. */
  summary?: string | null;
  legalHoldReason?: string | null;
  /** The handler's motivation for waiving the acknowledgement (the reason code is a column). */
  ackWaiverMotivation?: string | null;
  /** The handler's motivation for waiving the feedback. */
  feedbackWaiverMotivation?: string | null;
  /** Id of the de-identified fact written at triage (kept only here, lost with the purge). */
  factId?: string | null;
}

/** What `cases.identitySealed` holds (field `identity`). */
export interface SealedIdentity {
  userId: string;
  displayName: string;
  username: string;
  email: string | null;
  unitName: string | null;
}

/** Field names used with CaseVault.seal/open — one list so no two features pick different ones. */
export const SEALED = {
  content: 'content',
  identity: 'identity',
  message: (id: string) => `message:${id}`,
  action: (id: string) => `action:${id}`,
  identityMotivation: (id: string) => `idreq:${id}:motivation`,
  identityDecision: (id: string) => `idreq:${id}:decision`,
} as const;
