import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A ticked red flag (varningssignal) of a supplier: at most one per (supplier, code). Unticking
 * deletes the row; the history of ticks and unticks is in the audit log.
 */
@Entity('supplier_flags')
export class SupplierFlagEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  supplierId: string;

  /** A code of the red-flag library (contracts/domain/red-flags.ts). */
  @Column({ type: 'varchar', length: 60 })
  code: string;

  /** What the controller saw (≤ 2000 characters). */
  @Column({ type: 'text' })
  evidence: string;

  @Column({ type: Date })
  tickedAt: Date;

  @Column({ type: 'varchar', length: 36 })
  tickedBy: string;
}
