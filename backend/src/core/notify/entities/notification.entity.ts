import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An in-app notification for one user. `kind` is a stable code the frontend translates;
 * `params` is JSON of ids, dates and short codes only — never case content, never identities
 * (NotificationService enforces this).
 */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  /** Canonical JSON of the parameters. */
  @Column({ type: 'text' })
  params: string;

  /** A path inside the app, e.g. /arenden/<id>. */
  @Column({ type: 'varchar', length: 300 })
  link: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  readAt: Date | null;
}
