import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One saved version of the risk matrix. Rows are only ever added: the current matrix is the
 * highest version, and older versions stay readable for the assessments made with them.
 */
@Entity('risk_matrix_versions')
export class RiskMatrixVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('ux_risk_matrix_versions_version', { unique: true })
  @Column({ type: 'integer' })
  version: number;

  /** The whole matrix (levels, cells, bands) as JSON; see `RiskMatrix` in domain/risk-matrix.ts. */
  @Column({ type: 'text' })
  definition: string;

  @Column({ type: Date })
  createdAt: Date;

  /** Null for version 1, created by the migration. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;
}
