import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One declared interest of a declaration (DECLARATION_INTEREST_KINDS), with the company's
 * organisation number when it is one: that number raises the neutral `declaredInterest` flag on
 * the supplier's contracts.
 */
@Entity('declaration_interests')
export class DeclarationInterestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  declarationId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 1000 })
  description: string;

  /** Normalised NNNNNN-NNNN. */
  @Column({ type: 'varchar', length: 11, nullable: true })
  organisationNumber: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organisationName: string | null;
}
