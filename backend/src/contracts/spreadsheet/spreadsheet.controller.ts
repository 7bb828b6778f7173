import {
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Writable } from 'node:stream';
import type { AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { localDateOf } from '../../core/domain/local-date';
import { ApiProblems } from '../../core/errors/api-problems';
import { AttachmentUpload, requireUpload } from '../../core/files/upload.interceptor';
import {
  ContractExportQuery,
  ContractImportResultDto,
  ExportQueryFormat,
  ImportQuery,
  SupplierImportResultDto,
} from '../dto/import.dto';
import {
  EXPORT_MEDIA_TYPES,
  ExportFormat,
  SpreadsheetExportService,
} from './spreadsheet-export.service';
import { SpreadsheetImportService } from './spreadsheet-import.service';

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: 'CSV (UTF-8) or XLSX' } },
  },
};

@ApiTags('contracts')
@Controller()
export class SpreadsheetController {
  constructor(
    private readonly imports: SpreadsheetImportService,
    private readonly exports: SpreadsheetExportService,
    private readonly clock: Clock,
  ) {}

  @Post('imports/contracts')
  @HttpCode(200)
  @CheckPolicy('create', 'Contract')
  @UseInterceptors(AttachmentUpload())
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOkResponse({ type: ContractImportResultDto })
  @ApiOperation({
    summary:
      'Import contracts from CSV or XLSX (dryRun=true previews); any row error → 400 with every error and nothing written',
  })
  @ApiProblems(400, 413, 415)
  importContracts(
    @Query() query: ImportQuery,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ContractImportResultDto> {
    return this.imports.importContracts(requireUpload(file), query.dryRun ?? false, user, ability);
  }

  @Post('imports/suppliers')
  @HttpCode(200)
  @CheckPolicy('create', 'Supplier')
  @UseInterceptors(AttachmentUpload())
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOkResponse({ type: SupplierImportResultDto })
  @ApiOperation({
    summary:
      'Import suppliers from CSV or XLSX (dryRun=true previews); any row error → 400 with every error and nothing written',
  })
  @ApiProblems(400, 413, 415)
  importSuppliers(
    @Query() query: ImportQuery,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<SupplierImportResultDto> {
    return this.imports.importSuppliers(requireUpload(file), query.dryRun ?? false, user);
  }

  @Get('exports/contracts')
  @CheckPolicy('read', 'Contract')
  @ApiProduces(EXPORT_MEDIA_TYPES.csv, EXPORT_MEDIA_TYPES.xlsx)
  @ApiOkResponse({ description: 'The contracts of your scope that match the filters' })
  @ApiOperation({ summary: 'Export contracts as CSV (UTF-8 with BOM, ;) or XLSX, streamed' })
  @ApiProblems(400)
  async exportContracts(
    @Query() q: ContractExportQuery,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
    @Res() res: Response,
  ): Promise<void> {
    const write = await this.exports.prepareContracts(q, ability);
    await this.stream(res, q.format ?? 'csv', 'avtal', (format, out) => write(format, out, user));
  }

  @Get('exports/suppliers')
  @CheckPolicy('read', 'Supplier')
  @ApiProduces(EXPORT_MEDIA_TYPES.csv, EXPORT_MEDIA_TYPES.xlsx)
  @ApiOkResponse({ description: 'The supplier register' })
  @ApiOperation({ summary: 'Export the supplier register as CSV or XLSX, streamed' })
  @ApiProblems(400)
  async exportSuppliers(
    @Query() q: ExportQueryFormat,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
    @Res() res: Response,
  ): Promise<void> {
    const write = this.exports.suppliers(ability);
    await this.stream(res, q.format ?? 'csv', 'leverantorer', (format, out) =>
      write(format, out, user),
    );
  }

  private async stream(
    res: Response,
    format: ExportFormat,
    name: string,
    write: (format: ExportFormat, out: Writable) => Promise<void>,
  ): Promise<void> {
    const file = `${name}-${localDateOf(this.clock.now())}.${format}`;
    res.status(200);
    res.setHeader('Content-Type', EXPORT_MEDIA_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await write(format, res);
    } catch (e) {
      // the status line is sent: a broken download is all that can be signalled now
      res.destroy(e instanceof Error ? e : undefined);
    }
  }
}
