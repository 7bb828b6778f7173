import { Injectable, OnModuleInit } from '@nestjs/common';
import type {
  EntityMetadata,
  EntityManager,
  EntitySubscriberInterface,
  InsertEvent,
  RemoveEvent,
  UpdateEvent,
} from 'typeorm';
import { ChangeCounters } from '../core/database/change-counters';
import { Db } from '../core/database/db';

export const RISK_REGISTER_COUNTER = 'risk_register';

/**
 * Everything a risk heatmap is computed from: the risks and their assessments and acceptances,
 * the matrix, the units (a moved unit moves its risks in or out of a scope) and the contracts
 * (sector filter). Any insert, update or delete of these through TypeORM moves the counter in the
 * same transaction, so `RisksService.heatmap` can cache by it.
 */
const WATCHED_TABLES: ReadonlySet<string> = new Set([
  'risks',
  'risk_assessments',
  'risk_acceptances',
  'risk_matrix_versions',
  'org_units',
  'contracts',
]);

@Injectable()
export class RiskRegisterVersion implements EntitySubscriberInterface, OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly counters: ChangeCounters,
  ) {}

  onModuleInit(): void {
    const subscribers = this.db.dataSource.subscribers;
    if (!subscribers.includes(this)) subscribers.push(this);
  }

  /** The committed version of the risk register. */
  current(): Promise<number> {
    return this.counters.read(RISK_REGISTER_COUNTER);
  }

  afterInsert(e: InsertEvent<unknown>): Promise<void> {
    return this.changed(e.manager, e.metadata);
  }

  afterUpdate(e: UpdateEvent<unknown>): Promise<void> {
    return this.changed(e.manager, e.metadata);
  }

  afterRemove(e: RemoveEvent<unknown>): Promise<void> {
    return this.changed(e.manager, e.metadata);
  }

  private async changed(manager: EntityManager, metadata: EntityMetadata): Promise<void> {
    if (WATCHED_TABLES.has(metadata.tableName))
      await this.counters.changed(manager, RISK_REGISTER_COUNTER);
  }
}
