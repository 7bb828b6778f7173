import {
  Body,
  Controller,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import { RedactedExportDto } from './dto/redacted-export.dto';
import { RedactedExportService } from './redacted-export.service';

@ApiTags('cases')
@Controller('cases')
export class RedactedExportController {
  constructor(private readonly exports: RedactedExportService) {}

  @Post(':id/redacted-export')
  @HttpCode(200)
  @CheckPolicy('read', 'Case')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The redacted copy (PDF, Swedish), as a download',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary:
      'A redacted copy of the case for a secrecy review (OSL 17:3 b, 32:3 b): the identity and the marked passages masked, the maskings listed; audit-logged',
  })
  @ApiProblems(400, 404, [409, 'case_purged'])
  async export(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RedactedExportDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.exports.export(id, dto.masks, user, ability);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.pdf.length,
    });
  }
}
