import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { PasswordHasher } from '../core/crypto/password-hasher';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { UsersRepository } from '../users/users.repository';
import { AccountLockout, invalidCredentials } from './account-lockout';
import { MeDto } from './dto/auth.dto';
import { MeService } from './me.service';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';

/**
 * Password sign-in with the per-account lockout (AccountLockout). Other methods (OIDC, a second factor) will end the same way: SessionService.start
 * with their own authMethod.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly sessionStore: SessionsRepository,
    private readonly me: MeService,
    private readonly lockout: AccountLockout,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Password sign-in: the session token (for the cookie) and the signed-in user's profile. */
  async login(usernameRaw: string, password: string): Promise<{ token: string; me: MeDto }> {
    const { token } = await this.loginWithPassword(usernameRaw, password);
    const auth = await this.sessions.authenticate(token);
    if (!auth) throw new Error('a session that was just started does not authenticate');
    return { token, me: await this.me.me(auth) };
  }

  async loginWithPassword(
    usernameRaw: string,
    password: string,
  ): Promise<{ token: string; userId: string }> {
    // LOCAL_LOGIN=off (single sign-on only): refused before any account is looked up, so the
    // answer says nothing about the username and no lockout is counted
    if (!this.config.localLogin)
      throw new Problem(
        HttpStatus.FORBIDDEN,
        'password_login_disabled',
        'Inloggning med lösenord är avstängd. Logga in med kommunens konto.',
      );
    const username = usernameRaw.trim().toLowerCase();
    const user = await this.users.findByUsername(username);
    const now = this.clock.now();

    if (user && this.lockout.secondsLocked(user)) {
      // same work and the same answer as a wrong password: sign-in does not tell a locked account
      // (or that the username exists) apart
      await this.hasher.verify(user.passwordHash, password);
      await this.lockout.refuseIfLocked(user, 'login', null);
    }

    // verify even when the user does not exist, so timing does not reveal valid usernames
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);

    if (!user || !ok) {
      if (user) await this.lockout.recordFailure(user, 'login', null);
      else
        await this.db.transaction(() =>
          // the attempted name is not logged: it may be a mistyped password
          this.audit.record({
            action: 'auth.login_failed',
            outcome: 'failure',
            details: { reason: 'unknown_user' },
          }),
        );
      throw invalidCredentials();
    }

    if (!user.active) {
      await this.db.transaction(() =>
        this.audit.record({
          action: 'auth.login_failed',
          outcome: 'denied',
          objectType: 'User',
          objectId: user.id,
          details: { reason: 'disabled' },
        }),
      );
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
