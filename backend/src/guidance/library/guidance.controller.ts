import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
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
  ApiNoContentResponse,
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
import {
  AcknowledgeArticleDto,
  AcknowledgementStateDto,
  ArticleDiffDto,
  ArticleDto,
  ArticleFieldsDto,
  GuidanceCoverageDto,
  GuidanceCoverageQuery,
  CreateArticleDto,
  GuidanceDiffQuery,
  GuidanceAttachmentDto,
  GuidanceDraftDto,
  GuidanceFileParams,
  GuidanceListDto,
  ListGuidanceQuery,
  PreviewArticleDto,
  ArticlePreviewDto,
  PublishArticleDto,
  GuidanceReminderResultDto,
  GuidanceSlugParams,
  GuidanceVersionListDto,
} from './dto/guidance.dto';
import { GuidanceAttachmentsService } from './guidance-attachments.service';
import { GuidanceCoverageService } from './guidance-coverage.service';
import { GuidanceEditorService } from './guidance-editor.service';
import { GuidanceService } from './guidance.service';

@ApiTags('guidance')
@Controller('guidance')
export class GuidanceController {
  constructor(
    private readonly guidance: GuidanceService,
    private readonly editor: GuidanceEditorService,
    private readonly coverageService: GuidanceCoverageService,
    private readonly attachments: GuidanceAttachmentsService,
  ) {}

  @Get()
  @CheckPolicy('read', 'GuidanceArticle')
  @ApiOkResponse({ type: GuidanceListDto })
  @ApiOperation({
    summary: 'The guidance library: by category, or with q a ranked Swedish full-text search',
  })
  @ApiProblems(400)
  list(
    @Query() query: ListGuidanceQuery,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<GuidanceListDto> {
    return this.guidance.list(query, user, ability);
  }

  @Post()
  @CheckPolicy('create', 'GuidanceArticle')
  @ApiCreatedResponse({ type: GuidanceDraftDto })
  @ApiOperation({ summary: 'Create an article as a draft (editors)' })
  @ApiProblems(400, [409, 'conflict'])
  create(@Body() dto: CreateArticleDto, @CurrentUser() user: AuthUser): Promise<GuidanceDraftDto> {
    return this.editor.create(dto, user);
  }

  @Post('preview')
  @HttpCode(200)
  @CheckPolicy('update', 'GuidanceArticle')
  @ApiOkResponse({ type: ArticlePreviewDto })
  @ApiOperation({ summary: 'Render Markdown as the library will show it (sanitised HTML)' })
  @ApiProblems(400)
  preview(@Body() dto: PreviewArticleDto): ArticlePreviewDto {
    return this.editor.preview(dto.body);
  }

  @Get(':slug')
  @CheckPolicy('read', 'GuidanceArticle')
  @ApiOkResponse({ type: ArticleDto })
  @ApiOperation({ summary: 'One article (sanitised HTML) and the reader\'s "läst och förstått"' })
  @ApiProblems(400, 404)
  get(
    @Param() p: GuidanceSlugParams,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ArticleDto> {
    return this.guidance.get(p.slug, user, ability);
  }

  @Get(':slug/versions')
  @CheckPolicy('read', 'GuidanceArticle')
  @ApiOkResponse({ type: GuidanceVersionListDto })
  @ApiOperation({ summary: 'The published versions of an article, newest first' })
  @ApiProblems(400, 404)
  versions(
    @Param() p: GuidanceSlugParams,
    @CurrentAbility() ability: AppAbility,
  ): Promise<GuidanceVersionListDto> {
    return this.guidance.versions(p.slug, ability);
  }

  @Get(':slug/diff')
  @CheckPolicy('read', 'GuidanceArticle')
  @ApiOkResponse({ type: ArticleDiffDto })
  @ApiOperation({ summary: 'What changed between two published versions' })
  @ApiProblems(400, 404)
  diff(
    @Param() p: GuidanceSlugParams,
    @Query() q: GuidanceDiffQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ArticleDiffDto> {
    return this.guidance.diff(p.slug, q.from, q.to, ability);
  }

  @Post(':slug/acknowledgements')
  @HttpCode(200)
  @CheckPolicy('create', 'GuidanceAcknowledgement')
  @ApiOkResponse({ type: AcknowledgementStateDto })
  @ApiOperation({ summary: '"Läst och förstått" for the current version' })
  @ApiProblems(400, 404, [409, 'edit_conflict', 'status_not_allowed'])
  acknowledge(
    @Param() p: GuidanceSlugParams,
    @Body() dto: AcknowledgeArticleDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<AcknowledgementStateDto> {
    return this.guidance.acknowledge(p.slug, dto.version, user, ability);
  }

  @Get(':slug/coverage')
  @CheckPolicy('read', 'GuidanceCoverage')
  @ApiOkResponse({ type: GuidanceCoverageDto })
  @ApiOperation({
    summary: 'Share of the people in your scope who acknowledged the current version, and who not',
  })
  @ApiProblems(400, 404, [409, 'status_not_allowed'])
  coverage(
    @Param() p: GuidanceSlugParams,
    @Query() q: GuidanceCoverageQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<GuidanceCoverageDto> {
    return this.coverageService.coverage(p.slug, q, ability);
  }

  @Post(':slug/coverage/reminders')
  @HttpCode(200)
  @CheckPolicy('update', 'GuidanceCoverage')
  @ApiOkResponse({ type: GuidanceReminderResultDto })
  @ApiOperation({ summary: 'Remind the people in your scope who have not acknowledged it' })
  @ApiProblems(400, 404, [409, 'status_not_allowed'])
  remind(
    @Param() p: GuidanceSlugParams,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<GuidanceReminderResultDto> {
    return this.coverageService.remind(p.slug, user, ability);
  }

  @Get(':slug/draft')
  @CheckPolicy('update', 'GuidanceArticle')
  @ApiOkResponse({ type: GuidanceDraftDto })
  @ApiOperation({ summary: 'The working copy of an article with a preview (editors)' })
  @ApiProblems(400, 404)
  draft(@Param() p: GuidanceSlugParams): Promise<GuidanceDraftDto> {
    return this.editor.draft(p.slug);
  }

  @Put(':slug/draft')
  @CheckPolicy('update', 'GuidanceArticle')
  @ApiOkResponse({ type: GuidanceDraftDto })
  @ApiOperation({ summary: 'Save the working copy (published readers see no change yet)' })
  @ApiProblems(400, 404)
  saveDraft(
    @Param() p: GuidanceSlugParams,
    @Body() dto: ArticleFieldsDto,
    @CurrentUser() user: AuthUser,
  ): Promise<GuidanceDraftDto> {
    return this.editor.saveDraft(p.slug, dto, user);
  }

  @Post(':slug/publish')
  @HttpCode(200)
  @CheckPolicy('update', 'GuidanceArticle')
  @ApiOkResponse({ type: GuidanceDraftDto })
  @ApiOperation({ summary: 'Publish the working copy as the next version (kept for ever)' })
  @ApiProblems(400, 404, [409, 'status_not_allowed'])
  publish(
    @Param() p: GuidanceSlugParams,
    @Body() dto: PublishArticleDto,
    @CurrentUser() user: AuthUser,
  ): Promise<GuidanceDraftDto> {
    return this.editor.publish(p.slug, dto, user);
  }

  @Post(':slug/attachments')
  @CheckPolicy('update', 'GuidanceArticle')
  @UseInterceptors(AttachmentUpload())
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: GuidanceAttachmentDto })
  @ApiOperation({
    summary: 'Attach a document to an article: PDF, PNG or JPEG, type checked by content (editors)',
  })
  @ApiProblems(400, 404, [409, 'conflict'], 413, 415)
  addAttachment(
    @Param() p: GuidanceSlugParams,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<GuidanceAttachmentDto> {
    return this.attachments.add(p.slug, file, user, ability);
  }

  @Get(':slug/attachments/:fileId')
  @CheckPolicy('read', 'GuidanceArticle')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The file (its own media type; Content-Disposition: attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({ summary: "Download one of an article's attachments" })
  @ApiProblems(400, 404)
  async attachment(
    @Param() p: GuidanceFileParams,
    @CurrentAbility() ability: AppAbility,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { info, stream } = await this.attachments.open(p.slug, p.fileId, ability);
    res.attachment(info.displayName);
    res.type(info.mediaType);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(stream, { length: info.size });
  }

  @Delete(':slug/attachments/:fileId')
  @HttpCode(204)
  @CheckPolicy('update', 'GuidanceArticle')
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiOperation({ summary: 'Remove an attachment from an article (editors)' })
  @ApiProblems(400, 404)
  removeAttachment(
    @Param() p: GuidanceFileParams,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<void> {
    return this.attachments.remove(p.slug, p.fileId, user, ability);
  }
}
