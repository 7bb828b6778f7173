import { Injectable } from '@nestjs/common';
import { pathOfUnit, type SqlCondition } from '../core/authz/casl-sql';
import { Db } from '../core/database/db';
import { hydrate, rawRows } from '../core/database/raw';
import { escapeLike } from '../core/database/sql';
import type { Role, RoleScope } from '../core/authz/roles';
import { SessionEntity } from '../auth/entities/session.entity';
import { RoleAssignmentEntity } from './entities/role-assignment.entity';
import { UserEntity } from './entities/user.entity';
import { ADVISORY_LOCKS } from '../core/database/advisory-locks';

export interface UserSearch {
  access: SqlCondition;
  q?: string;
  unitIds?: string[];
  role?: Role;
  active?: boolean;
  offset: number;
  limit: number;
}

/** What a users page shows of each person (the columns the summary needs, nothing else). */
export type UserRow = Pick<
  UserEntity,
  'id' | 'username' | 'displayName' | 'email' | 'unitId' | 'active' | 'lockedUntil' | 'lastLoginAt'
> & {
  unitName: string;
  /** The distinct roles the user holds anywhere, in alphabetical order. */
  roles: Role[];
};

/** What `/api/me` shows: the user, their home unit's name and their role assignments. */
export interface MeRow {
  user: Pick<
    UserEntity,
    | 'id'
    | 'username'
    | 'displayName'
    | 'email'
    | 'unitId'
    | 'mustChangePassword'
    | 'previousLoginAt'
  > & { unitName: string };
  roles: Array<Pick<AssignmentRow, 'id' | 'role' | 'unitId' | 'unitName'>>;
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
  session: Pick<
    SessionEntity,
    'id' | 'userId' | 'lastSeenAt' | 'idleExpiresAt' | 'absoluteExpiresAt' | 'secondFactorAt'
  >;
  user: Pick<
    UserEntity,
    'id' | 'username' | 'displayName' | 'unitId' | 'active' | 'mustChangePassword'
  > & {
    /** Has a confirmed second factor (the second-factor gate, ADR 0017). */
    secondFactorEnrolled: boolean;
  };
  roles: RoleScope[];
}

/** A value as the driver returns it, before `hydrate` (SQLite: 0/1 and date strings). */
type Raw = string | number | boolean | Date | null;

interface PrincipalRaw {
  id: string;
  userId: string;
  lastSeenAt: Raw;
  idleExpiresAt: Raw;
  absoluteExpiresAt: Raw;
  secondFactorAt: Raw;
  username: string;
  displayName: string;
  unitId: string;
  active: Raw;
  mustChangePassword: Raw;
  factorConfirmedAt: Raw;
  assignmentId: string | null;
  role: Role | null;
  scopeUnitId: string | null;
  scopePath: string | null;
}

interface MeRaw {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string;
  unitName: string;
  mustChangePassword: Raw;
  previousLoginAt: Raw;
  assignmentId: string | null;
  role: Role | null;
  scopeUnitId: string | null;
  scopeUnitName: string | null;
}

interface UserRaw {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string;
  unitName: string;
  active: Raw;
  lockedUntil: Raw;
  lastLoginAt: Raw;
  roles: string | null;
}

/**
 * The guard's statement: session ⋈ user ⟕ role assignments ⟕ their root units (for the paths).
 * Written once as text, so neither TypeORM nor SQLite rebuilds it per request.
 */
const PRINCIPAL_SQL = `SELECT s.id AS id, s."userId" AS "userId", s."lastSeenAt" AS "lastSeenAt",
       s."idleExpiresAt" AS "idleExpiresAt", s."absoluteExpiresAt" AS "absoluteExpiresAt",
       s."secondFactorAt" AS "secondFactorAt",
       u.username AS username, u."displayName" AS "displayName", u."unitId" AS "unitId",
       u.active AS active, u."mustChangePassword" AS "mustChangePassword",
       f."confirmedAt" AS "factorConfirmedAt",
       ra.id AS "assignmentId", ra.role AS role, ra."unitId" AS "scopeUnitId",
       scope.path AS "scopePath"
  FROM sessions s
  INNER JOIN users u ON u.id = s."userId"
  LEFT JOIN second_factors f ON f."userId" = u.id
  LEFT JOIN role_assignments ra ON ra."userId" = u.id
  LEFT JOIN org_units scope ON scope.id = ra."unitId"
 WHERE s."tokenHash" = :tokenHash`;

/** `/api/me`'s statement: the user with their unit's name, each assignment with its unit's name. */
const ME_SQL = `SELECT u.id AS id, u.username AS username, u."displayName" AS "displayName",
       u.email AS email, u."unitId" AS "unitId", unit.name AS "unitName",
       u."mustChangePassword" AS "mustChangePassword", u."previousLoginAt" AS "previousLoginAt",
       ra.id AS "assignmentId", ra.role AS role, ra."unitId" AS "scopeUnitId",
       scope.name AS "scopeUnitName"
  FROM users u
  INNER JOIN org_units unit ON unit.id = u."unitId"
  LEFT JOIN role_assignments ra ON ra."userId" = u.id
  LEFT JOIN org_units scope ON scope.id = ra."unitId"
 WHERE u.id = :id
 ORDER BY ra.role ASC, ra.id ASC`;

/** Key for the PostgreSQL advisory lock that serialises "last administrator" checks. */
const ADMIN_SET_LOCK = ADVISORY_LOCKS.administratorSet;

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
   * The guard's one query per request: the session by its token hash, its user, whether the user
   * has a confirmed second factor, and the user's role assignments with the current path of each
   * scope's root unit. Nothing here is cached,
   * so a revoked session or role, a deactivated user or a moved unit counts on the next request.
   */
  async findPrincipal(tokenHash: string): Promise<Principal | null> {
    const m = this.db.manager();
    const raw = await rawRows<PrincipalRaw>(m, PRINCIPAL_SQL, { tokenHash });
    const first = raw[0];
    if (!first) return null;
    const date = (k: 'lastSeenAt' | 'idleExpiresAt' | 'absoluteExpiresAt') =>
      hydrate<Date>(m, SessionEntity, k, first[k]);
    const flag = (k: 'active' | 'mustChangePassword') =>
      hydrate<boolean>(m, UserEntity, k, first[k]);
    return {
      session: {
        id: first.id,
        userId: first.userId,
        lastSeenAt: date('lastSeenAt'),
        idleExpiresAt: date('idleExpiresAt'),
        absoluteExpiresAt: date('absoluteExpiresAt'),
        secondFactorAt:
          first.secondFactorAt == null
            ? null
            : hydrate<Date>(m, SessionEntity, 'secondFactorAt', first.secondFactorAt),
      },
      user: {
        id: first.userId,
        username: first.username,
        displayName: first.displayName,
        unitId: first.unitId,
        active: flag('active'),
        mustChangePassword: flag('mustChangePassword'),
        secondFactorEnrolled: first.factorConfirmedAt != null,
      },
      roles: raw.flatMap((r) =>
        r.assignmentId != null && r.role != null && r.scopeUnitId != null && r.scopePath != null
          ? [
              {
                assignmentId: r.assignmentId,
                role: r.role,
                unitId: r.scopeUnitId,
                unitPath: r.scopePath,
              },
            ]
          : [],
      ),
    };
  }

  /** `/api/me` in one query: the user, their home unit's name, their assignments and units. */
  async findMe(id: string): Promise<MeRow | null> {
    const m = this.db.manager();
    const raw = await rawRows<MeRaw>(m, ME_SQL, { id });
    const first = raw[0];
    if (!first) return null;
    return {
      user: {
        id: first.id,
        username: first.username,
        displayName: first.displayName,
        email: first.email,
        unitId: first.unitId,
        unitName: first.unitName,
        mustChangePassword: hydrate<boolean>(
          m,
          UserEntity,
          'mustChangePassword',
          first.mustChangePassword,
        ),
        previousLoginAt: hydrate<Date | null>(
          m,
          UserEntity,
          'previousLoginAt',
          first.previousLoginAt,
        ),
      },
      roles: raw.flatMap((r) =>
        r.assignmentId != null && r.role != null && r.scopeUnitId != null && r.scopeUnitName != null
          ? [{ id: r.assignmentId, role: r.role, unitId: r.scopeUnitId, unitName: r.scopeUnitName }]
          : [],
      ),
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

  /**
   * One page of users, filtered in SQL by the caller's abilities and the search. Reads only the
   * summary's columns, as raw rows (no query builder, no entity hydration: most of the page's
   * cost before, see docs/architecture.md "Performance").
   */
  async search(s: UserSearch): Promise<{ rows: UserRow[]; total: number }> {
    const where = [`(${s.access.sql})`];
    const params: Record<string, unknown> = { ...s.access.params };
    if (s.q) {
      where.push(`u."searchText" LIKE :q ESCAPE '\\'`);
      params['q'] = `%${escapeLike(s.q.toLowerCase())}%`;
    }
    if (s.unitIds) {
      where.push(s.unitIds.length ? 'u."unitId" IN (:...unitIds)' : '1 = 0');
      params['unitIds'] = s.unitIds;
    }
    if (s.active !== undefined) {
      where.push('u.active = :active');
      params['active'] = s.active;
    }
    if (s.role) {
      where.push(
        'EXISTS (SELECT 1 FROM role_assignments ra WHERE ra."userId" = u.id AND ra.role = :role)',
      );
      params['role'] = s.role;
    }
    const filter = where.join(' AND ');
    const m = this.db.manager();
    const raw = await rawRows<UserRaw>(
      m,
      `SELECT u.id AS id, u.username AS username, u."displayName" AS "displayName",
              u.email AS email, u."unitId" AS "unitId", u.active AS active,
              u."lockedUntil" AS "lockedUntil", u."lastLoginAt" AS "lastLoginAt",
              unit.name AS "unitName", (${this.rolesAgg}) AS roles
         FROM users u INNER JOIN org_units unit ON unit.id = u."unitId"
        WHERE ${filter}
        ORDER BY u."displayName" ASC, u.id ASC
        LIMIT :limit OFFSET :offset`,
      { ...params, limit: s.limit, offset: s.offset },
    );
    const rows: UserRow[] = raw.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.displayName,
      email: r.email,
      unitId: r.unitId,
      unitName: r.unitName,
      active: hydrate<boolean>(m, UserEntity, 'active', r.active),
      lockedUntil: hydrate<Date | null>(m, UserEntity, 'lockedUntil', r.lockedUntil),
      lastLoginAt: hydrate<Date | null>(m, UserEntity, 'lastLoginAt', r.lastLoginAt),
      // role names are lower-case ASCII without commas (ROLES), so the split and the sort are exact
      roles: r.roles ? ([...new Set(r.roles.split(','))].sort() as Role[]) : [],
    }));
    // A page that is not full ends the list, so it tells the total (the first page of a small
    // organisation needs no count); otherwise a plain COUNT(1) — TypeORM's getCount() emits
    // COUNT(DISTINCT id), which sorts every row.
    const n = rows.length;
    const total =
      n < s.limit && (n > 0 || s.offset === 0)
        ? s.offset + n
        : Number(
            (
              await rawRows<{ n: string | number }>(
                m,
                `SELECT COUNT(1) AS n FROM users u WHERE ${filter}`,
                params,
              )
            )[0]?.n ?? 0,
          );
    return { rows, total };
  }

  /** SQL for "the distinct roles of user `u`, comma-separated" (NULL when none), per engine. */
  private get rolesAgg(): string {
    return this.db.engine === 'postgres'
      ? `SELECT string_agg(DISTINCT ra.role, ',') FROM role_assignments ra WHERE ra."userId" = u.id`
      : `SELECT group_concat(DISTINCT ra.role) FROM role_assignments ra WHERE ra."userId" = u.id`;
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

  /** Whether the user has a confirmed second factor (an administrator sees it and can reset it). */
  async hasSecondFactor(userId: string): Promise<boolean> {
    const rows = await rawRows<{ one: number }>(
      this.db.manager(),
      `SELECT 1 AS one FROM second_factors WHERE "userId" = :userId AND "confirmedAt" IS NOT NULL`,
      { userId },
    );
    return rows.length > 0;
  }

  async countUsersInUnit(unitId: string): Promise<number> {
    return this.users.countBy({ unitId });
  }

  async countAssignmentsInUnit(unitId: string): Promise<number> {
    return this.assignments.countBy({ unitId });
  }
}
