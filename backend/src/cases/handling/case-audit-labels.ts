import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditLabelRegistry, type AuditObjectLabel } from '../../core/audit/audit-labels.registry';
import { accessibleWhere } from '../../core/authz/casl-sql';
import { CASE_COLUMNS } from '../cases.repository';
import { InboxRepository } from './inbox.repository';

/**
 * Names cases in the audit log by their reference number — only for readers who may read the
 * case (the inbox's CASL rules, in SQL, one query per page). Everybody else, the internrevisor
 * and administrators included (they may not read cases), sees type and short id: the trail
 * without anything about the case.
 */
@Injectable()
export class CaseAuditLabels implements OnModuleInit {
  constructor(
    private readonly registry: AuditLabelRegistry,
    private readonly inbox: InboxRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('Case', async (refs, ability) => {
      const rows = await this.inbox.referencesVisible(
        [...new Set(refs.map((r) => r.objectId))],
        accessibleWhere(ability, 'read', 'Case', CASE_COLUMNS),
      );
      return new Map<string, AuditObjectLabel>(
        rows.map((r) => [r.id, { label: r.reference, link: null }]),
      );
    });
  }
}
