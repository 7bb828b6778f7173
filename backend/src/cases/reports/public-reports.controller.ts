import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Post,
  Req,
  Res,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../core/authz/decorators';
import { Db } from '../../core/database/db';
import { ApiProblems } from '../../core/errors/api-problems';
import { AttachmentUpload } from '../../core/files/upload.interceptor';
import {
  AttachmentInfoDto,
  IntakeInfoDto,
  MessageBodyDto,
  OpenReceiptSessionDto,
  PublicReportDto,
  ReceiptDto,
  ReceiptSessionDto,
  ReporterMessageDto,
  ReporterReportViewDto,
} from './dto/report.dto';
import { PublicThrottle } from './public-throttle';
import {
  RECEIPT_COOKIE,
  ReceiptCase,
  ReceiptSessionGuard,
  ReceiptSessions,
} from './receipt-sessions';
import { UPLOAD_BODY } from './reports.controller';
import { ReportsService } from './reports.service';

/**
 * Reporting without an account. Every route is public and throttled per address (counted in the database); the
 * request log never holds an address, and the receipt code travels only in a request body (never
 * in a URL). A receipt session (cookie `varn_receipt`, path /api/public) opens exactly one report.
 */
@ApiTags('public reports')
@Controller('public')
export class PublicReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly sessions: ReceiptSessions,
    private readonly db: Db,
  ) {}

  @Get('intake')
  @Public()
  @PublicThrottle('public')
  @ApiOkResponse({ type: IntakeInfoDto })
  @ApiOperation({ summary: 'What the anonymous form needs: the units and the security contact' })
  @ApiProblems(429)
  intake(): Promise<IntakeInfoDto> {
    return this.reports.intakeInfo();
  }

  @Post('reports')
  @Public()
  @PublicThrottle('report')
  @ApiCreatedResponse({
    type: ReceiptDto,
    description: 'The receipt code: shown once, it is the only way back to the report',
  })
  @ApiOperation({ summary: 'Report anonymously; answers the 16-digit receipt code' })
  @ApiProblems([400, 'validation_failed', 'invalid_classification', 'bad_request'], 429)
  submit(@Body() dto: PublicReportDto): Promise<ReceiptDto> {
    return this.reports.submitAnonymous(dto);
  }

  @Post('session')
  @Public()
  @PublicThrottle('receipt')
  @HttpCode(200)
  @ApiOkResponse({ type: ReceiptSessionDto, description: 'Opened; the varn_receipt cookie is set' })
  @ApiOperation({ summary: 'Open the report of a receipt code (sets the varn_receipt cookie)' })
  @ApiProblems(400, [401, 'invalid_receipt_code'], 429)
  async open(
    @Body() dto: OpenReceiptSessionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReceiptSessionDto> {
    const c = await this.reports.caseOfReceiptCode(dto.receiptCode);
    const token = await this.db.transaction(async () => {
      await this.reports.receiptSessionOpened(c);
      return this.sessions.open(c.id);
    });
    await this.sessions.end(this.sessions.tokenOf(req));
    res.cookie(RECEIPT_COOKIE, token, this.sessions.cookieOptions(req));
    return { reference: c.reference };
  }

  @Delete('session')
  @Public()
  @PublicThrottle('public')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Closed; the cookie is cleared' })
  @ApiOperation({ summary: 'Close the receipt session' })
  @ApiProblems(429)
  async close(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.end(this.sessions.tokenOf(req));
    res.clearCookie(RECEIPT_COOKIE, this.sessions.cookieOptions(req));
  }

  @Get('report')
  @Public()
  @UseGuards(ReceiptSessionGuard)
  @PublicThrottle('public')
  @ApiOkResponse({ type: ReporterReportViewDto })
  @ApiOperation({ summary: "The receipt holder's report: status, deadlines, messages" })
  @ApiProblems([401, 'unauthenticated'], 429)
  report(@ReceiptCase() caseId: string): Promise<ReporterReportViewDto> {
    return this.reports.getByReceipt(caseId);
  }

  @Post('report/messages')
  @Public()
  @UseGuards(ReceiptSessionGuard)
  @PublicThrottle('public')
  @ApiCreatedResponse({ type: ReporterMessageDto })
  @ApiOperation({ summary: 'Answer the handler or add information (receipt holder)' })
  @ApiProblems(400, [401, 'unauthenticated'], [409, 'case_purged'], 429)
  addMessage(
    @ReceiptCase() caseId: string,
    @Body() dto: MessageBodyDto,
  ): Promise<ReporterMessageDto> {
    return this.reports.addReceiptMessage(caseId, dto.body);
  }

  @Post('report/attachments')
  @Public()
  @UseGuards(ReceiptSessionGuard)
  // uploads count like submissions (PUBLIC_REPORT_RATE_PER_MINUTE), not like reads
  @PublicThrottle('report')
  @UseInterceptors(AttachmentUpload())
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentInfoDto })
  @ApiOperation({ summary: 'Add a photo, PDF or e-mail to the report (receipt holder)' })
  @ApiProblems(400, [401, 'unauthenticated'], [409, 'case_purged', 'conflict'], 413, 415, 429)
  addAttachment(
    @ReceiptCase() caseId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<AttachmentInfoDto> {
    return this.reports.addReceiptAttachment(caseId, file);
  }
}
