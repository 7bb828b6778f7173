import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A finding (avvikelse) raised from an audit item; closes when its actions are verified. */
@Entity('audit_findings')
export class AuditFindingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  auditId: string;

  /** The template item the deviation is on. */
  @Column({ type: 'varchar', length: 16 })
  itemId: string;

  /** A FINDING_SEVERITIES code. */
  @Column({ type: 'varchar', length: 20 })
  severity: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  /** `oppen` or `stangd`. */
  @Column({ type: 'varchar', length: 10 })
  status: string;

  /** The contract risk the finding fed, if any. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  riskId: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ type: Date, nullable: true })
  closedAt: Date | null;

  @Column({ type: Date })
  updatedAt: Date;

  @Column({ type: 'integer' })
  version: number;
}
