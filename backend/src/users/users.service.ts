import { Injectable, OnModuleInit } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import { randomUUID } from 'node:crypto';
import { assertPasswordPolicy } from '../auth/password-policy';
import { SessionsRepository } from '../auth/sessions.repository';
import { AuditService } from '../core/audit/audit.service';
import { AppAbility, asSubject, SubjectRecord } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import type { AuthUser, Role } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { PasswordHasher } from '../core/crypto/password-hasher';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { OrgService } from '../org/org.service';
import { UnitUsageRegistry } from '../org/unit-usage.registry';
import {
  CreateUserDto,
  GrantRoleDto,
  ListUsersQuery,
  RoleAssignmentDto,
  UpdateUserDto,
  UserDetailDto,
  UserPageDto,
  UserSummaryDto,
} from './dto/user.dto';
import { UserEntity } from './entities/user.entity';
import { newUser, searchTextOf } from './new-user';
import { USER_COLUMNS, UserRow, UsersRepository } from './users.repository';

@Injectable()
export class UsersService implements OnModuleInit {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly org: OrgService,
    private readonly usage: UnitUsageRegistry,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.usage.register({
      kind: 'users',
      label: 'användare',
      visibleTo: ['read', 'User'],
      inUse: async (unitId) => (await this.users.countUsersInUnit(unitId)) > 0,
    });
    this.usage.register({
      kind: 'role_assignments',
      label: 'rolltilldelningar',
      visibleTo: ['read', 'RoleAssignment'],
      inUse: async (unitId) => (await this.users.countAssignmentsInUnit(unitId)) > 0,
    });
  }

  async list(query: ListUsersQuery, ability: AppAbility): Promise<UserPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const unitIds = query.unitId ? await this.org.subtreeIds(query.unitId) : undefined;
    const { rows, total } = await this.users.search({
      access: accessibleWhere(ability, 'read', 'User', USER_COLUMNS),
      q: query.q || undefined,
      unitIds,
      role: query.role,
      active: query.active,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return {
      // the page's rows carry their roles (one query for the page)
      items: rows.map((r) => this.summary(r, r.unitName, r.roles)),
      total,
      page,
      pageSize,
    };
  }

  async get(id: string, ability: AppAbility): Promise<UserDetailDto> {
    const user = await this.load(id, 'read', ability);
    return this.detail(user);
  }

  async create(dto: CreateUserDto, actor: AuthUser, ability: AppAbility): Promise<UserDetailDto> {
    this.assertPolicy('initialPassword', dto.initialPassword, dto.username, dto.displayName);
    // hash before the transaction: ~50 ms of CPU must not hold SQLite's write queue
    const passwordHash = await this.hasher.hash(dto.initialPassword);
    const id = await this.db.transaction(async () => {
      await this.activeUnit(
        dto.unitId,
        ability,
        (unit) => asSubject('User', { id: '', unitId: unit.id, unitPath: unit.path }),
        'create',
      );
      if (await this.users.usernameTaken(dto.username)) {
        throw Problem.conflict(`Användarnamnet "${dto.username}" är upptaget.`);
      }
      const user = newUser(
        {
          username: dto.username,
          displayName: dto.displayName,
          email: dto.email ?? null,
          unitId: dto.unitId,
          passwordHash,
          mustChangePassword: true,
        },
        this.clock.now(),
      );
      await this.users.insert(user);
      await this.audit.record({
        action: 'user.created',
        actor,
        objectType: 'User',
        objectId: user.id,
        details: { unitId: user.unitId },
      });
      return user.id;
    });
    return this.get(id, ability);
  }

  async update(
    id: string,
    dto: UpdateUserDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<UserDetailDto> {
    await this.db.transaction(async () => {
      const user = await this.load(id, 'update', ability);
      const changes: Record<string, unknown> = {};
      const patch: Partial<UserEntity> = {};
      if (dto.displayName !== undefined && dto.displayName !== user.displayName) {
        patch.displayName = dto.displayName;
        changes['displayName'] = true;
      }
      if (dto.email !== undefined && (dto.email || null) !== user.email) {
        patch.email = dto.email || null;
        changes['email'] = true;
      }
      if (dto.unitId !== undefined && dto.unitId !== user.unitId) {
        await this.activeUnit(
          dto.unitId,
          ability,
          (unit) => asSubject('User', { id: user.id, unitId: unit.id, unitPath: unit.path }),
          'update',
        );
        patch.unitId = dto.unitId;
        changes['unitId'] = { from: user.unitId, to: dto.unitId };
      }
      if (dto.active !== undefined && dto.active !== user.active) {
        if (!dto.active && (await this.isLastAdmin(user.id))) {
          throw Problem.conflict('Det måste finnas minst en aktiv administratör.');
        }
        patch.active = dto.active;
        changes['active'] = { from: user.active, to: dto.active };
      }
      if (!Object.keys(patch).length) return;
      patch.searchText = searchTextOf({ ...user, ...patch });
      patch.updatedAt = this.clock.now();
      await this.users.update(user.id, patch);
      if (patch.active === false) await this.sessions.deleteForUser(user.id);
      await this.audit.record({
        action: 'user.updated',
        actor,
        objectType: 'User',
        objectId: user.id,
        details: changes,
      });
    });
    return this.get(id, ability);
  }

  async setPassword(
    id: string,
    password: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<void> {
    const target = await this.load(id, 'update', ability);
    this.assertPolicy('password', password, target.username, target.displayName);
    const passwordHash = await this.hasher.hash(password);
    await this.db.transaction(async () => {
      const user = await this.load(id, 'update', ability);
      const now = this.clock.now();
      await this.users.update(user.id, {
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: now,
      });
      const revoked = await this.sessions.deleteForUser(user.id);
      await this.audit.record({
        action: 'user.password_set',
        actor,
        objectType: 'User',
        objectId: user.id,
        details: { sessionsRevoked: revoked },
      });
    });
  }

  async unlock(id: string, actor: AuthUser, ability: AppAbility): Promise<void> {
    await this.db.transaction(async () => {
      const user = await this.load(id, 'update', ability);
      await this.users.update(user.id, {
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: this.clock.now(),
      });
      await this.audit.record({
        action: 'user.unlocked',
        actor,
        objectType: 'User',
        objectId: user.id,
      });
    });
  }

  async grantRole(
    id: string,
    dto: GrantRoleDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<RoleAssignmentDto> {
    return this.db.transaction(async () => {
      const user = await this.load(id, 'read', ability);
      const { name: unitName } = await this.activeUnit(
        dto.unitId,
        ability,
        (unit) =>
          asSubject('RoleAssignment', { userId: user.id, unitId: unit.id, unitPath: unit.path }),
        'create',
      );
      if (await this.users.assignmentExists(user.id, dto.role, dto.unitId)) {
        throw Problem.conflict('Användaren har redan den rollen för den enheten.');
      }
      const a = await this.users.insertAssignment({
        id: randomUUID(),
        userId: user.id,
        role: dto.role,
        unitId: dto.unitId,
        createdAt: this.clock.now(),
        createdBy: actor.id,
      });
      await this.audit.record({
        action: 'role.granted',
        actor,
        objectType: 'User',
        objectId: user.id,
        details: { role: dto.role, unitId: dto.unitId, assignmentId: a.id },
      });
      return {
        id: a.id,
        role: a.role,
        unitId: a.unitId,
        unitName,
        createdAt: a.createdAt.toISOString(),
      };
    });
  }

  async revokeRole(
    id: string,
    assignmentId: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<void> {
    await this.db.transaction(async () => {
      const user = await this.load(id, 'read', ability);
      const a = await this.users.findAssignment(assignmentId);
      if (!a || a.userId !== user.id) throw Problem.notFound('Rolltilldelningen');
      ForbiddenError.from(ability).throwUnlessCan('delete', asSubject('RoleAssignment', a));
      if (a.role === 'administrator') await this.users.lockAdministrators();
      const otherOwnAdmin = (await this.users.assignmentsOf([user.id])).some(
        (o) => o.role === 'administrator' && o.id !== a.id,
      );
      if (
        a.role === 'administrator' &&
        !otherOwnAdmin &&
        (await this.users.countOtherActiveAdmins(user.id)) === 0
      ) {
        throw Problem.conflict('Det måste finnas minst en aktiv administratör.');
      }
      await this.users.deleteAssignment(a.id);
      await this.audit.record({
        action: 'role.revoked',
        actor,
        objectType: 'User',
        objectId: user.id,
        details: { role: a.role, unitId: a.unitId, assignmentId: a.id },
      });
    });
  }

  /**
   * The unit a user or role is being placed in: it must exist (400), be in the caller's scope for
   * the action (403) and be active (409: people and roles are not placed in deactivated units).
   */
  private async activeUnit(
    unitId: string,
    ability: AppAbility,
    subjectFor: (unit: { id: string; path: string }) => SubjectRecord,
    action: 'create' | 'update',
  ): Promise<{ id: string; name: string }> {
    const unit = await this.org.find(unitId);
    if (!unit) throw fieldError('unitId', 'not_found', 'Enheten finns inte.');
    ForbiddenError.from(ability).throwUnlessCan(action, subjectFor(unit));
    if (!unit.active)
      throw Problem.conflict(`Enheten "${unit.name}" är inaktiverad. Välj en aktiv enhet.`);
    return unit;
  }

  private async isLastAdmin(userId: string): Promise<boolean> {
    await this.users.lockAdministrators();
    const isAdmin = (await this.users.assignmentsOf([userId])).some(
      (a) => a.role === 'administrator',
    );
    return isAdmin && (await this.users.countOtherActiveAdmins(userId)) === 0;
  }

  private assertPolicy(
    field: string,
    password: string,
    username: string,
    displayName: string,
  ): void {
    assertPasswordPolicy(field, password, { username, displayName });
  }

  private async load(
    id: string,
    action: 'read' | 'update',
    ability: AppAbility,
  ): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user || !ability.can('read', asSubject('User', user)))
      throw Problem.notFound('Användaren');
    ForbiddenError.from(ability).throwUnlessCan(action, asSubject('User', user));
    if (action === 'update') await this.assertAuthorityOverRoles(user, ability);
    return user;
  }

  /**
   * Changing an account (password, lock, unit, deactivation) is taking it over, so the caller
   * needs authority over everything the account can do: every role the target holds must be one
   * the caller could revoke. Otherwise an administrator of one department could reset the
   * password of an administrator of the whole organisation who happens to work there.
   */
  private async assertAuthorityOverRoles(user: UserEntity, ability: AppAbility): Promise<void> {
    const assignments = await this.users.assignmentsOf([user.id]);
    const beyond = assignments.filter(
      (a) => !ability.can('delete', asSubject('RoleAssignment', a)),
    );
    if (beyond.length) {
      throw Problem.forbidden(
        'Användaren har roller utanför din behörighet. Kontakta en administratör med behörighet över hela användarens omfattning.',
      );
    }
  }

  private async detail(user: UserEntity): Promise<UserDetailDto> {
    const assignments = await this.users.assignmentsOf([user.id]);
    const unitName = (await this.org.nameOf(user.unitId)) ?? '';
    return {
      ...this.summary(user, unitName, [...new Set(assignments.map((a) => a.role))]),
      mustChangePassword: user.mustChangePassword,
      createdAt: user.createdAt.toISOString(),
      lockedUntil: this.isLocked(user) ? user.lockedUntil!.toISOString() : null,
      secondFactorEnrolled: await this.users.hasSecondFactor(user.id),
      roleAssignments: assignments.map((a) => ({
        id: a.id,
        role: a.role,
        unitId: a.unitId,
        unitName: a.unitName,
        createdAt: a.createdAt.toISOString(),
      })),
    };
  }

  private summary(u: UserRow | UserEntity, unitName: string, roles: Role[]): UserSummaryDto {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      unitId: u.unitId,
      unitName,
      active: u.active,
      locked: this.isLocked(u),
      roles,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    };
  }

  private isLocked(u: Pick<UserEntity, 'lockedUntil'>): boolean {
    return !!u.lockedUntil && u.lockedUntil.getTime() > this.clock.now().getTime();
  }
}

function fieldError(field: string, reason: string, detail: string): Problem {
  return Problem.badRequest(detail, 'validation_failed', [{ field, messages: [reason] }]);
}
