import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
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
  CASE_STATUSES,
  CLOSING_CODES,
  type CaseStatus,
  type ClosingCode,
} from '../../domain/case-status';
import { WAIVER_REASONS, type WaiverReason } from '../../domain/legal-timers';
import {
  CASE_ACTION_TYPES,
  CASE_CATEGORIES,
  CONFIDENTIALITY_LEVELS,
  EXPOSED_FUNCTIONS,
  INFLUENCER_TYPES,
  IRREGULARITY_KINDS,
  PERCEIVED_PURPOSES,
  SITUATIONS,
  TRACKS,
  type CaseActionType,
  type CaseCategory,
  type Confidentiality,
  type IrregularityKind,
  type Track,
} from '../../domain/taxonomy';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
/** Free text: line breaks and tabs allowed, other control characters not. */
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/u;
const SINGLE_LINE = /^[^\u0000-\u001f]*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** May be left out or null (clears the field). */
const Nullable = () => ValidateIf((_: object, v: unknown) => v !== undefined && v !== null);
/** May be left out, but not sent as null. */
const Optional = () => ValidateIf((_: object, v: unknown) => v !== undefined);

export const CASE_SORTS = ['received', 'due', 'reference'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export const DEADLINE_FILTERS = ['overdue', 'due_soon', 'open'] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];
export const DEADLINE_STATES = ['overdue', 'due_soon', 'due'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
export const IDENTITY_STATES = [
  'identified',
  'anonymous',
  'hidden',
  'requested',
  'approved',
  'refused',
] as const;
export type IdentityState = (typeof IDENTITY_STATES)[number];
/** The opaque keyset cursor: base64url, short. */
export const CASE_CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

// ---------------------------------------------------------------- inbox

export class ListCasesQuery {
  @ApiProperty({ required: false, enum: TRACKS })
  @IsOptional()
  @IsIn(TRACKS)
  track?: Track;

  @ApiProperty({ required: false, enum: CASE_CATEGORIES })
  @IsOptional()
  @IsIn(CASE_CATEGORIES)
  category?: CaseCategory;

  @ApiProperty({ required: false, enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiProperty({ required: false, description: 'Unit; includes its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({
    required: false,
    enum: DEADLINE_FILTERS,
    description:
      'overdue: a legal deadline has passed; due_soon: one falls due within the reminder window; open: any legal deadline is open',
  })
  @IsOptional()
  @IsIn(DEADLINE_FILTERS)
  deadline?: DeadlineFilter;

  @ApiProperty({ required: false, maxLength: 20, description: 'Reference number or its beginning' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Transform(trim)
  @Matches(/^[A-Za-z0-9-]*$/, { message: 'q: ett ärendenummer, t.ex. VRN-2026-00042' })
  q?: string;

  @ApiProperty({ required: false, enum: CASE_SORTS, default: 'received' })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort?: CaseSort;

  @ApiProperty({
    required: false,
    enum: ['asc', 'desc'],
    description: 'Default desc for received, asc otherwise',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiProperty({ required: false, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(CASE_CURSOR, { message: 'after: använd värdet från nextCursor' })
  after?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CaseSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'VRN-2026-00042' }) reference: string;
  @ApiProperty({ enum: TRACKS }) track: Track;
  @ApiProperty({ enum: CASE_CATEGORIES }) category: CaseCategory;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ enum: CONFIDENTIALITY_LEVELS }) confidentiality: Confidentiality;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: 'ISO time' }) receivedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD; visselblåsning only' })
  acknowledgementDueAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD; visselblåsning only' })
  feedbackDueAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The earliest open legal deadline (YYYY-MM-DD)',
  })
  nextDueOn: string | null;
  @ApiProperty({ enum: DEADLINE_STATES, nullable: true, type: String })
  deadlineState: DeadlineState | null;
  @ApiProperty({ type: String, nullable: true, description: 'Risk band of the severity' })
  severityBand: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeId: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName: string | null;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items: CaseSummaryDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export class DeadlineItemDto {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['acknowledgement', 'feedback'] }) kind: 'acknowledgement' | 'feedback';
  @ApiProperty({ description: 'YYYY-MM-DD' }) dueOn: string;
  @ApiProperty({ enum: ['overdue', 'due_soon'] }) state: 'overdue' | 'due_soon';
  @ApiProperty({ type: String, nullable: true }) assigneeName: string | null;
}

export class DeadlineBoardDto {
  @ApiProperty({ type: [DeadlineItemDto] }) items: DeadlineItemDto[];
}

// ---------------------------------------------------------------- case detail

export class CaseIntakeDto {
  @ApiProperty({ type: String, nullable: true, required: false }) occurredOn?: string | null;
  @ApiProperty({ enum: EXPOSED_FUNCTIONS, nullable: true, required: false, type: String })
  exposedFunction?: string | null;
  @ApiProperty({ enum: SITUATIONS, nullable: true, required: false, type: String })
  situation?: string | null;
  @ApiProperty({ enum: PERCEIVED_PURPOSES, nullable: true, required: false, type: String })
  perceivedPurpose?: string | null;
  @ApiProperty({ enum: INFLUENCER_TYPES, nullable: true, required: false, type: String })
  influencerType?: string | null;
  @ApiProperty({ type: Boolean, nullable: true, required: false }) repeated?: boolean | null;
  @ApiProperty({ type: String, nullable: true, required: false })
  relatedReference?: string | null;
  @ApiProperty({ type: Boolean, nullable: true, required: false }) wantsContact?: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true, required: false }) acuteDanger?: boolean | null;
}

export class CaseWelfareDto {
  @ApiProperty({ type: String, nullable: true, required: false })
  contractOrSupplier?: string | null;
  @ApiProperty({ type: String, nullable: true, required: false }) supplierId?: string | null;
  @ApiProperty({ type: String, nullable: true, required: false }) periodFrom?: string | null;
  @ApiProperty({ type: String, nullable: true, required: false }) periodTo?: string | null;
  @ApiProperty({ type: Number, nullable: true, required: false }) amountSek?: number | null;
  @ApiProperty({ type: String, nullable: true, required: false }) noticedHow?: string | null;
}

export class CaseSeverityDto {
  @ApiProperty() likelihood: number;
  @ApiProperty() consequence: number;
  @ApiProperty() score: number;
  @ApiProperty({ description: 'Risk band code (lag, medel, hog, mycket_hog)' }) band: string;
  @ApiProperty() matrixVersion: number;
  @ApiProperty({ example: '4 × 5 = 20 → Mycket hög' }) explanation: string;
}

export class CaseTimerStateDto {
  @ApiProperty({ enum: ['due', 'dueSoon', 'overdue', 'done', 'waived'] }) state: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) dueOn: string;
  @ApiProperty({ required: false }) daysLeft?: number;
  @ApiProperty({ required: false }) daysOverdue?: number;
  @ApiProperty({ required: false, description: 'YYYY-MM-DD' }) endedOn?: string;
  @ApiProperty({ required: false, description: 'done: sent after the due day' }) late?: boolean;
  @ApiProperty({ required: false, enum: WAIVER_REASONS }) reason?: WaiverReason;
}

export class CaseTimersDto {
  @ApiProperty({ type: CaseTimerStateDto }) acknowledgement: CaseTimerStateDto;
  @ApiProperty({ type: CaseTimerStateDto }) feedback: CaseTimerStateDto;
}

export class CaseReporterDto {
  @ApiProperty() displayName: string;
  @ApiProperty() username: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
}

export class CaseMessageDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['reporter', 'handler'] }) from: 'reporter' | 'handler';
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The handler's name; null for the reporter",
  })
  authorName: string | null;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: string;
}

export class CaseNoteDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) authorName: string | null;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: string;
}

export class CaseActionDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CASE_ACTION_TYPES }) type: CaseActionType;
  @ApiProperty({ description: 'YYYY-MM-DD' }) occurredOn: string;
  @ApiProperty({ type: String, nullable: true, description: 'e.g. the police report number' })
  reference: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) createdByName: string | null;
  @ApiProperty() createdAt: string;
}

export class CaseAttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Sanitised file name' }) name: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() size: number;
  @ApiProperty() createdAt: string;
}

export class CaseDetailDto extends CaseSummaryDto {
  @ApiProperty({ enum: IRREGULARITY_KINDS, nullable: true, type: String })
  irregularityKind: IrregularityKind | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null once purged' })
  description: string | null;
  @ApiProperty({ type: CaseIntakeDto, nullable: true }) intake: CaseIntakeDto | null;
  @ApiProperty({ type: CaseWelfareDto, nullable: true }) welfare: CaseWelfareDto | null;
  @ApiProperty({ type: String, nullable: true }) supplierId: string | null;
  @ApiProperty({ type: CaseSeverityDto, nullable: true }) severity: CaseSeverityDto | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ enum: ['sent', 'waived'], nullable: true, type: String })
  ackEndKind: 'sent' | 'waived' | null;
  @ApiProperty({ enum: WAIVER_REASONS, nullable: true, type: String })
  ackWaiverReason: WaiverReason | null;
  @ApiProperty({ type: String, nullable: true }) feedbackGivenAt: string | null;
  @ApiProperty({ enum: ['sent', 'waived'], nullable: true, type: String })
  feedbackEndKind: 'sent' | 'waived' | null;
  @ApiProperty({ enum: WAIVER_REASONS, nullable: true, type: String })
  feedbackWaiverReason: WaiverReason | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the acknowledgement was waived' })
  ackWaiverMotivation: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the feedback was waived' })
  feedbackWaiverMotivation: string | null;
  @ApiProperty({
    type: CaseTimersDto,
    nullable: true,
    description: 'The legal timers (visselblåsning only)',
  })
  timers: CaseTimersDto | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ enum: CLOSING_CODES, nullable: true, type: String })
  closingCode: ClosingCode | null;
  @ApiProperty({ type: String, nullable: true, description: 'Closing summary' })
  summary: string | null;
  @ApiProperty() legalHold: boolean;
  @ApiProperty({ type: String, nullable: true }) legalHoldReason: string | null;
  @ApiProperty({ type: String, nullable: true }) purgeDueOn: string | null;
  @ApiProperty({ type: String, nullable: true }) purgedAt: string | null;
  @ApiProperty({
    type: CaseReporterDto,
    nullable: true,
    description: 'Only for identified reports; never for confidential or anonymous ones',
  })
  reporter: CaseReporterDto | null;
  @ApiProperty({ enum: IDENTITY_STATES }) identityState: IdentityState;
  @ApiProperty({ type: [CaseMessageDto] }) messages: CaseMessageDto[];
  @ApiProperty({ type: [CaseNoteDto] }) notes: CaseNoteDto[];
  @ApiProperty({ type: [CaseActionDto] }) actions: CaseActionDto[];
  @ApiProperty({ type: [CaseAttachmentDto] }) attachments: CaseAttachmentDto[];
  @ApiProperty({
    enum: CASE_STATUSES,
    isArray: true,
    description: 'Statuses the case may be moved to with PATCH (closing has its own route)',
  })
  allowedStatuses: CaseStatus[];
  @ApiProperty({ description: 'Send back with PATCH (optimistic concurrency)' }) version: number;
}

// ---------------------------------------------------------------- case work

export class SeverityInputDto {
  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  likelihood: number;

  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  consequence: number;
}

export class UpdateCaseDto {
  @ApiProperty({ description: 'The version the change builds on' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ required: false, enum: TRACKS })
  @Optional()
  @IsIn(TRACKS)
  track?: Track;

  @ApiProperty({ required: false, enum: CASE_CATEGORIES })
  @Optional()
  @IsIn(CASE_CATEGORIES)
  category?: CaseCategory;

  @ApiProperty({
    required: false,
    nullable: true,
    enum: IRREGULARITY_KINDS,
    type: String,
    description: 'Required with category valfardsbrott, null otherwise',
  })
  @Nullable()
  @IsIn(IRREGULARITY_KINDS)
  irregularityKind?: IrregularityKind | null;

  @ApiProperty({ required: false, type: SeverityInputDto, nullable: true })
  @Nullable()
  @ValidateNested()
  @Type(() => SeverityInputDto)
  severity?: SeverityInputDto | null;

  @ApiProperty({ required: false, nullable: true, type: String })
  @Nullable()
  @IsUUID()
  assigneeId?: string | null;

  @ApiProperty({
    required: false,
    enum: CASE_STATUSES,
    description: 'Not avslutad (use /close) nor gallrad (the purge)',
  })
  @Optional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiProperty({ required: false, nullable: true, type: String })
  @Nullable()
  @IsUUID()
  supplierId?: string | null;
}

export class CaseMessageInputDto {
  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @Transform(trim)
  @IsNotEmpty()
  @MaxLength(10000)
  @Matches(NO_CONTROL, { message: 'body: otillåtna tecken' })
  body: string;
}

export class TimerEventDto {
  @ApiProperty({ enum: ['sent', 'waived'] })
  @IsIn(['sent', 'waived'])
  mode: 'sent' | 'waived';

  @ApiProperty({
    required: false,
    maxLength: 10000,
    description:
      'sent: the message to the reporter (optional for an acknowledgement, required for feedback)',
  })
  @ValidateIf((o: TimerEventDto) => o.mode === 'sent' && o.body !== undefined)
  @IsString()
  @Transform(trim)
  @IsNotEmpty()
  @MaxLength(10000)
  @Matches(NO_CONTROL, { message: 'body: otillåtna tecken' })
  body?: string;

  @ApiProperty({ required: false, enum: WAIVER_REASONS, description: 'waived: required' })
  @ValidateIf((o: TimerEventDto) => o.mode === 'waived')
  @IsIn(WAIVER_REASONS)
  reason?: WaiverReason;

  @ApiProperty({ required: false, maxLength: 2000, description: 'waived: required' })
  @ValidateIf((o: TimerEventDto) => o.mode === 'waived')
  @IsString()
  @Transform(trim)
  @IsNotEmpty()
  @MaxLength(2000)
  @Matches(NO_CONTROL, { message: 'motivation: otillåtna tecken' })
  motivation?: string;
}

export class CaseActionInputDto {
  @ApiProperty({ enum: CASE_ACTION_TYPES })
  @IsIn(CASE_ACTION_TYPES)
  type: CaseActionType;

  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsString()
  @Matches(DATE, { message: 'occurredOn: ÅÅÅÅ-MM-DD' })
  occurredOn: string;

  @ApiProperty({ required: false, maxLength: 100, description: 'e.g. the police report number' })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @MaxLength(100)
  @Matches(SINGLE_LINE, { message: 'reference: en rad' })
  reference?: string;

  @ApiProperty({ required: false, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @MaxLength(2000)
  @Matches(NO_CONTROL, { message: 'note: otillåtna tecken' })
  note?: string;
}

export class CloseCaseDto {
  @ApiProperty({ enum: CLOSING_CODES })
  @IsIn(CLOSING_CODES)
  closingCode: ClosingCode;

  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @Transform(trim)
  @IsNotEmpty()
  @MaxLength(10000)
  @Matches(NO_CONTROL, { message: 'summary: otillåtna tecken' })
  summary: string;
}

export class LegalHoldDto {
  @ApiProperty()
  @IsBoolean()
  hold: boolean;

  @ApiProperty({ required: false, maxLength: 2000, description: 'Required when hold is true' })
  @ValidateIf((o: LegalHoldDto) => o.hold === true || o.reason !== undefined)
  @IsString()
  @Transform(trim)
  @IsNotEmpty()
  @MaxLength(2000)
  @Matches(NO_CONTROL, { message: 'reason: otillåtna tecken' })
  reason?: string;
}
