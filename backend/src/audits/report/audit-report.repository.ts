import { Injectable } from '@nestjs/common';
import { Db } from '../../core/database/db';
import { UserEntity } from '../../users/entities/user.entity';
import { AuditAnswerEntity } from '../entities/audit-answer.entity';
import { AuditAnswerFileEntity } from '../entities/audit-answer-file.entity';
import { AuditInfluenceReportEntity } from '../entities/audit-influence-report.entity';
import { AuditSignOffEntity } from '../entities/audit-sign-off.entity';
import { ContractAuditEntity } from '../entities/contract-audit.entity';
import { toDate } from '../findings/findings.repository';

export interface ReportHead {
  status: 'pagaende' | 'klar' | 'signerad';
  startedAt: Date;
  startedByName: string | null;
  completedOn: string | null;
  contractTitle: string;
  diarienummer: string;
  unitName: string;
  followUpClass: string;
  startDate: string | null;
  endDate: string | null;
  supplierName: string;
  organisationNumber: string;
}

/** The report's reads: one query per part (audit, answers, files, sign-offs, influence). */
@Injectable()
export class AuditReportRepository {
  constructor(private readonly db: Db) {}

  async head(auditId: string): Promise<ReportHead> {
    const r = await this.db
      .repo(ContractAuditEntity)
      .createQueryBuilder('au')
      .innerJoin('contracts', 'ct', 'ct.id = au."contractId"')
      .innerJoin('org_units', 'ou', 'ou.id = ct."unitId"')
      .innerJoin('suppliers', 'sp', 'sp.id = ct."supplierId"')
      .leftJoin(UserEntity, 'su', 'su.id = au."startedBy"')
      .select('au.status', 'status')
      .addSelect('au."startedAt"', 'startedAt')
      .addSelect('su."displayName"', 'startedByName')
      .addSelect('au."completedOn"', 'completedOn')
      .addSelect('ct.title', 'contractTitle')
      .addSelect('ct.diarienummer', 'diarienummer')
      .addSelect('ou.name', 'unitName')
      .addSelect('ct."followUpClass"', 'followUpClass')
      .addSelect('ct."startDate"', 'startDate')
      .addSelect('ct."endDate"', 'endDate')
      .addSelect('sp.name', 'supplierName')
      .addSelect('sp."organisationNumber"', 'organisationNumber')
      .where('au.id = :auditId', { auditId })
      .getRawOne<Record<string, unknown>>();
    return { ...(r as unknown as ReportHead), startedAt: toDate(r!['startedAt']) };
  }

  async answers(auditId: string): Promise<
    Array<{
      itemId: string;
      answer: string | null;
      note: string;
      checkedOn: string | null;
      updatedByName: string | null;
    }>
  > {
    return this.db
      .repo(AuditAnswerEntity)
      .createQueryBuilder('an')
      .leftJoin(UserEntity, 'u', 'u.id = an."updatedBy"')
      .select('an."itemId"', 'itemId')
      .addSelect('an.answer', 'answer')
      .addSelect('an.note', 'note')
      .addSelect('an."checkedOn"', 'checkedOn')
      .addSelect('u."displayName"', 'updatedByName')
      .where('an."auditId" = :auditId', { auditId })
      .getRawMany();
  }

  /** Evidence files per item and media type (names stay sealed: counted, not decrypted). */
  async fileCounts(
    auditId: string,
  ): Promise<Array<{ itemId: string; mediaType: string; count: number }>> {
    const rows = await this.db
      .repo(AuditAnswerFileEntity)
      .createQueryBuilder('af')
      .innerJoin('files', 'fi', 'fi.id = af."fileId"')
      .select('af."itemId"', 'itemId')
      .addSelect('fi."mediaType"', 'mediaType')
      .addSelect('COUNT(*)', 'count')
      .where('af."auditId" = :auditId', { auditId })
      .groupBy('af."itemId"')
      .addGroupBy('fi."mediaType"')
      .getRawMany<{ itemId: string; mediaType: string; count: unknown }>();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  async signOffs(
    auditId: string,
  ): Promise<Array<{ role: 'avtalscontroller' | 'chef'; name: string | null; signedAt: Date }>> {
    const rows = await this.db
      .repo(AuditSignOffEntity)
      .createQueryBuilder('so')
      .leftJoin(UserEntity, 'u', 'u.id = so."userId"')
      .select('so.role', 'role')
      .addSelect('u."displayName"', 'name')
      .addSelect('so."signedAt"', 'signedAt')
      .where('so."auditId" = :auditId', { auditId })
      .orderBy('so."signedAt"', 'ASC')
      .getRawMany<{ role: 'avtalscontroller' | 'chef'; name: string | null; signedAt: unknown }>();
    return rows.map((r) => ({ ...r, signedAt: toDate(r.signedAt) }));
  }

  async influenceReports(auditId: string): Promise<Array<{ itemId: string; recordedAt: Date }>> {
    const rows = await this.db.repo(AuditInfluenceReportEntity).find({
      where: { auditId },
      order: { recordedAt: 'ASC', id: 'ASC' },
      select: { itemId: true, recordedAt: true },
    });
    return rows.map((r) => ({ itemId: r.itemId, recordedAt: r.recordedAt }));
  }

  async userName(id: string): Promise<string | null> {
    const u = await this.db
      .repo(UserEntity)
      .findOne({ where: { id }, select: { displayName: true } });
    return u?.displayName ?? null;
  }
}
