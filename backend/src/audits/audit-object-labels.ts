import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditLabelRegistry, type AuditObjectLabel } from '../core/audit/audit-labels.registry';
import { accessibleWhere } from '../core/authz/casl-sql';
import { AUDIT_COLUMNS, AuditsRepository } from './audits.repository';

/**
 * Names follow-up audits and checklist versions in the audit log: an audit by its contract and
 * start day for readers who may read the audit (its rules, in SQL, one query per page), a
 * checklist by title and version for readers of checklists.
 */
@Injectable()
export class AuditObjectLabels implements OnModuleInit {
  constructor(
    private readonly registry: AuditLabelRegistry,
    private readonly repo: AuditsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('ContractAudit', async (refs, ability) => {
      const rows = await this.repo.auditLabels(
        [...new Set(refs.map((r) => r.objectId))],
        accessibleWhere(ability, 'read', 'ContractAudit', AUDIT_COLUMNS),
      );
      return new Map<string, AuditObjectLabel>(
        rows.map((r) => [
          r.id,
          { label: `${r.title} (${r.diarienummer}) ${r.startedOn}`, link: null },
        ]),
      );
    });
    this.registry.register('ChecklistTemplate', async (refs, ability) => {
      if (!ability.can('read', 'ChecklistTemplate')) return new Map();
      const rows = await this.repo.templateLabels([...new Set(refs.map((r) => r.objectId))]);
      return new Map<string, AuditObjectLabel>(
        rows.map((r) => [r.id, { label: `${r.title} v${r.version}`, link: null }]),
      );
    });
  }
}
