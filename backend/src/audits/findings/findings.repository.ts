import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { pathOfUnit, type SqlCondition } from '../../core/authz/casl-sql';
import { Db } from '../../core/database/db';
import { keysetAfter } from '../../core/database/sql';
import { UserEntity } from '../../users/entities/user.entity';
import { AuditAnswerEntity } from '../entities/audit-answer.entity';
import { AuditFindingEntity } from '../entities/audit-finding.entity';
import { CorrectiveActionEntity } from '../entities/corrective-action.entity';

/** CASL column map for AuditFinding (alias `f`, its audit `au`, the audit's contract `ct`). */
export const FINDING_COLUMNS = {
  id: 'f.id',
  auditId: 'f."auditId"',
  unitPath: pathOfUnit('ct."unitId"', 'org_units'),
};

/** CASL column map for CorrectiveAction (alias `ca`, its finding `f`, audit `au`, contract `ct`). */
export const ACTION_COLUMNS = {
  id: 'ca.id',
  findingId: 'ca."findingId"',
  unitPath: pathOfUnit('ct."unitId"', 'org_units'),
  ownerId: 'ca."ownerId"',
};

/** A finding with what its DTO shows from the audit, contract and supplier. */
export interface FindingRow {
  id: string;
  auditId: string;
  itemId: string;
  severity: string;
  description: string;
  evidence: string | null;
  status: string;
  riskId: string | null;
  createdAt: Date;
  createdBy: string;
  createdByName: string | null;
  closedAt: Date | null;
  version: number;
  templateId: string;
  auditStatus: 'pagaende' | 'klar' | 'signerad';
  contractId: string;
  contractTitle: string;
  supplierName: string;
  unitId: string;
  unitPath: string;
}

export type ActionRow = CorrectiveActionEntity & {
  ownerName: string | null;
  verifiedByName: string | null;
};

export interface FindingFilter {
  access: SqlCondition;
  contractId?: string;
  auditId?: string;
  status?: string;
  /** Only findings with an action this user owns. */
  actionOwnerId?: string;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** The only TypeORM code of findings and corrective actions. */
@Injectable()
export class FindingsRepository {
  constructor(private readonly db: Db) {}

  get findings() {
    return this.db.repo(AuditFindingEntity);
  }
  get actions() {
    return this.db.repo(CorrectiveActionEntity);
  }

  private base(): SelectQueryBuilder<AuditFindingEntity> {
    return this.findings
      .createQueryBuilder('f')
      .innerJoin('contract_audits', 'au', 'au.id = f."auditId"')
      .innerJoin('contracts', 'ct', 'ct.id = au."contractId"')
      .innerJoin('org_units', 'ou', 'ou.id = ct."unitId"')
      .innerJoin('suppliers', 'sp', 'sp.id = ct."supplierId"')
      .leftJoin(UserEntity, 'cu', 'cu.id = f."createdBy"')
      .select('f.id', 'id')
      .addSelect('f."auditId"', 'auditId')
      .addSelect('f."itemId"', 'itemId')
      .addSelect('f.severity', 'severity')
      .addSelect('f.description', 'description')
      .addSelect('f.evidence', 'evidence')
      .addSelect('f.status', 'status')
      .addSelect('f."riskId"', 'riskId')
      .addSelect('f."createdAt"', 'createdAt')
      .addSelect('f."createdBy"', 'createdBy')
      .addSelect('cu."displayName"', 'createdByName')
      .addSelect('f."closedAt"', 'closedAt')
      .addSelect('f.version', 'version')
      .addSelect('au."templateId"', 'templateId')
      .addSelect('au.status', 'auditStatus')
      .addSelect('au."contractId"', 'contractId')
      .addSelect('ct.title', 'contractTitle')
      .addSelect('sp.name', 'supplierName')
      .addSelect('ct."unitId"', 'unitId')
      .addSelect('ou.path', 'unitPath');
  }

  async findById(id: string): Promise<FindingRow | null> {
    const raw = await this.base().where('f.id = :id', { id }).getRawOne<Record<string, unknown>>();
    return raw ? findingRow(raw) : null;
  }

  /** One page of findings the condition lets through, newest first. */
  async list(f: FindingFilter): Promise<FindingRow[]> {
    const qb = this.base().where(`(${f.access.sql})`, f.access.params);
    if (f.contractId) qb.andWhere('au."contractId" = :contractId', { contractId: f.contractId });
    if (f.auditId) qb.andWhere('f."auditId" = :auditId', { auditId: f.auditId });
    if (f.status) qb.andWhere('f.status = :status', { status: f.status });
    if (f.actionOwnerId)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM audit_corrective_actions mca WHERE mca."findingId" = f.id AND mca."ownerId" = :actionOwnerId)',
        { actionOwnerId: f.actionOwnerId },
      );
    if (f.after)
      qb.andWhere(keysetAfter(this.db.engine, 'f."createdAt"', 'f.id', '<'), {
        afterKey: f.after.createdAt,
        afterId: f.after.id,
      });
    const raw = await qb
      .orderBy('f."createdAt"', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(f.limit)
      .getRawMany<Record<string, unknown>>();
    return raw.map(findingRow);
  }

  /** The actions of these findings with owner and verifier names (one query). */
  async actionsOf(findingIds: readonly string[]): Promise<ActionRow[]> {
    if (!findingIds.length) return [];
    const rows = await this.actions
      .createQueryBuilder('ca')
      .leftJoin(UserEntity, 'ow', 'ow.id = ca."ownerId"')
      .leftJoin(UserEntity, 'vb', 'vb.id = ca."verifiedBy"')
      .addSelect('ow."displayName"', 'ownerName')
      .addSelect('vb."displayName"', 'verifiedByName')
      .where('ca."findingId" IN (:...ids)', { ids: [...new Set(findingIds)] })
      .orderBy('ca."createdAt"', 'ASC')
      .addOrderBy('ca.id', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((e, i) => ({
      ...e,
      ownerName: (rows.raw[i] as Record<string, string | null>)['ownerName'] ?? null,
      verifiedByName: (rows.raw[i] as Record<string, string | null>)['verifiedByName'] ?? null,
    }));
  }

  /** The action with its finding's audit and unit (for the action routes). */
  async actionById(
    id: string,
  ): Promise<(CorrectiveActionEntity & { unitPath: string; auditId: string }) | null> {
    const raw = await this.actions
      .createQueryBuilder('ca')
      .innerJoin(AuditFindingEntity, 'f', 'f.id = ca."findingId"')
      .innerJoin('contract_audits', 'au', 'au.id = f."auditId"')
      .innerJoin('contracts', 'ct', 'ct.id = au."contractId"')
      .innerJoin('org_units', 'ou', 'ou.id = ct."unitId"')
      .addSelect('ou.path', 'unitPath')
      .addSelect('f."auditId"', 'auditId')
      .where('ca.id = :id', { id })
      .getRawAndEntities();
    const e = raw.entities[0];
    if (!e) return null;
    const r = raw.raw[0] as Record<string, string>;
    return { ...e, unitPath: r['unitPath'], auditId: r['auditId'] };
  }

  /** Actions owned by `ownerId` that the condition lets through, open ones first (at most 200). */
  async actionsOwnedBy(
    ownerId: string,
    access: SqlCondition,
  ): Promise<Array<{ action: ActionRow; finding: FindingRow }>> {
    const raw = await this.base()
      .innerJoin(CorrectiveActionEntity, 'ca', 'ca."findingId" = f.id')
      .addSelect('ca.id', 'actionId')
      .where('ca."ownerId" = :ownerId', { ownerId })
      .andWhere(`(${access.sql})`, access.params)
      .orderBy(`CASE WHEN ca.status = 'verifierad' THEN 1 ELSE 0 END`, 'ASC')
      .addOrderBy('ca."dueDate"', 'ASC')
      .addOrderBy('ca.id', 'ASC')
      .limit(200)
      .getRawMany<Record<string, unknown>>();
    const actions = new Map(
      (await this.actionsOf(raw.map((r) => r['id'] as string))).map((a) => [a.id, a]),
    );
    return raw.map((r) => ({
      action: actions.get(r['actionId'] as string)!,
      finding: findingRow(r),
    }));
  }

  async answerOf(auditId: string, itemId: string): Promise<string | null | undefined> {
    const a = await this.db
      .repo(AuditAnswerEntity)
      .findOne({ where: { auditId, itemId }, select: { answer: true } });
    return a ? a.answer : undefined;
  }

  async activeUserExists(id: string): Promise<boolean> {
    return (await this.db.repo(UserEntity).countBy({ id, active: true })) > 0;
  }

  async userName(id: string): Promise<string | null> {
    const u = await this.db
      .repo(UserEntity)
      .findOne({ where: { id }, select: { displayName: true } });
    return u?.displayName ?? null;
  }

  /** Findings linked to a risk (for the risk detail), filtered by the reader's rules. */
  async linkedToRisk(
    riskId: string,
    access: SqlCondition,
  ): Promise<Array<{ id: string; auditId: string; severity: string; status: string }>> {
    return this.findings
      .createQueryBuilder('f')
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
}

function findingRow(r: Record<string, unknown>): FindingRow {
  return {
    id: r['id'] as string,
    auditId: r['auditId'] as string,
    itemId: r['itemId'] as string,
    severity: r['severity'] as string,
    description: r['description'] as string,
    evidence: (r['evidence'] as string | null) ?? null,
    status: r['status'] as string,
    riskId: (r['riskId'] as string | null) ?? null,
    createdAt: toDate(r['createdAt']),
    createdBy: r['createdBy'] as string,
    createdByName: (r['createdByName'] as string | null) ?? null,
    closedAt: r['closedAt'] == null ? null : toDate(r['closedAt']),
    version: Number(r['version']),
    templateId: r['templateId'] as string,
    auditStatus: r['auditStatus'] as FindingRow['auditStatus'],
    contractId: r['contractId'] as string,
    contractTitle: r['contractTitle'] as string,
    supplierName: r['supplierName'] as string,
    unitId: r['unitId'] as string,
    unitPath: r['unitPath'] as string,
  };
}

/** A timestamp read raw: a Date on PostgreSQL, UTC text on SQLite. */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
