import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxDate,
  MaxLength,
  Min,
  MinDate,
} from 'class-validator';
import { AUDIT_LINK_KINDS, type AuditLinkKind } from '../audit-labels.registry';

/**
 * The range a date filter may name. JavaScript accepts years such as -51128 or 275760, which
 * PostgreSQL's timestamps cannot hold (the fuzz found a 500): such a date is a 400.
 */
const EARLIEST = new Date('1970-01-01T00:00:00.000Z');
const LATEST = new Date('9999-12-31T23:59:59.999Z');

/** The page that shows an entry's object: a user's page or the organisation tree. */
export class AuditObjectLinkDto {
  @ApiProperty({ enum: AUDIT_LINK_KINDS }) kind: AuditLinkKind;
  @ApiProperty() id: string;
}

export class AuditEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) objectType: string | null;
  @ApiProperty({ type: String, nullable: true }) objectId: string | null;
  @ApiProperty({
    required: false,
    description:
      "What a person recognises the object by (a user's name, a unit's name); present only when the reader may read the object",
  })
  objectLabel?: string;
  @ApiProperty({
    type: AuditObjectLinkDto,
    required: false,
    description: 'The page showing the object; present only with objectLabel',
  })
  objectLink?: AuditObjectLinkDto;
  @ApiProperty({ enum: ['success', 'failure', 'denied'] }) outcome: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass as `before` to get the next (older) page',
  })
  nextBefore: number | null;
}

export class BrokenEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: ['prev_hash_mismatch', 'hash_mismatch'] }) reason: string;
}

export class ChainCheckDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() checked: number;
  @ApiProperty({ type: BrokenEntryDto, required: false }) firstBroken?: BrokenEntryDto;
}

export class AuditQueryDto {
  @ApiProperty({ required: false, description: 'Action or prefix, e.g. "auth." or "user.created"' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z_.]+$/, { message: 'action: endast a–z, punkt och understreck' })
  action?: string;

  @ApiProperty({ required: false, description: 'Username of the actor' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  objectType?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  objectId?: string;

  @ApiProperty({ required: false, enum: ['success', 'failure', 'denied'] })
  @IsOptional()
  @IsIn(['success', 'failure', 'denied'])
  outcome?: string;

  @ApiProperty({ required: false, type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from måste vara ett datum (ISO 8601)' })
  @MinDate(EARLIEST, { message: 'from måste vara ett datum efter 1970' })
  @MaxDate(LATEST, { message: 'from måste vara ett datum före år 10000' })
  from?: Date;

  @ApiProperty({ required: false, type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to måste vara ett datum (ISO 8601)' })
  @MinDate(EARLIEST, { message: 'to måste vara ett datum efter 1970' })
  @MaxDate(LATEST, { message: 'to måste vara ett datum före år 10000' })
  to?: Date;

  @ApiProperty({ required: false, description: 'Keyset cursor: entries with seq below this' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiProperty({ required: false, default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
