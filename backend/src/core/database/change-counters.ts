import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db, type Deferred } from './db';
import { ChangeCounterEntity } from './entities/change-counter.entity';

/**
 * Named counters that move, in the same transaction, with every change of the data they watch
 * (see ChangeCounterEntity). Reading one is a primary-key lookup; a cache keyed by it is exact
 * across instances: a committed change gives a new key on the very next request everywhere.
 */
@Injectable()
export class ChangeCounters {
  constructor(private readonly db: Db) {}

  /** The committed value (0 when the counter does not exist). */
  async read(name: string): Promise<number> {
    const row = await this.db.repo(ChangeCounterEntity).findOne({ where: { name } });
    return row ? Number(row.value) : 0;
  }

  /**
   * Moves the counter with the current change: inside a `Db` transaction once, as its last step
   * before COMMIT (after the audit entries: one fixed order of the end-of-transaction locks, and
   * the counter row is held only for that moment); outside one, at once with `manager`.
   */
  async changed(manager: EntityManager, name: string): Promise<void> {
    if (this.db.inTransaction) this.db.defer(this.atCommit, name);
    else await this.bump(manager, name);
  }

  private readonly atCommit: Deferred<string> = {
    name: 'change-counters',
    order: 100,
    flush: async (names) => {
      for (const name of [...new Set(names)].sort()) await this.bump(this.db.manager(), name);
    },
  };

  private async bump(manager: EntityManager, name: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ChangeCounterEntity)
      .set({ value: () => 'value + 1' })
      .where('name = :name', { name })
      .callListeners(false)
      .execute();
  }
}
