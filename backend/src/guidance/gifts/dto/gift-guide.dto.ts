import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import {
  GIFT_OUTCOMES,
  GUIDE_FLAGS,
  type GiftOutcome,
  type GuideFlag,
} from '../../domain/gift-guide';

const TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const ID = /^[a-z0-9_]{1,40}$/;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** `{ questionId: 'yes' | 'no' }` with at most 50 answers and well-formed question ids. */
export function IsGuideAnswers(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGuideAnswers',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 50 &&
          Object.entries(value).every(([k, v]) => ID.test(k) && (v === 'yes' || v === 'no')),
        defaultMessage: () =>
          'answers ska vara ett objekt { frågans id: "yes" | "no" } med högst 50 svar',
      },
    },
    options,
  );
}

export class GuideStepDto {
  @ApiProperty({ required: false, description: 'The next question (or give outcome)' })
  @IsOptional()
  @IsString()
  @Matches(ID)
  next?: string;

  @ApiProperty({ required: false, enum: GIFT_OUTCOMES })
  @IsOptional()
  @IsIn(GIFT_OUTCOMES)
  outcome?: GiftOutcome;

  @ApiProperty({ required: false, maxLength: 500, description: 'Shown as the reasoning' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  @Matches(TEXT)
  reason?: string;

  @ApiProperty({ required: false, enum: GUIDE_FLAGS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GUIDE_FLAGS.length)
  @IsIn(GUIDE_FLAGS, { each: true })
  flags?: GuideFlag[];
}

export class GuideQuestionDto {
  @ApiProperty({ pattern: ID.source }) @IsString() @Matches(ID) id: string;

  @ApiProperty({ minimum: 0, maximum: 99 }) @IsInt() @Min(0) @Max(99) number: number;

  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @Matches(TEXT)
  text: string;

  @ApiProperty({ maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  @Matches(TEXT)
  help: string;

  @ApiProperty({ type: GuideStepDto })
  @ValidateNested()
  @Type(() => GuideStepDto)
  yes: GuideStepDto;

  @ApiProperty({ type: GuideStepDto })
  @ValidateNested()
  @Type(() => GuideStepDto)
  no: GuideStepDto;
}

export class GuideOutcomeTextDto {
  @ApiProperty({ maxLength: 120 })
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  @Matches(TEXT)
  title: string;

  @ApiProperty({ maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  @Matches(TEXT)
  text: string;
}

export class GuideOutcomesDto {
  @ApiProperty({ type: GuideOutcomeTextDto })
  @ValidateNested()
  @Type(() => GuideOutcomeTextDto)
  A: GuideOutcomeTextDto;
  @ApiProperty({ type: GuideOutcomeTextDto })
  @ValidateNested()
  @Type(() => GuideOutcomeTextDto)
  B: GuideOutcomeTextDto;
  @ApiProperty({ type: GuideOutcomeTextDto })
  @ValidateNested()
  @Type(() => GuideOutcomeTextDto)
  C: GuideOutcomeTextDto;
  @ApiProperty({ type: GuideOutcomeTextDto })
  @ValidateNested()
  @Type(() => GuideOutcomeTextDto)
  D: GuideOutcomeTextDto;
}

/** A whole rule set as an administrator saves it: it becomes baseVersion + 1. */
export class SaveGiftGuideRulesDto {
  @ApiProperty({ description: 'The version the edit started from (stale → edit_conflict)' })
  @IsInt()
  @Min(0)
  baseVersion: number;

  @ApiProperty({ pattern: ID.source }) @IsString() @Matches(ID) start: string;

  @ApiProperty({ type: [GuideQuestionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => GuideQuestionDto)
  questions: GuideQuestionDto[];

  @ApiProperty({ type: GuideOutcomesDto })
  @ValidateNested()
  @Type(() => GuideOutcomesDto)
  outcomes: GuideOutcomesDto;
}

/** The rules as stored (the current or a named version). */
export class GiftGuideRulesDto {
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() start: string;
  @ApiProperty({ type: [GuideQuestionDto] }) questions: GuideQuestionDto[];
  @ApiProperty({ type: GuideOutcomesDto }) outcomes: GuideOutcomesDto;
}

export class EvaluateGiftGuideDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['yes', 'no'] },
    description: 'Answers by question id; answers off the path are ignored',
    example: { pengar: 'no', givaren_har_intresse: 'yes' },
  })
  @IsGuideAnswers()
  answers: Record<string, 'yes' | 'no'>;
}

export class GuideReasonDto {
  @ApiProperty() question: string;
  @ApiProperty() number: number;
  @ApiProperty({ enum: ['yes', 'no'] }) answer: 'yes' | 'no';
  @ApiProperty({ description: 'The reason as the rules word it (Swedish, rules data)' })
  text: string;
}

export class GuidePathStepDto {
  @ApiProperty() question: string;
  @ApiProperty() number: number;
  @ApiProperty({ description: 'The question as the rules word it' }) text: string;
  @ApiProperty({ enum: ['yes', 'no'] }) answer: 'yes' | 'no';
}

export class GuideFollowUpsDto {
  @ApiProperty({ description: 'Register the gift (B, D, and C when the giver has an interest)' })
  giftRegister: boolean;
  @ApiProperty({ description: 'Offer to report a possible influence attempt (C)' })
  influenceReport: boolean;
}

export class GiftGuideEvaluationDto {
  @ApiProperty({ description: 'The rules version used (the current one)' }) version: number;
  @ApiProperty() complete: boolean;
  @ApiProperty({ enum: GIFT_OUTCOMES, nullable: true, type: String })
  outcome: GiftOutcome | null;
  @ApiProperty({ type: GuideOutcomeTextDto, nullable: true })
  outcomeText: GuideOutcomeTextDto | null;
  @ApiProperty({ type: [GuideReasonDto] }) reasons: GuideReasonDto[];
  @ApiProperty({ type: [GuidePathStepDto] }) path: GuidePathStepDto[];
  @ApiProperty({ enum: GUIDE_FLAGS, isArray: true }) flags: GuideFlag[];
  @ApiProperty({ type: GuideFollowUpsDto, nullable: true })
  followUps: GuideFollowUpsDto | null;
  @ApiProperty({ type: GuideQuestionDto, nullable: true, description: 'When not complete' })
  next: GuideQuestionDto | null;
}
