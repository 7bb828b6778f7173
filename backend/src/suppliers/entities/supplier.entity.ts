import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A supplier (leverantör) in the administration's shared register: one supplier has contracts in
 * many units, so the register is not scoped by unit (see docs/architecture.md, Authorization).
 */
@Entity('suppliers')
export class SupplierEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Normalised `NNNNNN-NNNN` (Luhn-checked); unique. */
  @Column({ type: 'varchar', length: 11 })
  organisationNumber: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  contactPhone: string | null;

  /** Verklig huvudman as known to the controller. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  beneficialOwner: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Lower-cased "name orgnr digits" (JavaScript's Unicode lower-casing: Å/Ä/Ö match on SQLite too). */
  @Column({ type: 'varchar', length: 600 })
  searchText: string;

  /** Ticked red flags; kept with every tick and untick so lists can sort and filter in SQL. */
  @Column({ type: 'integer' })
  flagCount: number;

  /** The fördjupad-kontroll rule's verdict over the ticked flags, kept with every tick/untick. */
  @Column({ type: 'boolean' })
  indepthCheckRequired: boolean;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ type: Date })
  updatedAt: Date;
}
