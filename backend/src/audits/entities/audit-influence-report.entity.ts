import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * That an influence-attempt report was made from an audit item (H28). Only that and when: the
 * report itself follows the reporting rules, and nothing here points at it.
 */
@Entity('audit_influence_reports')
export class AuditInfluenceReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  auditId: string;

  @Column({ type: 'varchar', length: 16 })
  itemId: string;

  @Column({ type: Date })
  recordedAt: Date;

  @Column({ type: 'varchar', length: 36 })
  recordedBy: string;
}
