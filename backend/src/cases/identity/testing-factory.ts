import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { SEALED, type CaseContent, type SealedIdentity } from '../case-content';
import { deadlineColumns } from '../case-timers';
import { CaseVault } from '../case-vault';
import { CasesRepository } from '../cases.repository';
import type { CaseActionType, CaseCategory, Confidentiality, Track } from '../domain/taxonomy';
import type { MessageKind } from '../entities/case-message.entity';
import type { CaseEntity } from '../entities/case.entity';

/**
 * Test cases for the custody and export specs (and the authorization matrix), written the way
 * intake writes them: a fresh data key, sealed content and identity, the reporter's tag, the
 * deadline columns from the legal timers. Not used by the application.
 */
export interface TestCaseInput {
  unitId: string;
  confidentiality: Confidentiality;
  /** Required unless anonymous. */
  reporter?: SealedIdentity;
  track?: Track;
  category?: CaseCategory;
  description?: string;
  routedAwayFrom?: string | null;
  assigneeId?: string | null;
  messages?: Array<{ kind: MessageKind; body: string; authorId?: string | null }>;
  actions?: Array<{ type: CaseActionType; occurredOn: string; reference?: string; note?: string }>;
  intake?: CaseContent['intake'];
}

export async function createTestCase(
  app: INestApplicationContext,
  input: TestCaseInput,
): Promise<{ id: string; reference: string }> {
  const db = app.get(Db);
  const vault = app.get(CaseVault);
  const cases = app.get(CasesRepository);
  const now = app.get(Clock).now();
  if (input.confidentiality !== 'anonymous' && !input.reporter)
    throw new Error('createTestCase: an identified or confidential case needs a reporter');
  return db.transaction(async () => {
    const id = randomUUID();
    const { key, wrapped } = vault.newCaseKey();
    const number = await cases.nextReference(now.getUTCFullYear());
    const track = input.track ?? 'paverkan';
    const content: CaseContent = {
      description: input.description ?? 'En beskrivning av vad som hände.',
      intake: input.intake ?? {},
      welfare: null,
    };
    const timers = {
      track,
      receivedAt: now,
      ackEndedAt: null,
      ackEndKind: null,
      ackWaiverReason: null,
      feedbackEndedAt: null,
      feedbackEndKind: null,
    } satisfies Partial<CaseEntity>;
    const row: CaseEntity = {
      id,
      ...number,
      category: input.category ?? 'hot',
      irregularityKind: null,
      confidentiality: input.confidentiality,
      status: 'registrerad',
      unitId: input.unitId,
      assigneeId: input.assigneeId ?? null,
      routedAwayFrom: input.routedAwayFrom ?? null,
      reporterTag: input.reporter ? await vault.reporterTag(input.reporter.userId) : null,
      receiptHash: null,
      ...timers,
      ...deadlineColumns(timers),
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
      identitySealed:
        input.confidentiality === 'anonymous' || !input.reporter
          ? null
          : vault.seal(key, id, SEALED.identity, input.reporter),
      lastReporterActivityAt: null,
      createdAt: now,
      updatedAt: now,
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
        createdAt: new Date(now.getTime() + (i + 1) * 60_000),
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
        createdAt: now,
        createdBy: input.assigneeId ?? randomUUID(),
      });
    }
    return { id, reference: number.reference };
  });
}
