import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { rawRows } from '../database/raw';
import { yieldingWrite } from '../database/yielding-write';
import { ThrottleHitEntity } from './entities/throttle-hit.entity';

/** One hit: the hashed key, the time, and the window and block the hit would start. */
export interface Hit {
  readonly key: string;
  /** Epoch ms. */
  readonly now: number;
  /** now + ttl: the end of a window this hit starts. */
  readonly windowEnd: number;
  /** now + block duration: the end of a block this hit starts. */
  readonly blockEnd: number;
  /** Hits allowed in a window; the next one starts a block. */
  readonly limit: number;
}

/** The counter after a hit. */
export interface Counter {
  hits: number;
  windowEndsAt: number;
  blockedUntil: number;
}

/**
 * A window is over for a new hit when no block is in force and either its time is up or the
 * block it ended in has run out (a block that ran out starts afresh, as the in-memory store does).
 */
const FRESH = `(throttle_hits."blockedUntil" <= :now AND (throttle_hits."windowEndsAt" <= :now OR throttle_hits."blockedUntil" > 0))`;
const HITS = `(CASE WHEN ${FRESH} THEN 1 ELSE throttle_hits."hits" + 1 END)`;

/**
 * The whole hit in ONE statement, so the database decides and concurrent hits from any number of
 * instances are counted exactly (the upsert takes the row's lock; SQLite ≥ 3.35 and PostgreSQL
 * both have ON CONFLICT … DO UPDATE … RETURNING). Inside DO UPDATE every unqualified or
 * table-qualified column is the row BEFORE the update, so the new hit count is spelled out
 * again where the block is decided. Parameters are cast so PostgreSQL knows their types.
 */
const HIT_SQL = `
INSERT INTO throttle_hits ("key", "hits", "windowEndsAt", "blockedUntil")
VALUES (:key, 1, CAST(:windowEnd AS BIGINT),
        CASE WHEN 1 > CAST(:limit AS INTEGER) THEN CAST(:blockEnd AS BIGINT) ELSE 0 END)
ON CONFLICT ("key") DO UPDATE SET
  "hits" = ${HITS},
  "windowEndsAt" = CASE WHEN ${FRESH} THEN CAST(:windowEnd AS BIGINT) ELSE throttle_hits."windowEndsAt" END,
  "blockedUntil" = CASE
    WHEN throttle_hits."blockedUntil" > :now THEN throttle_hits."blockedUntil"
    WHEN ${HITS} > CAST(:limit AS INTEGER) THEN CAST(:blockEnd AS BIGINT)
    ELSE 0 END
RETURNING "hits", "windowEndsAt", "blockedUntil"`.replace(/:now\b/g, 'CAST(:now AS BIGINT)');

@Injectable()
export class ThrottleRepository {
  constructor(private readonly db: Db) {}

  /**
   * Counts one hit and returns the counter after it.
   *
   * PostgreSQL: always on a pooled connection of its own, outside any request transaction — the
   * statement commits by itself, so a hit counts even when a surrounding transaction rolls back
   * (an attempt is an attempt), and it holds the row's lock only for the statement.
   * SQLite: there is one writer connection; inside a transaction the hit joins it (a second
   * transaction would wait for this one forever), outside one it is a transaction of its own.
   */
  async hit(hit: Hit): Promise<Counter> {
    if (this.db.engine === 'postgres') return this.run(this.db.dataSource.manager, hit);
    if (this.db.inTransaction) return this.run(this.db.manager(), hit);
    return yieldingWrite(this.db, () => this.run(this.db.manager(), hit));
  }

  /** Deletes the counters whose window and block are both over at `now`; returns how many. */
  async sweep(now: number): Promise<number> {
    const run = () =>
      this.db
        .repo(ThrottleHitEntity)
        .createQueryBuilder()
        .delete()
        .where('"windowEndsAt" <= :now AND "blockedUntil" <= :now', { now })
        .execute();
    const res = await yieldingWrite(this.db, run);
    return res.affected ?? 0;
  }

  private async run(manager: EntityManager, hit: Hit): Promise<Counter> {
    const rows = await rawRows<{ hits: unknown; windowEndsAt: unknown; blockedUntil: unknown }>(
      manager,
      HIT_SQL,
      { ...hit },
    );
    const row = rows[0];
    if (!row) throw new Error('throttle: the upsert returned no row');
    return {
      hits: Number(row.hits),
      windowEndsAt: Number(row.windowEndsAt),
      blockedUntil: Number(row.blockedUntil),
    };
  }
}
