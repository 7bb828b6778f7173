import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { createHmac } from 'node:crypto';
import { Clock } from '../clock/clock';
import { AppSecrets } from '../crypto/app-secrets';
import { Counter, ThrottleRepository } from './throttle.repository';

/** The installation secret the throttle keys are hashed with (AppSecrets). */
export const THROTTLE_KEY_SECRET = 'throttle.keys';

/** What a storage answers the guard (the library's index does not export the type). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The guard's answer from the counter after a hit, at `now` (times in whole seconds, ≥ 0). */
export function toRecord(c: Counter, now: number): ThrottlerStorageRecord {
  const seconds = (until: number) => Math.max(0, Math.ceil((until - now) / 1000));
  const isBlocked = c.blockedUntil > now;
  return {
    totalHits: c.hits,
    timeToExpire: seconds(c.windowEndsAt),
    isBlocked,
    timeToBlockExpire: isBlocked ? Math.max(1, seconds(c.blockedUntil)) : 0,
  };
}

/**
 * `@nestjs/throttler` storage in the database, so a limit holds across every instance on it
 * (the library's own storage counts in the memory of one process: N instances behind a load
 * balancer would allow N times the limit). Used by the sign-in throttle and the public report
 * routes' throttles.
 *
 * - A fixed window per key: the first hit starts a window of `ttl`; the hit that goes over
 *   `limit` starts a block of `blockDuration` (the guard passes the ttl unless told otherwise;
 *   0 or less is taken as the ttl), during which every hit is refused; when the block has run
 *   out the next hit starts a new window. At a window's edge a client may get up to twice the
 *   limit within one ttl — acceptable for brakes of this kind, and it needs one row per key.
 * - One atomic statement per hit (ThrottleRepository), correct with any number of instances.
 * - Keys are HMAC-SHA256 under an installation secret: the guard's key is a plain SHA-256 of
 *   route and address, which anyone could reverse by hashing every IPv4 address.
 * - Time comes from the injected Clock (tests move it).
 * - The database down → the driver's error goes up from the guard and is answered 503 like any
 *   other (db-errors.ts): a throttle that cannot count does not let requests through.
 * - Expired rows are deleted by the `throttle.sweep` job (ThrottleModule).
 */
@Injectable()
export class DbThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly counters: ThrottleRepository,
    private readonly secrets: AppSecrets,
    private readonly clock: Clock,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (!(ttl > 0)) throw new Error(`throttle "${throttlerName}": ttl must be > 0`);
    const secret = await this.secrets.get(THROTTLE_KEY_SECRET);
    const hashed = createHmac('sha256', secret).update(`${throttlerName}\n${key}`).digest('hex');
    const now = this.clock.now().getTime();
    const counter = await this.counters.hit({
      key: hashed,
      now,
      windowEnd: now + ttl,
      blockEnd: now + (blockDuration > 0 ? blockDuration : ttl),
      limit: Math.max(0, Math.floor(limit)),
    });
    return toRecord(counter, now);
  }
}
