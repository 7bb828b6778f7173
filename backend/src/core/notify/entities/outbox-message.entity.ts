import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * An e-mail waiting to be sent (or the record that it was). It names the recipient by user id;
 * the address is read from the user when the message is sent. The message itself is built from
 * `template` and `link` only: it never carries case content or identities.
 */
@Entity('outbox')
export class OutboxMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  template: string;

  /** A path inside the app; the e-mail links to PUBLIC_URL + link. */
  @Column({ type: 'varchar', length: 300 })
  link: string;

  @Column({ type: 'varchar', length: 10 })
  status: OutboxStatus;

  @Column({ type: Date })
  createdAt: Date;

  /** Not sent before this time (backoff after a failure). */
  @Column({ type: Date })
  nextAttemptAt: Date;

  @Column({ type: Date, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'integer' })
  attempts: number;

  /** The SMTP error code of the last failure (no addresses, no message text). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError: string | null;
}
