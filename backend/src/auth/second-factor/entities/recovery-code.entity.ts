import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One recovery code of a user's second factor, stored as a keyed hash (HMAC-SHA-256 with an
 * application secret, so a copy of the database alone cannot be searched for codes). Used once:
 * `usedAt` is set by a conditional UPDATE.
 */
@Entity('second_factor_recovery_codes')
export class RecoveryCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: Date, nullable: true })
  usedAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;
}
