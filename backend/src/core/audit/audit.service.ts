import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { Db } from '../database/db';
import { canonicalJson } from '../crypto/hashing';
import { ChainCheck, ChainVerifier, entryHash } from './audit-chain';
import { AuditQuery, AuditRepository } from './audit.repository';
import { AuditEvent, GENESIS_HASH } from './audit.types';
import type { AuditEntryEntity } from './entities/audit-entry.entity';

@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends an entry. Inside a transaction it joins it, so the entry commits or rolls back with
   * the change it records; outside one (e.g. a failed sign-in) it gets its own.
   */
  record(event: AuditEvent): Promise<void> {
    return this.db.transaction(async () => {
      const prevHash = (await this.repo.lockHead()) ?? GENESIS_HASH;
      const content = {
        occurredAt: this.clock.now(),
        actorId: event.actor?.id ?? null,
        actorName: event.actor?.username ?? null,
        action: event.action,
        objectType: event.objectType ?? null,
        objectId: event.objectId ?? null,
        outcome: event.outcome ?? 'success',
        details: canonicalJson(event.details ?? {}),
        prevHash,
      };
      await this.repo.insert({ ...content, hash: entryHash(content) });
    });
  }

  search(q: AuditQuery): Promise<AuditEntryEntity[]> {
    return this.repo.search(q);
  }

  /** Walks the whole chain in batches; names the first broken entry. */
  async verify(batchSize = 1000): Promise<ChainCheck> {
    const verifier = new ChainVerifier(GENESIS_HASH);
    let after = 0;
    for (;;) {
      const batch = await this.repo.batchAfter(after, batchSize);
      if (!batch.length) break;
      if (!verifier.feed(batch)) break;
      after = batch[batch.length - 1].seq;
    }
    return verifier.result();
  }
}
