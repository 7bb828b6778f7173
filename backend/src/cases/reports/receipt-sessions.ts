import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { CookieOptions, Request } from 'express';
import { Clock } from '../../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { randomToken, sha256Hex } from '../../core/crypto/hashing';
import { Db } from '../../core/database/db';
import { Problem } from '../../core/errors/problem';
import { ReportsRepository } from './reports.repository';

/** The anonymous reporter's cookie: only sent to the public report routes. */
export const RECEIPT_COOKIE = 'varn_receipt';
export const RECEIPT_COOKIE_PATH = '/api/public';
export const RECEIPT_IDLE_MINUTES = 30;
export const RECEIPT_ABSOLUTE_HOURS = 4;
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Sessions opened with a receipt code: an opaque random token in an httpOnly, SameSite=Strict
 * cookie limited to /api/public; the database keeps only its SHA-256, the one case it opens and
 * the expiries (30 minutes idle, 4 hours absolute). Neither the code nor any address is kept.
 */
@Injectable()
export class ReceiptSessions {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Opens a session on `caseId` and returns the cookie token (never stored); expired sessions
   * are swept on the way. Joins the caller's transaction.
   */
  async open(caseId: string): Promise<string> {
    const token = randomToken();
    const now = this.clock.now();
    await this.db.transaction(async () => {
      await this.repo.deleteExpiredSessions(now);
      await this.repo.insertSession({
        tokenHash: sha256Hex(token),
        caseId,
        createdAt: now,
        idleExpiresAt: this.idleExpiry(now),
        absoluteExpiresAt: new Date(now.getTime() + RECEIPT_ABSOLUTE_HOURS * 3_600_000),
      });
    });
    return token;
  }

  /** The case id of a live session (extending its idle expiry), or null. */
  async caseOf(token: string | undefined): Promise<string | null> {
    if (!token || token.length > 200) return null;
    const tokenHash = sha256Hex(token);
    const s = await this.repo.findSession(tokenHash);
    if (!s) return null;
    const now = this.clock.now();
    if (s.idleExpiresAt <= now || s.absoluteExpiresAt <= now) {
      await this.db.transaction(() => this.repo.deleteSession(tokenHash));
      return null;
    }
    // a minute's precision is enough for a 30-minute idle limit: at most one write a minute
    if (this.idleExpiry(now).getTime() - s.idleExpiresAt.getTime() >= TOUCH_INTERVAL_MS)
      await this.db.transaction(() => this.repo.touchSession(tokenHash, this.idleExpiry(now)));
    return s.caseId;
  }

  async end(token: string | undefined): Promise<void> {
    if (token && token.length <= 200)
      await this.db.transaction(() => this.repo.deleteSession(sha256Hex(token)));
  }

  /** The cookie's token from a request. */
  tokenOf(req: Request): string | undefined {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[RECEIPT_COOKIE];
    return typeof value === 'string' ? value : undefined;
  }

  /** Cookie attributes: httpOnly, SameSite=Strict, path /api/public, secure like the staff cookie. */
  cookieOptions(req: Request, maxAge?: number): CookieOptions {
    const mode = this.config.session.cookieSecure;
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: mode === 'always' || (mode === 'auto' && req.secure),
      path: RECEIPT_COOKIE_PATH,
      ...(maxAge !== undefined ? { maxAge } : {}),
    };
  }

  private idleExpiry(now: Date): Date {
    return new Date(now.getTime() + RECEIPT_IDLE_MINUTES * 60_000);
  }
}

/** No live receipt session (none, expired, closed, or its report purged): 401. */
export function receiptSessionEnded(): Problem {
  return new Problem(
    HttpStatus.UNAUTHORIZED,
    'unauthenticated',
    'Sessionen har gått ut eller saknas. Ange din kvittokod igen.',
  );
}

type ReceiptRequest = Request & { receiptCaseId?: string };

/**
 * For the receipt holder's routes: a live `varn_receipt` session, else 401 — checked before any
 * body or upload is read. The session's case id is then available as `@ReceiptCase()`.
 */
@Injectable()
export class ReceiptSessionGuard implements CanActivate {
  constructor(private readonly sessions: ReceiptSessions) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<ReceiptRequest>();
    const caseId = await this.sessions.caseOf(this.sessions.tokenOf(req));
    if (!caseId) throw receiptSessionEnded();
    req.receiptCaseId = caseId;
    return true;
  }
}

/** The case id of the request's receipt session (set by ReceiptSessionGuard). */
export const ReceiptCase = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const id = ctx.switchToHttp().getRequest<ReceiptRequest>().receiptCaseId;
  if (!id) throw new Error('ReceiptCase used on a route without ReceiptSessionGuard');
  return id;
});
