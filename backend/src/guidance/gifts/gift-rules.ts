import { randomUUID } from 'node:crypto';
import {
  evaluateGiftGuide,
  type GiftGuideRules,
  type GuideAnswers,
  type GuideQuestion,
} from '../domain/gift-guide';
import type { GiftRelation } from '../domain/guidance-taxonomy';
import type { GiftEntryEntity } from './entities/gift-entry.entity';

export interface GiftFields {
  userId: string;
  unitId: string;
  giverName: string;
  giverOrganisationNumber: string | null;
  supplierId: string | null;
  relation: GiftRelation;
  description: string;
  estimatedValue: number;
  receivedOn: string;
}

/**
 * A new gift register entry with the outcome the rules give for the answers: the one factory of
 * the service and the demo data. Incomplete answers give `{ incomplete: next question }`.
 */
export function newGiftEntry(
  fields: GiftFields,
  rules: GiftGuideRules,
  answers: GuideAnswers,
  now: Date,
): { entry: GiftEntryEntity } | { incomplete: GuideQuestion } {
  const evaluation = evaluateGiftGuide(rules, answers);
  if (!evaluation.complete) return { incomplete: evaluation.next };
  const outcome = evaluation.outcome;
  return {
    entry: {
      id: randomUUID(),
      ...fields,
      outcome,
      guideVersion: rules.version,
      guidePath: JSON.stringify(evaluation.path),
      guideFlags: evaluation.flags.join(','),
      status: outcome === 'B' ? 'vantar_beslut' : 'registrerad',
      decision: null,
      decisionMotivation: null,
      decidedBy: null,
      decidedAt: null,
      createdAt: now,
    },
  };
}
