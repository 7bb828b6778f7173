import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditLabelRegistry, type AuditObjectLabel } from '../core/audit/audit-labels.registry';
import { accessibleWhere } from '../core/authz/casl-sql';
import { OrgRepository, UNIT_COLUMNS } from './org.repository';

/** Names units in the audit log, where the reader may read them (one query per page). */
@Injectable()
export class UnitAuditLabels implements OnModuleInit {
  constructor(
    private readonly registry: AuditLabelRegistry,
    private readonly units: OrgRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('OrgUnit', async (refs, ability) => {
      const rows = await this.units.namesVisible(
        [...new Set(refs.map((r) => r.objectId))],
        accessibleWhere(ability, 'read', 'OrgUnit', UNIT_COLUMNS),
      );
      return new Map<string, AuditObjectLabel>(
        rows.map((r) => [r.id, { label: r.name, link: { kind: 'unit', id: r.id } }]),
      );
    });
  }
}
