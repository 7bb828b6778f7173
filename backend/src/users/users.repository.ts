import { Injectable } from '@nestjs/common';
import { pathOfUnit, type SqlCondition } from '../core/authz/casl-sql';
import type { SelectQueryBuilder } from 'typeorm';
import { Db } from '../core/database/db';
import { escapeLike } from '../core/database/sql';
import type { Role, RoleScope } from '../core/authz/roles';
import { SessionEntity } from '../auth/entities/session.entity';
import { RoleAssignmentEntity } from './entities/role-assignment.entity';
import { UserEntity } from './entities/user.entity';

export interface UserSearch {
  access: SqlCondition;
  q?: string;
  unitIds?: string[];
  role?: Role;
  active?: boolean;
  offset: number;
  limit: number;
}

export interface UserRow extends UserEntity {
  unitName: string;
}

export interface AssignmentRow extends RoleAssignmentEntity {
  unitName: string;
  /** Materialised path of the assignment's unit: the field the abilities' conditions use. */
  unitPath: string;
}

/** A user row with the path (ready for instance checks, `asSubject`) and name of their home unit. */
export type UserWithPath = UserEntity & { unitPath: string; unitName: string };

/** What the guard needs about a session, read in one query (see `findPrincipal`). */
export interface Principal {
  session: SessionEntity;
  user: Pick<
    UserEntity,
    'id' | 'username' | 'displayName' | 'unitId' | 'active' | 'mustChangePassword'
  >;
  roles: RoleScope[];
}

/** Key for the PostgreSQL advisory lock that serialises "last administrator" checks. */
const ADMIN_SET_LOCK = 7274_0003;

/** Column expressions for CASL conditions on User (see core/authz/casl-sql.ts). */
export const USER_COLUMNS = {
  id: 'u.id',
  unitId: 'u."unitId"',
  unitPath: pathOfUnit('u."unitId"', 'org_units'),
};

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  private get users() {
    return this.db.repo(UserEntity);
  }
  private get assignments() {
    return this.db.repo(RoleAssignmentEntity);
  }

  /** The user with the path (`unitPath`, so it can be checked as is) and name of their home unit. */
  async findById(id: string): Promise<UserWithPath | null> {
    const res = await this.users
      .createQueryBuilder('u')
      .innerJoin('org_units', 'unit', 'unit.id = u."unitId"')
      .addSelect('unit.path', 'unitPath')
      .addSelect('unit.name', 'unitName')
      .where('u.id = :id', { id })
      .getRawAndEntities();
    const user = res.entities[0];
    if (!user) return null;
    const raw = res.raw[0] as { unitPath: string; unitName: string };
    return Object.assign(user, { unitPath: raw.unitPath, unitName: raw.unitName });
  }

  /**
   * The guard's one query per request: the session by its token hash, its user, and the user's
   * role assignments with the current path of each scope's root unit. Nothing here is cached,
   * so a revoked session or role, a deactivated user or a moved unit counts on the next request.
   */
  async findPrincipal(tokenHash: string): Promise<Principal | null> {
    const res = await this.db
      .repo(SessionEntity)
      .createQueryBuilder('s')
      .innerJoin(UserEntity, 'u', 'u.id = s."userId"')
      .leftJoin(RoleAssignmentEntity, 'ra', 'ra."userId" = u.id')
      .leftJoin('org_units', 'scope', 'scope.id = ra."unitId"')
      .addSelect('u.username', 'p_username')
      .addSelect('u."displayName"', 'p_displayName')
      .addSelect('u."unitId"', 'p_unitId')
      .addSelect('u.active', 'p_active')
      .addSelect('u."mustChangePassword"', 'p_mustChangePassword')
      .addSelect('ra.id', 'p_assignmentId')
      .addSelect('ra.role', 'p_role')
      .addSelect('ra."unitId"', 'p_scopeUnitId')
      .addSelect('scope.path', 'p_scopePath')
      .where('s."tokenHash" = :tokenHash', { tokenHash })
      .getRawAndEntities();
    const session = res.entities[0];
    if (!session) return null;
    const raw = res.raw as Array<Record<string, unknown>>;
    const first = raw[0];
    const flag = (v: unknown) => v === true || v === 1 || v === '1';
    return {
      session,
      user: {
        id: session.userId,
        username: String(first['p_username']),
        displayName: String(first['p_displayName']),
        unitId: String(first['p_unitId']),
        active: flag(first['p_active']),
        mustChangePassword: flag(first['p_mustChangePassword']),
      },
      roles: raw
        .filter((r) => r['p_assignmentId'] != null && r['p_scopePath'] != null)
        .map((r) => ({
          assignmentId: String(r['p_assignmentId']),
          role: r['p_role'] as Role,
          unitId: String(r['p_scopeUnitId']),
          unitPath: String(r['p_scopePath']),
        })),
    };
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username: username.toLowerCase() });
  }

  async usernameTaken(username: string): Promise<boolean> {
    return (await this.users.countBy({ username: username.toLowerCase() })) > 0;
  }

  insert(user: UserEntity): Promise<UserEntity> {
    return this.users.save(user);
  }

  async update(id: string, patch: Partial<UserEntity>): Promise<void> {
    await this.users.update({ id }, patch);
  }

  /** Atomically counts a failed sign-in and returns the new count. */
  async incrementFailures(id: string): Promise<number> {
    await this.users
      .createQueryBuilder()
      .update(UserEntity)
      .set({ failedLoginCount: () => '"failedLoginCount" + 1' })
      .where('id = :id', { id })
      .execute();
    const row = await this.users.findOne({
      where: { id },
      select: { id: true, failedLoginCount: true },
    });
    return row?.failedLoginCount ?? 0;
  }

  /** One page of users, filtered in SQL by the caller's abilities and the search. */
  async search(s: UserSearch): Promise<{ rows: UserRow[]; total: number }> {
    const filtered = (qb: SelectQueryBuilder<UserEntity>) => {
      qb.where(s.access.sql, s.access.params);
      if (s.q)
        qb.andWhere(`u."searchText" LIKE :q ESCAPE '\\'`, {
          q: `%${escapeLike(s.q.toLowerCase())}%`,
        });
      if (s.unitIds)
        qb.andWhere(s.unitIds.length ? 'u."unitId" IN (:...unitIds)' : '1 = 0', {
          unitIds: s.unitIds,
        });
      if (s.active !== undefined) qb.andWhere('u.active = :active', { active: s.active });
      if (s.role) {
        qb.andWhere(
          'EXISTS (SELECT 1 FROM role_assignments ra WHERE ra."userId" = u.id AND ra.role = :role)',
          { role: s.role },
        );
      }
      return qb;
    };
    const rows = await filtered(this.users.createQueryBuilder('u'))
      .innerJoin('org_units', 'unit', 'unit.id = u."unitId"')
      .addSelect('unit.name', 'unitName')
      .orderBy('u."displayName"', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .offset(s.offset)
      .limit(s.limit)
      .getRawAndEntities();
    // A page that is not full ends the list, so it tells the total (the first page of a small
    // organisation needs no count); otherwise a plain COUNT(1) — TypeORM's getCount() emits
    // COUNT(DISTINCT id), which sorts every row.
    const n = rows.entities.length;
    const total =
      n < s.limit && (n > 0 || s.offset === 0)
        ? s.offset + n
        : Number(
            (
              await filtered(this.users.createQueryBuilder('u'))
                .select('COUNT(1)', 'n')
                .getRawOne<{ n: string | number }>()
            )?.n ?? 0,
          );
    return {
      rows: rows.entities.map((e, i) =>
        Object.assign(e, { unitName: (rows.raw[i] as { unitName: string }).unitName }),
      ),
      total,
    };
  }

  /** Names of the given users that the caller may read (one query; for audit-log labels). */
  async namesVisible(
    ids: readonly string[],
    access: SqlCondition,
  ): Promise<Array<{ id: string; displayName: string }>> {
    if (!ids.length) return [];
    return this.users
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .addSelect('u."displayName"', 'displayName')
      .where(`(${access.sql})`, access.params)
      .andWhere('u.id IN (:...ids)', { ids: [...ids] })
      .getRawMany();
  }

  /** Role assignments of many users at once (one query, no N+1). */
  async assignmentsOf(userIds: string[]): Promise<AssignmentRow[]> {
    if (!userIds.length) return [];
    const res = await this.assignments
      .createQueryBuilder('ra')
      .innerJoin('org_units', 'unit', 'unit.id = ra."unitId"')
      .addSelect('unit.name', 'unitName')
      .addSelect('unit.path', 'unitPath')
      .where('ra."userId" IN (:...userIds)', { userIds })
      .orderBy('ra.role', 'ASC')
      .getRawAndEntities();
    return res.entities.map((e, i) => {
      const raw = res.raw[i] as { unitName: string; unitPath: string };
      return Object.assign(e, { unitName: raw.unitName, unitPath: raw.unitPath });
    });
  }

  /** One assignment with the path of its unit (`unitPath`), or null. */
  async findAssignment(id: string): Promise<AssignmentRow | null> {
    const res = await this.assignments
      .createQueryBuilder('ra')
      .innerJoin('org_units', 'unit', 'unit.id = ra."unitId"')
      .addSelect('unit.name', 'unitName')
      .addSelect('unit.path', 'unitPath')
      .where('ra.id = :id', { id })
      .getRawAndEntities();
    const a = res.entities[0];
    if (!a) return null;
    const raw = res.raw[0] as { unitName: string; unitPath: string };
    return Object.assign(a, { unitName: raw.unitName, unitPath: raw.unitPath });
  }

  async assignmentExists(userId: string, role: Role, unitId: string): Promise<boolean> {
    return (await this.assignments.countBy({ userId, role, unitId })) > 0;
  }

  insertAssignment(a: RoleAssignmentEntity): Promise<RoleAssignmentEntity> {
    return this.assignments.save(a);
  }

  async deleteAssignment(id: string): Promise<void> {
    await this.assignments.delete({ id });
  }

  /**
   * Must run inside a transaction, before counting administrators: two administrators removing
   * each other at the same moment must not both see the other as the remaining one. (SQLite
   * transactions are serial already.)
   */
  async lockAdministrators(): Promise<void> {
    if (this.db.engine === 'postgres')
      await this.db.manager().query('SELECT pg_advisory_xact_lock($1)', [ADMIN_SET_LOCK]);
  }

  /** Active users other than `userId` who hold the administrator role anywhere. */
  async countOtherActiveAdmins(userId: string): Promise<number> {
    const row = await this.assignments
      .createQueryBuilder('ra')
      .innerJoin(UserEntity, 'u', 'u.id = ra."userId"')
      .select('COUNT(DISTINCT u.id)', 'n')
      .where('ra.role = :role', { role: 'administrator' })
      .andWhere('u.active = :active', { active: true })
      .andWhere('u.id <> :userId', { userId })
      .getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  async countUsersInUnit(unitId: string): Promise<number> {
    return this.users.countBy({ unitId });
  }

  async countAssignmentsInUnit(unitId: string): Promise<number> {
    return this.assignments.countBy({ unitId });
  }
}
