import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
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
  ValidateNested,
} from 'class-validator';
import {
  DECLARATION_INTEREST_KINDS,
  DECLARATION_TYPES,
  JAV_GROUNDS,
  JAV_HANDLING,
  type DeclarationInterestKind,
  type DeclarationType,
  type JavGround,
  type JavHandling,
} from '../../domain/guidance-taxonomy';
import { DECLARATION_STATUSES, type DeclarationStatus } from '../entities/declaration.entity';

const SINGLE_LINE = /^[^\u0000-\u001f<>]+$/u;
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const trimOrUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || undefined : value;
const bool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export const VALIDITY_STATES = ['current', 'due_soon', 'expired'] as const;
export type ValidityState = (typeof VALIDITY_STATES)[number];
export const COVERAGE_STATES = [...VALIDITY_STATES, 'missing'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

export class DeclarationInterestInputDto {
  @ApiProperty({ enum: DECLARATION_INTEREST_KINDS })
  @IsIn(DECLARATION_INTEREST_KINDS)
  kind: DeclarationInterestKind;

  @ApiProperty({ maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  @Matches(NO_CONTROL)
  description: string;

  @ApiProperty({ required: false, description: 'NNNNNN-NNNN when the interest is in a company' })
  @IsOptional()
  @Transform(trimOrUndefined)
  @IsString()
  @MaxLength(13)
  organisationNumber?: string;

  @ApiProperty({ required: false, maxLength: 200 })
  @IsOptional()
  @Transform(trimOrUndefined)
  @IsString()
  @MaxLength(200)
  @Matches(SINGLE_LINE)
  organisationName?: string;
}

export class CreateDeclarationDto {
  @ApiProperty({ enum: DECLARATION_TYPES }) @IsIn(DECLARATION_TYPES) type: DeclarationType;

  @ApiProperty({ required: false, maxLength: 200, description: 'Befattning / roll' })
  @IsOptional()
  @Transform(trimOrUndefined)
  @IsString()
  @MaxLength(200)
  @Matches(SINGLE_LINE)
  roleTitle?: string;

  @ApiProperty({
    required: false,
    maxLength: 60,
    description: 'Diarienummer (required for ärendespecifik)',
  })
  @IsOptional()
  @Transform(trimOrUndefined)
  @IsString()
  @MaxLength(60)
  @Matches(SINGLE_LINE)
  caseReference?: string;

  @ApiProperty({ required: false, maxLength: 300, description: 'The case or assignment' })
  @IsOptional()
  @Transform(trimOrUndefined)
  @IsString()
  @MaxLength(300)
  @Matches(NO_CONTROL)
  caseDescription?: string;

  @ApiProperty({ required: false, maxLength: 200, description: 'Party or supplier of the case' })
  @IsOptional()
  @Transform(trimOrUndefined)
  @IsString()
  @MaxLength(200)
  @Matches(SINGLE_LINE)
  partyName?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @Transform(trimOrUndefined)
  @IsString()
  @MaxLength(13)
  partyOrganisationNumber?: string;

  @ApiProperty({ type: [DeclarationInterestInputDto], maxItems: 30 })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => DeclarationInterestInputDto)
  interests: DeclarationInterestInputDto[];

  @ApiProperty({ enum: JAV_GROUNDS, description: 'Own assessment of the ground (or inget)' })
  @IsIn(JAV_GROUNDS)
  claimedGround: JavGround;

  @ApiProperty({ required: false, maxLength: 4000 })
  @IsOptional()
  @Transform(trimOrUndefined)
  @IsString()
  @MaxLength(4000)
  @Matches(NO_CONTROL)
  ownAssessment?: string;

  @ApiProperty({ enum: JAV_HANDLING }) @IsIn(JAV_HANDLING) proposedHandling: JavHandling;

  @ApiProperty({
    required: false,
    description: 'Your own declaration this one replaces (same type)',
  })
  @IsOptional()
  @IsUUID()
  supersedesId?: string;

  @ApiProperty({ description: 'Försäkran: the information is correct and complete (must be true)' })
  @Equals(true, { message: 'affirmed måste vara true (försäkran)' })
  affirmed: true;
}

export class DeclarationDecisionDto {
  @ApiProperty({ enum: JAV_HANDLING }) @IsIn(JAV_HANDLING) handling: JavHandling;

  @ApiProperty({ maxLength: 2000, description: 'Why (required)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @Matches(NO_CONTROL)
  motivation: string;
}

export class ListDeclarationsQuery {
  @ApiProperty({ required: false, description: 'Only my own declarations' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  mine?: boolean;

  @ApiProperty({ required: false, description: 'Only declarations not superseded' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  current?: boolean;

  @ApiProperty({ required: false, enum: DECLARATION_STATUSES })
  @IsOptional()
  @IsIn(DECLARATION_STATUSES)
  status?: DeclarationStatus;

  @ApiProperty({ required: false, enum: DECLARATION_TYPES })
  @IsOptional()
  @IsIn(DECLARATION_TYPES)
  type?: DeclarationType;

  @ApiProperty({ required: false })
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

export class CoverageQuery {
  @ApiProperty({ required: false, description: 'A unit of your scope and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ required: false, enum: COVERAGE_STATES })
  @IsOptional()
  @IsIn(COVERAGE_STATES)
  state?: CoverageState;

  @ApiProperty({ required: false, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class DeclarationInterestDto {
  @ApiProperty({ enum: DECLARATION_INTEREST_KINDS }) kind: DeclarationInterestKind;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) organisationNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationName: string | null;
}

export class ValidityDto {
  @ApiProperty({ enum: VALIDITY_STATES }) state: ValidityState;
  @ApiProperty({ description: 'The last valid day' }) validThrough: string;
  @ApiProperty({ type: Number, nullable: true }) daysLeft: number | null;
}

export class DeclarationPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class DeclarationDecisionViewDto {
  @ApiProperty({ enum: JAV_HANDLING }) handling: JavHandling;
  @ApiProperty() motivation: string;
  @ApiProperty({ type: DeclarationPersonDto }) decidedBy: DeclarationPersonDto;
  @ApiProperty() decidedAt: string;
}

export class DeclarationDto {
  @ApiProperty() id: string;
  @ApiProperty() seriesId: string;
  @ApiProperty() version: number;
  @ApiProperty() userId: string;
  @ApiProperty() userName: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: DECLARATION_TYPES }) type: DeclarationType;
  @ApiProperty() signedOn: string;
  @ApiProperty() signedAt: string;
  @ApiProperty({ type: String, nullable: true }) roleTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) caseReference: string | null;
  @ApiProperty({ type: String, nullable: true }) caseDescription: string | null;
  @ApiProperty({ type: String, nullable: true }) partyName: string | null;
  @ApiProperty({ type: String, nullable: true }) partyOrganisationNumber: string | null;
  @ApiProperty({ type: [DeclarationInterestDto] }) interests: DeclarationInterestDto[];
  @ApiProperty({ enum: JAV_GROUNDS }) claimedGround: JavGround;
  @ApiProperty({ type: String, nullable: true }) ownAssessment: string | null;
  @ApiProperty({ enum: JAV_HANDLING }) proposedHandling: JavHandling;
  @ApiProperty({ enum: DECLARATION_STATUSES }) status: DeclarationStatus;
  @ApiProperty({ description: 'Not superseded by a newer declaration' }) current: boolean;
  @ApiProperty({ type: String, nullable: true }) supersededBy: string | null;
  @ApiProperty({ type: ValidityDto, nullable: true, description: 'Annual declarations only' })
  validity: ValidityDto | null;
  @ApiProperty({ type: DeclarationDecisionViewDto, nullable: true })
  decision: DeclarationDecisionViewDto | null;
  @ApiProperty({ description: 'Whether you may decide on it now' }) canDecide: boolean;
}

export class DeclarationPageDto {
  @ApiProperty({ type: [DeclarationDto] }) items: DeclarationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CoverageRowDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: COVERAGE_STATES }) state: CoverageState;
  @ApiProperty({ type: String, nullable: true }) validThrough: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The current annual declaration' })
  declarationId: string | null;
  @ApiProperty({ description: 'Any current declaration of theirs waits for a decision' })
  awaitingDecision: boolean;
}

export class CoverageCountsDto {
  @ApiProperty() current: number;
  @ApiProperty() due_soon: number;
  @ApiProperty() expired: number;
  @ApiProperty() missing: number;
  @ApiProperty() total: number;
}

export class CoverageDto {
  @ApiProperty({ description: 'Today, the day validity is computed for' }) today: string;
  @ApiProperty({ type: CoverageCountsDto, description: 'Over the whole selection (all pages)' })
  counts: CoverageCountsDto;
  @ApiProperty({ type: [CoverageRowDto] }) items: CoverageRowDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AuditParticipantDeclarationDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['avtalscontroller', 'chef'] }) role: 'avtalscontroller' | 'chef';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Last valid day of the current annual declaration',
  })
  declarationValidUntil: string | null;
  @ApiProperty({ enum: COVERAGE_STATES }) declarationState: CoverageState;
  @ApiProperty({ description: 'A current declaration of theirs names the audited supplier' })
  declaredInterestInSupplier: boolean;
}

export class AuditDeclarationsDto {
  @ApiProperty({ type: [AuditParticipantDeclarationDto] }) items: AuditParticipantDeclarationDto[];
}
