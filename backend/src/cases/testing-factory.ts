/**
 * Test fixtures for the case specs and the authorization matrix: writes a case exactly as intake
 * does (a fresh data key, sealed content and identity, a keyed reporter tag, the deadline columns
 * from the legal timers, a reference from the shared numbering) but lets a test choose what intake
 * would not: the time of receipt, the unit, the assignee, the handler it is routed away from, and
 * messages and actions already on the case. Not used by the application.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Clock } from '../core/clock/clock';
import { Db } from '../core/database/db';
import { SEALED, type CaseContent, type SealedIdentity } from './case-content';
import { deadlineColumns } from './case-timers';
import { CaseVault } from './case-vault';
import { CasesRepository } from './cases.repository';
import type {
  CaseActionType,
  CaseCategory,
  Confidentiality,
  IrregularityKind,
  Track,
} from './domain/taxonomy';
import type { MessageKind } from './entities/case-message.entity';
import type { CaseEntity } from './entities/case.entity';

export interface TestCaseInput {
  unitId: string;
  track?: Track;
  category?: CaseCategory;
  irregularityKind?: IrregularityKind | null;
  /** Default: identified when a reporter is given, else anonymous. */
  confidentiality?: Confidentiality;
  /** The reporting user; required unless the case is anonymous. */
  reporter?: SealedIdentity | null;
  description?: string;
  intake?: CaseContent['intake'];
  welfare?: CaseContent['welfare'];
  receivedAt?: Date;
  routedAwayFrom?: string | null;
  assigneeId?: string | null;
  /** Posted one minute apart after receipt. */
  messages?: Array<{ kind: MessageKind; body: string; authorId?: string | null }>;
  actions?: Array<{ type: CaseActionType; occurredOn: string; reference?: string; note?: string }>;
}

export async function createTestCase(
  app: INestApplicationContext,
  input: TestCaseInput,
): Promise<CaseEntity> {
  const vault = app.get(CaseVault);
  const cases = app.get(CasesRepository);
  const confidentiality = input.confidentiality ?? (input.reporter ? 'identified' : 'anonymous');
  const reporter = confidentiality === 'anonymous' ? null : (input.reporter ?? null);
  if (confidentiality !== 'anonymous' && !reporter)
    throw new Error('createTestCase: an identified or confidential case needs a reporter');
  return app.get(Db).transaction(async () => {
    const receivedAt = input.receivedAt ?? app.get(Clock).now();
    const id = randomUUID();
    const { key, wrapped } = vault.newCaseKey();
    const { year, seqNo, reference } = await cases.nextReference(receivedAt.getUTCFullYear());
    const category = input.category ?? 'hot';
    const content: CaseContent = {
      description: input.description ?? 'Hotfullt samtal om ett tillsynsbeslut.',
      intake: input.intake ?? { situation: 'telefon_brev_epost', acuteDanger: false },
      welfare: category === 'valfardsbrott' ? (input.welfare ?? { noticedHow: 'Fakturor' }) : null,
    };
    const timerFacts = {
      track: input.track ?? 'paverkan',
      receivedAt,
      ackEndedAt: null,
      ackEndKind: null,
      ackWaiverReason: null,
      feedbackEndedAt: null,
      feedbackEndKind: null,
    } satisfies Partial<CaseEntity>;
    const row: CaseEntity = {
      id,
      reference,
      year,
      seqNo,
      category,
      irregularityKind:
        input.irregularityKind ?? (category === 'valfardsbrott' ? 'felaktig_fakturering' : null),
      confidentiality,
      status: 'registrerad',
      unitId: input.unitId,
      assigneeId: input.assigneeId ?? null,
      routedAwayFrom: input.routedAwayFrom ?? null,
      reporterTag: reporter ? await vault.reporterTag(reporter.userId) : null,
      receiptHash: null,
      ...timerFacts,
      ...deadlineColumns(timerFacts),
      feedbackWaiverReason: null,
      ackReminderAt: null,
      ackEscalatedAt: null,
      feedbackReminderAt: null,
      feedbackEscalatedAt: null,
      severityLikelihood: null,
      severityConsequence: null,
      severityScore: null,
      severityBand: null,
      matrixVersion: null,
      triagedAt: null,
      supplierId: null,
      closedAt: null,
      closingCode: null,
      legalHold: false,
      purgeDueOn: null,
      purgedAt: null,
      wrappedKey: wrapped,
      contentSealed: vault.seal(key, id, SEALED.content, content),
      identitySealed: reporter ? vault.seal(key, id, SEALED.identity, reporter) : null,
      lastReporterActivityAt: receivedAt,
      createdAt: receivedAt,
      updatedAt: receivedAt,
      version: 1,
    };
    await cases.insert(row);
    for (const [i, m] of (input.messages ?? []).entries()) {
      const messageId = randomUUID();
      await cases.messages.insert({
        id: messageId,
        caseId: id,
        kind: m.kind,
        authorId: m.kind === 'from_reporter' ? null : (m.authorId ?? null),
        bodySealed: vault.seal(key, id, SEALED.message(messageId), m.body),
        createdAt: new Date(receivedAt.getTime() + (i + 1) * 60_000),
        readAt: null,
      });
    }
    for (const a of input.actions ?? []) {
      const actionId = randomUUID();
      await cases.actions.insert({
        id: actionId,
        caseId: id,
        type: a.type,
        occurredOn: a.occurredOn,
        detailsSealed: vault.seal(key, id, SEALED.action(actionId), {
          reference: a.reference,
          note: a.note,
        }),
        createdAt: receivedAt,
        createdBy: input.assigneeId ?? randomUUID(),
      });
    }
    return row;
  });
}

/** The identity intake would seal for a user. */
export function identityOf(user: {
  id: string;
  displayName: string;
  username: string;
  email: string | null;
}): SealedIdentity {
  return {
    userId: user.id,
    displayName: user.displayName,
    username: user.username,
    email: user.email,
    unitName: null,
  };
}
