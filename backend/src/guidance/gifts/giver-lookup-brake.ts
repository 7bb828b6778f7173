import { HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { Problem } from '../../core/errors/problem';

/** Lookups one person may make per minute in the giver field. */
export const GIVER_LOOKUPS_PER_MINUTE = 30;
const WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;

/**
 * The brake on the giver lookup (GET /api/gifts/givers): everyone may look suppliers up by
 * name or number to register a gift, but not walk the register. Per user, in this instance's
 * memory, a fixed one-minute window; over the limit → 429 `too_many_requests` with
 * `retryAfterSeconds`. The lookup answers id and name only and needs three letters or a whole
 * organisation number.
 */
@Injectable()
export class GiverLookupBrake {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly clock: Clock) {}

  take(userId: string): void {
    const now = this.clock.now().getTime();
    let w = this.windows.get(userId);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, count: 0 };
      this.windows.delete(userId);
      this.windows.set(userId, w);
      if (this.windows.size > MAX_TRACKED)
        this.windows.delete(this.windows.keys().next().value as string);
    }
    if (w.count >= GIVER_LOOKUPS_PER_MINUTE) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
      throw new Problem(
        HttpStatus.TOO_MANY_REQUESTS,
        'too_many_requests',
        'Du har sökt många gånger på kort tid. Vänta en stund och försök igen.',
        { retryAfterSeconds },
      );
    }
    w.count++;
  }
}
