import { Injectable } from '@nestjs/common';
import { pathOfUnit, type SqlCondition } from '../../core/authz/casl-sql';
import { Db } from '../../core/database/db';
import { rawRows } from '../../core/database/raw';
import { escapeLike, keysetAfter } from '../../core/database/sql';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
import { UserEntity } from '../../users/entities/user.entity';
import { MANAGERS_OVER_UNIT_SQL, type DateKeyset } from '../keyset-cursor';
import type { CoverageState } from './dto/declaration.dto';
import { DeclarationInterestEntity } from './entities/declaration-interest.entity';
import { DeclarationEntity, type DeclarationStatus } from './entities/declaration.entity';

/** Column expressions for CASL conditions on Declaration (alias `d`). */
export const DECLARATION_COLUMNS = {
  id: 'd.id',
  userId: 'd."userId"',
  unitId: 'd."unitId"',
  unitPath: pathOfUnit('d."unitId"', 'org_units'),
};

/** The same rules applied to people (alias `u`): whose declarations the reader may see. */
export const DECLARANT_COLUMNS = {
  userId: 'u.id',
  unitId: 'u."unitId"',
  unitPath: pathOfUnit('u."unitId"', 'org_units'),
};

export type DeclarationRow = DeclarationEntity & {
  userName: string;
  unitName: string;
  unitPath: string;
  decidedByName: string | null;
};

export interface DeclarationSearch {
  access: SqlCondition;
  userId?: string;
  current?: boolean;
  status?: DeclarationStatus;
  type?: string;
  after?: DateKeyset;
  limit: number;
}

export interface CoverageSearch {
  access: SqlCondition;
  unitPath?: string;
  state?: CoverageState;
  today: string;
  dueSoonLimit: string;
  after?: { name: string; id: string };
  limit: number;
}

export interface CoverageRaw {
  userId: string;
  name: string;
  unitId: string;
  unitName: string;
  state: CoverageState;
  validThrough: string | null;
  declarationId: string | null;
  awaitingDecision: boolean;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

@Injectable()
export class DeclarationsRepository {
  constructor(private readonly db: Db) {}

  get declarations() {
    return this.db.repo(DeclarationEntity);
  }
  private get interests() {
    return this.db.repo(DeclarationInterestEntity);
  }

  private withNames(qb: ReturnType<typeof this.declarations.createQueryBuilder>) {
    return qb
      .innerJoin(UserEntity, 'du', 'du.id = d."userId"')
      .innerJoin(OrgUnitEntity, 'unit', 'unit.id = d."unitId"')
      .leftJoin(UserEntity, 'dec', 'dec.id = d."decidedBy"')
      .addSelect('du."displayName"', 'userName')
      .addSelect('unit.name', 'unitName')
      .addSelect('unit.path', 'unitPath')
      .addSelect('dec."displayName"', 'decidedByName');
  }

  private rows(res: { entities: DeclarationEntity[]; raw: Record<string, string | null>[] }) {
    return res.entities.map((e, i): DeclarationRow =>
      Object.assign(e, {
        userName: res.raw[i]['userName'] as string,
        unitName: res.raw[i]['unitName'] as string,
        unitPath: res.raw[i]['unitPath'] as string,
        decidedByName: res.raw[i]['decidedByName'] ?? null,
      }),
    );
  }

  async findById(id: string): Promise<DeclarationRow | null> {
    const qb = this.withNames(this.declarations.createQueryBuilder('d')).where('d.id = :id', {
      id,
    });
    return this.rows(await qb.getRawAndEntities())[0] ?? null;
  }

  /** One page, newest signed first (signedOn, id), filtered in SQL by the caller's rules. */
  async search(s: DeclarationSearch): Promise<DeclarationRow[]> {
    const qb = this.declarations
      .createQueryBuilder('d')
      .where(`(${s.access.sql})`, s.access.params);
    if (s.userId) qb.andWhere('d."userId" = :userId', { userId: s.userId });
    if (s.current) qb.andWhere('d."supersededBy" IS NULL');
    if (s.status) qb.andWhere('d.status = :status', { status: s.status });
    if (s.type) qb.andWhere('d.type = :type', { type: s.type });
    if (s.after)
      qb.andWhere(keysetAfter(this.db.engine, 'd."signedOn"', 'd.id', '<'), {
        afterKey: s.after.key,
        afterId: s.after.id,
      });
    this.withNames(qb).orderBy('d."signedOn"', 'DESC').addOrderBy('d.id', 'DESC').limit(s.limit);
    return this.rows(await qb.getRawAndEntities());
  }

  /** The interests of these declarations (one query), in their order. */
  async interestsOf(ids: readonly string[]): Promise<Map<string, DeclarationInterestEntity[]>> {
    const out = new Map<string, DeclarationInterestEntity[]>();
    if (!ids.length) return out;
    const rows = await this.interests
      .createQueryBuilder('di')
      .where('di."declarationId" IN (:...ids)', { ids: [...ids] })
      .orderBy('di."declarationId"')
      .addOrderBy('di.position')
      .getMany();
    for (const r of rows) out.set(r.declarationId, [...(out.get(r.declarationId) ?? []), r]);
    return out;
  }

  /** The person's declaration of this type that nothing supersedes yet (annual: at most one). */
  currentOfType(userId: string, type: string): Promise<DeclarationEntity | null> {
    return this.declarations
      .createQueryBuilder('d')
      .where('d."userId" = :userId AND d.type = :type AND d."supersededBy" IS NULL', {
        userId,
        type,
      })
      .orderBy('d."signedAt"', 'DESC')
      .getOne();
  }

  findPlain(id: string): Promise<DeclarationEntity | null> {
    return this.declarations.findOneBy({ id });
  }

  async insert(d: DeclarationEntity, interests: DeclarationInterestEntity[]): Promise<void> {
    await this.declarations.insert(d);
    if (interests.length) await this.interests.insert(interests);
  }

  /** Marks `id` superseded by `by` unless something already superseded it. */
  async supersede(id: string, by: string, at: Date): Promise<boolean> {
    const res = await this.declarations
      .createQueryBuilder()
      .update(DeclarationEntity)
      .set({ supersededBy: by, supersededAt: at })
      .where('id = :id AND "supersededBy" IS NULL', { id })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Records the manager's decision if the declaration is current and undecided. */
  async decide(
    id: string,
    patch: Pick<
      DeclarationEntity,
      'decisionHandling' | 'decisionMotivation' | 'decidedBy' | 'decidedAt'
    >,
  ): Promise<boolean> {
    const res = await this.declarations
      .createQueryBuilder()
      .update(DeclarationEntity)
      .set({ ...patch, status: 'beslutad' })
      .where('id = :id AND status = :open AND "supersededBy" IS NULL', { id, open: 'inlamnad' })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  async unitOfUser(userId: string): Promise<string | null> {
    const u = await this.db.repo(UserEntity).findOne({
      where: { id: userId },
      select: { id: true, unitId: true },
    });
    return u?.unitId ?? null;
  }

  async unitPath(unitId: string): Promise<string | null> {
    const u = await this.db.repo(OrgUnitEntity).findOne({
      where: { id: unitId },
      select: { id: true, path: true },
    });
    return u?.path ?? null;
  }

  async managersOver(unitId: string, exceptUserId: string): Promise<string[]> {
    const rows = await rawRows<{ userId: string }>(this.db.manager(), MANAGERS_OVER_UNIT_SQL, {
      unitId,
      except: exceptUserId,
      active: true,
    });
    return rows.map((r) => r.userId);
  }

  /**
   * Who of the active people the reader may see declarations of has a current annual
   * declaration: one page (name, id) and the counts of every state over the whole selection,
   * both computed in SQL from the stored `validThrough`.
   */
  async coverage(
    s: CoverageSearch,
  ): Promise<{ rows: CoverageRaw[]; counts: Record<CoverageState, number> }> {
    const state = `CASE WHEN d.id IS NULL THEN 'missing' WHEN d."validThrough" < :today THEN 'expired' WHEN d."validThrough" <= :soon THEN 'due_soon' ELSE 'current' END`;
    const base = () => {
      const qb = this.db
        .repo(UserEntity)
        .createQueryBuilder('u')
        .leftJoin(
          DeclarationEntity,
          'd',
          `d."userId" = u.id AND d.type = 'arlig' AND d."supersededBy" IS NULL`,
        )
        .where('u.active = :active', { active: true })
        .andWhere(`(${s.access.sql})`, s.access.params)
        .setParameters({ today: s.today, soon: s.dueSoonLimit });
      if (s.unitPath)
        qb.andWhere(
          `EXISTS (SELECT 1 FROM org_units cu WHERE cu.id = u."unitId" AND cu.path LIKE :covPrefix ESCAPE '\\')`,
          { covPrefix: `${escapeLike(s.unitPath)}%` },
        );
      return qb;
    };
    const countRows = await base()
      .select(state, 'state')
      .addSelect('COUNT(1)', 'n')
      .groupBy(state)
      .getRawMany<{ state: CoverageState; n: string | number }>();
    const counts: Record<CoverageState, number> = {
      current: 0,
      due_soon: 0,
      expired: 0,
      missing: 0,
    };
    for (const c of countRows) counts[c.state] = Number(c.n);

    const page = base()
      .innerJoin(OrgUnitEntity, 'unit', 'unit.id = u."unitId"')
      .select('u.id', 'userId')
      .addSelect('u."displayName"', 'name')
      .addSelect('u."unitId"', 'unitId')
      .addSelect('unit.name', 'unitName')
      .addSelect(state, 'state')
      .addSelect('d."validThrough"', 'validThrough')
      .addSelect('d.id', 'declarationId')
      .addSelect(
        `CASE WHEN EXISTS (SELECT 1 FROM declarations p WHERE p."userId" = u.id AND p."supersededBy" IS NULL AND p.status = 'inlamnad') THEN 1 ELSE 0 END`,
        'awaitingDecision',
      );
    if (s.state) page.andWhere(`${state} = :state`, { state: s.state });
    if (s.after)
      page.andWhere(keysetAfter(this.db.engine, 'u."displayName"', 'u.id', '>'), {
        afterKey: s.after.name,
        afterId: s.after.id,
      });
    const rows = await page
      .orderBy('u."displayName"', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(s.limit)
      .getRawMany<CoverageRaw & { awaitingDecision: unknown }>();
    return {
      rows: rows.map((r) => ({ ...r, awaitingDecision: truthy(r.awaitingDecision) })),
      counts,
    };
  }

  /** The organisation numbers among `numbers` that a current declaration names as an interest. */
  async numbersWithInterest(numbers: readonly string[]): Promise<Set<string>> {
    if (!numbers.length) return new Set();
    const rows = await this.interests
      .createQueryBuilder('di')
      .innerJoin(DeclarationEntity, 'd', 'd.id = di."declarationId"')
      .select('DISTINCT di."organisationNumber"', 'nr')
      .where('d."supersededBy" IS NULL')
      .andWhere('di."organisationNumber" IN (:...numbers)', { numbers: [...new Set(numbers)] })
      .getRawMany<{ nr: string }>();
    return new Set(rows.map((r) => r.nr));
  }

  /**
   * The audit (H4's tables), with its contract's unit for the ContractAudit check and the
   * supplier's organisation number; null when there is no such audit.
   */
  async auditContext(auditId: string): Promise<{
    id: string;
    contractId: string;
    unitId: string;
    unitPath: string;
    supplierOrganisationNumber: string;
  } | null> {
    const rows = await rawRows<{
      id: string;
      contractId: string;
      unitId: string;
      unitPath: string;
      supplierOrganisationNumber: string;
    }>(
      this.db.manager(),
      `SELECT a.id AS "id", a."contractId" AS "contractId", c."unitId" AS "unitId",
              ou.path AS "unitPath", s."organisationNumber" AS "supplierOrganisationNumber"
         FROM contract_audits a
         JOIN contracts c ON c.id = a."contractId"
         JOIN org_units ou ON ou.id = c."unitId"
         JOIN suppliers s ON s.id = c."supplierId"
        WHERE a.id = :auditId`,
      { auditId },
    );
    return rows[0] ?? null;
  }

  /**
   * The people who took part in an audit (started it, answered an item, signed it off) with the
   * role they signed in, their current annual declaration's last valid day, and whether a current
   * declaration of theirs names the organisation number. Two queries whatever the size.
   */
  async auditParticipants(
    auditId: string,
    organisationNumber: string,
  ): Promise<
    Array<{
      userId: string;
      name: string;
      signedAs: string | null;
      validThrough: string | null;
      interest: boolean;
    }>
  > {
    const people = await rawRows<{ userId: string; signedAs: string | null }>(
      this.db.manager(),
      `SELECT a."startedBy" AS "userId", NULL AS "signedAs" FROM contract_audits a WHERE a.id = :auditId
       UNION SELECT an."updatedBy", NULL FROM audit_answers an WHERE an."auditId" = :auditId AND an."updatedBy" IS NOT NULL
       UNION SELECT so."userId", so.role FROM audit_sign_offs so WHERE so."auditId" = :auditId`,
      { auditId },
    );
    const ids = [...new Set(people.map((p) => p.userId))];
    if (!ids.length) return [];
    const info = await rawRows<{
      id: string;
      name: string;
      validThrough: string | null;
      interest: unknown;
    }>(
      this.db.manager(),
      `SELECT u.id AS "id", u."displayName" AS "name",
              (SELECT d."validThrough" FROM declarations d
                WHERE d."userId" = u.id AND d.type = 'arlig' AND d."supersededBy" IS NULL
                ORDER BY d."signedAt" DESC LIMIT 1) AS "validThrough",
              CASE WHEN EXISTS (SELECT 1 FROM declaration_interests di
                  JOIN declarations d2 ON d2.id = di."declarationId"
                 WHERE d2."userId" = u.id AND d2."supersededBy" IS NULL
                   AND di."organisationNumber" = :nr) THEN 1 ELSE 0 END AS "interest"
         FROM users u WHERE u.id IN (:...ids) ORDER BY u."displayName", u.id`,
      { ids, nr: organisationNumber },
    );
    return info.map((u) => {
      const signed = people.filter((p) => p.userId === u.id && p.signedAs).map((p) => p.signedAs);
      return {
        userId: u.id,
        name: u.name,
        signedAs: signed.includes('chef') ? 'chef' : (signed[0] ?? null),
        validThrough: u.validThrough,
        interest: truthy(u.interest),
      };
    });
  }

  /** A page (by id) of current annual declarations due for renewal by `limitDate`, not yet reminded as overdue. */
  renewalsDue(limitDate: string, after: string, limit: number): Promise<DeclarationEntity[]> {
    return this.declarations
      .createQueryBuilder('d')
      .where(`d.type = 'arlig' AND d."supersededBy" IS NULL`)
      .andWhere('d."validThrough" <= :limitDate', { limitDate })
      .andWhere(`(d."reminderStep" IS NULL OR d."reminderStep" <> 'overdue')`)
      .andWhere('d.id > :after', { after })
      .orderBy('d.id')
      .limit(limit)
      .getMany();
  }

  /** Takes a reminder step once (conditional update); false when it was already taken. */
  async takeReminderStep(id: string, step: 'due_soon' | 'overdue'): Promise<boolean> {
    const res = await this.declarations
      .createQueryBuilder()
      .update(DeclarationEntity)
      .set({ reminderStep: step })
      .where('id = :id AND "supersededBy" IS NULL', { id })
      .andWhere(
        step === 'overdue'
          ? `("reminderStep" IS NULL OR "reminderStep" <> 'overdue')`
          : '"reminderStep" IS NULL',
      )
      .execute();
    return (res.affected ?? 0) === 1;
  }
}
