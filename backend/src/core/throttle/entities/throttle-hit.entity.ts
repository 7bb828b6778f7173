import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';

/** Milliseconds since the epoch in a BIGINT column (PostgreSQL hands BIGINT back as a string). */
const epochMs: ValueTransformer = {
  to: (v: number) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

/**
 * One throttle counter: a fixed window of hits for one throttler and one client, shared by
 * every instance on the database (DbThrottlerStorage). The key is an HMAC of the throttler's
 * key under an installation secret, so no address (not even a hash anyone could reverse by
 * trying all IPv4 addresses) is stored. Times are epoch milliseconds, so one statement can
 * compare and move them on both engines without date arithmetic.
 */
@Entity('throttle_hits')
export class ThrottleHitEntity {
  /** HMAC-SHA256 (hex) of throttler name and key. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  /** Hits in the current window (refused ones included). */
  @Column({ type: 'integer' })
  hits: number;

  /** When the current window ends (epoch ms). */
  @Column({ type: 'bigint', transformer: epochMs })
  windowEndsAt: number;

  /** Refused until this time (epoch ms); 0 when never blocked since the window started. */
  @Column({ type: 'bigint', transformer: epochMs })
  blockedUntil: number;
}
