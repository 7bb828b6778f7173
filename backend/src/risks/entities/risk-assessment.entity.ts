import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One (re)assessment of a risk, never changed after it is written: the register as of a date is
 * the newest assessment per risk with `validFrom` up to the end of that day. Score, band and
 * explanation are computed once (domain `scoreRisk`) with the matrix version stored alongside.
 * Levels, score and band are null / `ej_bedomd` when that side is not assessed.
 */
@Entity('risk_assessments')
export class RiskAssessmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  riskId: string;

  /** 1, 2, 3 … per risk, in the order of `validFrom`. */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: Date })
  validFrom: Date;

  @Column({ type: 'integer' })
  matrixVersion: number;

  @Column({ type: 'integer', nullable: true })
  inherentLikelihood: number | null;

  @Column({ type: 'integer', nullable: true })
  inherentConsequence: number | null;

  @Column({ type: 'integer', nullable: true })
  inherentScore: number | null;

  @Column({ type: 'varchar', length: 20 })
  inherentBand: string;

  @Column({ type: 'varchar', length: 120 })
  inherentExplanation: string;

  @Column({ type: 'text', nullable: true })
  existingControls: string | null;

  @Column({ type: 'integer', nullable: true })
  residualLikelihood: number | null;

  @Column({ type: 'integer', nullable: true })
  residualConsequence: number | null;

  @Column({ type: 'integer', nullable: true })
  residualScore: number | null;

  @Column({ type: 'varchar', length: 20 })
  residualBand: string;

  @Column({ type: 'varchar', length: 120 })
  residualExplanation: string;

  /** A RISK_TREATMENTS code, or null when not decided. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  treatment: string | null;

  @Column({ type: 'varchar', length: 10 })
  nextReviewDate: string;

  @Column({ type: 'varchar', length: 36 })
  assessedBy: string;
}
