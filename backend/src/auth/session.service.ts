import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { Authenticator } from '../core/authz/authenticator';
import type { AuthUser, SecondFactorState } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { randomToken, sha256Hex } from '../core/crypto/hashing';
import { UsersRepository, type Principal } from '../users/users.repository';
import { SessionEntity } from './entities/session.entity';
import { SessionsRepository } from './sessions.repository';

/** Writes of lastSeenAt are throttled to one a minute per session. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Server-side sessions: opaque random token in an httpOnly cookie, SHA-256 of it in the
 * database, idle and absolute expiry. Implements the core Authenticator used by the global guard.
 */
@Injectable()
export class SessionService extends Authenticator {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /**
   * Creates a session and returns the token for the cookie (never stored). `idpSecondFactor`:
   * the identity provider vouched for a second factor (OIDC `amr`), so none is asked here.
   * Otherwise a user whose roles require a second factor gets a session that can do nothing but
   * give it (or enrol one): see `authenticate` and the guard.
   */
  async start(
    userId: string,
    authMethod: string,
    opts: { idpSecondFactor?: boolean } = {},
  ): Promise<{ token: string; session: SessionEntity }> {
    const token = randomToken();
    const now = this.clock.now();
    const session = await this.sessions.insert({
      tokenHash: sha256Hex(token),
      id: randomUUID(),
      userId,
      authMethod,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: this.idleExpiry(now),
      absoluteExpiresAt: new Date(now.getTime() + this.config.session.absoluteHours * 3_600_000),
      secondFactorAt: opts.idpSecondFactor ? now : null,
    });
    return { token, session };
  }

  /**
   * The session has given its second factor: a new token replaces the old one (so a token seen
   * before the code — in a log, over a shoulder — is worth nothing after it) and the method
   * records how (`password+totp`, `oidc+recovery`). Returns the new token, or null when the old
   * one no longer names a session. Runs in the caller's transaction.
   */
  async upgrade(oldToken: string, via: 'totp' | 'recovery'): Promise<string | null> {
    const old = await this.sessions.findByTokenHash(sha256Hex(oldToken));
    if (!old) return null;
    const token = randomToken();
    const base = old.authMethod.split('+')[0] ?? old.authMethod;
    await this.sessions.rotate(old.tokenHash, {
      tokenHash: sha256Hex(token),
      authMethod: `${base}+${via}`.slice(0, 32),
      secondFactorAt: this.clock.now(),
    });
    return token;
  }

  /**
   * The guard's path on every request: ONE query reads the session, its user and the user's role
   * assignments with their scope paths (`UsersRepository.findPrincipal`); only an expired session
   * or a once-a-minute touch writes. Nothing is cached between requests, so revoking a session or
   * a role, deactivating a user or moving a unit takes effect on the next request, on every
   * instance.
   */
  async authenticate(token: string): Promise<AuthUser | null> {
    const tokenHash = sha256Hex(token);
    const found = await this.users.findPrincipal(tokenHash);
    if (!found) return null;
    const { session, user, roles } = found;
    const now = this.clock.now();
    if (session.idleExpiresAt <= now || session.absoluteExpiresAt <= now || !user.active) {
      await this.sessions.deleteByTokenHash(tokenHash);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.sessions.touch(tokenHash, now, this.idleExpiry(now));
    }
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      unitId: user.unitId,
      mustChangePassword: user.mustChangePassword,
      roles,
      sessionId: session.id,
      sessionExpiresAt: session.absoluteExpiresAt,
      secondFactor: this.secondFactorState(found),
    };
  }

  /**
   * Decided on every request, like everything else the guard knows: a role that requires a second
   * factor, granted mid-session, asks for it on the next request. Read by the guard's one query
   * (`findPrincipal`: the session's verification time and whether a factor is confirmed).
   */
  private secondFactorState({ session, user, roles }: Principal): SecondFactorState {
    const required = this.config.secondFactor.roles;
    if (!roles.some((r) => required.includes(r.role))) return 'not_required';
    if (session.secondFactorAt) return 'done';
    return user.secondFactorEnrolled ? 'pending' : 'enrol';
  }

  async find(token: string): Promise<SessionEntity | null> {
    return this.sessions.findByTokenHash(sha256Hex(token));
  }

  async end(token: string): Promise<SessionEntity | null> {
    const s = await this.find(token);
    if (s) await this.sessions.deleteByTokenHash(s.tokenHash);
    return s;
  }

  private idleExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.session.idleMinutes * 60_000);
  }
}
