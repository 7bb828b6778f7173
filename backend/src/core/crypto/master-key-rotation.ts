import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db';
import { EnvelopeCrypto } from './envelope-crypto';
import { WrappedKeyRegistry } from './wrapped-key.registry';
import { WrappedKeyRepository } from './wrapped-key.repository';

export interface RotationColumnReport {
  readonly name: string;
  /** Re-wrapped under the current master key by this run. */
  readonly rewrapped: number;
  /** Wrapped keys that no configured master key could unwrap (left unchanged). */
  readonly failed: number;
  /** After the run: keys under the current master key, and all keys in the column. */
  readonly current: number;
  readonly total: number;
}

export interface RotationReport {
  readonly keyId: string;
  readonly columns: readonly RotationColumnReport[];
  /** True when every stored key is under the current master key: old keys may be removed. */
  readonly complete: boolean;
}

/**
 * `varn rotate-master-key`: re-wraps every registered wrapped data key under the current master
 * key (VARN_MASTER_KEY), reading the old ones with the previous keys (VARN_MASTER_KEYS_OLD).
 *
 * Batches of `batchSize` rows, each in its own transaction, in id order. Rows already under the
 * current key are never selected, so a run that was interrupted simply continues where it
 * stopped, and a second run changes nothing. Each update checks that the row still holds the
 * key that was read, so a key destroyed (crypto-shredding) or replaced meanwhile is left alone.
 * The data itself is never touched: only the small wrapped keys change.
 */
@Injectable()
export class MasterKeyRotation {
  constructor(
    private readonly db: Db,
    private readonly crypto: EnvelopeCrypto,
    private readonly registry: WrappedKeyRegistry,
    private readonly repo: WrappedKeyRepository,
    private readonly audit: AuditService,
  ) {}

  async rotate(
    opts: { batchSize?: number; onBatch?: (name: string, rewrapped: number) => void } = {},
  ): Promise<RotationReport> {
    const batchSize = opts.batchSize ?? 500;
    const keyId = this.crypto.currentKeyId;
    const columns: RotationColumnReport[] = [];
    for (const column of this.registry.all()) {
      let rewrapped = 0;
      let failed = 0;
      let after = '';
      for (;;) {
        const batch = await this.db.transaction(async () => {
          const rows = await this.repo.pendingBatch(column, keyId, after, batchSize);
          let done = 0;
          for (const row of rows) {
            let next: string | null;
            try {
              next = this.crypto.rewrap(row.wrapped);
            } catch {
              failed++;
              continue;
            }
            if (next && (await this.repo.replace(column, row.id, row.wrapped, next))) done++;
          }
          return { rows: rows.length, last: rows.at(-1)?.id ?? after, done };
        });
        rewrapped += batch.done;
        after = batch.last;
        opts.onBatch?.(column.name, rewrapped);
        if (batch.rows < batchSize) break;
      }
      const counts = await this.repo.counts(column, keyId);
      columns.push({ name: column.name, rewrapped, failed, ...counts });
    }
    const report: RotationReport = {
      keyId,
      columns,
      complete: columns.every((c) => c.current === c.total),
    };
    await this.audit.record({
      action: 'crypto.master_key_rotated',
      outcome: report.complete ? 'success' : 'failure',
      details: {
        keyId,
        columns: columns.map(({ name, rewrapped, failed, current, total }) => ({
          name,
          rewrapped,
          failed,
          current,
          total,
        })),
      },
    });
    return report;
  }
}
