import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { Clock } from '../core/clock/clock';
import { PasswordHasher } from '../core/crypto/password-hasher';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { UsersRepository } from '../users/users.repository';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';

/**
 * Password sign-in with per-account lockout (stored in the database, so it holds across
 * instances). Other methods (OIDC, a second factor) will end the same way: SessionService.start
 * with their own authMethod.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly sessionStore: SessionsRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async loginWithPassword(
    usernameRaw: string,
    password: string,
  ): Promise<{ token: string; userId: string }> {
    const username = usernameRaw.trim().toLowerCase();
    const user = await this.users.findByUsername(username);
    const now = this.clock.now();

    if (user?.lockedUntil && user.lockedUntil > now) {
      // same work as a normal attempt, so timing does not tell a locked account apart
      await this.hasher.verify(user.passwordHash, password);
      const seconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
      await this.audit.record({
        action: 'auth.login_failed',
        outcome: 'denied',
        actor: null,
        objectType: 'User',
        objectId: user.id,
        details: { reason: 'locked' },
      });
      throw lockedProblem(seconds);
    }

    // verify even when the user does not exist, so timing does not reveal valid usernames
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);

    if (!user || !ok) {
      await this.db.transaction(async () => {
        if (!user) {
          // the attempted name is not logged: it may be a mistyped password
          await this.audit.record({
            action: 'auth.login_failed',
            outcome: 'failure',
            details: { reason: 'unknown_user' },
          });
          return;
        }
        const failures = await this.users.incrementFailures(user.id);
        await this.audit.record({
          action: 'auth.login_failed',
          outcome: 'failure',
          objectType: 'User',
          objectId: user.id,
          details: { reason: 'bad_password', failures },
        });
        if (failures >= this.config.login.maxFailures) {
          const until = new Date(now.getTime() + this.config.login.lockoutMinutes * 60_000);
          await this.users.update(user.id, { lockedUntil: until, failedLoginCount: 0 });
          await this.audit.record({
            action: 'auth.lockout',
            outcome: 'denied',
            objectType: 'User',
            objectId: user.id,
            details: { minutes: this.config.login.lockoutMinutes },
          });
        }
      });
      const fresh = user ? await this.users.findById(user.id) : null;
      if (fresh?.lockedUntil && fresh.lockedUntil > now) {
        throw lockedProblem(this.config.login.lockoutMinutes * 60);
      }
      throw new Problem(
        HttpStatus.UNAUTHORIZED,
        'invalid_credentials',
        'Fel användarnamn eller lösenord.',
      );
    }

    if (!user.active) {
      await this.audit.record({
        action: 'auth.login_failed',
        outcome: 'denied',
        objectType: 'User',
        objectId: user.id,
        details: { reason: 'disabled' },
      });
      throw new Problem(
        HttpStatus.FORBIDDEN,
        'account_disabled',
        'Kontot är inaktiverat. Kontakta din administratör.',
      );
    }

    return this.db.transaction(async () => {
      const patch: Parameters<UsersRepository['update']>[1] = {
        failedLoginCount: 0,
        lockedUntil: null,
        lastLoginAt: now,
        previousLoginAt: user.lastLoginAt,
      };
      if (user.passwordHash && this.hasher.needsRehash(user.passwordHash))
        patch.passwordHash = await this.hasher.hash(password);
      await this.users.update(user.id, patch);
      await this.sessionStore.deleteExpired(now);
      const { token, session } = await this.sessions.start(user.id, 'password');
      await this.audit.record({
        action: 'auth.login',
        actor: user,
        objectType: 'Session',
        objectId: session.id,
        details: { method: 'password' },
      });
      return { token, userId: user.id };
    });
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.db.transaction(async () => {
      const s = await this.sessions.end(token);
      if (s)
        await this.audit.record({
          action: 'auth.logout',
          actor: { id: s.userId, username: (await this.users.findById(s.userId))?.username ?? '' },
          objectType: 'Session',
          objectId: s.id,
        });
    });
  }
}

function lockedProblem(seconds: number): Problem {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new Problem(
    HttpStatus.TOO_MANY_REQUESTS,
    'account_locked',
    `För många misslyckade inloggningsförsök. Kontot är låst i ${minutes} minuter. Kontakta din administratör om du behöver komma in tidigare.`,
    { retryAfterSeconds: seconds },
  );
}
