import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiProblems } from '../errors/api-problems';
import type { AppAbility } from '../authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../authz/decorators';
import type { AuthUser } from '../authz/roles';
import { AuditLogService } from './audit-log.service';
import { AuditPageDto, AuditQueryDto, ChainCheckDto } from './dto/audit.dto';

@ApiTags('audit-log')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @CheckPolicy('read', 'AuditLog')
  @ApiOkResponse({ type: AuditPageDto })
  @ApiOperation({ summary: 'Search the audit log, newest first (keyset paging with `before`)' })
  @ApiProblems(400)
  list(@Query() q: AuditQueryDto, @CurrentAbility() ability: AppAbility): Promise<AuditPageDto> {
    return this.auditLog.list(q, ability);
  }

  /** Verifies the hash chain; the verification itself is logged. */
  @Get('verify')
  @CheckPolicy('read', 'AuditLog')
  @ApiOkResponse({ type: ChainCheckDto })
  @ApiOperation({ summary: "Verify the audit log's hash chain (the check is itself logged)" })
  verify(@CurrentUser() user: AuthUser): Promise<ChainCheckDto> {
    return this.auditLog.verify(user);
  }
}
