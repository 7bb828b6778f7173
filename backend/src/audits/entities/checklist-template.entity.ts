import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One version of a checklist template (avtalsuppföljning). Versions are never changed after they
 * are saved: a revision is a new row with the same `key` and `version` + 1, and an audit points
 * at the row it started with.
 */
@Entity('checklist_templates')
export class ChecklistTemplateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Stable across versions, e.g. `avtalsuppfoljning-standard`. */
  @Column({ type: 'varchar', length: 80 })
  key: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** `published` (every saved version today) or `draft`. */
  @Column({ type: 'varchar', length: 10 })
  status: string;

  /** JSON of `ChecklistSection[]` (domain/checklist-template.ts). */
  @Column({ type: 'text' })
  sections: string;

  @Column({ type: 'integer' })
  itemCount: number;

  @Column({ type: Date })
  createdAt: Date;

  /** Null for the default template inserted by the migration. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;
}
