import { applyDecorators, Inject, Injectable, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { DbThrottlerStorage } from '../../core/throttle/db-throttler-storage';

/**
 * The public report routes' brakes, per client address (`req.ip`; behind a proxy TRUST_PROXY
 * must be set), counted in the database so that they hold across every instance — the same
 * `@nestjs/throttler` guard and storage (core/throttle) as sign-in, with its own named
 * throttlers:
 * - `report`: anonymous submissions and uploads (PUBLIC_REPORT_RATE_PER_MINUTE, default 5),
 * - `receipt`: receipt-code sign-ins, the guessing brake (PUBLIC_SESSION_RATE_PER_MINUTE, 10),
 * - `public`: the other public report routes (PUBLIC_RATE_PER_MINUTE, 60).
 * Counters are keyed by a keyed hash (HMAC) of throttler, route and address, so no address is
 * stored, and nothing is logged; over the limit → 429 `too_many_requests` with
 * `Retry-After-<name>`.
 */
export const PUBLIC_THROTTLERS = ['report', 'receipt', 'public'] as const;
export type PublicThrottler = (typeof PUBLIC_THROTTLERS)[number];

@Injectable()
export class PublicThrottleGuard extends ThrottlerGuard {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    storage: DbThrottlerStorage,
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
