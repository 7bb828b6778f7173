import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A risk in the register (issue 7). It belongs to a contract, a supplier or a unit's own process
 * (`subjectKind` with `contractId`, `supplierId` or `processCode`) and to a unit (`unitId`: the
 * scope; for a contract risk the contract's responsible unit). Its assessments are kept as rows
 * of `risk_assessments`; `currentSeq` points at the newest, whose next review date is copied here
 * for the reminders.
 */
@Entity('risks')
export class RiskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** avtal, leverantor or process (RISK_SUBJECT_KINDS). */
  @Column({ type: 'varchar', length: 20 })
  subjectKind: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  contractId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  supplierId: string | null;

  /** A UNIT_PROCESSES code for subject kind `process`. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  processCode: string | null;

  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  /** A RISK_CATEGORIES code. */
  @Column({ type: 'varchar', length: 40 })
  category: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** Riskägare (a user). */
  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  /** The seq of the newest assessment. */
  @Column({ type: 'integer' })
  currentSeq: number;

  /** The newest assessment's next review date (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10 })
  nextReviewDate: string;

  /** The reminders job's step for `nextReviewDate`: null, 'due_soon' or 'overdue'. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  reviewReminderStep: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ type: Date })
  updatedAt: Date;
}
