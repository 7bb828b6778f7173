import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The answer to one checklist item of an audit. One row per item is written when the audit
 * starts (answer null, version 0); each save is a conditional update on `version`.
 */
@Entity('audit_answers')
export class AuditAnswerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  auditId: string;

  /** The template item id, e.g. `H28`. */
  @Column({ type: 'varchar', length: 16 })
  itemId: string;

  /** An AUDIT_ANSWERS code, or null while unanswered. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  answer: string | null;

  /** Evidence note (may be empty). */
  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  checkedOn: string | null;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: Date })
  updatedAt: Date;

  @Column({ type: 'varchar', length: 36, nullable: true })
  updatedBy: string | null;
}
