import { Injectable } from '@nestjs/common';
import { HttpStatus } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import type { AppAbility } from '../../core/authz/ability';
import { accessibleWhere } from '../../core/authz/casl-sql';
import type { AuthUser } from '../../core/authz/roles';
import { Db } from '../../core/database/db';
import { Problem } from '../../core/errors/problem';
import { NotificationService } from '../../core/notify/notification.service';
import {
  GuidanceCoverageDto,
  GuidanceCoverageQuery,
  GuidanceReminderResultDto,
} from './dto/guidance.dto';
import type { GuidanceArticleEntity } from './entities/guidance-article.entity';
import { COVERAGE_COLUMNS, GuidanceRepository } from './guidance.repository';
import { GuidanceService } from './guidance.service';
import { decodeCursor, encodeCursor } from './guidance-views';

/** The notification kind a reminder sends (the frontend translates it). */
export const REMINDER_KIND = 'guidance.acknowledgement_requested';

/**
 * Who in the reader's scope has confirmed "läst och förstått" for an article's current
 * version. Scope = GuidanceCoverage rules over each person's home unit (a manager's subtree,
 * an auditor's scope), filtered and counted in SQL.
 */
@Injectable()
export class GuidanceCoverageService {
  constructor(
    private readonly repo: GuidanceRepository,
    private readonly guidance: GuidanceService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {}

  private async acknowledgeable(
    slug: string,
    ability: AppAbility,
  ): Promise<GuidanceArticleEntity & { currentVersion: number }> {
    const a = await this.guidance.load(slug, ability);
    if (!a.requiresAcknowledgement || a.currentVersion === null)
      throw new Problem(
        HttpStatus.CONFLICT,
        'status_not_allowed',
        'Artikeln behöver inte bekräftas som läst.',
      );
    return a as GuidanceArticleEntity & { currentVersion: number };
  }

  async coverage(
    slug: string,
    query: GuidanceCoverageQuery,
    ability: AppAbility,
  ): Promise<GuidanceCoverageDto> {
    const a = await this.acknowledgeable(slug, ability);
    const access = accessibleWhere(ability, 'read', 'GuidanceCoverage', COVERAGE_COLUMNS);
    const limit = query.limit ?? 50;
    let after: { name: string; id: string } | undefined;
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      if (!c)
        throw Problem.badRequest('Ogiltig sidmarkör.', 'validation_failed', [
          { field: 'cursor', messages: ['invalid_cursor'] },
        ]);
      after = c;
    }
    const [counts, rows] = await Promise.all([
      this.repo.coverageCounts(a.id, a.currentVersion, access),
      this.repo.missing(a.id, a.currentVersion, access, limit + 1, after),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      slug: a.slug,
      version: a.currentVersion,
      total: counts.total,
      acknowledged: counts.acknowledged,
      percent: counts.total ? Math.floor((100 * counts.acknowledged) / counts.total) : 0,
      missing: page,
      nextCursor: rows.length > limit && last ? encodeCursor(last.displayName, last.id) : null,
    };
  }

  /**
   * Reminds everyone in the reader's scope (the `update` rules of GuidanceCoverage) who has not
   * acknowledged the current version: an in-app notification (and e-mail when configured) that
   * only says there is something to read, with a link to the article.
   */
  async remind(
    slug: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<GuidanceReminderResultDto> {
    return this.db.transaction(async () => {
      const a = await this.acknowledgeable(slug, ability);
      const access = accessibleWhere(ability, 'update', 'GuidanceCoverage', COVERAGE_COLUMNS);
      const ids = await this.repo.missingIds(a.id, a.currentVersion, access);
      await this.notifications.notify(ids, {
        kind: REMINDER_KIND,
        params: { articleId: a.id, version: a.currentVersion },
        link: `/stodmaterial/${a.slug}`,
      });
      await this.audit.record({
        action: 'guidance.reminders_sent',
        actor,
        objectType: 'GuidanceArticle',
        objectId: a.id,
        details: { version: a.currentVersion, notified: ids.length },
      });
      return { notified: ids.length };
    });
  }
}
