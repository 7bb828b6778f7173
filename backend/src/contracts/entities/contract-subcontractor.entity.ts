import { Column, Entity, PrimaryColumn } from 'typeorm';

export const APPROVAL_STATUSES = ['godkand', 'ej_provad', 'ej_godkand'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** A subcontractor in a contract's chain: tier 1 works for the supplier, tier 2 for tier 1, … */
@Entity('contract_subcontractors')
export class ContractSubcontractorEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  contractId: string;

  /** Order in the contract's list (0-based). */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Normalised `NNNNNN-NNNN` (Luhn-checked). */
  @Column({ type: 'varchar', length: 11 })
  organisationNumber: string;

  @Column({ type: 'integer' })
  tier: number;

  /** godkänd / ej prövad / ej godkänd by the administration. */
  @Column({ type: 'varchar', length: 20 })
  approvalStatus: string;
}
