import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditLabelRegistry, type AuditObjectLabel } from '../../core/audit/audit-labels.registry';
import { accessibleWhere } from '../../core/authz/casl-sql';
import { ARTICLE_COLUMNS, GuidanceRepository } from './guidance.repository';

/** Names guidance articles in the audit log for readers who may read them. */
@Injectable()
export class GuidanceAuditLabels implements OnModuleInit {
  constructor(
    private readonly registry: AuditLabelRegistry,
    private readonly repo: GuidanceRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('GuidanceArticle', async (refs, ability) => {
      const rows = await this.repo.titlesVisible(
        [...new Set(refs.map((r) => r.objectId))],
        accessibleWhere(ability, 'read', 'GuidanceArticle', ARTICLE_COLUMNS),
      );
      return new Map<string, AuditObjectLabel>(
        rows.map((r) => [r.id, { label: r.title, link: null }]),
      );
    });
  }
}
