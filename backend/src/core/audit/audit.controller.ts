import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  list(@Query() q: AuditQueryDto, @CurrentAbility() ability: AppAbility): Promise<AuditPageDto> {
    return this.auditLog.list(q, ability);
  }

  /** Verifies the hash chain; the verification itself is logged. */
  @Get('verify')
  @CheckPolicy('read', 'AuditLog')
  @ApiOkResponse({ type: ChainCheckDto })
  verify(@CurrentUser() user: AuthUser): Promise<ChainCheckDto> {
    return this.auditLog.verify(user);
  }
}
