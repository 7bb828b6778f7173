import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  type ApiBodyOptions,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CheckPolicy, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import { AttachmentUpload } from '../../core/files/upload.interceptor';
import {
  AttachmentInfoDto,
  CreatedReportDto,
  CreateReportDto,
  HandlerOptionDto,
  HandlersQuery,
  MessageBodyDto,
  MyReportsDto,
  MyReportViewDto,
  ReporterMessageDto,
} from './dto/report.dto';
import { ReportsService } from './reports.service';

/** multipart/form-data with one `file` (JPEG, PNG, HEIC, PDF or e-mail; UPLOAD_MAX_BYTES). */
export const UPLOAD_BODY: ApiBodyOptions = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary' } },
  },
};

/**
 * A signed-in member of staff reports (identified or confidential) and follows their own
 * reports ("Mina rapporter"). Every route is about the caller's own reports only: somebody
 * else's report is 404 (the lookup is by the caller's reporter tag, in SQL).
 */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @CheckPolicy('create', 'Report')
  @ApiCreatedResponse({ type: CreatedReportDto })
  @ApiOperation({
    summary: 'Report an incident or a whistleblowing matter, identified or confidential',
  })
  @ApiProblems([400, 'validation_failed', 'invalid_classification', 'bad_request'])
  create(@Body() dto: CreateReportDto, @CurrentUser() user: AuthUser): Promise<CreatedReportDto> {
    return this.reports.submitSignedIn(dto, user);
  }

  @Get('handlers')
  @CheckPolicy('create', 'Report')
  @ApiOkResponse({ type: [HandlerOptionDto] })
  @ApiOperation({
    summary: 'The handlers of a unit: whom a report may say it concerns (it never reaches them)',
  })
  @ApiProblems(400, 404)
  handlers(@Query() query: HandlersQuery): Promise<HandlerOptionDto[]> {
    return this.reports.handlersOver(query.unitId);
  }

  @Get('mine')
  @CheckPolicy('read', 'Report')
  @ApiOkResponse({ type: MyReportsDto })
  @ApiOperation({ summary: "The caller's own reports, newest first" })
  mine(@CurrentUser() user: AuthUser): Promise<MyReportsDto> {
    return this.reports.listMine(user);
  }

  @Get('mine/:id')
  @CheckPolicy('read', 'Report')
  @ApiOkResponse({ type: MyReportViewDto })
  @ApiOperation({
    summary:
      'One of my reports: status, deadlines, messages, my attachments, to whom my identity was disclosed',
  })
  @ApiProblems(400, 404)
  getMine(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<MyReportViewDto> {
    return this.reports.getMine(id, user);
  }

  @Post('mine/:id/messages')
  @CheckPolicy('read', 'Report')
  @ApiCreatedResponse({ type: ReporterMessageDto })
  @ApiOperation({ summary: 'Write to the handler of one of my reports' })
  @ApiProblems(400, 404, [409, 'case_purged'])
  addMessage(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MessageBodyDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReporterMessageDto> {
    return this.reports.addMyMessage(id, dto.body, user);
  }

  @Post('mine/:id/attachments')
  @CheckPolicy('read', 'Report')
  @UseInterceptors(AttachmentUpload())
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentInfoDto })
  @ApiOperation({
    summary: 'Add a photo, PDF or e-mail to one of my reports (type checked by content)',
  })
  @ApiProblems(400, 404, [409, 'case_purged', 'conflict'], 413, 415)
  addAttachment(
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<AttachmentInfoDto> {
    return this.reports.addMyAttachment(id, file, user);
  }

  @Get('mine/:id/attachments/:fileId')
  @CheckPolicy('read', 'Report')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The file, decrypted (its own media type; Content-Disposition: attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({ summary: 'Download an attachment I added to one of my reports' })
  @ApiProblems(400, 404, [409, 'case_purged'])
  async attachment(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { info, stream } = await this.reports.openMyAttachment(id, fileId, user);
    res.attachment(info.name);
    res.type(info.mediaType);
    return new StreamableFile(stream, { length: info.size });
  }
}
