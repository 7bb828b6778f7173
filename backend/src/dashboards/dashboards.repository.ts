import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../core/authz/casl-sql';
import { Db } from '../core/database/db';
import { escapeLike } from '../core/database/sql';
import { OrgUnitEntity } from '../org/entities/org-unit.entity';
import { ContractEntity } from '../contracts/entities/contract.entity';
import { RiskActionEntity } from '../risks/entities/risk-action.entity';
import { RiskEntity } from '../risks/entities/risk.entity';
import { UserEntity } from '../users/entities/user.entity';

/** One point in time of the risk trend: the register as it stood at `end`. */
export interface TrendEnd {
  key: string;
  end: Date;
}

/** A contract with what its next follow-up audit is computed from. */
export interface PlanContractRow {
  id: string;
  title: string;
  supplierName: string;
  followUpClass: string;
  startDate: string;
  /** The highest current residual band among the contract's risks (null: no risk registered). */
  band: string | null;
  /** When that assessment was made. */
  assessedAt: Date | null;
}

export interface OverdueActionRow {
  id: string;
  title: string;
  riskId: string;
  riskTitle: string;
  ownerName: string | null;
  dueDate: string;
}

/** "The risk's unit lies in the subtree of the unit with this path" (risks aliased `r`). */
function inSubtree(unitPath: string): SqlCondition {
  return {
    sql: `EXISTS (SELECT 1 FROM org_units du WHERE du.id = r."unitId" AND du.path LIKE :dashUnit ESCAPE '\\')`,
    params: { dashUnit: `${escapeLike(unitPath)}%` },
  };
}

/**
 * The dashboard's own queries (the rest comes from RisksRepository and StatisticsService). Each
 * panel is ONE statement, filtered in SQL by the reader's rules for the panel's subject.
 */
@Injectable()
export class DashboardsRepository {
  constructor(private readonly db: Db) {}

  async unit(id: string): Promise<{ id: string; name: string; path: string } | null> {
    const u = await this.db
      .repo(OrgUnitEntity)
      .findOne({ where: { id }, select: { id: true, name: true, path: true } });
    return u ? { id: u.id, name: u.name, path: u.path } : null;
  }

  /** Names of units, in the order of `ids` (unknown ones left out). */
  async unitNames(ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
    if (!ids.length) return [];
    const rows = await this.db
      .repo(OrgUnitEntity)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .addSelect('u.name', 'name')
      .where('u.id IN (:...ids)', { ids: [...ids] })
      .getRawMany<{ id: string; name: string }>();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  async userNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .repo(UserEntity)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .addSelect('u."displayName"', 'name')
      .where('u.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getRawMany<{ id: string; name: string }>();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Residual band counts of the readable risks in the subtree as they stood at each end — ONE
   * statement (a UNION ALL of one grouped branch per end). Each branch picks a risk's assessment
   * in force at the end exactly like RisksRepository's as-of heatmap (the newest with
   * `validFrom` ≤ the end), so a risk created later is not counted and "ej bedömd" is a band of
   * its own. Returns one row per (end, band) that has risks.
   */
  async residualBandsAt(
    access: SqlCondition,
    unitPath: string,
    ends: readonly TrendEnd[],
  ): Promise<Array<{ key: string; band: string; count: number }>> {
    if (!ends.length) return [];
    const unit = inSubtree(unitPath);
    const params: Record<string, unknown> = { ...access.params, ...unit.params };
    const branches = ends.map((e, i) => {
      params[`trendEnd${i}`] = e.end;
      return `SELECT ${i} AS qi, a."residualBand" AS band, COUNT(*) AS n
        FROM risks r
        INNER JOIN risk_assessments a ON a."riskId" = r.id AND a.seq = (
          SELECT MAX(a2.seq) FROM risk_assessments a2
          WHERE a2."riskId" = r.id AND a2."validFrom" <= :trendEnd${i})
        WHERE (${access.sql}) AND ${unit.sql}
        GROUP BY a."residualBand"`;
    });
    const rows = await this.db
      .repo(RiskEntity)
      .manager.createQueryBuilder()
      .select('t.qi', 'qi')
      .addSelect('t.band', 'band')
      .addSelect('t.n', 'n')
      .from(`(${branches.join('\nUNION ALL\n')})`, 't')
      .setParameters(params)
      .getRawMany<{ qi: unknown; band: string; n: unknown }>();
    return rows.map((r) => ({ key: ends[Number(r.qi)].key, band: r.band, count: Number(r.n) }));
  }

  /**
   * Open risk actions (planerad, pågående) due before `today` on readable risks in the subtree,
   * oldest first, with how many there are: ONE query (the total is a window over the rows).
   */
  async overdueRiskActions(
    access: SqlCondition,
    unitPath: string,
    today: string,
    limit: number,
  ): Promise<{ rows: OverdueActionRow[]; total: number }> {
    const unit = inSubtree(unitPath);
    const raw = await this.db
      .repo(RiskActionEntity)
      .createQueryBuilder('ra')
      .innerJoin(RiskEntity, 'r', 'r.id = ra."riskId"')
      .leftJoin(UserEntity, 'u', 'u.id = ra."ownerId"')
      .select('ra.id', 'id')
      .addSelect('ra.title', 'title')
      .addSelect('ra."riskId"', 'riskId')
      .addSelect('r.title', 'riskTitle')
      .addSelect('u."displayName"', 'ownerName')
      .addSelect('ra."dueDate"', 'dueDate')
      .addSelect('COUNT(*) OVER ()', 'total')
      .where(`(${access.sql})`, access.params)
      .andWhere(unit.sql, unit.params)
      .andWhere(`ra.status IN ('planerad', 'pagaende')`)
      .andWhere('ra."dueDate" < :today', { today })
      .orderBy('ra."dueDate"', 'ASC')
      .addOrderBy('ra.id', 'ASC')
      .limit(limit)
      .getRawMany<OverdueActionRow & { total: unknown }>();
    return {
      rows: raw.map(({ total: _total, ...r }) => ({ ...r, ownerName: r.ownerName ?? null })),
      total: raw.length ? Number(raw[0].total) : 0,
    };
  }

  /**
   * The readable contracts of the subtree still running on `today`, each with its highest
   * current residual band (and when it was assessed): ONE query; the due date itself is the
   * pure audit-plan rule (audits/domain/audit-plan.ts).
   */
  async contractsForPlan(
    access: SqlCondition,
    unitPath: string,
    today: string,
  ): Promise<PlanContractRow[]> {
    const topRisk = (column: string) => `(SELECT ${column} FROM risks tr
      INNER JOIN risk_assessments ta ON ta."riskId" = tr.id AND ta.seq = tr."currentSeq"
      WHERE tr."contractId" = c.id
      ORDER BY CASE ta."residualBand" WHEN 'mycket_hog' THEN 4 WHEN 'hog' THEN 3
        WHEN 'medel' THEN 2 WHEN 'lag' THEN 1 ELSE 0 END DESC, ta."validFrom" DESC, tr.id ASC
      LIMIT 1)`;
    const raw = await this.db
      .repo(ContractEntity)
      .createQueryBuilder('c')
      .innerJoin('suppliers', 's', 's.id = c."supplierId"')
      .select('c.id', 'id')
      .addSelect('c.title', 'title')
      .addSelect('s.name', 'supplierName')
      .addSelect('c."followUpClass"', 'followUpClass')
      .addSelect('c."startDate"', 'startDate')
      .addSelect(topRisk('ta."residualBand"'), 'band')
      .addSelect(topRisk('ta."validFrom"'), 'assessedAt')
      .where(`(${access.sql})`, access.params)
      .andWhere(
        `EXISTS (SELECT 1 FROM org_units cu WHERE cu.id = c."unitId" AND cu.path LIKE :planUnit ESCAPE '\\')`,
        { planUnit: `${escapeLike(unitPath)}%` },
      )
      .andWhere('c."endDate" >= :today', { today })
      .getRawMany<Omit<PlanContractRow, 'assessedAt'> & { assessedAt: unknown }>();
    return raw.map((r) => ({ ...r, band: r.band ?? null, assessedAt: toDate(r.assessedAt) }));
  }
}

/** A timestamp read raw: a Date on PostgreSQL, UTC text on SQLite. */
function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v !== 'string') return new Date(Number(v));
  const s = v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
