import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  FOLLOW_UP_CLASSES,
  SECTORS,
  type FollowUpClass,
  type Sector,
} from '../domain/contract-classes';
import { APPROVAL_STATUSES, type ApprovalStatus } from '../entities/contract-subcontractor.entity';

const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const SINGLE_LINE = /^[^\u0000-\u001f<>]+$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const trimOrNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || null : value;
const bool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
/** May be left out, but not sent as null. */
const Optional = () => ValidateIf((_: object, v: unknown) => v !== undefined);
/** May be left out or null (clears the field). */
const Nullable = () => ValidateIf((_: object, v: unknown) => v !== undefined && v !== null);

/** The largest annual value accepted (whole kronor; fits a 32-bit integer column). */
export const MAX_ANNUAL_VALUE = 2_000_000_000;
/** The deepest tier a chain may have at all (a contract allows at most this many). */
export const MAX_TIER = 20;
export const CONTRACT_STATUSES = ['upcoming', 'active', 'ended'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export class SubcontractorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'NNNNNN-NNNN' }) organisationNumber: string;
  @ApiProperty({ description: '1 = works for the supplier itself' }) tier: number;
  @ApiProperty({ enum: APPROVAL_STATUSES }) approvalStatus: ApprovalStatus;
}

export class ChainWarningDto {
  @ApiProperty({ enum: ['chain_too_deep', 'subcontractor_not_approved', 'chain_gap'] })
  code: 'chain_too_deep' | 'subcontractor_not_approved' | 'chain_gap';
  @ApiProperty({ required: false }) maxTiers?: number;
  @ApiProperty({ required: false }) deepestTier?: number;
  @ApiProperty({ required: false, type: [String] }) subcontractorIds?: string[];
  @ApiProperty({ required: false, type: [Number] }) missingTiers?: number[];
}

export class ContractSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() diarienummer: string;
  @ApiProperty() supplierId: string;
  @ApiProperty() supplierName: string;
  @ApiProperty() supplierOrganisationNumber: string;
  @ApiProperty({ enum: SECTORS }) sector: Sector;
  @ApiProperty({ description: 'Whole kronor (SEK) per year' }) annualValue: number;
  @ApiProperty({ description: 'YYYY-MM-DD' }) startDate: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) endDate: string;
  @ApiProperty({ enum: CONTRACT_STATUSES, description: 'From the dates and today' })
  status: ContractStatus;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: FOLLOW_UP_CLASSES }) followUpClass: FollowUpClass;
  @ApiProperty({ description: 'Months between planned follow-ups (A 4, B 12, C 24)' })
  followUpIntervalMonths: number;
  @ApiProperty({ description: 'Warnings of the subcontractor chain rule' })
  chainWarningCount: number;
  @ApiProperty({
    description:
      'A current jäv/interest declaration names this supplier (neutral flag: never who or what)',
  })
  declaredInterest: boolean;
  @ApiProperty() updatedAt: string;
}

export class ContractDetailDto extends ContractSummaryDto {
  @ApiProperty({ type: String, nullable: true }) ownerId: string | null;
  @ApiProperty({ type: String, nullable: true }) ownerName: string | null;
  @ApiProperty({ description: 'Planned follow-ups per year (A 3, B 1, C 0.5)' })
  followUpsPerYear: number;
  @ApiProperty({ description: 'Subcontractor tiers the contract allows (0 = none)' })
  maxSubcontractorTiers: number;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: [SubcontractorDto] }) subcontractors: SubcontractorDto[];
  @ApiProperty({ type: [ChainWarningDto] }) chainWarnings: ChainWarningDto[];
  @ApiProperty() createdAt: string;
}

export class ContractPageDto {
  @ApiProperty({ type: [ContractSummaryDto] }) items: ContractSummaryDto[];
  @ApiProperty({ description: 'Contracts matching the filters (all pages)' }) total: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export const CONTRACT_SORTS = [
  'title',
  'diarienummer',
  'annualValue',
  'startDate',
  'endDate',
] as const;
export type ContractSort = (typeof CONTRACT_SORTS)[number];

/** Filters shared by the list and the export. */
export class ContractFilterQuery {
  @ApiProperty({
    required: false,
    maxLength: 100,
    description: 'Title, diarienummer, supplier name or organisation number',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(trim)
  q?: string;

  @ApiProperty({ required: false, enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiProperty({ required: false, enum: FOLLOW_UP_CLASSES })
  @IsOptional()
  @IsIn(FOLLOW_UP_CLASSES)
  followUpClass?: FollowUpClass;

  @ApiProperty({ required: false, description: 'The responsible unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID()
  supplierId?: string;

  @ApiProperty({ required: false, enum: CONTRACT_STATUSES })
  @IsOptional()
  @IsIn(CONTRACT_STATUSES)
  status?: ContractStatus;

  @ApiProperty({ required: false, enum: ['true', 'false'], description: 'Has chain warnings' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  chainWarning?: boolean;

  @ApiProperty({ required: false, enum: CONTRACT_SORTS, default: 'title' })
  @IsOptional()
  @IsIn(CONTRACT_SORTS)
  sort?: ContractSort;

  @ApiProperty({ required: false, enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class ListContractsQuery extends ContractFilterQuery {
  @ApiProperty({ required: false, maxLength: 400, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class SubcontractorInputDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'name får inte innehålla styrtecken eller < >' })
  name: string;

  @ApiProperty({ maxLength: 32, description: 'NNNNNN-NNNN or 10 digits; Luhn-checked' })
  @IsString()
  @MaxLength(32)
  organisationNumber: string;

  @ApiProperty({ minimum: 1, maximum: MAX_TIER })
  @IsInt()
  @Min(1)
  @Max(MAX_TIER)
  tier: number;

  @ApiProperty({ enum: APPROVAL_STATUSES })
  @IsIn(APPROVAL_STATUSES)
  approvalStatus: ApprovalStatus;
}

/** Fields that may be cleared (null) on create and edit alike. */
export class ContractOptionalDto {
  @ApiProperty({ required: false, type: String, nullable: true, description: 'A user id' })
  @Nullable()
  @IsUUID()
  ownerId?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 4000 })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'notes får inte innehålla styrtecken eller < >' })
  notes?: string | null;
}

export class CreateContractDto extends ContractOptionalDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title: string;

  @ApiProperty({ maxLength: 40 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @Matches(SINGLE_LINE, { message: 'diarienummer får inte innehålla styrtecken eller < >' })
  diarienummer: string;

  @ApiProperty()
  @IsUUID()
  supplierId: string;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS)
  sector: Sector;

  @ApiProperty({ minimum: 0, maximum: MAX_ANNUAL_VALUE, description: 'Whole kronor per year' })
  @IsInt()
  @Min(0)
  @Max(MAX_ANNUAL_VALUE)
  annualValue: number;

  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsString()
  @Matches(DATE, { message: 'startDate: ÅÅÅÅ-MM-DD' })
  startDate: string;

  @ApiProperty({ description: 'YYYY-MM-DD, not before startDate' })
  @IsString()
  @Matches(DATE, { message: 'endDate: ÅÅÅÅ-MM-DD' })
  endDate: string;

  @ApiProperty({ description: 'The responsible unit' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ enum: FOLLOW_UP_CLASSES })
  @IsIn(FOLLOW_UP_CLASSES)
  followUpClass: FollowUpClass;

  @ApiProperty({ minimum: 0, maximum: MAX_TIER, required: false, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TIER)
  maxSubcontractorTiers?: number;

  @ApiProperty({ type: [SubcontractorInputDto], required: false, maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubcontractorInputDto)
  subcontractors?: SubcontractorInputDto[];
}

export class UpdateContractDto extends ContractOptionalDto {
  @ApiProperty({ required: false, maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title?: string;

  @ApiProperty({ required: false, maxLength: 40 })
  @Optional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @Matches(SINGLE_LINE, { message: 'diarienummer får inte innehålla styrtecken eller < >' })
  diarienummer?: string;

  @ApiProperty({ required: false })
  @Optional()
  @IsUUID()
  supplierId?: string;

  @ApiProperty({ required: false, enum: SECTORS })
  @Optional()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiProperty({ required: false, minimum: 0, maximum: MAX_ANNUAL_VALUE })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_ANNUAL_VALUE)
  annualValue?: number;

  @ApiProperty({ required: false, description: 'YYYY-MM-DD' })
  @Optional()
  @IsString()
  @Matches(DATE, { message: 'startDate: ÅÅÅÅ-MM-DD' })
  startDate?: string;

  @ApiProperty({ required: false, description: 'YYYY-MM-DD' })
  @Optional()
  @IsString()
  @Matches(DATE, { message: 'endDate: ÅÅÅÅ-MM-DD' })
  endDate?: string;

  @ApiProperty({ required: false, description: 'Move to another unit of your scope' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ required: false, enum: FOLLOW_UP_CLASSES })
  @Optional()
  @IsIn(FOLLOW_UP_CLASSES)
  followUpClass?: FollowUpClass;

  @ApiProperty({ required: false, minimum: 0, maximum: MAX_TIER })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_TIER)
  maxSubcontractorTiers?: number;

  @ApiProperty({
    type: [SubcontractorInputDto],
    required: false,
    maxItems: 100,
    description: 'The whole chain (replaces the registered one)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubcontractorInputDto)
  subcontractors?: SubcontractorInputDto[];
}
