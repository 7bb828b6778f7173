import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/**
 * A guidance article. `category`, `title`, `summary`, `body` and `requiresAcknowledgement` are
 * the current published version (`currentVersion`), or the first draft while the article has
 * never been published (`status` draft, `currentVersion` null). An editor's working copy of a
 * published article is kept in the `draft…` columns until it is published as the next version.
 * `bodyText` is the plain text of `body`, for search and excerpts.
 */
@Entity('guidance_articles')
export class GuidanceArticleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100 }) slug: string;
  @Column({ type: 'varchar', length: 20 }) status: ArticleStatus;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 300 }) summary: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'text' }) bodyText: string;
  @Column({ type: 'boolean' }) requiresAcknowledgement: boolean;
  @Column({ type: 'integer', nullable: true }) currentVersion: number | null;
  @Column({ type: Date, nullable: true }) publishedAt: Date | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) draftCategory: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) draftTitle: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) draftSummary: string | null;
  @Column({ type: 'text', nullable: true }) draftBody: string | null;
  @Column({ type: 'boolean', nullable: true }) draftRequiresAcknowledgement: boolean | null;
  @Column({ type: Date, nullable: true }) draftUpdatedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) draftUpdatedBy: string | null;
  @Column({ type: Date }) createdAt: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) createdBy: string | null;
  @Column({ type: Date }) updatedAt: Date;
}
