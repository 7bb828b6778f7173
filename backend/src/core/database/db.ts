import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/**
 * Unit of work. `transaction(fn)` runs fn in one database transaction; repositories called
 * inside it pick up the transaction's EntityManager from AsyncLocalStorage, so services never
 * pass TypeORM objects around. Nested calls join the outer transaction.
 *
 * SQLite has one connection per process: transactions are queued so that two requests never
 * interleave statements inside one SQLite transaction.
 */
@Injectable()
export class Db {
  private readonly als = new AsyncLocalStorage<EntityManager>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  get engine(): 'sqlite' | 'postgres' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  get inTransaction(): boolean {
    return this.als.getStore() !== undefined;
  }

  manager(): EntityManager {
    return this.als.getStore() ?? this.dataSource.manager;
  }

  repo<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager().getRepository(entity);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.als.getStore()) return fn();
    const run = () => this.dataSource.transaction((em) => this.als.run(em, fn));
    if (this.engine === 'postgres') return run();
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
