import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A session opened with an anonymous receipt code: bound to one case, short-lived. Keyed by the
 * SHA-256 of the cookie token (like staff sessions); holds neither the code nor any address.
 */
@Entity('receipt_sessions')
export class ReceiptSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 36 })
  caseId: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  idleExpiresAt: Date;

  @Column({ type: Date })
  absoluteExpiresAt: Date;
}
