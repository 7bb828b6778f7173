import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditLabelRegistry, type AuditObjectLabel } from '../core/audit/audit-labels.registry';
import { accessibleWhere } from '../core/authz/casl-sql';
import { SUPPLIER_COLUMNS, SuppliersRepository } from './suppliers.repository';

/**
 * Names suppliers in the audit log — for readers who may read the register (the same rules as the
 * list, in SQL, one query per page). Others, administrators included, see type and short id.
 */
@Injectable()
export class SupplierAuditLabels implements OnModuleInit {
  constructor(
    private readonly registry: AuditLabelRegistry,
    private readonly suppliers: SuppliersRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('Supplier', async (refs, ability) => {
      const rows = await this.suppliers.namesVisible(
        [...new Set(refs.map((r) => r.objectId))],
        accessibleWhere(ability, 'read', 'Supplier', SUPPLIER_COLUMNS),
      );
      return new Map<string, AuditObjectLabel>(
        rows.map((r) => [r.id, { label: `${r.name} (${r.organisationNumber})`, link: null }]),
      );
    });
  }
}
