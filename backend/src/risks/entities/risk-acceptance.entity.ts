import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A chef's decision to accept a risk's residual until `expiresOn`, with the residual as it was
 * (levels and band) so that a later change makes it stale (domain `acceptanceState`). Rows are
 * only added; the newest per risk is the one in force.
 */
@Entity('risk_acceptances')
export class RiskAcceptanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  riskId: string;

  /** The assessment seq the decision was made on. */
  @Column({ type: 'integer' })
  assessmentSeq: number;

  @Column({ type: 'integer', nullable: true })
  residualLikelihood: number | null;

  @Column({ type: 'integer', nullable: true })
  residualConsequence: number | null;

  @Column({ type: 'varchar', length: 20 })
  residualBand: string;

  @Column({ type: 'text' })
  motivation: string;

  @Column({ type: 'varchar', length: 10 })
  acceptedOn: string;

  @Column({ type: 'varchar', length: 10 })
  expiresOn: string;

  @Column({ type: 'varchar', length: 36 })
  acceptedBy: string;

  @Column({ type: Date })
  createdAt: Date;
}
