import { randomUUID } from 'node:crypto';
import { localDateOf } from '../../core/domain/local-date';
import {
  declarationValidity,
  type DeclarationInterestKind,
  type DeclarationType,
  type JavGround,
  type JavHandling,
} from '../domain/guidance-taxonomy';
import type { DeclarationInterestEntity } from './entities/declaration-interest.entity';
import type { DeclarationEntity } from './entities/declaration.entity';

export interface DeclarationFields {
  userId: string;
  unitId: string;
  type: DeclarationType;
  roleTitle?: string | null;
  caseReference?: string | null;
  caseDescription?: string | null;
  partyName?: string | null;
  partyOrganisationNumber?: string | null;
  claimedGround: JavGround;
  ownAssessment?: string | null;
  proposedHandling: JavHandling;
  interests: ReadonlyArray<{
    kind: DeclarationInterestKind;
    description: string;
    organisationNumber: string | null;
    organisationName: string | null;
  }>;
}

/**
 * A new signed declaration (the next version of `previous`' series, or the first of its own) with
 * its interest rows and its last valid day: the one factory of the service and the demo data.
 * Superseding `previous` is the caller's (a conditional update in the same transaction).
 */
export function newDeclaration(
  f: DeclarationFields,
  previous: Pick<DeclarationEntity, 'seriesId' | 'version'> | null,
  now: Date,
): { declaration: DeclarationEntity; interests: DeclarationInterestEntity[] } {
  const id = randomUUID();
  const signedOn = localDateOf(now);
  return {
    declaration: {
      id,
      seriesId: previous?.seriesId ?? id,
      version: previous ? previous.version + 1 : 1,
      userId: f.userId,
      unitId: f.unitId,
      type: f.type,
      signedOn,
      signedAt: now,
      validThrough: declarationValidity(signedOn, signedOn).validThrough,
      roleTitle: f.roleTitle ?? null,
      caseReference: f.caseReference ?? null,
      caseDescription: f.caseDescription ?? null,
      partyName: f.partyName ?? null,
      partyOrganisationNumber: f.partyOrganisationNumber ?? null,
      claimedGround: f.claimedGround,
      ownAssessment: f.ownAssessment ?? null,
      proposedHandling: f.proposedHandling,
      status: 'inlamnad',
      supersededBy: null,
      supersededAt: null,
      decisionHandling: null,
      decisionMotivation: null,
      decidedBy: null,
      decidedAt: null,
      reminderStep: null,
    },
    interests: f.interests.map((i, position) => ({
      id: randomUUID(),
      declarationId: id,
      position,
      kind: i.kind,
      description: i.description,
      organisationNumber: i.organisationNumber,
      organisationName: i.organisationName,
    })),
  };
}
