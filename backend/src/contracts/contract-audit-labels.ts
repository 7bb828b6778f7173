import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditLabelRegistry, type AuditObjectLabel } from '../core/audit/audit-labels.registry';
import { accessibleWhere } from '../core/authz/casl-sql';
import { CONTRACT_COLUMNS, ContractsRepository } from './contracts.repository';

/**
 * Names contracts in the audit log for readers who may read them (the list's rules, in SQL, one
 * query per page). Others, administrators included, see type and short id.
 */
@Injectable()
export class ContractAuditLabels implements OnModuleInit {
  constructor(
    private readonly registry: AuditLabelRegistry,
    private readonly contracts: ContractsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('Contract', async (refs, ability) => {
      const rows = await this.contracts.titlesVisible(
        [...new Set(refs.map((r) => r.objectId))],
        accessibleWhere(ability, 'read', 'Contract', CONTRACT_COLUMNS),
      );
      return new Map<string, AuditObjectLabel>(
        rows.map((r) => [r.id, { label: `${r.title} (${r.diarienummer})`, link: null }]),
      );
    });
  }
}
