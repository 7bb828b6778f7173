import { Injectable } from '@nestjs/common';
import type { AppAbility } from '../authz/ability';
import { accessibleWhere } from '../authz/casl-sql';
import type { AuthUser } from '../authz/roles';
import { AuditLabelRegistry } from './audit-labels.registry';
import { AuditService } from './audit.service';
import type { AuditEntryDto, AuditPageDto, AuditQueryDto, ChainCheckDto } from './dto/audit.dto';

/**
 * Column expressions for CASL conditions on AuditLog (see core/authz/casl-sql.ts): a scoped
 * reader's rules are `unitPath` subtree prefixes (LIKE 'prefix%'), a root reader's also
 * `unitPath: null` (IS NULL) for entries without a unit.
 */
const AUDIT_COLUMNS = { seq: 'a.seq', unitPath: 'a."unitPath"' };

/**
 * The audit log as people read it (the routes of AuditController): a page of entries with the
 * names of their objects, and the chain check that is itself logged.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly audit: AuditService,
    private readonly labels: AuditLabelRegistry,
  ) {}

  /** One page, newest first; objects the reader may read are named and linked. */
  async list(q: AuditQueryDto, ability: AppAbility): Promise<AuditPageDto> {
    const limit = q.limit ?? 50;
    const rows = await this.audit.search({
      access: accessibleWhere(ability, 'read', 'AuditLog', AUDIT_COLUMNS),
      from: q.from,
      to: q.to,
      action: q.action,
      actorName: q.actor?.trim().toLowerCase(),
      objectType: q.objectType,
      objectId: q.objectId,
      outcome: q.outcome,
      beforeSeq: q.before,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const labelOf = await this.labels.resolve(page, ability);
    return {
      items: page.map((e): AuditEntryDto => {
        const named = labelOf(e.objectType, e.objectId);
        return {
          seq: e.seq,
          occurredAt: e.occurredAt.toISOString(),
          actorId: e.actorId,
          actorName: e.actorName,
          action: e.action,
          objectType: e.objectType,
          objectId: e.objectId,
          ...(named && {
            objectLabel: named.label,
            ...(named.link && { objectLink: { ...named.link } }),
          }),
          outcome: e.outcome,
          details: JSON.parse(e.details) as Record<string, unknown>,
        };
      }),
      nextBefore: rows.length > limit ? page[page.length - 1].seq : null,
    };
  }

  /** Walks the whole chain and logs that it did, with the result. */
  async verify(actor: AuthUser): Promise<ChainCheckDto> {
    const result = await this.audit.verify();
    await this.audit.record({
      action: 'audit.verified',
      actor,
      outcome: result.ok ? 'success' : 'failure',
      details: { ...result },
    });
    return result;
  }
}
