import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseStatus, ClosingCode } from '../domain/case-status';
import type { WaiverReason } from '../domain/legal-timers';
import type { CaseCategory, Confidentiality, IrregularityKind, Track } from '../domain/taxonomy';

/**
 * A report and its follow-up case (one row for both). Everything that tells what happened or who
 * reported it is sealed under the case's own data key (`wrappedKey`); what stays in clear is what
 * lists, filters, deadlines and the authorization rules need: codes, dates, unit and user ids.
 * Purging destroys the data key and empties the sealed columns (a tombstone remains).
 */
@Entity('cases')
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Human reference, `VRN-2026-00042`; unique. */
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  seqNo: number;

  @Column({ type: 'varchar', length: 20 })
  track: Track;

  @Column({ type: 'varchar', length: 60 })
  category: CaseCategory;

  @Column({ type: 'varchar', length: 60, nullable: true })
  irregularityKind: IrregularityKind | null;

  @Column({ type: 'varchar', length: 20 })
  confidentiality: Confidentiality;

  @Column({ type: 'varchar', length: 30 })
  status: CaseStatus;

  /** The unit where it happened: the case's scope. */
  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  assigneeId: string | null;

  /** The handler the report concerns: the case never reaches them (lists, counts, notifications). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  routedAwayFrom: string | null;

  /** HMAC of the reporting user's id ("Mina rapporter"); never the id itself. Null when anonymous. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reporterTag: string | null;

  /** HMAC of the anonymous reporter's receipt code; unique. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  receiptHash: string | null;

  @Column({ type: Date })
  receivedAt: Date;

  /** YYYY-MM-DD; visselblåsning only. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  acknowledgementDueOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  feedbackDueOn: string | null;

  @Column({ type: Date, nullable: true })
  ackEndedAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  ackEndKind: 'sent' | 'waived' | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  ackWaiverReason: WaiverReason | null;

  @Column({ type: Date, nullable: true })
  feedbackEndedAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  feedbackEndKind: 'sent' | 'waived' | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  feedbackWaiverReason: WaiverReason | null;

  /** The earliest open legal deadline (YYYY-MM-DD), null when none is open. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  nextDueOn: string | null;

  @Column({ type: Date, nullable: true })
  ackReminderAt: Date | null;

  @Column({ type: Date, nullable: true })
  ackEscalatedAt: Date | null;

  @Column({ type: Date, nullable: true })
  feedbackReminderAt: Date | null;

  @Column({ type: Date, nullable: true })
  feedbackEscalatedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  severityLikelihood: number | null;

  @Column({ type: 'integer', nullable: true })
  severityConsequence: number | null;

  @Column({ type: 'integer', nullable: true })
  severityScore: number | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  severityBand: string | null;

  @Column({ type: 'integer', nullable: true })
  matrixVersion: number | null;

  /** First classification by a handler; the de-identified fact is written then. */
  @Column({ type: Date, nullable: true })
  triagedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  supplierId: string | null;

  @Column({ type: Date, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  closingCode: ClosingCode | null;

  @Column({ type: 'boolean' })
  legalHold: boolean;

  /** YYYY-MM-DD from which the personal data may be purged (set at closing). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  purgeDueOn: string | null;

  @Column({ type: Date, nullable: true })
  purgedAt: Date | null;

  /** The case's data key wrapped by the master key; null once purged (crypto-shredded). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  wrappedKey: string | null;

  /** Sealed `CaseContent` JSON. */
  @Column({ type: 'text', nullable: true })
  contentSealed: string | null;

  /** Sealed `ReporterIdentity` JSON (identified and confidential reports). */
  @Column({ type: 'text', nullable: true })
  identitySealed: string | null;

  @Column({ type: Date, nullable: true })
  lastReporterActivityAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;

  /** Optimistic concurrency: bumped on every change. */
  @Column({ type: 'integer' })
  version: number;
}
