import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { ADVISORY_LOCKS } from './advisory-locks';
import { VarnPgClient } from './pg-client';

/** Options for either engine. Schema changes only through migrations: never synchronize. */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      enableWAL: true,
      // foreign keys are switched on by TypeORM's better-sqlite3 driver; wait for locks held by
      // the CLI or a second process instead of failing at once
      prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
        conn.pragma('busy_timeout = 5000');
        conn.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: db.url,
    applicationName: 'varn',
    // Fail fast when PostgreSQL is down: a request waits at most 5 s for a connection (then 503,
    // see db-errors.ts) instead of queueing forever; dead connections are dropped by the pool and
    // replaced on the next request, so service returns without a restart.
    // query_timeout is the backstop for a connection that dies without the client noticing: the
    // query fails (→ 503) instead of waiting for an answer that never comes, and VarnPgClient
    // then closes that connection so the pool replaces it (pg alone would keep handing it out).
    extra: {
      Client: VarnPgClient,
      max: db.poolSize,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      query_timeout: db.queryTimeoutMs ?? 30_000,
      // no JIT: short OLTP queries gain nothing, and the planner started it for every whole-scope
      // heatmap (356–480 ms of compilation per query at city size, see architecture.md)
      options: '-c jit=off',
    },
  };
}

/**
 * SQLite only: a second connection to the same file, opened read-only, for everything that runs
 * outside a transaction (see `Db`). In WAL mode it reads the last committed snapshot while the
 * writer connection holds a transaction open. An in-memory database cannot be opened twice, so
 * it gets no reader: outside a transaction `Db` then refuses to run any statement.
 */
export async function openReader(writer: DataSource): Promise<DataSource | null> {
  const options = writer.options;
  if (options.type !== 'better-sqlite3') return null;
  if (options.database === ':memory:') return null;
  const reader = new DataSource({
    ...options,
    readonly: true,
    fileMustExist: true,
    // the writer has put the file in WAL mode; a read-only handle cannot change it
    enableWAL: false,
    migrations: [],
    prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
      conn.pragma('busy_timeout = 5000');
    },
  });
  await reader.initialize();
  return reader;
}

/** Key for the PostgreSQL advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK = ADVISORY_LOCKS.migration;

/** Opens the database and applies pending migrations (serialised across instances on PostgreSQL). */
export async function openDatabase(db: DatabaseConfig, runMigrations = true): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(db));
  await ds.initialize();
  if (runMigrations) await migrate(ds);
  return ds;
}

export async function migrate(ds: DataSource): Promise<string[]> {
  if (ds.options.type !== 'postgres') {
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await qr.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await qr.release();
  }
}
