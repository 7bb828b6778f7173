import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cols, fk, ix } from './column-types';

/**
 * The guidance library (issue 9): articles (current published version + an editor's draft),
 * every published version, and "läst och förstått" per (article, version, person).
 *
 * Full-text search (ADR 0015): on PostgreSQL a stored generated `searchVector`
 * (`to_tsvector('swedish', …)`, title A, summary B, body C) with a GIN index; on SQLite an FTS5
 * table `guidance_fts` (unicode61, diacritics kept) that the application fills with Swedish
 * stems, because FTS5 has no Swedish stemmer.
 */
export class Guidance1764400000100 implements MigrationInterface {
  name = 'Guidance1764400000100';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    const pg = qr.connection.options.type === 'postgres';
    const nullableBool = (name: string) => ({ ...c.bool(name), isNullable: true });
    await qr.createTable(
      new Table({
        name: 'guidance_articles',
        columns: [
          c.id(),
          c.str('slug', 100),
          c.str('status', 20),
          c.str('category', 40),
          c.str('title', 200),
          c.str('summary', 300),
          c.text('body'),
          c.text('bodyText'),
          c.bool('requiresAcknowledgement'),
          c.int('currentVersion', true),
          c.time('publishedAt', true),
          c.str('draftCategory', 40, true),
          c.str('draftTitle', 200, true),
          c.str('draftSummary', 300, true),
          c.text('draftBody', true),
          nullableBool('draftRequiresAcknowledgement'),
          c.time('draftUpdatedAt', true),
          c.ref('draftUpdatedBy', true),
          c.time('createdAt'),
          c.ref('createdBy', true),
          c.time('updatedAt'),
        ],
        indices: [
          ix('ux_guidance_articles_slug', ['slug'], true),
          ix('ix_guidance_articles_category', ['status', 'category', 'title']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'guidance_article_versions',
        columns: [
          c.id(),
          c.ref('articleId'),
          c.int('version'),
          c.str('category', 40),
          c.str('title', 200),
          c.str('summary', 300),
          c.text('body'),
          c.bool('requiresAcknowledgement'),
          c.str('changeNote', 300, true),
          c.time('publishedAt'),
          c.ref('publishedBy', true),
        ],
        indices: [ix('ux_guidance_versions', ['articleId', 'version'], true)],
        foreignKeys: [
          fk('fk_guidance_versions_article', 'articleId', 'guidance_articles', true),
          fk('fk_guidance_versions_publisher', 'publishedBy', 'users'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'guidance_acknowledgements',
        columns: [
          c.id(),
          c.ref('articleId'),
          c.int('version'),
          c.ref('userId'),
          c.time('acknowledgedAt'),
        ],
        indices: [
          // coverage: "has this person acknowledged (article, version)?" — one index probe each
          ix('ux_guidance_acks', ['articleId', 'version', 'userId'], true),
          ix('ix_guidance_acks_user', ['userId']),
        ],
        foreignKeys: [
          fk('fk_guidance_acks_article', 'articleId', 'guidance_articles', true),
          fk('fk_guidance_acks_user', 'userId', 'users', true),
        ],
      }),
    );
    if (pg) {
      await qr.query(
        `ALTER TABLE guidance_articles ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
           setweight(to_tsvector('swedish'::regconfig, coalesce(title, '')), 'A') ||
           setweight(to_tsvector('swedish'::regconfig, coalesce(summary, '')), 'B') ||
           setweight(to_tsvector('swedish'::regconfig, coalesce("bodyText", '')), 'C')
         ) STORED`,
      );
      await qr.query(
        `CREATE INDEX ix_guidance_articles_search ON guidance_articles USING GIN ("searchVector")`,
      );
    } else {
      await qr.query(
        `CREATE VIRTUAL TABLE guidance_fts USING fts5("articleId" UNINDEXED, title, summary, body, tokenize = 'unicode61 remove_diacritics 0')`,
      );
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    if (qr.connection.options.type !== 'postgres') await qr.query('DROP TABLE guidance_fts');
    await qr.dropTable('guidance_acknowledgements');
    await qr.dropTable('guidance_article_versions');
    await qr.dropTable('guidance_articles');
  }
}
