import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A published version of an article, kept for ever (history and diffs). */
@Entity('guidance_article_versions')
export class GuidanceArticleVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) articleId: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 300 }) summary: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'boolean' }) requiresAcknowledgement: boolean;
  @Column({ type: 'varchar', length: 300, nullable: true }) changeNote: string | null;
  @Column({ type: Date }) publishedAt: Date;
  /** Null for the content Värn ships (seeded at first start). */
  @Column({ type: 'varchar', length: 36, nullable: true }) publishedBy: string | null;
}
