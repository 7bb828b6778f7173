import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { loadShippedArticles, type ShippedArticle } from './content-loader';
import { GUIDANCE_PUBLISH_LOCK } from './guidance-editor.service';
import { GuidanceRepository } from './guidance.repository';
import { markdownPlainText } from './markdown';

/**
 * The guidance Värn ships (`guidance/content/*.md`) is the organisation's real material, so
 * every installation gets it at start — not only the demo. An article is created (published,
 * version 1, no author) when its slug is new; an existing article is left alone, because an
 * editor's published version wins over the file (content/README.md).
 */
@Injectable()
export class GuidanceContentSeeder implements OnApplicationBootstrap {
  private readonly log = new Logger('Guidance');

  constructor(
    private readonly repo: GuidanceRepository,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.seedShipped();
    if (created) this.log.log(`${created} guidance articles from the shipped content`);
  }

  /** Creates the shipped articles that are missing; returns how many it created. */
  async seedShipped(articles: ShippedArticle[] = loadShippedArticles()): Promise<number> {
    return this.db.transaction(async () => {
      await this.db.lock(GUIDANCE_PUBLISH_LOCK);
      const existing = await this.repo.existingSlugs();
      const now = this.clock.now();
      let created = 0;
      for (const s of articles) {
        if (existing.has(s.slug)) continue;
        const id = randomUUID();
        await this.repo.insertArticle({
          id,
          slug: s.slug,
          status: 'published',
          category: s.category,
          title: s.title,
          summary: s.summary,
          body: s.body,
          bodyText: markdownPlainText(s.body),
          requiresAcknowledgement: s.requiresAcknowledgement,
          currentVersion: 1,
          publishedAt: now,
          draftCategory: null,
          draftTitle: null,
          draftSummary: null,
          draftBody: null,
          draftRequiresAcknowledgement: null,
          draftUpdatedAt: null,
          draftUpdatedBy: null,
          createdAt: now,
          createdBy: null,
          updatedAt: now,
        });
        await this.repo.insertVersion({
          id: randomUUID(),
          articleId: id,
          version: 1,
          category: s.category,
          title: s.title,
          summary: s.summary,
          body: s.body,
          requiresAcknowledgement: s.requiresAcknowledgement,
          changeNote: null,
          publishedAt: now,
          publishedBy: null,
        });
        created++;
      }
      return created;
    });
  }
}
