import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../authz/ability';
import { accessibleWhere } from '../authz/casl-sql';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../authz/decorators';
import type { AuthUser } from '../authz/roles';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto, ChainCheckDto } from './dto/audit.dto';

@ApiTags('audit-log')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @CheckPolicy('read', 'AuditLog')
  @ApiOkResponse({ type: AuditPageDto })
  async list(
    @Query() q: AuditQueryDto,
    @CurrentAbility() ability: AppAbility,
  ): Promise<AuditPageDto> {
    const limit = q.limit ?? 50;
    const rows = await this.audit.search({
      access: accessibleWhere(ability, 'read', 'AuditLog', { seq: 'a.seq' }),
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
    return {
      items: page.map((e) => ({
        seq: e.seq,
        occurredAt: e.occurredAt.toISOString(),
        actorId: e.actorId,
        actorName: e.actorName,
        action: e.action,
        objectType: e.objectType,
        objectId: e.objectId,
        outcome: e.outcome,
        details: JSON.parse(e.details) as Record<string, unknown>,
      })),
      nextBefore: rows.length > limit ? page[page.length - 1].seq : null,
    };
  }

  /** Verifies the hash chain; the verification itself is logged. */
  @Get('verify')
  @CheckPolicy('read', 'AuditLog')
  @ApiOkResponse({ type: ChainCheckDto })
  async verify(@CurrentUser() user: AuthUser): Promise<ChainCheckDto> {
    const result = await this.audit.verify();
    await this.audit.record({
      action: 'audit.verified',
      actor: user,
      outcome: result.ok ? 'success' : 'failure',
      details: { ...result },
    });
    return result;
  }
}
