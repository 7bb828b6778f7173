import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from './db';

/** How long a write retries a SQLite database locked by another connection (as busy_timeout). */
const SQLITE_BUSY_MS = 5000;

/**
 * `fn` in one write transaction that never blocks the event loop waiting for a lock.
 *
 * On SQLite a writer that finds the file locked by another connection normally waits in
 * busy_timeout — synchronously, blocking the event loop, and with it (two instances in one
 * process, as in the tests) the very holder it waits for. Here the wait is 0 and the transaction
 * retries after yielding, for as long as busy_timeout would have waited; then SQLITE_BUSY goes up
 * and is answered 503 like any other database that cannot take the request (db-errors.ts).
 * Across processes this is just as correct. On PostgreSQL it is a plain transaction.
 * Used by the job leases and the throttle counters, which several instances write at once.
 */
export async function yieldingWrite<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (db.engine !== 'sqlite') return db.transaction(fn);
  const began = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async () => {
        const manager = db.manager();
        const rows: Array<{ timeout: number }> = await manager.query('PRAGMA busy_timeout');
        const previous = Number(rows[0]?.timeout ?? SQLITE_BUSY_MS);
        await manager.query('PRAGMA busy_timeout = 0');
        try {
          return await fn();
        } finally {
          await manager.query(`PRAGMA busy_timeout = ${previous}`);
        }
      });
    } catch (e) {
      if (!isBusy(e) || Date.now() - began > SQLITE_BUSY_MS) throw e;
      await sleep(1 + Math.floor(Math.random() * 5 * Math.min(attempt, 10)));
    }
  }
}

function isBusy(e: unknown): boolean {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
