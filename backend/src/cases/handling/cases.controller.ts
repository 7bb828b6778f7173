import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
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
import { CasesService } from './cases.service';
import {
  CaseActionInputDto,
  CaseAttachmentDto,
  CaseDetailDto,
  CaseMessageInputDto,
  CasePageDto,
  CloseCaseDto,
  DeadlineBoardDto,
  LegalHoldDto,
  ListCasesQuery,
  TimerEventDto,
  UpdateCaseDto,
} from './dto/case.dto';

const CASE_UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary' } },
  },
};

/**
 * The case handler's routes (handläggare in scope; never a case routed away from them —
 * unreadable cases are 404). Every answer with case content is audited as `case.viewed`.
 */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @CheckPolicy('read', 'Case')
  @ApiOkResponse({ type: CasePageDto })
  @ApiOperation({
    summary:
      'The inbox: cases in my scope, filtered and sorted, keyset-paged (no counts, no content)',
  })
  @ApiProblems(400)
  list(
    @Query() query: ListCasesQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<CasePageDto> {
    return this.cases.list(query, ability);
  }

  @Get('deadlines')
  @CheckPolicy('read', 'Case')
  @ApiOkResponse({ type: DeadlineBoardDto })
  @ApiOperation({
    summary:
      'The deadline board: open legal timers due soon or overdue, earliest first (at most 200; the inbox filter deadline= pages the rest)',
  })
  deadlines(@CurrentAbility() ability: AppAbility): Promise<DeadlineBoardDto> {
    return this.cases.deadlines(ability);
  }

  @Get(':id')
  @CheckPolicy('read', 'Case')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiOperation({
    summary:
      'One case with its content (audited case.viewed); a purged case is a tombstone of codes and dates',
  })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.cases.get(id, ability, user);
  }

  @Patch(':id')
  @CheckPolicy('update', 'Case')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiOperation({
    summary:
      'Classify (the first time writes the de-identified fact), grade severity, assign, move status, link a supplier',
  })
  @ApiProblems([400, 'validation_failed', 'invalid_classification', 'status_not_allowed'], 404, [
    409,
    'edit_conflict',
    'case_purged',
  ])
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCaseDto,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.cases.update(id, dto, ability, user);
  }

  @Post(':id/messages')
  @HttpCode(200)
  @CheckPolicy('update', 'Case')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiOperation({ summary: 'A message to the reporter (a signed-in reporter is notified)' })
  @ApiProblems(400, 404, [409, 'case_purged'])
  message(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CaseMessageInputDto,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.cases.sendMessage(id, dto.body, ability, user);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @CheckPolicy('update', 'Case')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiOperation({ summary: 'An internal note (never shown to the reporter)' })
  @ApiProblems(400, 404, [409, 'case_purged'])
  note(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CaseMessageInputDto,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.cases.addNote(id, dto.body, ability, user);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @CheckPolicy('update', 'Case')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiOperation({
    summary:
      'End the acknowledgement timer: sent (a message to the reporter) or waived with a reason',
  })
  @ApiProblems(400, 404, [409, 'timer_event_refused', 'edit_conflict', 'case_purged'])
  acknowledge(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TimerEventDto,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.cases.acknowledge(id, dto, ability, user);
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @CheckPolicy('update', 'Case')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiOperation({
    summary: 'End the feedback timer: sent (the feedback is a message) or waived with a reason',
  })
  @ApiProblems(400, 404, [409, 'timer_event_refused', 'edit_conflict', 'case_purged'])
  feedback(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TimerEventDto,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.cases.feedback(id, dto, ability, user);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @CheckPolicy('update', 'Case')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiOperation({
    summary: 'Record an action (polisanmälan with its reference number, skyddsåtgärd, …)',
  })
  @ApiProblems(400, 404, [409, 'case_purged'])
  action(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CaseActionInputDto,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.cases.recordAction(id, dto, ability, user);
  }

  @Post(':id/close')
  @HttpCode(200)
  @CheckPolicy('update', 'Case')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiOperation({
    summary:
      'Close with a closing code and summary (visselblåsning: both timers must have ended); sets the purge date',
  })
  @ApiProblems([400, 'validation_failed', 'status_not_allowed'], 404, [
    409,
    'close_blocked',
    'edit_conflict',
    'case_purged',
  ])
  close(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CloseCaseDto,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.cases.close(id, dto, ability, user);
  }

  @Post(':id/legal-hold')
  @HttpCode(200)
  @CheckPolicy('update', 'Case')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiOperation({ summary: 'Set (with a reason) or release a legal hold, which pauses the purge' })
  @ApiProblems(400, 404, [409, 'edit_conflict', 'case_purged'])
  legalHold(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: LegalHoldDto,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.cases.setLegalHold(id, dto, ability, user);
  }

  @Post(':id/attachments')
  @CheckPolicy('update', 'Case')
  @UseInterceptors(AttachmentUpload())
  @ApiConsumes('multipart/form-data')
  @ApiBody(CASE_UPLOAD_BODY)
  @ApiCreatedResponse({ type: CaseAttachmentDto })
  @ApiOperation({ summary: 'Add a photo, PDF or e-mail to the case (type checked by content)' })
  @ApiProblems(400, 404, [409, 'case_purged'], 413, 415)
  addAttachment(
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseAttachmentDto> {
    return this.cases.addAttachment(id, file, ability, user);
  }

  @Get(':id/attachments/:fileId')
  @CheckPolicy('read', 'Case')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The file, decrypted (its own media type; Content-Disposition: attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({ summary: "Download a case's attachment (audited case.viewed)" })
  @ApiProblems(400, 404)
  async attachment(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @CurrentAbility() ability: AppAbility,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { info, stream } = await this.cases.openAttachment(id, fileId, ability, user);
    res.attachment(info.displayName);
    res.type(info.mediaType);
    return new StreamableFile(stream, { length: info.size });
  }
}
