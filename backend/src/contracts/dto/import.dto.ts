import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ContractFilterQuery } from './contract.dto';
import {
  FOLLOW_UP_CLASSES,
  SECTORS,
  type FollowUpClass,
  type Sector,
} from '../domain/contract-classes';

export class ImportQuery {
  @ApiProperty({
    required: false,
    enum: ['true', 'false'],
    default: 'false',
    description: 'true: check and preview only, write nothing',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  dryRun?: boolean;
}

const FORMAT_DOC = { enum: ['csv', 'xlsx'], default: 'csv', required: false } as const;

export class ExportQueryFormat {
  @ApiProperty(FORMAT_DOC)
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

/** The list's filters and sort, plus the file format. */
export class ContractExportQuery extends ContractFilterQuery {
  @ApiProperty(FORMAT_DOC)
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

/** A cell that could not be imported. `field`/`messages` repeat column/code for generic clients. */
export class ImportErrorDto {
  @ApiProperty({ description: 'Row number in the spreadsheet (the header is row 1)' }) row: number;
  @ApiProperty({ description: 'Column header as in the file (or as documented when missing)' })
  column: string;
  @ApiProperty({
    description:
      'required, too_long, invalid_text, invalid_organisation_number, unknown_supplier, unknown_sector, invalid_amount, invalid_date, end_before_start, unknown_unit, ambiguous_unit, unit_not_allowed, unknown_class, invalid_tiers, duplicate_in_file, diarienummer_taken, organisation_number_taken, invalid_email, invalid_phone, missing_column',
  })
  code: string;
  @ApiProperty() field: string;
  @ApiProperty({ type: [String] }) messages: string[];
}

export class ContractImportRowDto {
  @ApiProperty() row: number;
  @ApiProperty({ type: String, nullable: true, description: 'Set once imported' }) id:
    string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) diarienummer: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierId: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierOrganisationNumber: string | null;
  @ApiProperty({ type: String, nullable: true, enum: SECTORS }) sector: Sector | null;
  @ApiProperty({ type: Number, nullable: true }) annualValue: number | null;
  @ApiProperty({ type: String, nullable: true }) startDate: string | null;
  @ApiProperty({ type: String, nullable: true }) endDate: string | null;
  @ApiProperty({ type: String, nullable: true }) unitId: string | null;
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
  @ApiProperty({ type: String, nullable: true, enum: FOLLOW_UP_CLASSES })
  followUpClass: FollowUpClass | null;
  @ApiProperty({ type: Number, nullable: true }) maxSubcontractorTiers: number | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ description: 'This row has errors' }) invalid: boolean;
}

export class ContractImportResultDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty({ description: 'Contracts written (0 in a preview)' }) created: number;
  @ApiProperty({ type: [String], description: 'Headers that are not import columns' })
  ignoredColumns: string[];
  @ApiProperty({ type: [ContractImportRowDto] }) rows: ContractImportRowDto[];
  @ApiProperty({ type: [ImportErrorDto] }) errors: ImportErrorDto[];
}

export class SupplierImportRowDto {
  @ApiProperty() row: number;
  @ApiProperty({ type: String, nullable: true }) id: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) beneficialOwner: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() invalid: boolean;
}

export class SupplierImportResultDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty() created: number;
  @ApiProperty({ type: [String] }) ignoredColumns: string[];
  @ApiProperty({ type: [SupplierImportRowDto] }) rows: SupplierImportRowDto[];
  @ApiProperty({ type: [ImportErrorDto] }) errors: ImportErrorDto[];
}

/** The body of a failed (non-preview) import: 400 validation_failed with the row errors. */
export class ImportProblemDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: [ImportErrorDto] }) errors: ImportErrorDto[];
}
