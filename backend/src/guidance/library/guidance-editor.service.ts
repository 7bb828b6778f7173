import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { Problem } from '../../core/errors/problem';
import {
  ArticleFieldsDto,
  CreateArticleDto,
  GuidanceDraftDto,
  ArticlePreviewDto,
  PublishArticleDto,
} from './dto/guidance.dto';
import type { GuidanceArticleEntity } from './entities/guidance-article.entity';
import { GuidanceRepository } from './guidance.repository';
import { markdownPlainText, renderMarkdown } from './markdown';

/** Serialises publishing (PostgreSQL advisory lock): version numbers are taken one at a time. */
export const GUIDANCE_PUBLISH_LOCK = 7274_0091;

/**
 * Editing guidance (administrators): create an article as a draft, keep a working copy of a
 * published article, publish it as the next version (every published version is kept).
 */
@Injectable()
export class GuidanceEditorService {
  constructor(
    private readonly repo: GuidanceRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private async load(slug: string): Promise<GuidanceArticleEntity> {
    const a = await this.repo.findBySlug(slug);
    if (!a) throw Problem.notFound('Artikeln');
    return a;
  }

  async create(dto: CreateArticleDto, actor: AuthUser): Promise<GuidanceDraftDto> {
    await this.db.transaction(async () => {
      await this.db.lock(GUIDANCE_PUBLISH_LOCK);
      if (await this.repo.findBySlug(dto.slug))
        throw Problem.conflict('Det finns redan en artikel med den adressen (slug).');
      const now = this.clock.now();
      const id = randomUUID();
      await this.repo.insertArticle({
        id,
        slug: dto.slug,
        status: 'draft',
        category: dto.category,
        title: dto.title,
        summary: dto.summary,
        body: dto.body,
        bodyText: markdownPlainText(dto.body),
        requiresAcknowledgement: dto.requiresAcknowledgement,
        currentVersion: null,
        publishedAt: null,
        draftCategory: null,
        draftTitle: null,
        draftSummary: null,
        draftBody: null,
        draftRequiresAcknowledgement: null,
        draftUpdatedAt: now,
        draftUpdatedBy: actor.id,
        createdAt: now,
        createdBy: actor.id,
        updatedAt: now,
      });
      await this.audit.record({
        action: 'guidance.article.created',
        actor,
        objectType: 'GuidanceArticle',
        objectId: id,
        details: { category: dto.category },
      });
    });
    return this.draft(dto.slug);
  }

  /** The working copy: the draft when there is one, otherwise the published fields. */
  async draft(slug: string): Promise<GuidanceDraftDto> {
    const a = await this.load(slug);
    const working = a.status === 'published' && a.draftBody !== null;
    const fields = working
      ? {
          category: a.draftCategory as string,
          title: a.draftTitle as string,
          summary: a.draftSummary as string,
          body: a.draftBody as string,
          requiresAcknowledgement: a.draftRequiresAcknowledgement as boolean,
        }
      : {
          category: a.category,
          title: a.title,
          summary: a.summary,
          body: a.body,
          requiresAcknowledgement: a.requiresAcknowledgement,
        };
    return {
      slug: a.slug,
      ...fields,
      html: renderMarkdown(fields.body),
      hasDraft: working || a.status === 'draft',
      currentVersion: a.currentVersion,
      updatedAt: a.draftUpdatedAt ? a.draftUpdatedAt.toISOString() : null,
    };
  }

  async saveDraft(slug: string, dto: ArticleFieldsDto, actor: AuthUser): Promise<GuidanceDraftDto> {
    await this.db.transaction(async () => {
      const a = await this.load(slug);
      const now = this.clock.now();
      if (a.status === 'draft') {
        await this.repo.updateArticle(a, {
          category: dto.category,
          title: dto.title,
          summary: dto.summary,
          body: dto.body,
          bodyText: markdownPlainText(dto.body),
          requiresAcknowledgement: dto.requiresAcknowledgement,
          draftUpdatedAt: now,
          draftUpdatedBy: actor.id,
          updatedAt: now,
        });
      } else {
        await this.repo.updateArticle(a, {
          draftCategory: dto.category,
          draftTitle: dto.title,
          draftSummary: dto.summary,
          draftBody: dto.body,
          draftRequiresAcknowledgement: dto.requiresAcknowledgement,
          draftUpdatedAt: now,
          draftUpdatedBy: actor.id,
          updatedAt: now,
        });
      }
      await this.audit.record({
        action: 'guidance.draft.saved',
        actor,
        objectType: 'GuidanceArticle',
        objectId: a.id,
      });
    });
    return this.draft(slug);
  }

  /** Publishes the working copy as the next version; 409 when there is nothing to publish. */
  async publish(slug: string, dto: PublishArticleDto, actor: AuthUser): Promise<GuidanceDraftDto> {
    await this.db.transaction(async () => {
      await this.db.lock(GUIDANCE_PUBLISH_LOCK);
      const a = await this.load(slug);
      const source =
        a.status === 'draft'
          ? a
          : a.draftBody !== null
            ? {
                category: a.draftCategory as string,
                title: a.draftTitle as string,
                summary: a.draftSummary as string,
                body: a.draftBody,
                requiresAcknowledgement: a.draftRequiresAcknowledgement as boolean,
              }
            : null;
      if (!source)
        throw new Problem(
          HttpStatus.CONFLICT,
          'status_not_allowed',
          'Det finns inget utkast att publicera.',
        );
      const now = this.clock.now();
      const version = (a.currentVersion ?? 0) + 1;
      await this.repo.insertVersion({
        id: randomUUID(),
        articleId: a.id,
        version,
        category: source.category,
        title: source.title,
        summary: source.summary,
        body: source.body,
        requiresAcknowledgement: source.requiresAcknowledgement,
        changeNote: dto.changeNote || null,
        publishedAt: now,
        publishedBy: actor.id,
      });
      await this.repo.updateArticle(a, {
        status: 'published',
        category: source.category,
        title: source.title,
        summary: source.summary,
        body: source.body,
        bodyText: markdownPlainText(source.body),
        requiresAcknowledgement: source.requiresAcknowledgement,
        currentVersion: version,
        publishedAt: now,
        draftCategory: null,
        draftTitle: null,
        draftSummary: null,
        draftBody: null,
        draftRequiresAcknowledgement: null,
        updatedAt: now,
      });
      await this.audit.record({
        action: 'guidance.article.published',
        actor,
        objectType: 'GuidanceArticle',
        objectId: a.id,
        details: { version, requiresAcknowledgement: source.requiresAcknowledgement },
      });
    });
    return this.draft(slug);
  }

  preview(body: string): ArticlePreviewDto {
    return { html: renderMarkdown(body) };
  }
}
