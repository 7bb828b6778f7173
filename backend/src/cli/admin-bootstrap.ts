import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { assertPasswordPolicy } from '../auth/password-policy';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/clock/clock';
import { PasswordHasher } from '../core/crypto/password-hasher';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { OrgUnitEntity } from '../org/entities/org-unit.entity';
import { newUnit } from '../org/new-unit';
import { RoleAssignmentEntity } from '../users/entities/role-assignment.entity';
import { UserEntity } from '../users/entities/user.entity';
import { newUser } from '../users/new-user';

export class BootstrapError extends Error {}

/** `varn create-admin`: the first administrator (and the root unit, if there is none yet). */
@Injectable()
export class AdminBootstrap {
  constructor(
    private readonly db: Db,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async createAdmin(input: {
    username: string;
    displayName: string;
    password: string;
    rootName: string;
  }): Promise<string> {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(username))
      throw new BootstrapError('Username: 2–64 characters a–z, 0–9, . _ -');
    try {
      assertPasswordPolicy('password', input.password, {
        username,
        displayName: input.displayName,
      });
    } catch (e) {
      throw e instanceof Problem ? new BootstrapError(e.detail) : e;
    }
    const hash = await this.hasher.hash(input.password);
    return this.db.transaction(async () => {
      if (await this.db.repo(UserEntity).countBy({ username }))
        throw new BootstrapError(`User "${username}" already exists`);
      const now = this.clock.now();
      let root = await this.db
        .repo(OrgUnitEntity)
        .findOne({ where: { depth: 0 }, order: { createdAt: 'ASC' } });
      if (!root) {
        root = newUnit({ name: input.rootName, kind: 'forvaltning', parent: null }, now);
        await this.db.repo(OrgUnitEntity).insert(root);
        await this.audit.record({
          action: 'unit.created',
          objectType: 'OrgUnit',
          objectId: root.id,
          details: { name: root.name, via: 'cli' },
        });
      }
      const user = newUser(
        { username, displayName: input.displayName, unitId: root.id, passwordHash: hash },
        now,
      );
      await this.db.repo(UserEntity).insert(user);
      const ra: RoleAssignmentEntity = {
        id: randomUUID(),
        userId: user.id,
        role: 'administrator',
        unitId: root.id,
        createdAt: now,
        createdBy: null,
      };
      await this.db.repo(RoleAssignmentEntity).insert(ra);
      await this.audit.record({
        action: 'user.created',
        objectType: 'User',
        objectId: user.id,
        details: { via: 'cli' },
      });
      await this.audit.record({
        action: 'role.granted',
        objectType: 'User',
        objectId: user.id,
        details: { role: 'administrator', unitId: root.id, via: 'cli' },
      });
      return user.id;
    });
  }
}
