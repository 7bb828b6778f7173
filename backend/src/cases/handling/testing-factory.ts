/**
 * Test fixtures for the handler side: writes a case exactly as intake does (a fresh data key,
 * sealed content and identity, a keyed reporter tag, the deadline columns from the legal timers,
 * a reference from the shared numbering) but lets a test choose what intake would not: the time
 * of receipt, the unit, the handler it is routed away from. For tests only.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { Clock } from '../../core/clock/clock';
import type { Db } from '../../core/database/db';
import { SEALED, type CaseContent, type SealedIdentity } from '../case-content';
import { deadlineColumns } from '../case-timers';
import { CaseVault } from '../case-vault';
import { CasesRepository } from '../cases.repository';
import type { CaseCategory, Confidentiality, IrregularityKind, Track } from '../domain/taxonomy';
import type { CaseEntity } from '../entities/case.entity';

export interface TestCaseInput {
  unitId: string;
  track?: Track;
  category?: CaseCategory;
  irregularityKind?: IrregularityKind | null;
  confidentiality?: Confidentiality;
  description?: string;
  receivedAt?: Date;
  routedAwayFrom?: string | null;
  assigneeId?: string | null;
  /** The reporting user (identified/confidential); null for anonymous. */
  reporter?: SealedIdentity | null;
  welfare?: CaseContent['welfare'];
}

/** What the factory needs of a test app (TestApp fits; kept structural so the app build needs no test code). */
export interface FactoryHost {
  readonly app: INestApplicationContext;
  readonly db: Db;
  readonly clock: Clock;
}

export async function createTestCase(t: FactoryHost, input: TestCaseInput): Promise<CaseEntity> {
  const vault = t.app.get(CaseVault);
  const cases = t.app.get(CasesRepository);
  const confidentiality = input.confidentiality ?? (input.reporter ? 'identified' : 'anonymous');
  return t.db.transaction(async () => {
    const receivedAt = input.receivedAt ?? t.clock.now();
    const id = randomUUID();
    const { key, wrapped } = vault.newCaseKey();
    const { year, seqNo, reference } = await cases.nextReference(receivedAt.getUTCFullYear());
    const category = input.category ?? 'hot';
    const content: CaseContent = {
      description: input.description ?? 'Hotfullt samtal om ett tillsynsbeslut.',
      intake: { situation: 'telefon_brev_epost', acuteDanger: false },
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
    };
    const reporter = confidentiality === 'anonymous' ? null : (input.reporter ?? null);
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
