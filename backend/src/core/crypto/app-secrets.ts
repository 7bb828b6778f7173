import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { Db } from '../database/db';
import { EnvelopeCrypto } from './envelope-crypto';
import { AppSecretEntity } from './entities/app-secret.entity';
import { WrappedKeyRegistry } from './wrapped-key.registry';

const NAME = /^[a-z][a-z0-9_.-]{0,59}$/;

/**
 * Named 256-bit application secrets, made once per installation and stored wrapped by the master
 * key (`app_secrets`). Used for keyed hashes that must stay stable across master-key rotations —
 * the receipt-code hash and the reporter tag: `varn rotate-master-key` re-wraps the secret, the
 * secret itself never changes. Unwrapped secrets are kept in memory (they never change).
 */
@Injectable()
export class AppSecrets implements OnModuleInit {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly db: Db,
    private readonly crypto: EnvelopeCrypto,
    private readonly clock: Clock,
    private readonly wrappedKeys: WrappedKeyRegistry,
  ) {}

  onModuleInit(): void {
    this.wrappedKeys.register({
      name: 'app_secrets',
      table: 'app_secrets',
      idColumn: 'name',
      wrappedKeyColumn: 'wrappedKey',
    });
  }

  /** The secret called `name`, created on first use (several instances agree on one). */
  get(name: string): Promise<Buffer> {
    if (!NAME.test(name)) throw new Error(`AppSecrets: bad name "${name}"`);
    let found = this.cache.get(name);
    if (!found) {
      found = this.load(name);
      found.catch(() => this.cache.delete(name));
      this.cache.set(name, found);
    }
    return found;
  }

  private async load(name: string): Promise<Buffer> {
    const repo = () => this.db.repo(AppSecretEntity);
    const existing = await repo().findOneBy({ name });
    if (existing) return this.crypto.unwrapDataKey(existing.wrappedKey);
    const fresh = this.crypto.newDataKey();
    // Insert if absent; another instance may win the race — then its secret is the one.
    await this.db.transaction(async () => {
      const row = await repo().findOneBy({ name });
      if (!row)
        await repo()
          .createQueryBuilder()
          .insert()
          .values({ name, wrappedKey: fresh.wrapped, createdAt: this.clock.now() })
          .orIgnore()
          .execute();
    });
    const row = await this.db.transaction(() => repo().findOneByOrFail({ name }));
    return this.crypto.unwrapDataKey(row.wrappedKey);
  }
}
