import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import type { AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { UsersRepository } from '../users/users.repository';
import { SessionsRepository } from './sessions.repository';

/**
 * Where a wrong secret was given: the password at sign-in, the current password when changing it,
 * or a second-factor code (TOTP or recovery code) after the password.
 */
export type PasswordCheck = 'login' | 'password_change' | 'second_factor';

const FAILED_ACTION: Record<PasswordCheck, string> = {
  login: 'auth.login_failed',
  password_change: 'auth.password_change_failed',
  second_factor: 'auth.second_factor_failed',
};
const FAILED_REASON: Record<PasswordCheck, string> = {
  login: 'bad_password',
  password_change: 'wrong_password',
  second_factor: 'wrong_code',
};

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
 * The sign-in answer for a wrong password, an unknown username AND a locked account: sign-in never
 * tells whether a username exists or is locked (an attacker could otherwise collect usernames by
 * locking them). The message states the lockout rule, so the account's owner can work it out.
 */
export function invalidCredentials(): Problem {
  return new Problem(
    HttpStatus.UNAUTHORIZED,
    'invalid_credentials',
    'Fel användarnamn eller lösenord. Efter för många felaktiga försök i rad spärras kontot en stund.',
  );
}

/** What a refused attempt answers: sign-in the neutral 401, a password change (signed in) 429. */
function lockedAnswer(check: PasswordCheck, seconds: number): Problem {
  return check === 'login' ? invalidCredentials() : accountLocked(seconds);
}

/**
 * The one place for the per-account lockout (held in the database, so it holds across
 * instances). Wrong passwords at sign-in and wrong current passwords on a password change count
 * together; at LOGIN_MAX_FAILURES the account locks for LOGIN_LOCKOUT_MINUTES, the counter
 * resets, and every session of the account ends (a stolen session cannot keep guessing, and a
 * locked account is locked everywhere). While locked, no password is checked by either route.
 * Sign-in answers a locked account exactly like a wrong password (401 `invalid_credentials`);
 * only the signed-in password change, whose caller is known, says 429 `account_locked`.
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

  /**
   * Throws when the account is locked (and records the refused attempt): at sign-in the neutral
   * 401, on a password change 429 account_locked.
   */
  async refuseIfLocked(
    user: { id: string; lockedUntil: Date | null },
    check: PasswordCheck,
    actor: AuthUser | null,
  ): Promise<void> {
    const seconds = this.secondsLocked(user);
    if (!seconds) return;
    await this.audit.record({
      action: FAILED_ACTION[check],
      outcome: 'denied',
      actor,
      objectType: 'User',
      objectId: user.id,
      details: { reason: 'locked' },
    });
    throw lockedAnswer(check, seconds);
  }

  /**
   * Counts one wrong password. Throws when this failure locked the account (at sign-in the
   * neutral 401, on a password change 429 account_locked); otherwise returns, and the caller
   * answers its own "wrong password".
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
        action: FAILED_ACTION[check],
        outcome: 'failure',
        actor,
        objectType: 'User',
        objectId: user.id,
        details: { reason: FAILED_REASON[check], failures },
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
    if (locked) throw lockedAnswer(check, lockoutMinutes * 60);
  }
}
