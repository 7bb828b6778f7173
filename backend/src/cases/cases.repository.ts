import { Injectable } from '@nestjs/common';
import { pathOfUnit } from '../core/authz/casl-sql';
import type { Role } from '../core/authz/roles';
import { Db } from '../core/database/db';
import { CaseActionEntity } from './entities/case-action.entity';
import { CaseMessageEntity } from './entities/case-message.entity';
import { CaseEntity } from './entities/case.entity';
import { IdentityRequestEntity } from './entities/identity-request.entity';
import { ADVISORY_LOCKS } from '../core/database/advisory-locks';

/** Column expressions for CASL conditions on Case (see core/authz/casl-sql.ts). */
export const CASE_COLUMNS = {
  id: 'c.id',
  unitId: 'c."unitId"',
  unitPath: pathOfUnit('c."unitId"', 'org_units'),
  routedAwayFrom: 'c."routedAwayFrom"',
  assigneeId: 'c."assigneeId"',
};

/** A case row with the path and name of its unit (so it can be checked as a CASL subject). */
export type CaseWithUnit = CaseEntity & { unitPath: string; unitName: string };

/**
 * Roles that may never read a case, whatever else the person holds (separation of duties,
 * `core/authz/ability.ts`): such a person is told nothing about a case, not even that it exists.
 */
export const CASE_BARRED_ROLES = [
  'administrator',
  'internrevisor',
  'chef',
  'avtalscontroller',
] as const;

/** Serialises reference numbering (PostgreSQL advisory lock; SQLite has one writer). */
const CASE_NUMBER_LOCK = ADVISORY_LOCKS.caseNumber;

/**
 * The case tables' shared data access: loading a case with its unit, inserting, versioned
 * updates and numbering. Feature parts (intake, handling, custody, jobs) keep their own queries in
 * their own repositories.
 */
@Injectable()
export class CasesRepository {
  constructor(private readonly db: Db) {}

  get cases() {
    return this.db.repo(CaseEntity);
  }
  get messages() {
    return this.db.repo(CaseMessageEntity);
  }
  get actions() {
    return this.db.repo(CaseActionEntity);
  }
  get identityRequests() {
    return this.db.repo(IdentityRequestEntity);
  }

  /** The case with `unitPath` and `unitName`, or null. */
  async findById(id: string): Promise<CaseWithUnit | null> {
    const raw = await this.cases
      .createQueryBuilder('c')
      .innerJoin('org_units', 'unit', 'unit.id = c."unitId"')
      .addSelect('unit.path', 'unitPath')
      .addSelect('unit.name', 'unitName')
      .where('c.id = :id', { id })
      .getRawAndEntities();
    const row = raw.entities[0];
    if (!row) return null;
    const r = raw.raw[0] as { unitPath: string; unitName: string };
    return Object.assign(row, { unitPath: r.unitPath, unitName: r.unitName });
  }

  async insert(row: CaseEntity): Promise<void> {
    await this.cases.insert(row);
  }

  /**
   * Applies `patch` only if the case is still at `version` (bumping it); false when someone else
   * changed it first (→ 409 edit_conflict). Must run inside a transaction.
   */
  async updateVersioned(id: string, version: number, patch: Partial<CaseEntity>): Promise<boolean> {
    const res = await this.cases
      .createQueryBuilder()
      .update(CaseEntity)
      .set({ ...patch, version: version + 1 })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Unconditional update that still bumps the version (for appends such as messages). */
  async touch(id: string, patch: Partial<CaseEntity>): Promise<void> {
    await this.cases
      .createQueryBuilder()
      .update(CaseEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** The next reference of `year` (`VRN-2026-00042`). Must run inside a transaction. */
  async nextReference(year: number): Promise<{ year: number; seqNo: number; reference: string }> {
    await this.db.lock(CASE_NUMBER_LOCK);
    const row = await this.cases
      .createQueryBuilder('c')
      .select('MAX(c."seqNo")', 'max')
      .where('c.year = :year', { year })
      .getRawOne<{ max: number | string | null }>();
    const seqNo = Number(row?.max ?? 0) + 1;
    return { year, seqNo, reference: `VRN-${year}-${String(seqNo).padStart(5, '0')}` };
  }

  /**
   * Active users holding `role` over a subtree that contains the unit with path `unitPath`,
   * minus `exclude` (e.g. the handler a case is routed away from), and minus everybody who also
   * holds a role barred from cases (CASE_BARRED_ROLES: the separation-of-duties rule of
   * ability.ts) — such a person may not act on the case, so is never told of it. For
   * notifications and pickers: case handlers of a case, custodians of an identity request.
   */
  async usersWithRoleOver(
    role: Role,
    unitPath: string,
    exclude: Array<string | null> = [],
  ): Promise<string[]> {
    const rows = await this.cases.manager.query<Array<{ id: string }>>(
      this.db.engine === 'postgres'
        ? `SELECT DISTINCT u.id FROM users u
             JOIN role_assignments ra ON ra."userId" = u.id
             JOIN org_units s ON s.id = ra."unitId"
            WHERE ra.role = $1 AND u.active = true AND $2 LIKE s.path || '%'
              AND NOT EXISTS (SELECT 1 FROM role_assignments b
                               WHERE b."userId" = u.id AND b.role IN ($3, $4, $5, $6))`
        : `SELECT DISTINCT u.id FROM users u
             JOIN role_assignments ra ON ra."userId" = u.id
             JOIN org_units s ON s.id = ra."unitId"
            WHERE ra.role = ? AND u.active = 1 AND ? LIKE s.path || '%'
              AND NOT EXISTS (SELECT 1 FROM role_assignments b
                               WHERE b."userId" = u.id AND b.role IN (?, ?, ?, ?))`,
      [role, unitPath, ...CASE_BARRED_ROLES],
    );
    const skip = new Set(exclude.filter((x): x is string => !!x));
    return rows
      .map((r) => r.id)
      .filter((id) => !skip.has(id))
      .sort();
  }
}
