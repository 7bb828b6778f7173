import { applyDecorators, Inject, Injectable, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SkipThrottle, ThrottlerGuard, ThrottlerStorageService } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../../core/config/config';

/**
 * The public report routes' brakes, per client address (`req.ip`; behind a proxy TRUST_PROXY
 * must be set) in the memory of the instance — the same `@nestjs/throttler` guard as sign-in,
 * with its own named throttlers and its own store:
 * - `report`: anonymous submissions and uploads (PUBLIC_REPORT_RATE_PER_MINUTE, default 5),
 * - `receipt`: receipt-code sign-ins, the guessing brake (PUBLIC_SESSION_RATE_PER_MINUTE, 10),
 * - `public`: the other public report routes (PUBLIC_RATE_PER_MINUTE, 60).
 * Counters are keyed by a hash of route and address, kept in memory only, and nothing is
 * logged; over the limit → 429 `too_many_requests` with `Retry-After-<name>`.
 */
export const PUBLIC_THROTTLERS = ['report', 'receipt', 'public'] as const;
export type PublicThrottler = (typeof PUBLIC_THROTTLERS)[number];

/** The in-memory counters of the public routes (separate from the sign-in throttle's). */
@Injectable()
export class PublicThrottleStorage extends ThrottlerStorageService {}

@Injectable()
export class PublicThrottleGuard extends ThrottlerGuard {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    storage: PublicThrottleStorage,
    reflector: Reflector,
  ) {
    const r = config.reporting;
    const perMinute = (name: PublicThrottler, limit: number) => ({ name, ttl: 60_000, limit });
    super(
      {
        throttlers: [
          perMinute('report', r.submitPerMinute),
          perMinute('receipt', r.sessionPerMinute),
          perMinute('public', r.publicPerMinute),
        ],
      },
      storage,
      reflector,
    );
  }
}

/** Applies one named public throttler to a route (the others are skipped there). */
export function PublicThrottle(name: PublicThrottler): MethodDecorator {
  const skip = Object.fromEntries(
    PUBLIC_THROTTLERS.filter((n) => n !== name).map((n) => [n, true]),
  );
  return applyDecorators(SkipThrottle(skip), UseGuards(PublicThrottleGuard));
}
