import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { openReader } from './data-source';

/**
 * Work that a transaction defers to its very end: `flush` receives every item deferred under
 * this key, in the order they were deferred, as the last step before COMMIT.
 */
export interface Deferred<T> {
  readonly name: string;
  /**
   * Keys flush in ascending order (default 0), then in the order first deferred: a fixed order
   * of the end-of-transaction writes, so two transactions never take their locks crosswise.
   */
  readonly order?: number;
  flush(items: T[]): Promise<void>;
}

interface UnitOfWork {
  readonly manager: EntityManager;
  readonly deferred: Map<Deferred<unknown>, unknown[]>;
  flushing: boolean;
}

/**
 * Unit of work. `transaction(fn)` runs fn in one database transaction; repositories called
 * inside it pick up the transaction's EntityManager from AsyncLocalStorage, so services never
 * pass TypeORM objects around. Nested calls join the outer transaction. Work registered with
 * `defer` (the audit entries) runs as the last step before COMMIT.
 *
 * SQLite (better-sqlite3) gives a process one connection per handle. Writes go through ONE
 * writer connection, and transactions on it are queued so that two requests never interleave
 * statements inside one SQLite transaction. Everything outside a transaction runs on a second,
 * read-only connection: in WAL mode it reads the last committed snapshot, so it can neither see
 * another request's uncommitted rows nor write into its transaction (a write there fails with
 * SQLITE_READONLY). See ADR 0008.
 *
 * PostgreSQL has a pool: outside a transaction each statement takes its own connection.
 */
@Injectable()
export class Db implements OnModuleInit, OnModuleDestroy {
  private readonly als = new AsyncLocalStorage<UnitOfWork>();
  private queue: Promise<unknown> = Promise.resolve();
  private reader: DataSource | null = null;

  constructor(readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    if (this.engine === 'sqlite' && !this.reader) this.reader = await openReader(this.dataSource);
  }

  async onModuleDestroy(): Promise<void> {
    const reader = this.reader;
    this.reader = null;
    if (reader?.isInitialized) await reader.destroy();
  }

  get engine(): 'sqlite' | 'postgres' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  get inTransaction(): boolean {
    return this.als.getStore() !== undefined;
  }

  /** The transaction's manager inside `transaction`; outside it, a read-only one on SQLite. */
  manager(): EntityManager {
    const uow = this.als.getStore();
    if (uow) return uow.manager;
    if (this.engine === 'postgres') return this.dataSource.manager;
    if (!this.reader)
      throw new Error(
        'Db: no SQLite read connection (an in-memory database, or the application is not started); ' +
          'statements outside db.transaction cannot be isolated',
      );
    return this.reader.manager;
  }

  repo<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager().getRepository(entity);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.als.getStore()) return fn();
    const run = () =>
      this.dataSource.transaction(async (manager) => {
        const uow: UnitOfWork = { manager, deferred: new Map(), flushing: false };
        const result = await this.als.run(uow, fn);
        await this.als.run(uow, () => this.flush(uow));
        return result;
      });
    if (this.engine === 'postgres') return run();
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Defers an item to the end of the current transaction (see `Deferred`). Outside a
   * transaction this is a programming error.
   */
  defer<T>(key: Deferred<T>, item: T): void {
    const uow = this.als.getStore();
    if (!uow) throw new Error(`Db.defer(${key.name}) outside a transaction`);
    if (uow.flushing) throw new Error(`Db.defer(${key.name}) while the transaction is committing`);
    const list = uow.deferred.get(key) ?? [];
    list.push(item);
    uow.deferred.set(key, list);
  }

  /**
   * Takes a transaction-scoped lock on `key` (PostgreSQL advisory lock, released at COMMIT or
   * ROLLBACK). On SQLite the writer queue already serialises every transaction. Must run inside
   * a transaction.
   */
  async lock(key: number): Promise<void> {
    const uow = this.als.getStore();
    if (!uow) throw new Error('Db.lock outside a transaction');
    if (this.engine === 'postgres')
      await uow.manager.query('SELECT pg_advisory_xact_lock($1)', [key]);
  }

  private async flush(uow: UnitOfWork): Promise<void> {
    uow.flushing = true;
    const keys = [...uow.deferred.keys()].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    for (const key of keys) await key.flush(uow.deferred.get(key)!);
  }
}
