import { randomUUID } from 'node:crypto';
import { checklistItems, type ChecklistTemplate } from './domain/checklist-template';
import type { AuditKind } from './dto/audit.dto';
import type { AuditAnswerEntity } from './entities/audit-answer.entity';
import type { ContractAuditEntity } from './entities/contract-audit.entity';

/**
 * A new audit of a contract with one unanswered row per item of its template version (version
 * 0): what `POST /api/audits` writes, and what the demo data is made with.
 */
export function newAudit(
  input: { contractId: string; templateId: string; kind: AuditKind; startedBy: string },
  template: ChecklistTemplate,
  now: Date,
): { audit: ContractAuditEntity; answers: AuditAnswerEntity[] } {
  const audit: ContractAuditEntity = {
    id: randomUUID(),
    contractId: input.contractId,
    templateId: input.templateId,
    kind: input.kind,
    status: 'pagaende',
    startedAt: now,
    startedBy: input.startedBy,
    completedOn: null,
    signedAt: null,
    version: 0,
    updatedAt: now,
  };
  const answers: AuditAnswerEntity[] = checklistItems(template).map((item) => ({
    id: randomUUID(),
    auditId: audit.id,
    itemId: item.id,
    answer: null,
    note: '',
    checkedOn: null,
    version: 0,
    updatedAt: now,
    updatedBy: null,
  }));
  return { audit, answers };
}
