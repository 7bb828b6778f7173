import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { CASE_CATEGORIES, TRACKS, type CaseCategory, type Track } from '../../domain/taxonomy';
import {
  IDENTITY_REQUEST_STATUSES,
  type IdentityRequestStatus,
} from '../../entities/identity-request.entity';

/** Text a person writes: no control characters except line breaks and tabs, no markup brackets. */
const FREE_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export const IDENTITY_DECISIONS = ['approved', 'refused'] as const;
export type IdentityDecision = (typeof IDENTITY_DECISIONS)[number];
export const IDENTITY_REQUEST_FILTERS = ['pending', 'decided'] as const;

export class CreateIdentityRequestDto {
  @ApiProperty({
    minLength: 10,
    maxLength: 2000,
    description: 'Why the handler needs to know who reported (sealed with the case key)',
  })
  @Transform(trim)
  @IsString()
  @Length(10, 2000)
  @Matches(FREE_TEXT, { message: 'motivation contains characters that are not allowed' })
  motivation: string;
}

export class IdentityRequestCreatedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IDENTITY_REQUEST_STATUSES }) status: IdentityRequestStatus;
}

export class DecideIdentityRequestDto {
  @ApiProperty({ enum: IDENTITY_DECISIONS })
  @IsIn(IDENTITY_DECISIONS)
  decision: IdentityDecision;

  @ApiProperty({
    minLength: 10,
    maxLength: 2000,
    description: "The custodian's motivation (sealed; shown to the requesting handler)",
  })
  @Transform(trim)
  @IsString()
  @Length(10, 2000)
  @Matches(FREE_TEXT, { message: 'motivation contains characters that are not allowed' })
  motivation: string;
}

export class ListIdentityRequestsQuery {
  @ApiProperty({
    required: false,
    enum: IDENTITY_REQUEST_FILTERS,
    description:
      'pending: waiting for a decision (oldest first); decided: approved or refused (latest decision first); left out: all (newest first)',
  })
  @IsOptional()
  @IsIn(IDENTITY_REQUEST_FILTERS)
  status?: (typeof IDENTITY_REQUEST_FILTERS)[number];

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'Only the requests about this case',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 200, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** A request as listed: who asked, why, and the decision — never case content or identity. */
export class IdentityRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: 'VRN-2026-00042' }) caseReference: string;
  @ApiProperty({ description: 'The unit the case belongs to' }) unitName: string;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty({ type: String, nullable: true }) requestedByName: string | null;
  @ApiProperty() motivation: string;
  @ApiProperty({ enum: IDENTITY_REQUEST_STATUSES }) status: IdentityRequestStatus;
  @ApiProperty({ description: 'ISO time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionMotivation: string | null;
}

/** The reporter's identity as sealed at intake. */
export class ReporterIdentityDto {
  @ApiProperty() displayName: string;
  @ApiProperty() username: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The reporter's own unit" })
  unitName: string | null;
}

/**
 * One request with the codes a custodian needs to judge it (track, category — codes only, no
 * case text), and for the custodian the identity itself (every such answer is audit-logged).
 */
export class IdentityRequestDetailDto extends IdentityRequestDto {
  @ApiProperty({ enum: TRACKS }) track: Track;
  @ApiProperty({ enum: CASE_CATEGORIES }) category: CaseCategory;
  @ApiProperty({
    type: ReporterIdentityDto,
    nullable: true,
    description: 'Only for the identity custodian; null for the requesting handler',
  })
  identity: ReporterIdentityDto | null;
}
