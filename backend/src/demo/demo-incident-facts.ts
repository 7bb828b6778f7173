import { randomUUID } from 'node:crypto';
import { IncidentFactEntity } from '../cases/entities/incident-fact.entity';
import type { Db } from '../core/database/db';
import { addQuarters, quarterOf, type Quarter } from '../statistics/quarters';

/**
 * Eight quarters of incident statistics for the demo, as if carried over from the register the
 * administration kept before Värn (the de-identified facts of cases triaged in Värn come on top).
 * Counts per (department, category, quarter) follow a plausible pattern for a traffic
 * administration — parking attendants and inspectors meet most threats and harassment — with
 * small counts in places, so the small-cell protection shows.
 */
const PATTERN: Record<string, Record<string, number>> = {
  parkering: { hot: 9, trakasserier: 7, forolampning_mot_tjansteman: 6, vald: 2, skadegorelse: 5 },
  trafik: { hot: 6, orimliga_krav: 7, obefogade_anmalningar: 5, korruptionsforsok: 1 },
  stadsmiljo: { trakasserier_sociala_medier: 6, hot: 5, kartlaggning_bevakning: 0 },
  upphandling: { korruptionsforsok: 5, gava_forman_fran_part: 6, socialt_tryck: 2 },
  stab: { trakasserier: 5, hot_mot_narstaende: 1 },
};

export async function seedDemoIncidentFacts(
  db: Db,
  departmentId: (key: string) => string,
  now: Date,
): Promise<number> {
  const last = quarterOf(now);
  const rows: IncidentFactEntity[] = [];
  for (let back = 7; back >= 0; back--) {
    const quarter: Quarter = addQuarters(last, -back);
    for (const [dept, categories] of Object.entries(PATTERN)) {
      for (const [category, base] of Object.entries(categories)) {
        // some variation from quarter to quarter; the small ones stay small (and are suppressed)
        const n = base < 5 ? (base + back) % 3 : base + ((back * 3 + category.length) % 3);
        for (let i = 0; i < n; i++)
          rows.push({
            id: randomUUID(),
            track: i % 4 === 3 ? 'visselblasning' : 'paverkan',
            category,
            severityBand: null,
            departmentId: departmentId(dept),
            quarter,
          });
      }
    }
  }
  // chunks keep each statement under SQLite's parameter limit
  for (let i = 0; i < rows.length; i += 100)
    await db.repo(IncidentFactEntity).insert(rows.slice(i, i + 100));
  return rows.length;
}
