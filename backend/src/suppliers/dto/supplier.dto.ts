import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { RED_FLAG_GROUPS, RED_FLAGS, type RedFlagCode } from '../../contracts/domain/red-flags';

const FLAG_CODES = RED_FLAGS.map((f) => f.code);
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const SINGLE_LINE = /^[^\u0000-\u001f<>]+$/u;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
/** Empty text clears an optional field. */
const trimOrNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || null : value;
const bool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
/** May be left out, but not sent as null (a required field of the row). */
const Optional = () => ValidateIf((_: object, v: unknown) => v !== undefined);
/** May be left out or null (clears the field). */
const Nullable = () => ValidateIf((_: object, v: unknown) => v !== undefined && v !== null);

export class IndepthReasonDto {
  @ApiProperty({ enum: ['heavy_flag', 'flag_count'] }) code: 'heavy_flag' | 'flag_count';
  @ApiProperty({ required: false, enum: FLAG_CODES, description: 'heavy_flag: the flag' })
  flag?: RedFlagCode;
  @ApiProperty({ required: false, description: 'flag_count: ticked flags' }) count?: number;
  @ApiProperty({ required: false, description: 'flag_count: the threshold' }) threshold?: number;
}

export class IndepthCheckDto {
  @ApiProperty({ description: 'Fördjupad kontroll krävs' }) required: boolean;
  @ApiProperty({ type: [IndepthReasonDto] }) reasons: IndepthReasonDto[];
}

export class SupplierFlagDto {
  @ApiProperty({ enum: FLAG_CODES }) code: RedFlagCode;
  @ApiProperty({ enum: RED_FLAG_GROUPS }) group: string;
  @ApiProperty() heavy: boolean;
  @ApiProperty() evidence: string;
  @ApiProperty() tickedAt: string;
  @ApiProperty() tickedBy: string;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of who ticked it' })
  tickedByName: string | null;
}

export class SupplierSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'NNNNNN-NNNN' }) organisationNumber: string;
  @ApiProperty() flagCount: number;
  @ApiProperty({ type: IndepthCheckDto }) indepthCheck: IndepthCheckDto;
  @ApiProperty() updatedAt: string;
}

export class SupplierDetailDto extends SupplierSummaryDto {
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) beneficialOwner: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: [SupplierFlagDto] }) flags: SupplierFlagDto[];
  @ApiProperty() createdAt: string;
}

export class SupplierPageDto {
  @ApiProperty({ type: [SupplierSummaryDto] }) items: SupplierSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const SUPPLIER_SORTS = ['name', 'organisationNumber', 'flagCount', 'updatedAt'] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

export class ListSuppliersQuery {
  @ApiProperty({ required: false, maxLength: 100, description: 'Name or organisation number' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(trim)
  q?: string;

  @ApiProperty({
    required: false,
    enum: ['true', 'false'],
    description: 'Fördjupad kontroll krävs',
  })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  indepthCheck?: boolean;

  @ApiProperty({ required: false, enum: ['true', 'false'], description: 'Has any red flag' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  flagged?: boolean;

  @ApiProperty({ required: false, enum: FLAG_CODES, description: 'Has this red flag ticked' })
  @IsOptional()
  @IsIn(FLAG_CODES)
  flag?: RedFlagCode;

  @ApiProperty({ required: false, enum: SUPPLIER_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(SUPPLIER_SORTS)
  sort?: SupplierSort;

  @ApiProperty({ required: false, enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiProperty({ required: false, minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiProperty({ required: false, minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

/** The optional, clearable facts of a supplier: the same rules on create and on edit. */
export class SupplierDetailsDto {
  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 500 })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(500)
  @Matches(NO_CONTROL, { message: 'address får inte innehålla styrtecken eller < >' })
  address?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 200 })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'contactName får inte innehålla styrtecken eller < >' })
  contactName?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 254 })
  @Transform(trimOrNull)
  @Nullable()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 40 })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(40)
  @Matches(/^[0-9 +()-]+$/, { message: 'contactPhone: siffror, blanksteg och + ( ) -' })
  contactPhone?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 200 })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'beneficialOwner får inte innehålla styrtecken eller < >' })
  beneficialOwner?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 4000 })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'notes får inte innehålla styrtecken eller < >' })
  notes?: string | null;
}

export class CreateSupplierDto extends SupplierDetailsDto {
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
}

export class UpdateSupplierDto extends SupplierDetailsDto {
  @ApiProperty({ required: false, maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'name får inte innehålla styrtecken eller < >' })
  name?: string;

  @ApiProperty({ required: false, maxLength: 32 })
  @Optional()
  @IsString()
  @MaxLength(32)
  organisationNumber?: string;
}

export class TickFlagDto {
  @ApiProperty({ maxLength: 2000, description: 'What was seen, and where' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @Matches(NO_CONTROL, { message: 'evidence får inte innehålla styrtecken eller < >' })
  evidence: string;
}
