import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { packRules } from '@casl/ability/extra';
import { AuditService } from '../core/audit/audit.service';
import type { AppAbility } from '../core/authz/ability';
import type { AuthUser } from '../core/authz/roles';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { Clock } from '../core/clock/clock';
import { PasswordHasher } from '../core/crypto/password-hasher';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { OrgService } from '../org/org.service';
import { UsersRepository } from '../users/users.repository';
import { AbilitiesDto, MeDto, SessionDto } from './dto/auth.dto';
import { AccountLockout } from './account-lockout';
import { assertPasswordPolicy } from './password-policy';
import { SessionsRepository } from './sessions.repository';

@Injectable()
export class MeService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly org: OrgService,
    private readonly lockout: AccountLockout,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async me(auth: AuthUser): Promise<MeDto> {
    // one query: the user with their unit's name and their assignments with their units' names;
    // the session's expiry comes with the request
    const found = await this.users.findMe(auth.id);
    if (!found) throw Problem.notFound('Användaren');
    const { user, roles } = found;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      unit: { id: user.unitId, name: user.unitName },
      roles,
      mustChangePassword: user.mustChangePassword,
      secondFactor: auth.secondFactor ?? 'not_required',
      lastLoginAt: user.previousLoginAt?.toISOString() ?? null,
      sessionExpiresAt: auth.sessionExpiresAt.toISOString(),
      sessionIdleMinutes: this.config.session.idleMinutes,
    };
  }

  abilities(ability: AppAbility): AbilitiesDto {
    return { rules: packRules(ability.rules) };
  }

  async listSessions(auth: AuthUser): Promise<SessionDto[]> {
    return (await this.sessions.listForUser(auth.id)).map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      authMethod: s.authMethod,
      current: s.id === auth.sessionId,
    }));
  }

  async revokeSession(auth: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async () => {
      const n = await this.sessions.deleteById(auth.id, id);
      if (!n) throw Problem.notFound('Sessionen');
      await this.audit.record({
        action: 'session.revoked',
        actor: auth,
        objectType: 'Session',
        objectId: id,
      });
    });
  }

  /** Changes the password and signs out every other session of the user. */
  async changePassword(
    auth: AuthUser,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.users.findById(auth.id);
    if (!user) throw Problem.notFound('Användaren');
    await this.lockout.refuseIfLocked(user, 'password_change', auth);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      // counts like a failed sign-in: a stolen session must not become a way to guess the password
      await this.lockout.recordFailure(user, 'password_change', auth);
      throw new Problem(
        HttpStatus.BAD_REQUEST,
        'wrong_password',
        'Det nuvarande lösenordet stämmer inte.',
        { errors: [{ field: 'currentPassword', messages: ['wrong_password'] }] },
      );
    }
    assertPasswordPolicy('newPassword', newPassword, {
      username: user.username,
      displayName: user.displayName,
      currentPassword,
    });
    const hash = await this.hasher.hash(newPassword);
    await this.db.transaction(async () => {
      const now = this.clock.now();
      await this.users.update(user.id, {
        passwordHash: hash,
        passwordChangedAt: now,
        mustChangePassword: false,
        failedLoginCount: 0,
        updatedAt: now,
      });
      const current = (await this.sessions.listForUser(user.id)).find(
        (s) => s.id === auth.sessionId,
      );
      const revoked = await this.sessions.deleteForUser(user.id, current?.tokenHash);
      await this.audit.record({
        action: 'auth.password_changed',
        actor: auth,
        objectType: 'User',
        objectId: user.id,
        details: { otherSessionsRevoked: revoked },
      });
    });
  }
}
