import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { pathOfUnit, type SqlCondition } from '../core/authz/casl-sql';
import { Db } from '../core/database/db';
import { escapeLike, keysetAfter } from '../core/database/sql';
import { ContractEntity } from '../contracts/entities/contract.entity';
import { OrgUnitEntity } from '../org/entities/org-unit.entity';
import { UserEntity } from '../users/entities/user.entity';
import { AuditAnswerFileEntity } from './entities/audit-answer-file.entity';
import { AuditAnswerEntity } from './entities/audit-answer.entity';
import { AuditFindingEntity } from './entities/audit-finding.entity';
import { AuditInfluenceReportEntity } from './entities/audit-influence-report.entity';
import { AuditSignOffEntity } from './entities/audit-sign-off.entity';
import { ChecklistTemplateEntity } from './entities/checklist-template.entity';
import { ContractAuditEntity } from './entities/contract-audit.entity';

/**
 * Column expressions for CASL conditions on ContractAudit: alias `au` for contract_audits and
 * `ct` for its contract (whose responsible unit is the audit's unit).
 */
export const AUDIT_COLUMNS = {
  id: 'au.id',
  contractId: 'au."contractId"',
  unitId: 'ct."unitId"',
  unitPath: pathOfUnit('ct."unitId"', 'org_units'),
};

/**
 * Column expressions for the plan: the ContractAudit and Contract rules applied to a contract
 * (alias `c`) — an audit's unit is its contract's. `id` is left out on purpose: a rule on an
 * audit's id cannot be applied to a contract, and an unmapped field throws instead of widening.
 */
export const PLAN_CONTRACT_COLUMNS = {
  contractId: 'c.id',
  unitId: 'c."unitId"',
  unitPath: pathOfUnit('c."unitId"', 'org_units'),
};
export const PLAN_CONTRACT_READ_COLUMNS = {
  id: 'c.id',
  unitId: 'c."unitId"',
  unitPath: pathOfUnit('c."unitId"', 'org_units'),
};

/** A user as responses name them. */
export interface PersonRef {
  id: string;
  name: string;
}

/** An audit with what its summary shows (one query for a whole page). */
export interface AuditRow {
  id: string;
  contractId: string;
  contractTitle: string;
  diarienummer: string;
  supplierId: string;
  supplierName: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  followUpClass: string;
  templateId: string;
  templateTitle: string;
  templateVersion: number;
  templateItemCount: number;
  kind: string;
  status: string;
  startedAt: Date;
  startedBy: PersonRef;
  completedOn: string | null;
  signedAt: Date | null;
  version: number;
  answered: number;
  deviations: number;
  openFindings: number;
}

export interface AuditListFilter {
  access: SqlCondition;
  contractId?: string;
  status?: string;
  unitPath?: string;
  after?: { startedAt: Date; id: string };
  limit: number;
}

/** One contract of the plan with what its next due date is computed from. */
export interface PlanContractRow {
  contractId: string;
  contractTitle: string;
  diarienummer: string;
  supplierName: string;
  unitId: string;
  unitName: string;
  followUpClass: string;
  startDate: string;
  endDate: string;
  lastAuditOn: string | null;
  openAuditId: string | null;
  /** 4 mycket hög, 3 hög, 2 medel, 1 låg, 0 ej bedömd; null = no risk on the contract. */
  bandRank: number | null;
  /** Earliest and newest current assessment that puts a risk of the contract at mycket hög. */
  veryHighFirstAt: Date | null;
  veryHighLastAt: Date | null;
}

export interface PlanFilter {
  access: SqlCondition;
  contractAccess: SqlCondition;
  today: string;
  unitPath?: string;
  contractId?: string;
}

/** The stored answer with who saved it last. */
export type AnswerRow = AuditAnswerEntity & { updatedByName: string | null };

@Injectable()
export class AuditsRepository {
  constructor(private readonly db: Db) {}

  get engine(): 'sqlite' | 'postgres' {
    return this.db.engine;
  }
  get templates() {
    return this.db.repo(ChecklistTemplateEntity);
  }
  get audits() {
    return this.db.repo(ContractAuditEntity);
  }
  get answers() {
    return this.db.repo(AuditAnswerEntity);
  }
  get signOffs() {
    return this.db.repo(AuditSignOffEntity);
  }

  // ---------------------------------------------------------------- checklists

  /** Every template version with its creator's name, newest version of each key first. */
  async listTemplates(): Promise<
    Array<ChecklistTemplateEntity & { createdByName: string | null }>
  > {
    const raw = await this.templates
      .createQueryBuilder('t')
      .leftJoin(UserEntity, 'cu', 'cu.id = t."createdBy"')
      .select([
        't.id AS id',
        't."key" AS "key"',
        't.version AS version',
        't.title AS title',
        't.status AS status',
        't."itemCount" AS "itemCount"',
        't."createdAt" AS "createdAt"',
        't."createdBy" AS "createdBy"',
        'cu."displayName" AS "createdByName"',
      ])
      .orderBy('t."key"', 'ASC')
      .addOrderBy('t.version', 'DESC')
      .limit(2000)
      .getRawMany<Record<string, unknown>>();
    return raw.map((r) =>
      Object.assign(new ChecklistTemplateEntity(), {
        id: r['id'] as string,
        key: r['key'] as string,
        version: Number(r['version']),
        title: r['title'] as string,
        status: r['status'] as string,
        itemCount: Number(r['itemCount']),
        createdAt: toDate(r['createdAt']),
        createdBy: (r['createdBy'] as string | null) ?? null,
        sections: '',
        createdByName: (r['createdByName'] as string | null) ?? null,
      }),
    );
  }

  findTemplate(id: string): Promise<ChecklistTemplateEntity | null> {
    return this.templates.findOneBy({ id });
  }

  async userName(id: string | null): Promise<string | null> {
    if (!id) return null;
    const u = await this.db.repo(UserEntity).findOne({
      where: { id },
      select: { id: true, displayName: true },
    });
    return u?.displayName ?? null;
  }

  /** The newest version number of a key (0 when the key is unused). */
  async latestVersion(key: string): Promise<number> {
    const raw = await this.templates
      .createQueryBuilder('t')
      .select('MAX(t.version)', 'v')
      .where('t."key" = :key', { key })
      .getRawOne<{ v: unknown }>();
    return raw?.v == null ? 0 : Number(raw.v);
  }

  /** Keys starting with `prefix` (to make a new key from a title unique). */
  async keysLike(prefix: string): Promise<Set<string>> {
    const rows = await this.templates
      .createQueryBuilder('t')
      .select('DISTINCT t."key"', 'key')
      .where(`t."key" LIKE :p ESCAPE '\\'`, { p: `${escapeLike(prefix)}%` })
      .getRawMany<{ key: string }>();
    return new Set(rows.map((r) => r.key));
  }

  // ---------------------------------------------------------------- audits

  /** Audits joined with contract, unit, supplier, template and the answer/finding counts. */
  private auditQuery(): SelectQueryBuilder<ContractAuditEntity> {
    return this.audits
      .createQueryBuilder('au')
      .innerJoin(ContractEntity, 'ct', 'ct.id = au."contractId"')
      .innerJoin(OrgUnitEntity, 'ou', 'ou.id = ct."unitId"')
      .innerJoin('suppliers', 'sp', 'sp.id = ct."supplierId"')
      .innerJoin(ChecklistTemplateEntity, 't', 't.id = au."templateId"')
      .leftJoin(UserEntity, 'su', 'su.id = au."startedBy"')
      .select([
        'au.id AS id',
        'au."contractId" AS "contractId"',
        'ct.title AS "contractTitle"',
        'ct.diarienummer AS diarienummer',
        'ct."supplierId" AS "supplierId"',
        'sp.name AS "supplierName"',
        'ct."unitId" AS "unitId"',
        'ou.name AS "unitName"',
        'ou.path AS "unitPath"',
        'ct."followUpClass" AS "followUpClass"',
        'au."templateId" AS "templateId"',
        't.title AS "templateTitle"',
        't.version AS "templateVersion"',
        't."itemCount" AS "templateItemCount"',
        'au.kind AS kind',
        'au.status AS status',
        'au."startedAt" AS "startedAt"',
        'au."startedBy" AS "startedBy"',
        'su."displayName" AS "startedByName"',
        'au."completedOn" AS "completedOn"',
        'au."signedAt" AS "signedAt"',
        'au.version AS version',
      ])
      .addSelect(
        '(SELECT COUNT(*) FROM audit_answers aa WHERE aa."auditId" = au.id AND aa.answer IS NOT NULL)',
        'answered',
      )
      .addSelect(
        `(SELECT COUNT(*) FROM audit_answers ad WHERE ad."auditId" = au.id AND ad.answer = 'avvikelse')`,
        'deviations',
      )
      .addSelect(
        `(SELECT COUNT(*) FROM audit_findings af WHERE af."auditId" = au.id AND af.status = 'oppen')`,
        'openFindings',
      );
  }

  private auditRow(r: Record<string, unknown>): AuditRow {
    const s = (k: string) => r[k] as string;
    return {
      id: s('id'),
      contractId: s('contractId'),
      contractTitle: s('contractTitle'),
      diarienummer: s('diarienummer'),
      supplierId: s('supplierId'),
      supplierName: s('supplierName'),
      unitId: s('unitId'),
      unitName: s('unitName'),
      unitPath: s('unitPath'),
      followUpClass: s('followUpClass'),
      templateId: s('templateId'),
      templateTitle: s('templateTitle'),
      templateVersion: Number(r['templateVersion']),
      templateItemCount: Number(r['templateItemCount']),
      kind: s('kind'),
      status: s('status'),
      startedAt: toDate(r['startedAt']),
      startedBy: { id: s('startedBy'), name: (r['startedByName'] as string | null) ?? '' },
      completedOn: (r['completedOn'] as string | null) ?? null,
      signedAt: r['signedAt'] == null ? null : toDate(r['signedAt']),
      version: Number(r['version']),
      answered: Number(r['answered']),
      deviations: Number(r['deviations']),
      openFindings: Number(r['openFindings']),
    };
  }

  async findAudit(id: string): Promise<AuditRow | null> {
    const raw = await this.auditQuery()
      .where('au.id = :id', { id })
      .getRawOne<Record<string, unknown>>();
    return raw ? this.auditRow(raw) : null;
  }

  /** A page of audits, newest started first, filtered by the caller's rules in SQL. */
  async listAudits(f: AuditListFilter): Promise<AuditRow[]> {
    const qb = this.auditQuery().where(`(${f.access.sql})`, f.access.params);
    if (f.contractId) qb.andWhere('au."contractId" = :contractId', { contractId: f.contractId });
    if (f.status) qb.andWhere('au.status = :status', { status: f.status });
    if (f.unitPath)
      qb.andWhere(`ou.path LIKE :unitPrefix ESCAPE '\\'`, {
        unitPrefix: `${escapeLike(f.unitPath)}%`,
      });
    if (f.after)
      qb.andWhere(keysetAfter(this.db.engine, 'au."startedAt"', 'au.id', '<'), {
        afterKey: f.after.startedAt,
        afterId: f.after.id,
      });
    const raw = await qb
      .orderBy('au."startedAt"', 'DESC')
      .addOrderBy('au.id', 'DESC')
      .limit(f.limit)
      .getRawMany<Record<string, unknown>>();
    return raw.map((r) => this.auditRow(r));
  }

  /**
   * Row lock on the audit for the rest of the transaction (PostgreSQL; SQLite runs one writing
   * transaction at a time anyway): `share` for answer saves, which may run side by side, and
   * `update` for a sign-off, which waits for them and holds new ones off until it commits — so an
   * audit is never signed over an answer cleared in the meantime, and two sign-offs never race.
   */
  async lockAudit(id: string, mode: 'share' | 'update'): Promise<void> {
    if (this.db.engine !== 'postgres') return;
    await this.db
      .manager()
      .query(
        `SELECT id FROM contract_audits WHERE id = $1 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`,
        [id],
      );
  }

  /** The answers of an audit with the name of who saved each last. */
  async answersOf(auditId: string): Promise<AnswerRow[]> {
    const raw = await this.answers
      .createQueryBuilder('a')
      .leftJoin(UserEntity, 'u', 'u.id = a."updatedBy"')
      .select('a')
      .addSelect('u."displayName"', 'updatedByName')
      .where('a."auditId" = :auditId', { auditId })
      .getRawAndEntities();
    const names = new Map(
      (raw.raw as Array<Record<string, unknown>>).map((r) => [
        r['a_id'] as string,
        (r['updatedByName'] as string | null) ?? null,
      ]),
    );
    return raw.entities.map((e) => Object.assign(e, { updatedByName: names.get(e.id) ?? null }));
  }

  async answerOf(auditId: string, itemId: string): Promise<AnswerRow | null> {
    const raw = await this.answers
      .createQueryBuilder('a')
      .leftJoin(UserEntity, 'u', 'u.id = a."updatedBy"')
      .select('a')
      .addSelect('u."displayName"', 'updatedByName')
      .where('a."auditId" = :auditId AND a."itemId" = :itemId', { auditId, itemId })
      .getRawAndEntities();
    const e = raw.entities[0];
    if (!e) return null;
    const r = raw.raw[0] as Record<string, unknown>;
    return Object.assign(e, { updatedByName: (r['updatedByName'] as string | null) ?? null });
  }

  /**
   * Saves an answer only if nobody saved it since the caller read `version`: one conditional
   * UPDATE; false when no row matched (stale version, or the audit was signed meanwhile).
   */
  async updateAnswerIfVersion(
    auditId: string,
    itemId: string,
    expectedVersion: number,
    patch: Pick<AuditAnswerEntity, 'answer' | 'note' | 'checkedOn' | 'updatedAt' | 'updatedBy'>,
  ): Promise<boolean> {
    const res = await this.answers
      .createQueryBuilder()
      .update(AuditAnswerEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where('"auditId" = :auditId AND "itemId" = :itemId AND version = :v', {
        auditId,
        itemId,
        v: expectedVersion,
      })
      .andWhere(
        `EXISTS (SELECT 1 FROM contract_audits w WHERE w.id = :auditId AND w.status = 'pagaende')`,
      )
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Sign-offs of an audit with the signers' names. */
  async signOffsOf(
    auditId: string,
  ): Promise<Array<{ role: string; userId: string; name: string; signedAt: Date }>> {
    const raw = await this.signOffs
      .createQueryBuilder('s')
      .leftJoin(UserEntity, 'u', 'u.id = s."userId"')
      .select([
        's.role AS role',
        's."userId" AS "userId"',
        'u."displayName" AS name',
        's."signedAt" AS "signedAt"',
      ])
      .where('s."auditId" = :auditId', { auditId })
      .orderBy('s."signedAt"', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return raw.map((r) => ({
      role: r['role'] as string,
      userId: r['userId'] as string,
      name: (r['name'] as string | null) ?? '',
      signedAt: toDate(r['signedAt']),
    }));
  }

  /** The item ids of the audit that have a finding (any status). */
  async findingItemIds(auditId: string): Promise<Set<string>> {
    const rows = await this.db
      .repo(AuditFindingEntity)
      .createQueryBuilder('f')
      .select('DISTINCT f."itemId"', 'itemId')
      .where('f."auditId" = :auditId', { auditId })
      .getRawMany<{ itemId: string }>();
    return new Set(rows.map((r) => r.itemId));
  }

  /** Evidence files of an audit (their names are read through FileStore). */
  answerFilesOf(auditId: string): Promise<AuditAnswerFileEntity[]> {
    return this.db.repo(AuditAnswerFileEntity).find({
      where: { auditId },
      order: { createdAt: 'ASC', fileId: 'ASC' },
    });
  }

  influenceReportsOf(auditId: string): Promise<AuditInfluenceReportEntity[]> {
    return this.db.repo(AuditInfluenceReportEntity).find({
      where: { auditId },
      order: { recordedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Compare-and-set of the audit's status (sign-off); false when someone changed it first. */
  async updateAuditIfVersion(
    id: string,
    expectedVersion: number,
    patch: Partial<Pick<ContractAuditEntity, 'status' | 'completedOn' | 'signedAt' | 'updatedAt'>>,
  ): Promise<boolean> {
    const res = await this.audits
      .createQueryBuilder()
      .update(ContractAuditEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND version = :v', { id, v: expectedVersion })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** The contract with its unit path and class, or null. */
  async contractOf(id: string): Promise<{
    id: string;
    unitId: string;
    unitPath: string;
    followUpClass: string;
    endDate: string;
  } | null> {
    const raw = await this.db
      .repo(ContractEntity)
      .createQueryBuilder('c')
      .innerJoin(OrgUnitEntity, 'u', 'u.id = c."unitId"')
      .select([
        'c.id AS id',
        'c."unitId" AS "unitId"',
        'u.path AS "unitPath"',
        'c."followUpClass" AS "followUpClass"',
        'c."endDate" AS "endDate"',
      ])
      .where('c.id = :id', { id })
      .getRawOne<{
        id: string;
        unitId: string;
        unitPath: string;
        followUpClass: string;
        endDate: string;
      }>();
    return raw ?? null;
  }

  async unitPath(unitId: string): Promise<string | null> {
    const u = await this.db.repo(OrgUnitEntity).findOne({
      where: { id: unitId },
      select: { id: true, path: true },
    });
    return u?.path ?? null;
  }

  /** Audit-log labels of the audits among `ids` the reader may read (one query). */
  async auditLabels(
    ids: readonly string[],
    access: SqlCondition,
  ): Promise<Array<{ id: string; title: string; diarienummer: string; startedOn: string }>> {
    if (!ids.length) return [];
    const raw = await this.audits
      .createQueryBuilder('au')
      .innerJoin(ContractEntity, 'ct', 'ct.id = au."contractId"')
      .select(['au.id AS id', 'ct.title AS title', 'ct.diarienummer AS diarienummer'])
      .addSelect('au."startedAt"', 'startedAt')
      .where('au.id IN (:...ids)', { ids: [...ids] })
      .andWhere(`(${access.sql})`, access.params)
      .getRawMany<Record<string, unknown>>();
    return raw.map((r) => ({
      id: r['id'] as string,
      title: r['title'] as string,
      diarienummer: r['diarienummer'] as string,
      startedOn: toDate(r['startedAt']).toISOString().slice(0, 10),
    }));
  }

  async templateLabels(
    ids: readonly string[],
  ): Promise<Array<{ id: string; title: string; version: number }>> {
    if (!ids.length) return [];
    const rows = await this.templates
      .createQueryBuilder('t')
      .select(['t.id', 't.title', 't.version'])
      .where('t.id IN (:...ids)', { ids: [...ids] })
      .getMany();
    return rows.map((r) => ({ id: r.id, title: r.title, version: r.version }));
  }

  // ---------------------------------------------------------------- plan

  /**
   * The contracts of the plan (not ended, readable by the caller's rules) with the day of each
   * one's last signed audit, its newest unsigned audit and its highest current residual band:
   * ONE query, grouped in SQL (no query per contract).
   */
  async planContracts(f: PlanFilter): Promise<PlanContractRow[]> {
    const qb = this.db
      .repo(ContractEntity)
      .createQueryBuilder('c')
      .innerJoin(OrgUnitEntity, 'u', 'u.id = c."unitId"')
      .innerJoin('suppliers', 's', 's.id = c."supplierId"')
      .leftJoin(
        (sub) =>
          sub
            .select('la."contractId"', 'contractId')
            .addSelect('MAX(la."completedOn")', 'lastOn')
            .from(ContractAuditEntity, 'la')
            .where(`la.status = 'signerad'`)
            .groupBy('la."contractId"'),
        'last',
        'last."contractId" = c.id',
      )
      .leftJoin(
        (sub) =>
          sub
            .select('r."contractId"', 'contractId')
            .addSelect(
              `MAX(CASE a."residualBand" WHEN 'mycket_hog' THEN 4 WHEN 'hog' THEN 3 WHEN 'medel' THEN 2 WHEN 'lag' THEN 1 ELSE 0 END)`,
              'bandRank',
            )
            .addSelect(
              `MIN(CASE WHEN a."residualBand" = 'mycket_hog' THEN a."validFrom" END)`,
              'vhFirst',
            )
            .addSelect(
              `MAX(CASE WHEN a."residualBand" = 'mycket_hog' THEN a."validFrom" END)`,
              'vhLast',
            )
            .from('risks', 'r')
            .innerJoin('risk_assessments', 'a', 'a."riskId" = r.id AND a.seq = r."currentSeq"')
            .where('r."contractId" IS NOT NULL')
            .groupBy('r."contractId"'),
        'rk',
        'rk."contractId" = c.id',
      )
      .select([
        'c.id AS "contractId"',
        'c.title AS "contractTitle"',
        'c.diarienummer AS diarienummer',
        's.name AS "supplierName"',
        'c."unitId" AS "unitId"',
        'u.name AS "unitName"',
        'c."followUpClass" AS "followUpClass"',
        'c."startDate" AS "startDate"',
        'c."endDate" AS "endDate"',
        'last."lastOn" AS "lastAuditOn"',
        'rk."bandRank" AS "bandRank"',
        'rk."vhFirst" AS "vhFirst"',
        'rk."vhLast" AS "vhLast"',
      ])
      .addSelect(
        `(SELECT oa.id FROM contract_audits oa WHERE oa."contractId" = c.id AND oa.status <> 'signerad' ORDER BY oa."startedAt" DESC, oa.id DESC LIMIT 1)`,
        'openAuditId',
      )
      .where(`(${f.access.sql})`, f.access.params)
      .andWhere(`(${f.contractAccess.sql})`, f.contractAccess.params)
      .andWhere('c."endDate" >= :today', { today: f.today });
    if (f.unitPath)
      qb.andWhere(`u.path LIKE :unitPrefix ESCAPE '\\'`, {
        unitPrefix: `${escapeLike(f.unitPath)}%`,
      });
    if (f.contractId) qb.andWhere('c.id = :contractId', { contractId: f.contractId });
    const raw = await qb.getRawMany<Record<string, unknown>>();
    return raw.map((r) => ({
      contractId: r['contractId'] as string,
      contractTitle: r['contractTitle'] as string,
      diarienummer: r['diarienummer'] as string,
      supplierName: r['supplierName'] as string,
      unitId: r['unitId'] as string,
      unitName: r['unitName'] as string,
      followUpClass: r['followUpClass'] as string,
      startDate: r['startDate'] as string,
      endDate: r['endDate'] as string,
      lastAuditOn: (r['lastAuditOn'] as string | null) ?? null,
      openAuditId: (r['openAuditId'] as string | null) ?? null,
      bandRank: r['bandRank'] == null ? null : Number(r['bandRank']),
      veryHighFirstAt: r['vhFirst'] == null ? null : toDate(r['vhFirst']),
      veryHighLastAt: r['vhLast'] == null ? null : toDate(r['vhLast']),
    }));
  }
}

/** A timestamp read raw: a Date on PostgreSQL, UTC text on SQLite. */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
