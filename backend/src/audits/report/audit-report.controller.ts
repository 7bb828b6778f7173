import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import { AuditReportService } from './audit-report.service';

@ApiTags('audits')
@Controller('audits')
export class AuditReportController {
  constructor(private readonly reports: AuditReportService) {}

  @Get(':id/report.pdf')
  @CheckPolicy('read', 'ContractAudit')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The audit report (PDF, Swedish), as a download',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary:
      'The audit report: contract, supplier, checklist version, answers, findings, actions with decisions, sign-offs (audit-logged)',
  })
  @ApiProblems(400, 404)
  async report(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.reports.report(id, user, ability);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.pdf.length,
    });
  }
}
