import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
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
  MinLength,
} from 'class-validator';
import {
  GIFT_OUTCOMES,
  GUIDE_FLAGS,
  type GiftOutcome,
  type GuideFlag,
} from '../../domain/gift-guide';
import {
  GIFT_DECISIONS,
  GIFT_RELATIONS,
  type GiftDecision,
  type GiftRelation,
} from '../../domain/guidance-taxonomy';
import { GIFT_ENTRY_STATUSES, type GiftEntryStatus } from '../entities/gift-entry.entity';
import { IsGuideAnswers } from './gift-guide.dto';

const SINGLE_LINE = /^[^\u0000-\u001f<>]+$/u;
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const trimOrUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || undefined : value;
const bool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The largest estimated value accepted (whole kronor). */
export const MAX_GIFT_VALUE = 10_000_000;

export class CreateGiftDto {
  @ApiProperty({ maxLength: 200, description: 'Who offered it (person or organisation)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(SINGLE_LINE)
  giverName: string;

  @ApiProperty({ required: false, description: 'NNNNNN-NNNN when the giver is a company' })
  @IsOptional()
  @Transform(trimOrUndefined)
  @IsString()
  @MaxLength(13)
  giverOrganisationNumber?: string;

  @ApiProperty({
    required: false,
    description: 'The supplier of the register (from /api/gifts/givers)',
  })
  @IsOptional()
  @IsUUID()
  supplierId?: string;

  @ApiProperty({ enum: GIFT_RELATIONS }) @IsIn(GIFT_RELATIONS) relation: GiftRelation;

  @ApiProperty({ maxLength: 500, description: 'What was offered' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @Matches(NO_CONTROL)
  description: string;

  @ApiProperty({ description: 'Estimated value in whole kronor', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_GIFT_VALUE)
  estimatedValue: number;

  @ApiProperty({ description: 'YYYY-MM-DD: when it was offered or received' })
  @IsString()
  @Matches(DATE)
  receivedOn: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['yes', 'no'] },
    description: 'The guide answers: the entry stores the outcome the current rules give',
  })
  @IsGuideAnswers()
  answers: Record<string, 'yes' | 'no'>;
}

export class GiftDecisionDto {
  @ApiProperty({ enum: GIFT_DECISIONS }) @IsIn(GIFT_DECISIONS) decision: GiftDecision;

  @ApiProperty({ maxLength: 2000, description: 'Why (required)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @Matches(NO_CONTROL)
  motivation: string;
}

export class ListGiftsQuery {
  @ApiProperty({ required: false, description: 'Only my own entries' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  mine?: boolean;

  @ApiProperty({ required: false, enum: GIFT_ENTRY_STATUSES })
  @IsOptional()
  @IsIn(GIFT_ENTRY_STATUSES)
  status?: GiftEntryStatus;

  @ApiProperty({ required: false, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class GiverLookupQuery {
  @ApiProperty({
    minLength: 3,
    maxLength: 100,
    description: 'An organisation number, or the first letters (3 or more) of a supplier name',
  })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  @Matches(SINGLE_LINE)
  q: string;
}

export class GiverMatchDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class PersonRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class GiftPathStepDto {
  @ApiProperty() question: string;
  @ApiProperty({ enum: ['yes', 'no'] }) answer: 'yes' | 'no';
}

export class GiftEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() userName: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() giverName: string;
  @ApiProperty({ type: String, nullable: true }) giverOrganisationNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierId: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierName: string | null;
  @ApiProperty({ enum: GIFT_RELATIONS }) relation: GiftRelation;
  @ApiProperty() description: string;
  @ApiProperty() estimatedValue: number;
  @ApiProperty() receivedOn: string;
  @ApiProperty({ enum: GIFT_OUTCOMES }) outcome: GiftOutcome;
  @ApiProperty() guideVersion: number;
  @ApiProperty({ type: [GiftPathStepDto] }) path: GiftPathStepDto[];
  @ApiProperty({ enum: GUIDE_FLAGS, isArray: true }) flags: GuideFlag[];
  @ApiProperty({ enum: GIFT_ENTRY_STATUSES }) status: GiftEntryStatus;
  @ApiProperty({ enum: GIFT_DECISIONS, nullable: true, type: String })
  decision: GiftDecision | null;
  @ApiProperty({ type: String, nullable: true }) decisionMotivation: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) decidedBy: PersonRefDto | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'Whether you may decide on it now' }) canDecide: boolean;
}

export class GiftPageDto {
  @ApiProperty({ type: [GiftEntryDto] }) items: GiftEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
