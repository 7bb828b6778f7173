import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A follow-up audit of a contract against one checklist template version. Its unit (for access)
 * is the contract's responsible unit. Status: `pagaende` (answers open), `klar` (complete and
 * signed by some but not all required roles), `signerad` (every required sign-off: read-only).
 */
@Entity('contract_audits')
export class ContractAuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  contractId: string;

  /** The checklist_templates row (one version) the audit started with; never changes. */
  @Column({ type: 'varchar', length: 36 })
  templateId: string;

  /** `planerad` or `adhoc`. */
  @Column({ type: 'varchar', length: 10 })
  kind: string;

  @Column({ type: 'varchar', length: 10 })
  status: string;

  @Column({ type: Date })
  startedAt: Date;

  @Column({ type: 'varchar', length: 36 })
  startedBy: string;

  /** The day the last required sign-off was given (YYYY-MM-DD, Stockholm); the plan counts from it. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  completedOn: string | null;

  @Column({ type: Date, nullable: true })
  signedAt: Date | null;

  /** Bumped on every status change (sign-off). */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: Date })
  updatedAt: Date;
}
