import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A user's TOTP second factor. The shared secret is sealed with a data key of its own, wrapped
 * by the master key (so `varn rotate-master-key` re-wraps it, and a database copy without the
 * master key holds no usable secret). `confirmedAt` null: enrolment started, not yet confirmed
 * with a code — such a row is not a second factor yet and is replaced by a new enrolment.
 */
@Entity('second_factors')
export class SecondFactorEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  /** The data key, wrapped by the master key ("v2.<kid>.…"). */
  @Column({ type: 'varchar', length: 200 })
  wrappedKey: string;

  /** The base32 secret sealed with the data key, bound to the user id. */
  @Column({ type: 'varchar', length: 200 })
  secretSealed: string;

  @Column({ type: Date, nullable: true })
  confirmedAt: Date | null;

  /**
   * The last TOTP time step (unix time / 30 s) accepted for this user. A code is accepted only for
   * a later step, by a conditional UPDATE, so one code cannot be used twice — not even on two
   * instances at the same moment.
   */
  @Column({ type: 'integer', nullable: true })
  lastUsedStep: number | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
