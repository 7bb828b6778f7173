import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditLabelRegistry, type AuditObjectLabel } from '../core/audit/audit-labels.registry';
import { accessibleWhere } from '../core/authz/casl-sql';
import { RISK_COLUMNS, RisksRepository } from './risks.repository';

/** Names risks in the audit log for readers who may read them (the list's rules, in SQL). */
@Injectable()
export class RiskAuditLabels implements OnModuleInit {
  constructor(
    private readonly registry: AuditLabelRegistry,
    private readonly risks: RisksRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('Risk', async (refs, ability) => {
      const rows = await this.risks.titlesVisible(
        [...new Set(refs.map((r) => r.objectId))],
        accessibleWhere(ability, 'read', 'Risk', RISK_COLUMNS),
      );
      return new Map<string, AuditObjectLabel>(
        rows.map((r) => [r.id, { label: r.title, link: null }]),
      );
    });
  }
}
