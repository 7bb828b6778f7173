import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A corrective action on a finding: owner, due date, the supplier's response and a decision. */
@Entity('audit_corrective_actions')
export class CorrectiveActionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  findingId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 10 })
  dueDate: string;

  /** `oppen`, `atgardad` or `verifierad`. */
  @Column({ type: 'varchar', length: 12 })
  status: string;

  @Column({ type: 'text', nullable: true })
  supplierResponse: string | null;

  /** A FINDING_DECISIONS code (varning, vite, havning, anmalan_…). */
  @Column({ type: 'varchar', length: 30, nullable: true })
  decision: string | null;

  /** The decision-maker's name/title. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  decisionBy: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  decidedOn: string | null;

  @Column({ type: Date, nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  verifiedBy: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ type: Date })
  updatedAt: Date;

  @Column({ type: 'integer' })
  version: number;
}
