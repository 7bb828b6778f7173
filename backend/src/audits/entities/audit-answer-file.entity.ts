import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An evidence file on an audit answer. The content, name and hash live encrypted in `files`
 * (FileStore, ownerType `audit`, ownerId the audit id); this row ties it to the item.
 */
@Entity('audit_answer_files')
export class AuditAnswerFileEntity {
  /** = files.id */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  fileId: string;

  @Column({ type: 'varchar', length: 36 })
  auditId: string;

  @Column({ type: 'varchar', length: 16 })
  itemId: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;
}
