import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import { AttachmentUpload } from '../../core/files/upload.interceptor';
import { EvidenceFileDto, InfluenceReportDto, InfluenceReportRecordedDto } from './evidence.dto';
import { EvidenceService } from './evidence.service';

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary' } },
  },
};

@ApiTags('audits')
@Controller('audits')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post(':id/answers/:itemId/attachments')
  @CheckPolicy('update', 'ContractAudit')
  @UseInterceptors(AttachmentUpload())
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: EvidenceFileDto })
  @ApiOperation({
    summary:
      "Add evidence to an item's answer: a photo (JPEG, PNG, HEIC) or PDF, type checked by content, stored encrypted",
  })
  @ApiProblems(400, 404, [409, 'audit_signed', 'conflict'], 413, 415)
  addAttachment(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId') itemId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<EvidenceFileDto> {
    return this.evidence.addAttachment(id, itemId, file, user, ability);
  }

  @Get(':id/attachments/:fileId')
  @CheckPolicy('read', 'ContractAudit')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The file, decrypted (its own media type; Content-Disposition: attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({ summary: "Download an audit answer's evidence file (audit-logged)" })
  @ApiProblems(400, 404)
  async attachment(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { info, stream } = await this.evidence.openAttachment(id, fileId, user, ability);
    res.attachment(info.displayName);
    res.type(info.mediaType);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(stream, { length: info.size });
  }

  @Post(':id/influence-reports')
  @CheckPolicy('update', 'ContractAudit')
  @ApiCreatedResponse({ type: InfluenceReportRecordedDto })
  @ApiOperation({
    summary:
      'Record that an influence-attempt report was made from an item (H28): only that and when — no case link, no content',
  })
  @ApiProblems([400, 'validation_failed'], 404, [409, 'audit_signed'])
  recordInfluenceReport(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: InfluenceReportDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<InfluenceReportRecordedDto> {
    return this.evidence.recordInfluenceReport(id, dto.itemId, user, ability);
  }
}
