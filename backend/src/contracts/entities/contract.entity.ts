import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A procured service (upphandlat avtal) in the contract register. It belongs to the responsible
 * unit (`unitId`), which scopes who may see and keep it (see core/authz/ability.ts).
 */
@Entity('contracts')
export class ContractEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** The registry number (diarienummer); unique in the register. */
  @Column({ type: 'varchar', length: 40 })
  diarienummer: string;

  @Column({ type: 'varchar', length: 36 })
  supplierId: string;

  /** A code of SECTORS (domain/contract-classes.ts). */
  @Column({ type: 'varchar', length: 40 })
  sector: string;

  /** Annual value in whole kronor (SEK). */
  @Column({ type: 'integer' })
  annualValue: number;

  /** Date only, `YYYY-MM-DD` (compares as text on both engines). */
  @Column({ type: 'varchar', length: 10 })
  startDate: string;

  @Column({ type: 'varchar', length: 10 })
  endDate: string;

  /** The responsible unit. */
  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  /** The contract owner (avtalsägare), a user; optional. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  ownerId: string | null;

  /** A, B or C (FOLLOW_UP_CLASSES). */
  @Column({ type: 'varchar', length: 1 })
  followUpClass: string;

  /** Subcontractor tiers the contract allows (0 = none). */
  @Column({ type: 'integer' })
  maxSubcontractorTiers: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Lower-cased "title diarienummer" for `q` (the supplier's own search text is joined). */
  @Column({ type: 'varchar', length: 300 })
  searchText: string;

  /** Subcontractor chain warnings of the domain rule, kept with every change so lists filter in SQL. */
  @Column({ type: 'integer' })
  chainWarningCount: number;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ type: Date })
  updatedAt: Date;
}
