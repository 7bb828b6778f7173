import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { GUIDANCE_CATEGORIES, type GuidanceCategory } from '../../domain/guidance-taxonomy';
import { SLUG } from '../content-loader';
import { ARTICLE_STATUSES, type ArticleStatus } from '../entities/guidance-article.entity';

const SINGLE_LINE = /^[^\u0000-\u001f<>]+$/u;
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/u;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** The longest article body accepted (characters of Markdown). */
export const MAX_BODY = 100_000;

export class GuidanceSlugParams {
  @ApiProperty({ pattern: SLUG.source, maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'invalid_slug' })
  slug: string;
}

export class ListGuidanceQuery {
  @ApiProperty({
    required: false,
    maxLength: 200,
    description: 'Search words (Swedish word forms match)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  @Matches(NO_CONTROL)
  q?: string;

  @ApiProperty({ required: false, enum: GUIDANCE_CATEGORIES })
  @IsOptional()
  @IsIn(GUIDANCE_CATEGORIES)
  category?: GuidanceCategory;
}

export class GuidanceFileParams extends GuidanceSlugParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fileId: string;
}

export class GuidanceDiffQuery {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  from: number;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  to: number;
}

export class GuidanceCoverageQuery {
  @ApiProperty({ required: false, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ArticleFieldsDto {
  @ApiProperty({ enum: GUIDANCE_CATEGORIES })
  @IsIn(GUIDANCE_CATEGORIES)
  category: GuidanceCategory;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(SINGLE_LINE)
  title: string;

  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(SINGLE_LINE)
  summary: string;

  @ApiProperty({ maxLength: MAX_BODY, description: 'Markdown (no raw HTML: it is shown as text)' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY)
  @Matches(NO_CONTROL)
  body: string;

  @ApiProperty()
  @IsBoolean()
  requiresAcknowledgement: boolean;
}

export class CreateArticleDto extends ArticleFieldsDto {
  @ApiProperty({ pattern: SLUG.source, maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'invalid_slug' })
  slug: string;
}

export class PublishArticleDto {
  @ApiProperty({ required: false, maxLength: 300, description: 'What changed, for the history' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @Matches(/^[^\u0000-\u001f<>]*$/u)
  changeNote?: string;
}

export class PreviewArticleDto {
  @ApiProperty({ maxLength: MAX_BODY })
  @IsString()
  @MaxLength(MAX_BODY)
  @Matches(NO_CONTROL)
  body: string;
}

export class AcknowledgeArticleDto {
  @ApiProperty({ minimum: 1, description: 'The version the reader read (must be the current one)' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version: number;
}

// ---- responses ----

export class GuidanceHighlightDto {
  @ApiProperty() start: number;
  @ApiProperty() length: number;
}

export class GuidanceExcerptDto {
  @ApiProperty({ description: 'Plain text, never HTML' }) text: string;
  @ApiProperty({ type: [GuidanceHighlightDto] }) highlights: GuidanceHighlightDto[];
}

export class ArticleSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: GUIDANCE_CATEGORIES }) category: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ARTICLE_STATUSES }) status: ArticleStatus;
  @ApiProperty({ type: Number, nullable: true }) version: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty() requiresAcknowledgement: boolean;
  @ApiProperty({ description: 'The reader has acknowledged the current version' })
  acknowledged: boolean;
  @ApiProperty({ description: 'An unpublished working copy exists (editors only see drafts)' })
  hasDraft: boolean;
}

export class GuidanceSearchHitDto extends ArticleSummaryDto {
  @ApiProperty({ description: 'Higher is better' }) rank: number;
  @ApiProperty({ type: GuidanceExcerptDto }) excerpt: GuidanceExcerptDto;
}

export class GuidanceListDto {
  @ApiProperty({ type: String, nullable: true }) q: string | null;
  @ApiProperty({ type: [ArticleSummaryDto], description: 'Without q: by category and title' })
  items: ArticleSummaryDto[];
  @ApiProperty({ type: [GuidanceSearchHitDto], description: 'With q: ranked, best first' })
  hits: GuidanceSearchHitDto[];
}

export class AcknowledgementStateDto {
  @ApiProperty() required: boolean;
  @ApiProperty({ type: Number, nullable: true }) currentVersion: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  acknowledgedAt: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'An older version the reader acknowledged',
  })
  previousVersion: number | null;
}

export class GuidanceAttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The file name shown' }) name: string;
  @ApiProperty() mediaType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ArticleDto extends ArticleSummaryDto {
  @ApiProperty({ type: [GuidanceAttachmentDto], description: 'Documents to download' })
  attachments: GuidanceAttachmentDto[];
  @ApiProperty({ description: 'The body as sanitised HTML' }) html: string;
  @ApiProperty({ type: String, nullable: true }) publishedByName: string | null;
  @ApiProperty({ type: AcknowledgementStateDto }) acknowledgement: AcknowledgementStateDto;
}

export class GuidanceDraftDto {
  @ApiProperty() slug: string;
  @ApiProperty({ enum: GUIDANCE_CATEGORIES }) category: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ description: 'Markdown' }) body: string;
  @ApiProperty() requiresAcknowledgement: boolean;
  @ApiProperty({ description: 'Preview: the body as sanitised HTML' }) html: string;
  @ApiProperty({ description: 'false: no working copy yet, these are the published fields' })
  hasDraft: boolean;
  @ApiProperty({ type: Number, nullable: true }) currentVersion: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
}

export class ArticlePreviewDto {
  @ApiProperty() html: string;
}

export class GuidanceVersionDto {
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) changeNote: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null for the content Värn ships' })
  publishedByName: string | null;
}

export class GuidanceVersionListDto {
  @ApiProperty() slug: string;
  @ApiProperty({ type: [GuidanceVersionDto] }) versions: GuidanceVersionDto[];
}

export class GuidanceDiffPartDto {
  @ApiProperty({ enum: ['added', 'removed', 'unchanged'] }) kind: 'added' | 'removed' | 'unchanged';
  @ApiProperty() text: string;
}

export class ArticleDiffDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [GuidanceDiffPartDto] }) title: GuidanceDiffPartDto[];
  @ApiProperty({ type: [GuidanceDiffPartDto] }) summary: GuidanceDiffPartDto[];
  @ApiProperty() categoryChanged: boolean;
  @ApiProperty() requiresAcknowledgementChanged: boolean;
  @ApiProperty({ type: [GuidanceDiffPartDto], description: 'The Markdown body, line by line' })
  body: GuidanceDiffPartDto[];
  @ApiProperty() added: number;
  @ApiProperty() removed: number;
}

export class GuidanceMissingPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() unitName: string;
}

export class GuidanceCoverageDto {
  @ApiProperty() slug: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: "Active people in the reader's scope" }) total: number;
  @ApiProperty() acknowledged: number;
  @ApiProperty({ description: '0–100, rounded down; 0 when total is 0' }) percent: number;
  @ApiProperty({ type: [GuidanceMissingPersonDto], description: 'By name' })
  missing: GuidanceMissingPersonDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class GuidanceReminderResultDto {
  @ApiProperty({ description: 'People notified' }) notified: number;
}
