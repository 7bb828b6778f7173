import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
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
import { CASE_STATUSES, type CaseStatus } from '../../domain/case-status';
import {
  CASE_CATEGORIES,
  EXPOSED_FUNCTIONS,
  INFLUENCER_TYPES,
  IRREGULARITY_KINDS,
  PERCEIVED_PURPOSES,
  SITUATIONS,
  TRACKS,
  type CaseCategory,
  type ExposedFunction,
  type InfluencerType,
  type IrregularityKind,
  type PerceivedPurpose,
  type Situation,
  type Track,
} from '../../domain/taxonomy';

/** Free text: no control characters other than tab and line breaks. */
const TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/u;
const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/u;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const trimOrNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || null : value;
/** May be left out or null. */
const Nullable = () => ValidateIf((_: object, v: unknown) => v !== undefined && v !== null);

export const DESCRIPTION_MAX = 20_000;
export const MESSAGE_MAX = 10_000;

/** The optional intake answers beside the description (domain.md §3). */
export class IntakeDto {
  @ApiProperty({ required: false, type: String, nullable: true, description: 'YYYY-MM-DD' })
  @Nullable()
  @IsString()
  @Matches(DATE, { message: 'occurredOn ska vara ett datum (ÅÅÅÅ-MM-DD)' })
  occurredOn?: string | null;

  @ApiProperty({ required: false, enum: EXPOSED_FUNCTIONS, nullable: true })
  @Nullable()
  @IsIn(EXPOSED_FUNCTIONS)
  exposedFunction?: ExposedFunction | null;

  @ApiProperty({ required: false, enum: SITUATIONS, nullable: true })
  @Nullable()
  @IsIn(SITUATIONS)
  situation?: Situation | null;

  @ApiProperty({ required: false, enum: PERCEIVED_PURPOSES, nullable: true })
  @Nullable()
  @IsIn(PERCEIVED_PURPOSES)
  perceivedPurpose?: PerceivedPurpose | null;

  @ApiProperty({ required: false, enum: INFLUENCER_TYPES, nullable: true })
  @Nullable()
  @IsIn(INFLUENCER_TYPES)
  influencerType?: InfluencerType | null;

  @ApiProperty({ required: false, type: Boolean, nullable: true })
  @Nullable()
  @IsBoolean()
  repeated?: boolean | null;

  @ApiProperty({
    required: false,
    type: String,
    nullable: true,
    maxLength: 100,
    description: 'An earlier report or case this one relates to',
  })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(100)
  @Matches(SINGLE_LINE, { message: 'relatedReference får inte innehålla styrtecken' })
  relatedReference?: string | null;

  @ApiProperty({ required: false, type: Boolean, nullable: true })
  @Nullable()
  @IsBoolean()
  wantsContact?: boolean | null;

  @ApiProperty({
    required: false,
    type: Boolean,
    nullable: true,
    description: 'The answer to "Är du i akut fara just nu?"',
  })
  @Nullable()
  @IsBoolean()
  acuteDanger?: boolean | null;
}

/** The welfare-crime branch (only with category `valfardsbrott`). */
export class WelfareDto {
  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 300 })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(300)
  @Matches(TEXT, { message: 'contractOrSupplier får inte innehålla styrtecken' })
  contractOrSupplier?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, format: 'uuid' })
  @Nullable()
  @IsUUID()
  supplierId?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, description: 'YYYY-MM-DD' })
  @Nullable()
  @IsString()
  @Matches(DATE, { message: 'periodFrom ska vara ett datum (ÅÅÅÅ-MM-DD)' })
  periodFrom?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, description: 'YYYY-MM-DD' })
  @Nullable()
  @IsString()
  @Matches(DATE, { message: 'periodTo ska vara ett datum (ÅÅÅÅ-MM-DD)' })
  periodTo?: string | null;

  @ApiProperty({ required: false, type: Number, nullable: true, minimum: 0 })
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  amountSek?: number | null;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 2000 })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(2000)
  @Matches(TEXT, { message: 'noticedHow får inte innehålla styrtecken' })
  noticedHow?: string | null;
}

/** What every report carries, anonymous or signed in. */
export class PublicReportDto {
  @ApiProperty({ enum: TRACKS })
  @IsIn(TRACKS)
  track: Track;

  @ApiProperty({ enum: CASE_CATEGORIES })
  @IsIn(CASE_CATEGORIES)
  category: CaseCategory;

  @ApiProperty({
    required: false,
    enum: IRREGULARITY_KINDS,
    nullable: true,
    description: 'Required with category valfardsbrott, not allowed otherwise',
  })
  @Nullable()
  @IsIn(IRREGULARITY_KINDS)
  irregularityKind?: IrregularityKind | null;

  @ApiProperty({ minLength: 1, maxLength: DESCRIPTION_MAX })
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsNotEmpty()
  @MaxLength(DESCRIPTION_MAX)
  @Matches(TEXT, { message: 'description får inte innehålla styrtecken' })
  description: string;

  @ApiProperty({ format: 'uuid', description: 'The unit where it happened' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ required: false, type: IntakeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => IntakeDto)
  intake?: IntakeDto;

  @ApiProperty({
    required: false,
    type: WelfareDto,
    nullable: true,
    description: 'Only with category valfardsbrott',
  })
  @Nullable()
  @IsObject()
  @ValidateNested()
  @Type(() => WelfareDto)
  welfare?: WelfareDto | null;
}

export const SIGNED_IN_CONFIDENTIALITY = ['identified', 'confidential'] as const;
export type SignedInConfidentiality = (typeof SIGNED_IN_CONFIDENTIALITY)[number];

export class CreateReportDto extends PublicReportDto {
  @ApiProperty({
    enum: SIGNED_IN_CONFIDENTIALITY,
    description:
      'identified: handlers see who reported; confidential: only an identitetsansvarig may disclose it',
  })
  @IsIn(SIGNED_IN_CONFIDENTIALITY)
  confidentiality: SignedInConfidentiality;

  @ApiProperty({
    required: false,
    type: String,
    nullable: true,
    format: 'uuid',
    description:
      'The handler the report concerns (from GET /api/reports/handlers): the case never reaches them',
  })
  @Nullable()
  @IsUUID()
  concernsHandlerId?: string | null;
}

export class CreatedReportDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'VRN-2026-00042' }) reference: string;
}

export class ReceiptDto {
  @ApiProperty({
    description: 'The 16-digit receipt code: shown once, stored only as a keyed hash',
    example: '4929804463622139',
  })
  receiptCode: string;
}

export class OpenReceiptSessionDto {
  @ApiProperty({ maxLength: 64, description: '16 digits; spaces and dashes are ignored' })
  @IsString()
  @MaxLength(64)
  receiptCode: string;
}

export class ReceiptSessionDto {
  @ApiProperty({ example: 'VRN-2026-00042' }) reference: string;
}

export class IntakeUnitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty() depth: number;
}

export class SecurityContactDto {
  @ApiProperty() name: string;
  @ApiProperty() phone: string;
  @ApiProperty() email: string;
}

export class IntakeInfoDto {
  @ApiProperty({ type: [IntakeUnitDto], description: 'The active units, parents before children' })
  units: IntakeUnitDto[];
  @ApiProperty({ type: SecurityContactDto }) securityContact: SecurityContactDto;
}

export class HandlersQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId: string;
}

export class HandlerOptionDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
}

export class MessageBodyDto {
  @ApiProperty({ minLength: 1, maxLength: MESSAGE_MAX })
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsNotEmpty()
  @MaxLength(MESSAGE_MAX)
  @Matches(TEXT, { message: 'body får inte innehålla styrtecken' })
  body: string;
}

export class ReporterMessageDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['reporter', 'handler'] }) from: 'reporter' | 'handler';
  @ApiProperty() body: string;
  @ApiProperty() createdAt: string;
}

export class AttachmentInfoDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty() createdAt: string;
}

export class MyReportSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: TRACKS }) track: Track;
  @ApiProperty({ enum: CASE_CATEGORIES }) category: CaseCategory;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty() receivedAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'YYYY-MM-DD (visselblåsning: 7 days after receipt)',
  })
  acknowledgementDueAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'YYYY-MM-DD (visselblåsning: 3 months after the acknowledgement)',
  })
  feedbackDueAt: string | null;
  @ApiProperty({ description: "Handler's messages the reporter has not read" })
  unreadMessages: number;
}

export class MyReportsDto {
  @ApiProperty({ type: [MyReportSummaryDto] }) items: MyReportSummaryDto[];
}

/** The reporter's view: no internal notes, no handler names, no motivations. */
export class ReporterReportViewDto {
  @ApiProperty() reference: string;
  @ApiProperty({ enum: TRACKS }) track: Track;
  @ApiProperty({ enum: CASE_CATEGORIES }) category: CaseCategory;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' })
  acknowledgementDueAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' })
  feedbackDueAt: string | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) feedbackGivenAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null once the case has been purged (its content destroyed)',
  })
  description: string | null;
  @ApiProperty({ type: [ReporterMessageDto] }) messages: ReporterMessageDto[];
  @ApiProperty({ type: [AttachmentInfoDto], description: "The reporter's own attachments" })
  attachments: AttachmentInfoDto[];
}

export class IdentityDisclosureDto {
  @ApiProperty({ description: 'Display name of the handler the identity was disclosed to' })
  to: string;
  @ApiProperty() at: string;
}

export class MyReportViewDto extends ReporterReportViewDto {
  @ApiProperty() id: string;
  @ApiProperty({
    type: [IdentityDisclosureDto],
    description: 'Approved identity requests: to whom and when the identity was disclosed',
  })
  identityDisclosures: IdentityDisclosureDto[];
}
