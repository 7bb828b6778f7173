import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import type { AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { UsersRepository } from '../users/users.repository';
import { SessionsRepository } from './sessions.repository';

/** Where a wrong password was given: at sign-in, or as the current password when changing it. */
export type PasswordCheck = 'login' | 'password_change';

/** 429 account_locked, with the seconds left (Retry-After). */
export function accountLocked(seconds: number): Problem {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new Problem(
    HttpStatus.TOO_MANY_REQUESTS,
    'account_locked',
    `För många felaktiga lösenord. Kontot är låst i ${minutes} minuter och alla inloggningar har avslutats. Kontakta din administratör om du behöver komma in tidigare.`,
    { retryAfterSeconds: seconds },
  );
}

/**
 * The one place for the per-account lockout (held in the database, so it holds across
 * instances). Wrong passwords at sign-in and wrong current passwords on a password change count
 * together; at LOGIN_MAX_FAILURES the account locks for LOGIN_LOCKOUT_MINUTES, the counter
 * resets, and every session of the account ends (a stolen session cannot keep guessing, and a
 * locked account is locked everywhere). While locked, no password is checked by either route.
 */
@Injectable()
export class AccountLockout {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seconds until the lock lifts, or 0 when the account is not locked. */
  secondsLocked(user: { lockedUntil: Date | null }): number {
    const now = this.clock.now().getTime();
    const until = user.lockedUntil?.getTime() ?? 0;
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /** Throws 429 account_locked when the account is locked (and records the refused attempt). */
  async refuseIfLocked(
    user: { id: string; lockedUntil: Date | null },
    check: PasswordCheck,
    actor: AuthUser | null,
  ): Promise<void> {
    const seconds = this.secondsLocked(user);
    if (!seconds) return;
    await this.audit.record({
      action: check === 'login' ? 'auth.login_failed' : 'auth.password_change_failed',
      outcome: 'denied',
      actor,
      objectType: 'User',
      objectId: user.id,
      details: { reason: 'locked' },
    });
    throw accountLocked(seconds);
  }

  /**
   * Counts one wrong password. Throws 429 account_locked when this failure locked the account;
   * otherwise returns, and the caller answers its own "wrong password".
   */
  async recordFailure(
    user: { id: string },
    check: PasswordCheck,
    actor: AuthUser | null,
  ): Promise<void> {
    const { maxFailures, lockoutMinutes } = this.config.login;
    const locked = await this.db.transaction(async () => {
      const failures = await this.users.incrementFailures(user.id);
      await this.audit.record({
        action: check === 'login' ? 'auth.login_failed' : 'auth.password_change_failed',
        outcome: 'failure',
        actor,
        objectType: 'User',
        objectId: user.id,
        details: { reason: check === 'login' ? 'bad_password' : 'wrong_password', failures },
      });
      if (failures < maxFailures) return false;
      const now = this.clock.now();
      await this.users.update(user.id, {
        lockedUntil: new Date(now.getTime() + lockoutMinutes * 60_000),
        failedLoginCount: 0,
      });
      const revoked = await this.sessions.deleteForUser(user.id);
      await this.audit.record({
        action: 'auth.lockout',
        outcome: 'denied',
        actor,
        objectType: 'User',
        objectId: user.id,
        details: { minutes: lockoutMinutes, sessionsRevoked: revoked, via: check },
      });
      return true;
    });
    if (locked) throw accountLocked(lockoutMinutes * 60);
  }
}
