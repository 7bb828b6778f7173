import { Injectable } from '@nestjs/common';
import { pathOfUnit, type ColumnMap, type SqlCondition } from '../../core/authz/casl-sql';
import { Db } from '../../core/database/db';
import { keysetAfter } from '../../core/database/sql';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
import { UserEntity } from '../../users/entities/user.entity';
import { GuidanceAcknowledgementEntity } from './entities/guidance-acknowledgement.entity';
import { GuidanceArticleVersionEntity } from './entities/guidance-article-version.entity';
import { GuidanceArticleEntity } from './entities/guidance-article.entity';
import { definiteFormsQuery, ftsMatch, stemmedText } from './swedish-text';

/** Column expressions for CASL conditions on GuidanceArticle (alias `a`). */
export const ARTICLE_COLUMNS: ColumnMap = { id: 'a.id', status: 'a.status' };
/** Column expressions for CASL conditions on GuidanceCoverage: the person's home unit (alias `u`). */
export const COVERAGE_COLUMNS: ColumnMap = { unitPath: pathOfUnit('u."unitId"', 'org_units') };

/** Private-use characters that mark a match in an excerpt; they never occur in articles. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface SearchHit {
  article: GuidanceArticleEntity;
  rank: number;
  /** PostgreSQL: ts_headline with MARK_START/MARK_END. SQLite: the stemmed body marked by highlight(). */
  marked: string;
}

export interface MissingPerson {
  id: string;
  displayName: string;
  unitName: string;
}

@Injectable()
export class GuidanceRepository {
  constructor(private readonly db: Db) {}

  private get articles() {
    return this.db.repo(GuidanceArticleEntity);
  }
  private get versions() {
    return this.db.repo(GuidanceArticleVersionEntity);
  }
  private get acks() {
    return this.db.repo(GuidanceAcknowledgementEntity);
  }

  findBySlug(slug: string): Promise<GuidanceArticleEntity | null> {
    return this.articles.findOne({ where: { slug } });
  }

  async existingSlugs(): Promise<Set<string>> {
    const rows = await this.articles.find({ select: { id: true, slug: true } });
    return new Set(rows.map((r) => r.slug));
  }

  async insertArticle(a: GuidanceArticleEntity): Promise<void> {
    await this.articles.insert(a);
    await this.index(a);
  }

  async updateArticle(
    a: GuidanceArticleEntity,
    patch: Partial<GuidanceArticleEntity>,
  ): Promise<void> {
    await this.articles.update({ id: a.id }, patch);
    if (patch.title !== undefined || patch.summary !== undefined || patch.bodyText !== undefined)
      await this.index({ ...a, ...patch });
  }

  /**
   * Keeps SQLite's FTS5 table in step with the article (stems, see swedish-text.ts). PostgreSQL
   * needs nothing: its `searchVector` is a generated column.
   */
  private async index(a: GuidanceArticleEntity): Promise<void> {
    if (this.db.engine === 'postgres') return;
    const m = this.db.manager();
    await m.query(`DELETE FROM guidance_fts WHERE "articleId" = ?`, [a.id]);
    await m.query(
      `INSERT INTO guidance_fts ("articleId", title, summary, body) VALUES (?, ?, ?, ?)`,
      [a.id, stemmedText(a.title), stemmedText(a.summary), stemmedText(a.bodyText)],
    );
  }

  async insertVersion(v: GuidanceArticleVersionEntity): Promise<void> {
    await this.versions.insert(v);
  }

  /** The versions of an article, newest first, with the publisher's name. */
  async versionsOf(
    articleId: string,
  ): Promise<Array<GuidanceArticleVersionEntity & { publishedByName: string | null }>> {
    const res = await this.versions
      .createQueryBuilder('v')
      .leftJoin(UserEntity, 'p', 'p.id = v."publishedBy"')
      .addSelect('p."displayName"', 'publishedByName')
      .where('v."articleId" = :articleId', { articleId })
      .orderBy('v.version', 'DESC')
      .getRawAndEntities();
    return res.entities.map((e, i) =>
      Object.assign(e, {
        publishedByName: (res.raw[i] as { publishedByName: string | null }).publishedByName,
      }),
    );
  }

  findVersion(articleId: string, version: number): Promise<GuidanceArticleVersionEntity | null> {
    return this.versions.findOne({ where: { articleId, version } });
  }

  async userName(id: string | null): Promise<string | null> {
    if (!id) return null;
    const u = await this.db
      .repo(UserEntity)
      .findOne({ where: { id }, select: { id: true, displayName: true } });
    return u?.displayName ?? null;
  }

  /** The articles the reader may read, by category and title. */
  listVisible(access: SqlCondition, category?: string): Promise<GuidanceArticleEntity[]> {
    const qb = this.articles.createQueryBuilder('a').where(`(${access.sql})`, access.params);
    if (category) qb.andWhere('a.category = :category', { category });
    return qb
      .orderBy('a.category', 'ASC')
      .addOrderBy('a.title', 'ASC')
      .addOrderBy('a.id')
      .getMany();
  }

  /**
   * Ranked full-text search among the articles the reader may read (ADR 0015). PostgreSQL:
   * `websearch_to_tsquery('swedish')` over the GIN-indexed `searchVector`, `ts_rank`,
   * `ts_headline`. SQLite: FTS5 over application stems, `bm25()` (title 10, summary 4, body 1),
   * `highlight()` of the body.
   */
  async search(
    access: SqlCondition,
    q: string,
    limit: number,
    category?: string,
  ): Promise<SearchHit[]> {
    if (this.db.engine === 'postgres') {
      const tsq = `(websearch_to_tsquery('swedish', :q) || websearch_to_tsquery('swedish', :q2))`;
      const qb = this.articles
        .createQueryBuilder('a')
        .addSelect(`ts_rank(a."searchVector", ${tsq})`, 'rank')
        .addSelect(`ts_headline('swedish', a."bodyText", ${tsq}, :headlineOptions)`, 'marked')
        .where(`a."searchVector" @@ ${tsq}`)
        .andWhere(`(${access.sql})`, access.params)
        .andWhere(category ? 'a.category = :category' : '1 = 1', { category })
        .setParameters({
          q,
          q2: definiteFormsQuery(q) ?? q,
          headlineOptions: `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`,
        })
        .orderBy('rank', 'DESC')
        .addOrderBy('a.title', 'ASC')
        .limit(limit);
      const res = await qb.getRawAndEntities();
      return res.entities.map((article, i) => {
        const raw = res.raw[i] as { rank: string | number; marked: string | null };
        return { article, rank: Number(raw.rank), marked: raw.marked ?? '' };
      });
    }
    const match = ftsMatch(q);
    if (!match) return [];
    const qb = this.articles
      .createQueryBuilder('a')
      .innerJoin('guidance_fts', 'guidance_fts', 'guidance_fts."articleId" = a.id')
      .addSelect('bm25(guidance_fts, 0.0, 10.0, 4.0, 1.0)', 'rank')
      .addSelect(`highlight(guidance_fts, 3, char(57344), char(57345))`, 'marked')
      .where('guidance_fts MATCH :match', { match })
      .andWhere(`(${access.sql})`, access.params)
      .andWhere(category ? 'a.category = :category' : '1 = 1', { category })
      .orderBy('rank', 'ASC')
      .addOrderBy('a.title', 'ASC')
      .limit(limit);
    const res = await qb.getRawAndEntities();
    return res.entities.map((article, i) => {
      const raw = res.raw[i] as { rank: number; marked: string | null };
      // bm25 is lower for better matches; report a score where higher is better, as ts_rank
      return { article, rank: -Number(raw.rank), marked: raw.marked ?? '' };
    });
  }

  /** Ids of the articles whose current version the person has acknowledged (one query). */
  async acknowledgedCurrent(userId: string): Promise<Set<string>> {
    const rows = await this.acks
      .createQueryBuilder('k')
      .innerJoin(
        GuidanceArticleEntity,
        'a',
        'a.id = k."articleId" AND a."currentVersion" = k.version',
      )
      .select('k."articleId"', 'articleId')
      .where('k."userId" = :userId', { userId })
      .getRawMany<{ articleId: string }>();
    return new Set(rows.map((r) => r.articleId));
  }

  findAck(
    articleId: string,
    version: number,
    userId: string,
  ): Promise<GuidanceAcknowledgementEntity | null> {
    return this.acks.findOne({ where: { articleId, version, userId } });
  }

  /** The person's newest acknowledgement of the article (any version). */
  latestAck(articleId: string, userId: string): Promise<GuidanceAcknowledgementEntity | null> {
    return this.acks.findOne({ where: { articleId, userId }, order: { version: 'DESC' } });
  }

  async insertAck(a: GuidanceAcknowledgementEntity): Promise<void> {
    await this.acks.insert(a);
  }

  private staffInScope(access: SqlCondition) {
    return this.db
      .repo(UserEntity)
      .createQueryBuilder('u')
      .where('u.active = :active', { active: true })
      .andWhere(`(${access.sql})`, access.params);
  }

  private static readonly ACKED = `EXISTS (SELECT 1 FROM guidance_acknowledgements k WHERE k."articleId" = :articleId AND k.version = :version AND k."userId" = u.id)`;

  /** Active people in scope, and how many of them acknowledged this version (one query). */
  async coverageCounts(
    articleId: string,
    version: number,
    access: SqlCondition,
  ): Promise<{ total: number; acknowledged: number }> {
    const raw = await this.staffInScope(access)
      .select('COUNT(1)', 'total')
      .addSelect(
        `COALESCE(SUM(CASE WHEN ${GuidanceRepository.ACKED} THEN 1 ELSE 0 END), 0)`,
        'acknowledged',
      )
      .setParameters({ articleId, version })
      .getRawOne<{ total: string | number; acknowledged: string | number }>();
    return { total: Number(raw?.total ?? 0), acknowledged: Number(raw?.acknowledged ?? 0) };
  }

  /** People in scope who have not acknowledged this version, by name (keyset paging). */
  async missing(
    articleId: string,
    version: number,
    access: SqlCondition,
    limit: number,
    after?: { name: string; id: string },
  ): Promise<MissingPerson[]> {
    const qb = this.staffInScope(access)
      .innerJoin(OrgUnitEntity, 'unit', 'unit.id = u."unitId"')
      .select('u.id', 'id')
      .addSelect('u."displayName"', 'displayName')
      .addSelect('unit.name', 'unitName')
      .andWhere(`NOT ${GuidanceRepository.ACKED}`, { articleId, version })
      .orderBy('u."displayName"', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit);
    if (after)
      qb.andWhere(keysetAfter(this.db.engine, 'u."displayName"', 'u.id', '>'), {
        afterKey: after.name,
        afterId: after.id,
      });
    return qb.getRawMany<MissingPerson>();
  }

  /** Ids of everyone in scope who has not acknowledged this version (for a reminder). */
  async missingIds(articleId: string, version: number, access: SqlCondition): Promise<string[]> {
    const rows = await this.staffInScope(access)
      .select('u.id', 'id')
      .andWhere(`NOT ${GuidanceRepository.ACKED}`, { articleId, version })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Titles and slugs of the given articles that the reader may read (audit-log labels). */
  async titlesVisible(
    ids: string[],
    access: SqlCondition,
  ): Promise<Array<{ id: string; title: string; slug: string }>> {
    if (!ids.length) return [];
    return this.articles
      .createQueryBuilder('a')
      .select(['a.id AS id', 'a.title AS title', 'a.slug AS slug'])
      .where('a.id IN (:...ids)', { ids })
      .andWhere(`(${access.sql})`, access.params)
      .getRawMany();
  }
}
