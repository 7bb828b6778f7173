import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { pathOfUnit, type SqlCondition } from '../core/authz/casl-sql';
import { Db } from '../core/database/db';
import { escapeLike } from '../core/database/sql';
import { ContractEntity } from '../contracts/entities/contract.entity';
import { OrgUnitEntity } from '../org/entities/org-unit.entity';
import { SupplierEntity } from '../suppliers/entities/supplier.entity';
import { UserEntity } from '../users/entities/user.entity';
import type { StoredBand } from './domain/risk-scoring';
import type { AcceptanceFilter, HeatmapKind } from './dto/risk.dto';
import { RiskAcceptanceEntity } from './entities/risk-acceptance.entity';
import { RiskActionEntity } from './entities/risk-action.entity';
import { RiskAssessmentEntity } from './entities/risk-assessment.entity';
import { RiskEntity } from './entities/risk.entity';

/** Column expressions for CASL conditions on Risk (see core/authz/casl-sql.ts). */
export const RISK_COLUMNS = {
  id: 'r.id',
  unitId: 'r."unitId"',
  unitPath: pathOfUnit('r."unitId"', 'org_units'),
  ownerId: 'r."ownerId"',
};

/** Column expressions for CASL conditions on RiskAction (alias `ra`, its risk `r`). */
export const RISK_ACTION_COLUMNS = {
  id: 'ra.id',
  riskId: 'ra."riskId"',
  unitId: 'r."unitId"',
  unitPath: pathOfUnit('r."unitId"', 'org_units'),
  ownerId: 'ra."ownerId"',
  riskOwnerId: 'r."ownerId"',
};

/** Column expressions for AuditFinding read rules on a risk's linked findings (`f`, `ct`). */
export const LINKED_FINDING_COLUMNS = {
  id: 'f.id',
  auditId: 'f."auditId"',
  unitPath: pathOfUnit('ct."unitId"', 'org_units'),
};

/** Column expressions for the Risk `create` rules applied to a person's unit (owner pickers). */
export const PERSON_COLUMNS = {
  unitId: 'u."unitId"',
  unitPath: pathOfUnit('u."unitId"', 'org_units'),
};

/** What the register and the heatmap select risks by. */
export interface RiskFilter {
  access: SqlCondition;
  /** End of the as-of day; undefined = the current assessment. */
  asOfEnd?: Date;
  /** "Today" for acceptance expiry and review dates (the as-of day when given). */
  today: string;
  unitPath?: string;
  category?: string;
  sector?: string;
  contractId?: string;
  supplierId?: string;
  subjectKind?: string;
  kind: HeatmapKind;
  likelihood?: number;
  consequence?: number;
  band?: StoredBand;
  acceptance?: AcceptanceFilter;
  ownerId?: string;
  reviewOverdue?: boolean;
}

/** One risk as a list shows it (the assessment as of the date, with names). */
export interface RiskRow {
  id: string;
  title: string;
  subjectKind: string;
  contractId: string | null;
  contractTitle: string | null;
  supplierId: string | null;
  supplierName: string | null;
  processCode: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  category: string;
  ownerId: string;
  ownerName: string | null;
  description: string;
  assessment: RiskAssessmentEntity;
  acceptance: RiskAcceptanceEntity | null;
}

const A_COLUMNS = [
  'id',
  'seq',
  'validFrom',
  'matrixVersion',
  'inherentLikelihood',
  'inherentConsequence',
  'inherentScore',
  'inherentBand',
  'inherentExplanation',
  'existingControls',
  'residualLikelihood',
  'residualConsequence',
  'residualScore',
  'residualBand',
  'residualExplanation',
  'treatment',
  'nextReviewDate',
  'assessedBy',
] as const;
const ACC_COLUMNS = [
  'id',
  'assessmentSeq',
  'residualLikelihood',
  'residualConsequence',
  'residualBand',
  'motivation',
  'acceptedOn',
  'expiresOn',
  'acceptedBy',
  'createdAt',
] as const;

/**
 * SQL of "the acceptance in force is stale": the residual it accepted is not the assessment's,
 * or it expired before `today` — the same rule as domain `acceptanceState`, so lists filter in
 * the database (risks.int-spec checks the two agree).
 */
const STALE_SQL = `(acc."expiresOn" < :today
  OR acc."residualBand" <> a."residualBand"
  OR COALESCE(acc."residualLikelihood", 0) <> COALESCE(a."residualLikelihood", 0)
  OR COALESCE(acc."residualConsequence", 0) <> COALESCE(a."residualConsequence", 0))`;

@Injectable()
export class RisksRepository {
  constructor(private readonly db: Db) {}

  get risks() {
    return this.db.repo(RiskEntity);
  }
  get assessments() {
    return this.db.repo(RiskAssessmentEntity);
  }
  get acceptances() {
    return this.db.repo(RiskAcceptanceEntity);
  }
  get actions() {
    return this.db.repo(RiskActionEntity);
  }

  /**
   * Risks joined with their assessment as of the filter's date (`a`) and the acceptance in force
   * then (`acc`), filtered by the caller's abilities and the filters — all in SQL.
   *
   * `aggregate` (the heatmap: every matching row is counted, none is listed) joins the acceptance
   * only when a filter reads it — the join finds at most one row per risk, so leaving it out
   * changes no count, and SQLite would otherwise run its subquery once per risk — and selects a
   * unit subtree as `unitId IN (the subtree's units)`, which seeks through `ix_risks_unit` instead
   * of testing every risk in scope (a list keeps the `EXISTS` form: it walks rows in its order and
   * stops at the page's end). See docs/architecture.md, "Risk heatmap at city size".
   */
  private base(f: RiskFilter, aggregate = false): SelectQueryBuilder<RiskEntity> {
    const qb = this.risks.createQueryBuilder('r');
    if (f.asOfEnd) {
      qb.innerJoin(
        RiskAssessmentEntity,
        'a',
        `a."riskId" = r.id AND a.seq = (SELECT MAX(a2.seq) FROM risk_assessments a2 WHERE a2."riskId" = r.id AND a2."validFrom" <= :asOfEnd)`,
        { asOfEnd: f.asOfEnd },
      );
    } else {
      qb.innerJoin(RiskAssessmentEntity, 'a', 'a."riskId" = r.id AND a.seq = r."currentSeq"');
    }
    if (!aggregate || f.acceptance !== undefined) {
      qb.leftJoin(
        RiskAcceptanceEntity,
        'acc',
        `acc.id = (SELECT acc2.id FROM risk_acceptances acc2 WHERE acc2."riskId" = r.id${
          f.asOfEnd ? ' AND acc2."createdAt" <= :asOfEnd' : ''
        } ORDER BY acc2."createdAt" DESC, acc2.id DESC LIMIT 1)`,
      );
    }
    qb.where(`(${f.access.sql})`, f.access.params);
    if (f.unitPath) {
      qb.andWhere(
        aggregate
          ? `r."unitId" IN (SELECT fu.id FROM org_units fu WHERE fu.path LIKE :unitPrefix ESCAPE '\\')`
          : `EXISTS (SELECT 1 FROM org_units fu WHERE fu.id = r."unitId" AND fu.path LIKE :unitPrefix ESCAPE '\\')`,
        { unitPrefix: `${escapeLike(f.unitPath)}%` },
      );
    }
    if (f.category) qb.andWhere('r.category = :category', { category: f.category });
    if (f.subjectKind)
      qb.andWhere('r."subjectKind" = :subjectKind', { subjectKind: f.subjectKind });
    if (f.contractId) qb.andWhere('r."contractId" = :contractId', { contractId: f.contractId });
    if (f.sector) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM contracts fc WHERE fc.id = r."contractId" AND fc.sector = :sector)',
        { sector: f.sector },
      );
    }
    if (f.supplierId) {
      qb.andWhere(
        `(r."supplierId" = :supplierId OR EXISTS (SELECT 1 FROM contracts sc WHERE sc.id = r."contractId" AND sc."supplierId" = :supplierId))`,
        { supplierId: f.supplierId },
      );
    }
    const side = f.kind === 'inherent' ? 'inherent' : 'residual';
    if (f.likelihood !== undefined)
      qb.andWhere(`a."${side}Likelihood" = :likelihood`, { likelihood: f.likelihood });
    if (f.consequence !== undefined)
      qb.andWhere(`a."${side}Consequence" = :consequence`, { consequence: f.consequence });
    if (f.band) qb.andWhere(`a."${side}Band" = :band`, { band: f.band });
    if (f.ownerId) qb.andWhere('r."ownerId" = :ownerId', { ownerId: f.ownerId });
    if (f.reviewOverdue) qb.andWhere('a."nextReviewDate" < :today', { today: f.today });
    if (f.acceptance === 'none') qb.andWhere('acc.id IS NULL');
    if (f.acceptance === 'stale')
      qb.andWhere(`acc.id IS NOT NULL AND ${STALE_SQL}`, { today: f.today });
    if (f.acceptance === 'valid')
      qb.andWhere(`acc.id IS NOT NULL AND NOT ${STALE_SQL}`, { today: f.today });
    return qb;
  }

  /** A page of the register: not assessed first, then the highest residual score. */
  async list(
    f: RiskFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: RiskRow[]; total: number }> {
    const total = await this.base(f).getCount();
    const qb = this.withColumns(this.base(f))
      .orderBy(`CASE WHEN a."residualScore" IS NULL THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('a."residualScore"', 'DESC')
      .addOrderBy('r.title', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .offset(offset);
    const raw = await qb.getRawMany<Record<string, unknown>>();
    return { rows: raw.map((r) => this.rowOf(r)), total };
  }

  /**
   * The assessed risks of the filter with the highest residual score first (the dashboard's and
   * the committee report's "top risks"), and how many assessed risks there are: ONE query (the
   * count is a window over the same rows). Not assessed risks are left out, never ranked as low.
   */
  async topByResidual(f: RiskFilter, limit: number): Promise<{ rows: RiskRow[]; total: number }> {
    const raw = await this.withColumns(this.base(f))
      .addSelect('COUNT(*) OVER ()', 'top_total')
      .andWhere('a."residualScore" IS NOT NULL')
      .orderBy('a."residualScore"', 'DESC')
      .addOrderBy('COALESCE(a."inherentScore", 0)', 'DESC')
      .addOrderBy('r.title', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .getRawMany<Record<string, unknown>>();
    return {
      rows: raw.map((r) => this.rowOf(r)),
      total: raw.length ? Number(raw[0]['top_total']) : 0,
    };
  }

  /**
   * The heatmap: ONE query grouping the filtered risks' assessments (as of the date) by the
   * levels of `kind`. The group with null levels is the risks that are not assessed.
   */
  async heatmap(
    f: RiskFilter,
  ): Promise<Array<{ likelihood: number | null; consequence: number | null; count: number }>> {
    const side = f.kind === 'inherent' ? 'inherent' : 'residual';
    const raw = await this.base(f, true)
      .select(`a."${side}Likelihood"`, 'likelihood')
      .addSelect(`a."${side}Consequence"`, 'consequence')
      .addSelect('COUNT(*)', 'count')
      .groupBy(`a."${side}Likelihood"`)
      .addGroupBy(`a."${side}Consequence"`)
      .getRawMany<{ likelihood: unknown; consequence: unknown; count: unknown }>();
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return raw.map((r) => ({
      likelihood: num(r.likelihood),
      consequence: num(r.consequence),
      count: Number(r.count),
    }));
  }

  /** One risk with its current assessment and acceptance, or null. */
  async findById(id: string): Promise<RiskRow | null> {
    const qb = this.withColumns(
      this.base({
        access: { sql: '1 = 1', params: {} },
        today: '0000-00-00',
        kind: 'residual',
      }),
    ).andWhere('r.id = :id', { id });
    const raw = await qb.getRawOne<Record<string, unknown>>();
    return raw ? this.rowOf(raw) : null;
  }

  history(
    riskId: string,
  ): Promise<Array<RiskAssessmentEntity & { assessedByName: string | null }>> {
    return this.assessments
      .createQueryBuilder('a')
      .leftJoin(UserEntity, 'u', 'u.id = a."assessedBy"')
      .addSelect('u."displayName"', 'assessedByName')
      .where('a."riskId" = :riskId', { riskId })
      .orderBy('a.seq', 'DESC')
      .getRawAndEntities()
      .then((res) =>
        res.entities.map((e, i) =>
          Object.assign(e, {
            assessedByName: (res.raw[i] as { assessedByName: string | null }).assessedByName,
          }),
        ),
      );
  }

  async actionsOf(riskId: string): Promise<Array<RiskActionEntity & { ownerName: string | null }>> {
    const res = await this.actions
      .createQueryBuilder('ra')
      .leftJoin(UserEntity, 'u', 'u.id = ra."ownerId"')
      .addSelect('u."displayName"', 'ownerName')
      .where('ra."riskId" = :riskId', { riskId })
      .orderBy('ra."dueDate"', 'ASC')
      .addOrderBy('ra.id', 'ASC')
      .getRawAndEntities();
    return res.entities.map((e, i) =>
      Object.assign(e, { ownerName: (res.raw[i] as { ownerName: string | null }).ownerName }),
    );
  }

  /** Active users the condition (over the user's unit) lets through, by name; at most 20. */
  async people(
    access: SqlCondition,
    q: string | undefined,
  ): Promise<Array<{ id: string; displayName: string; unitName: string }>> {
    const qb = this.db
      .repo(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(OrgUnitEntity, 'pu', 'pu.id = u."unitId"')
      .select('u.id', 'id')
      .addSelect('u."displayName"', 'displayName')
      .addSelect('pu.name', 'unitName')
      .where(`(${access.sql})`, access.params)
      .andWhere('u.active = :active', { active: true });
    if (q)
      qb.andWhere(`u."searchText" LIKE :q ESCAPE '\\'`, {
        q: `%${escapeLike(q.toLocaleLowerCase('sv'))}%`,
      });
    return qb.orderBy('u."displayName"', 'ASC').addOrderBy('u.id', 'ASC').limit(20).getRawMany();
  }

  /** The open and recent actions owned by `ownerId` that the condition lets through. */
  async actionsOwnedBy(
    ownerId: string,
    access: SqlCondition,
  ): Promise<
    Array<
      RiskActionEntity & {
        ownerName: string | null;
        riskTitle: string;
        riskOwnerId: string;
        unitId: string;
        unitPath: string;
      }
    >
  > {
    const res = await this.actions
      .createQueryBuilder('ra')
      .innerJoin(RiskEntity, 'r', 'r.id = ra."riskId"')
      .innerJoin(OrgUnitEntity, 'unit', 'unit.id = r."unitId"')
      .leftJoin(UserEntity, 'u', 'u.id = ra."ownerId"')
      .addSelect('u."displayName"', 'ownerName')
      .addSelect('r.title', 'riskTitle')
      .addSelect('r."ownerId"', 'riskOwnerId')
      .addSelect('r."unitId"', 'unitId')
      .addSelect('unit.path', 'unitPath')
      .where(`(${access.sql})`, access.params)
      .andWhere('ra."ownerId" = :ownerId', { ownerId })
      .orderBy(`CASE WHEN ra.status IN ('planerad', 'pagaende') THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('ra."dueDate"', 'ASC')
      .addOrderBy('ra.id', 'ASC')
      .limit(200)
      .getRawAndEntities();
    return res.entities.map((e, i) => {
      const raw = res.raw[i] as Record<string, string | null>;
      return Object.assign(e, {
        ownerName: raw['ownerName'] ?? null,
        riskTitle: raw['riskTitle'] as string,
        riskOwnerId: raw['riskOwnerId'] as string,
        unitId: raw['unitId'] as string,
        unitPath: raw['unitPath'] as string,
      });
    });
  }

  async userName(id: string): Promise<string | null> {
    const u = await this.db
      .repo(UserEntity)
      .findOne({ where: { id }, select: { id: true, displayName: true } });
    return u?.displayName ?? null;
  }

  /**
   * The audit findings (issue 8) linked to a risk that the condition (AuditFinding read, aliases
   * `f`, `ct`: see LINKED_FINDING_COLUMNS) lets through, oldest first.
   */
  async linkedFindings(
    riskId: string,
    access: SqlCondition,
  ): Promise<Array<{ id: string; auditId: string; severity: string; status: string }>> {
    return this.db
      .manager()
      .createQueryBuilder()
      .from('audit_findings', 'f')
      .innerJoin('contract_audits', 'au', 'au.id = f."auditId"')
      .innerJoin('contracts', 'ct', 'ct.id = au."contractId"')
      .select('f.id', 'id')
      .addSelect('f."auditId"', 'auditId')
      .addSelect('f.severity', 'severity')
      .addSelect('f.status', 'status')
      .where('f."riskId" = :riskId', { riskId })
      .andWhere(`(${access.sql})`, access.params)
      .orderBy('f."createdAt"', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .getRawMany();
  }

  async activeUserExists(id: string): Promise<boolean> {
    return (await this.db.repo(UserEntity).countBy({ id, active: true })) > 0;
  }

  async unit(id: string): Promise<{ id: string; path: string } | null> {
    const u = await this.db
      .repo(OrgUnitEntity)
      .findOne({ where: { id }, select: { id: true, path: true } });
    return u ? { id: u.id, path: u.path } : null;
  }

  async contract(id: string): Promise<{ id: string; unitId: string; supplierId: string } | null> {
    const c = await this.db.repo(ContractEntity).findOne({
      where: { id },
      select: { id: true, unitId: true, supplierId: true },
    });
    return c ? { id: c.id, unitId: c.unitId, supplierId: c.supplierId } : null;
  }

  async supplierExists(id: string): Promise<boolean> {
    return (await this.db.repo(SupplierEntity).countBy({ id })) > 0;
  }

  /** Risks whose unit is `unitId` (keeps the unit in use). */
  countInUnit(unitId: string): Promise<number> {
    return this.risks.countBy({ unitId });
  }

  /** Titles of the risks among `ids` that the condition lets through (audit log labels). */
  async titlesVisible(
    ids: readonly string[],
    access: SqlCondition,
  ): Promise<Array<{ id: string; title: string }>> {
    if (!ids.length) return [];
    return this.risks
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .addSelect('r.title', 'title')
      .where(`(${access.sql})`, access.params)
      .andWhere('r.id IN (:...ids)', { ids: [...ids] })
      .getRawMany();
  }

  private withColumns(qb: SelectQueryBuilder<RiskEntity>): SelectQueryBuilder<RiskEntity> {
    qb.innerJoin(OrgUnitEntity, 'unit', 'unit.id = r."unitId"')
      .leftJoin(UserEntity, 'owner', 'owner.id = r."ownerId"')
      .leftJoin(ContractEntity, 'ct', 'ct.id = r."contractId"')
      .leftJoin(SupplierEntity, 'sup', 'sup.id = COALESCE(r."supplierId", ct."supplierId")')
      .select('r.id', 'r_id')
      .addSelect('r.title', 'r_title')
      .addSelect('r."subjectKind"', 'r_subjectKind')
      .addSelect('r."contractId"', 'r_contractId')
      .addSelect('ct.title', 'r_contractTitle')
      .addSelect('COALESCE(r."supplierId", ct."supplierId")', 'r_supplierId')
      .addSelect('sup.name', 'r_supplierName')
      .addSelect('r."processCode"', 'r_processCode')
      .addSelect('r."unitId"', 'r_unitId')
      .addSelect('unit.name', 'r_unitName')
      .addSelect('unit.path', 'r_unitPath')
      .addSelect('r.category', 'r_category')
      .addSelect('r."ownerId"', 'r_ownerId')
      .addSelect('owner."displayName"', 'r_ownerName')
      .addSelect('r.description', 'r_description');
    for (const c of A_COLUMNS) qb.addSelect(`a."${c}"`, `a_${c}`);
    for (const c of ACC_COLUMNS) qb.addSelect(`acc."${c}"`, `acc_${c}`);
    return qb;
  }

  private rowOf(raw: Record<string, unknown>): RiskRow {
    const pick = (prefix: string, cols: readonly string[]) =>
      Object.fromEntries(cols.map((c) => [c, raw[`${prefix}_${c}`] ?? null]));
    const a = pick('a', A_COLUMNS) as Record<string, unknown>;
    const assessment = Object.assign(new RiskAssessmentEntity(), a, {
      riskId: raw['r_id'] as string,
      validFrom: toDate(a['validFrom']),
    });
    for (const k of [
      'seq',
      'matrixVersion',
      'inherentLikelihood',
      'inherentConsequence',
      'inherentScore',
      'residualLikelihood',
      'residualConsequence',
      'residualScore',
    ] as const) {
      const v = assessment[k];
      (assessment as unknown as Record<string, unknown>)[k] = v === null ? null : Number(v);
    }
    let acceptance: RiskAcceptanceEntity | null = null;
    if (raw['acc_id']) {
      const acc = pick('acc', ACC_COLUMNS) as Record<string, unknown>;
      acceptance = Object.assign(new RiskAcceptanceEntity(), acc, {
        riskId: raw['r_id'] as string,
        assessmentSeq: Number(acc['assessmentSeq']),
        residualLikelihood:
          acc['residualLikelihood'] === null ? null : Number(acc['residualLikelihood']),
        residualConsequence:
          acc['residualConsequence'] === null ? null : Number(acc['residualConsequence']),
        createdAt: toDate(acc['createdAt']),
      });
    }
    const s = (k: string) => raw[`r_${k}`] as string;
    const n = (k: string) => (raw[`r_${k}`] ?? null) as string | null;
    return {
      id: s('id'),
      title: s('title'),
      subjectKind: s('subjectKind'),
      contractId: n('contractId'),
      contractTitle: n('contractTitle'),
      supplierId: n('supplierId'),
      supplierName: n('supplierName'),
      processCode: n('processCode'),
      unitId: s('unitId'),
      unitName: s('unitName'),
      unitPath: s('unitPath'),
      category: s('category'),
      ownerId: s('ownerId'),
      ownerName: n('ownerName'),
      description: s('description'),
      assessment,
      acceptance,
    };
  }
}

/** A timestamp read raw: a Date on PostgreSQL, UTC text on SQLite. */
function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
