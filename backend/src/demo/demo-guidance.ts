import { randomUUID } from 'node:crypto';
import type { AuditService } from '../core/audit/audit.service';
import type { Clock } from '../core/clock/clock';
import type { Db } from '../core/database/db';
import { GuidanceContentSeeder } from '../guidance/library/guidance-content.seeder';
import { GuidanceRepository } from '../guidance/library/guidance.repository';
import { UserEntity } from '../users/entities/user.entity';

/**
 * "Läst och förstått" covering part of the organisation: in Parkering och trafikövervakning
 * (the demo manager's subtree) some have confirmed the gift guideline and some — the demo
 * employee among them — have not, so the coverage view has both. The shipped articles exist in
 * every installation (GuidanceContentSeeder at start); they are ensured here too, because the
 * demo may be seeded before the application has started.
 */
const ACKNOWLEDGED: Record<string, string[]> = {
  'gavor-representation-och-uppvaktning': [
    'chef',
    'anna.persson',
    'oskar.lund',
    'erik.andersson',
    'sara.gustafsson',
    'david.eriksson',
    'amira.haddad',
    'patrik.wikstrom',
    'helena.nordin',
    'ake.ostlund',
    'controller',
    'admin',
    'revisor',
  ],
  'jav-och-din-anmalningsplikt': [
    'chef',
    'medarbetare',
    'anna.persson',
    'mikael.johansson',
    'fatima.ali',
    'oskar.lund',
    'sara.gustafsson',
    'amira.haddad',
    'controller',
    'revisor',
  ],
};

export async function seedDemoGuidance(
  db: Db,
  audit: AuditService,
  clock: Clock,
  now: Date,
): Promise<number> {
  const repo = new GuidanceRepository(db);
  await new GuidanceContentSeeder(repo, db, clock).seedShipped();
  let count = 0;
  for (const [slug, usernames] of Object.entries(ACKNOWLEDGED)) {
    const article = await repo.findBySlug(slug);
    if (!article?.currentVersion) throw new Error(`demo guidance: ${slug} is not published`);
    for (const [i, username] of usernames.entries()) {
      const user = await db.repo(UserEntity).findOneByOrFail({ username });
      // spread over the last weeks, as people read it when it came
      const acknowledgedAt = new Date(now.getTime() - (2 + i * 3) * 86_400_000);
      await repo.insertAck({
        id: randomUUID(),
        articleId: article.id,
        version: article.currentVersion,
        userId: user.id,
        acknowledgedAt,
      });
      await audit.record({
        action: 'guidance.acknowledged',
        actor: { id: user.id, username: user.username },
        objectType: 'GuidanceArticle',
        objectId: article.id,
        details: { version: article.currentVersion },
      });
      count++;
    }
  }
  return count;
}
