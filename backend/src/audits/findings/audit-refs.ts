import { ForbiddenError } from '@casl/ability';
import { HttpStatus, Injectable } from '@nestjs/common';
import { asSubject, type AppAbility, type SubjectRecord } from '../../core/authz/ability';
import { Db } from '../../core/database/db';
import { Problem } from '../../core/errors/problem';
import type { ChecklistItem, ChecklistSection } from '../domain/checklist-template';
import { ChecklistTemplateEntity } from '../entities/checklist-template.entity';
import { ContractAuditEntity } from '../entities/contract-audit.entity';

/** An audit as the findings, evidence and report routes need it (with its contract's unit). */
export interface AuditRef {
  id: string;
  contractId: string;
  templateId: string;
  status: 'pagaende' | 'klar' | 'signerad';
  unitId: string;
  unitPath: string;
}

/** A checklist template version's items, by id, with their section. */
export interface TemplateItems {
  title: string;
  version: number;
  sections: ChecklistSection[];
  items: Map<string, ChecklistItem & { sectionCode: string }>;
}

/**
 * Loads audits for the findings, evidence and report routes and guards them: 404 when the caller
 * may not read the audit, 403 when readable but the action is not allowed, 409 `audit_signed`
 * for writes to a signed audit. The same rules as the audits core (subject ContractAudit, the
 * contract's unit).
 */
@Injectable()
export class AuditRefs {
  constructor(private readonly db: Db) {}

  async find(id: string): Promise<AuditRef | null> {
    const row = await this.db
      .repo(ContractAuditEntity)
      .createQueryBuilder('au')
      .innerJoin('contracts', 'ct', 'ct.id = au."contractId"')
      .innerJoin('org_units', 'ou', 'ou.id = ct."unitId"')
      .select('au.id', 'id')
      .addSelect('au."contractId"', 'contractId')
      .addSelect('au."templateId"', 'templateId')
      .addSelect('au.status', 'status')
      .addSelect('ct."unitId"', 'unitId')
      .addSelect('ou.path', 'unitPath')
      .where('au.id = :id', { id })
      .getRawOne<AuditRef>();
    return row ?? null;
  }

  /** The audit if readable (404 otherwise). */
  async readable(id: string, ability: AppAbility): Promise<AuditRef> {
    const a = await this.find(id);
    if (!a || !ability.can('read', auditSubject(a))) throw Problem.notFound('Granskningen');
    return a;
  }

  /** The audit if readable (404) and `subject` (built from it) is allowed (403). */
  async allowed(
    id: string,
    ability: AppAbility,
    action: 'create' | 'update',
    subjectOf: (a: AuditRef) => SubjectRecord,
    message: string,
  ): Promise<AuditRef> {
    const a = await this.readable(id, ability);
    ForbiddenError.from(ability).setMessage(message).throwUnlessCan(action, subjectOf(a));
    return a;
  }

  async template(templateId: string): Promise<TemplateItems> {
    return (await this.templates([templateId])).get(templateId)!;
  }

  /** Template versions by id (one query). */
  async templates(ids: readonly string[]): Promise<Map<string, TemplateItems>> {
    const out = new Map<string, TemplateItems>();
    const unique = [...new Set(ids)];
    if (!unique.length) return out;
    const rows = await this.db
      .repo(ChecklistTemplateEntity)
      .createQueryBuilder('t')
      .select(['t.id', 't.title', 't.version', 't.sections'])
      .where('t.id IN (:...ids)', { ids: unique })
      .getMany();
    for (const t of rows) {
      const sections = JSON.parse(t.sections) as ChecklistSection[];
      const items = new Map<string, ChecklistItem & { sectionCode: string }>();
      for (const s of sections)
        for (const i of s.items) items.set(i.id, { ...i, sectionCode: s.code });
      out.set(t.id, { title: t.title, version: t.version, sections, items });
    }
    return out;
  }
}

export function auditSubject(a: AuditRef): SubjectRecord {
  return asSubject('ContractAudit', {
    id: a.id,
    contractId: a.contractId,
    unitId: a.unitId,
    unitPath: a.unitPath,
  });
}

/**
 * 409 `audit_signed`: once signed (by the first signer: `klar`, or by all: `signerad`) the audit
 * record is read-only — the same rule as AuditsService.assertWritable.
 */
export function assertNotSigned(a: AuditRef): void {
  if (a.status !== 'pagaende')
    throw new Problem(
      HttpStatus.CONFLICT,
      'audit_signed',
      'Granskningen är signerad och kan inte längre ändras.',
    );
}
