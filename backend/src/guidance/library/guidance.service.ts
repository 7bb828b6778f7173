import { ForbiddenError } from '@casl/ability';
import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import { accessibleWhere } from '../../core/authz/casl-sql';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { Problem } from '../../core/errors/problem';
import { FileStore } from '../../core/files/file-store';
import { articleDiff } from './article-diff';
import {
  AcknowledgementStateDto,
  ArticleDiffDto,
  ArticleDto,
  GuidanceListDto,
  ListGuidanceQuery,
  GuidanceVersionListDto,
} from './dto/guidance.dto';
import type { GuidanceArticleEntity } from './entities/guidance-article.entity';
import { excerptFromMarked, excerptFromStems } from './excerpt';
import { attachmentsOf } from './guidance-attachments';
import { ARTICLE_COLUMNS, GuidanceRepository } from './guidance.repository';
import { summaryOf } from './guidance-views';
import { renderMarkdown } from './markdown';

const SEARCH_LIMIT = 30;

/**
 * Reading guidance: the library (by category, or ranked search), one article, its versions and
 * diffs, and "läst och förstått". Drafts are read only by editors (CASL: everyone reads
 * published articles); to everyone else a draft does not exist (404).
 */
@Injectable()
export class GuidanceService {
  constructor(
    private readonly repo: GuidanceRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly files: FileStore,
  ) {}

  async list(
    query: ListGuidanceQuery,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<GuidanceListDto> {
    const access = accessibleWhere(ability, 'read', 'GuidanceArticle', ARTICLE_COLUMNS);
    const editor = ability.can('update', 'GuidanceArticle');
    const acked = await this.repo.acknowledgedCurrent(user.id);
    if (!query.q) {
      const rows = await this.repo.listVisible(access, query.category);
      return { q: null, items: rows.map((a) => summaryOf(a, acked.has(a.id), editor)), hits: [] };
    }
    const hits = await this.repo.search(access, query.q, SEARCH_LIMIT, query.category);
    return {
      q: query.q,
      items: [],
      hits: hits.map((h) => ({
        ...summaryOf(h.article, acked.has(h.article.id), editor),
        rank: h.rank,
        excerpt:
          this.db.engine === 'postgres'
            ? excerptFromMarked(h.marked)
            : excerptFromStems(h.article.bodyText, h.marked),
      })),
    };
  }

  /** The article, or 404 when it does not exist or the reader may not read it (a draft). */
  async load(slug: string, ability: AppAbility): Promise<GuidanceArticleEntity> {
    const a = await this.repo.findBySlug(slug);
    if (!a || !ability.can('read', asSubject('GuidanceArticle', { id: a.id, status: a.status })))
      throw Problem.notFound('Artikeln');
    return a;
  }

  async get(slug: string, user: AuthUser, ability: AppAbility): Promise<ArticleDto> {
    const a = await this.load(slug, ability);
    const editor = ability.can('update', 'GuidanceArticle');
    const ack = await this.ackState(a, user.id);
    const versions = a.currentVersion ? await this.repo.findVersion(a.id, a.currentVersion) : null;
    return {
      ...summaryOf(a, ack.acknowledgedAt !== null, editor),
      html: renderMarkdown(a.body),
      attachments: await attachmentsOf(this.files, a.id),
      publishedByName: await this.repo.userName(versions?.publishedBy ?? null),
      acknowledgement: ack,
    };
  }

  private async ackState(
    a: GuidanceArticleEntity,
    userId: string,
  ): Promise<AcknowledgementStateDto> {
    const latest = await this.repo.latestAck(a.id, userId);
    const current = latest && latest.version === a.currentVersion ? latest : null;
    return {
      required: a.requiresAcknowledgement && a.currentVersion !== null,
      currentVersion: a.currentVersion,
      acknowledgedAt: current ? current.acknowledgedAt.toISOString() : null,
      previousVersion: latest && !current ? latest.version : null,
    };
  }

  async versions(slug: string, ability: AppAbility): Promise<GuidanceVersionListDto> {
    const a = await this.load(slug, ability);
    const rows = await this.repo.versionsOf(a.id);
    return {
      slug: a.slug,
      versions: rows.map((v) => ({
        version: v.version,
        title: v.title,
        changeNote: v.changeNote,
        publishedAt: v.publishedAt.toISOString(),
        publishedByName: v.publishedByName,
      })),
    };
  }

  async diff(slug: string, from: number, to: number, ability: AppAbility): Promise<ArticleDiffDto> {
    const a = await this.load(slug, ability);
    const [v1, v2] = await Promise.all([
      this.repo.findVersion(a.id, from),
      this.repo.findVersion(a.id, to),
    ]);
    if (!v1 || !v2) throw Problem.notFound('Versionen');
    return { from, to, ...articleDiff(v1, v2) };
  }

  /**
   * "Läst och förstått" for the current version. The reader names the version they read: when
   * a newer one was published meanwhile, 409 edit_conflict with the current version (they must
   * read it first). Acknowledging twice is harmless (the first time is kept).
   */
  async acknowledge(
    slug: string,
    version: number,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<AcknowledgementStateDto> {
    await this.db.transaction(async () => {
      const a = await this.load(slug, ability);
      ForbiddenError.from(ability).throwUnlessCan(
        'create',
        asSubject('GuidanceAcknowledgement', { userId: actor.id }),
      );
      if (!a.requiresAcknowledgement || a.currentVersion === null)
        throw new Problem(
          HttpStatus.CONFLICT,
          'status_not_allowed',
          'Artikeln behöver inte bekräftas som läst.',
        );
      if (version !== a.currentVersion)
        throw new Problem(
          HttpStatus.CONFLICT,
          'edit_conflict',
          'Artikeln har en nyare version. Läs den och bekräfta igen.',
          { currentVersion: a.currentVersion },
        );
      if (await this.repo.findAck(a.id, version, actor.id)) return;
      await this.repo.insertAck({
        id: randomUUID(),
        articleId: a.id,
        version,
        userId: actor.id,
        acknowledgedAt: this.clock.now(),
      });
      await this.audit.record({
        action: 'guidance.acknowledged',
        actor,
        objectType: 'GuidanceArticle',
        objectId: a.id,
        details: { version },
      });
    });
    return this.ackState(await this.load(slug, ability), actor.id);
  }
}
