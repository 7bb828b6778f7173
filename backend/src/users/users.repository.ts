import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../core/authz/casl-sql';
import type { SelectQueryBuilder } from 'typeorm';
import { Db } from '../core/database/db';
import { escapeLike } from '../core/database/sql';
import type { Role } from '../core/authz/roles';
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
}

/** Key for the PostgreSQL advisory lock that serialises "last administrator" checks. */
const ADMIN_SET_LOCK = 7274_0003;

/** Column expressions for CASL conditions on User (see core/authz/casl-sql.ts). */
export const USER_COLUMNS = { id: 'u.id', unitId: 'u."unitId"' };

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  private get users() {
    return this.db.repo(UserEntity);
  }
  private get assignments() {
    return this.db.repo(RoleAssignmentEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
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
    // a plain COUNT(1): TypeORM's getCount() emits COUNT(DISTINCT id), which sorts every row
    const count = await filtered(this.users.createQueryBuilder('u'))
      .select('COUNT(1)', 'n')
      .getRawOne<{ n: string | number }>();
    const rows = await filtered(this.users.createQueryBuilder('u'))
      .innerJoin('org_units', 'unit', 'unit.id = u."unitId"')
      .addSelect('unit.name', 'unitName')
      .orderBy('u."displayName"', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .offset(s.offset)
      .limit(s.limit)
      .getRawAndEntities();
    return {
      rows: rows.entities.map((e, i) =>
        Object.assign(e, { unitName: (rows.raw[i] as { unitName: string }).unitName }),
      ),
      total: Number(count?.n ?? 0),
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
      .where('ra."userId" IN (:...userIds)', { userIds })
      .orderBy('ra.role', 'ASC')
      .getRawAndEntities();
    return res.entities.map((e, i) =>
      Object.assign(e, { unitName: (res.raw[i] as { unitName: string }).unitName }),
    );
  }

  findAssignment(id: string): Promise<RoleAssignmentEntity | null> {
    return this.assignments.findOneBy({ id });
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

  /** Scopes of a user: each assignment with the ids of its whole subtree (one query). */
  async scopesOf(
    userId: string,
  ): Promise<Array<{ assignmentId: string; role: Role; unitId: string; scopeUnitId: string }>> {
    return this.db
      .manager()
      .createQueryBuilder()
      .select('ra.id', 'assignmentId')
      .addSelect('ra.role', 'role')
      .addSelect('ra."unitId"', 'unitId')
      .addSelect('sub.id', 'scopeUnitId')
      .from(RoleAssignmentEntity, 'ra')
      .innerJoin('org_units', 'root', 'root.id = ra."unitId"')
      .innerJoin('org_units', 'sub', `sub.path LIKE root.path || '%'`)
      .where('ra."userId" = :userId', { userId })
      .getRawMany();
  }

  async countUsersInUnit(unitId: string): Promise<number> {
    return this.users.countBy({ unitId });
  }

  async countAssignmentsInUnit(unitId: string): Promise<number> {
    return this.assignments.countBy({ unitId });
  }
}
