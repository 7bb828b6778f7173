import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { Db, Deferred } from '../database/db';
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

  /** Entries of the current transaction, written as its last step (see `Db.defer`). */
  private readonly unwritten: Deferred<AuditEvent> = {
    name: 'audit',
    flush: (events) => this.append(events),
  };

  /** Entries recorded outside any transaction that wait for the next standalone write. */
  private nextBatch: { events: AuditEvent[]; written: Promise<void> } | null = null;
  /** The standalone write in progress (at most one at a time). */
  private writing: Promise<void> = Promise.resolve();

  /**
   * Records an entry. Inside a transaction it is buffered and written as the last step before
   * COMMIT: it commits or rolls back with the change it records, entries keep their order, and
   * the chain head is locked only for that final insert, after every other lock of the
   * transaction (ADR 0005, 0008).
   *
   * Outside a transaction (a failed sign-in, an `access.denied`) it is written in its own
   * transaction, and resolves once committed. Such entries are group-committed: while one
   * standalone write is in progress, every entry recorded meanwhile joins the next one, so a
   * flood of them takes the chain lock once per batch, not once per entry, and cannot crowd out
   * other writers.
   */
  record(event: AuditEvent): Promise<void> {
    if (this.db.inTransaction) {
      this.db.defer(this.unwritten, event);
      return Promise.resolve();
    }
    if (!this.nextBatch) {
      const batch: { events: AuditEvent[]; written: Promise<void> } = {
        events: [],
        written: Promise.resolve(),
      };
      batch.written = this.writing.then(() => {
        if (this.nextBatch === batch) this.nextBatch = null;
        return this.db.transaction(() => this.append(batch.events));
      });
      this.writing = batch.written.catch(() => undefined);
      this.nextBatch = batch;
    }
    this.nextBatch.events.push(event);
    return this.nextBatch.written;
  }

  /** Locks the chain head and appends the entries in order; the caller's transaction commits. */
  private async append(events: AuditEvent[]): Promise<void> {
    if (!events.length) return;
    // the units' paths are read before the chain head is locked (the lock is held until COMMIT)
    const placed = await this.placeAll(events);
    let prevHash = (await this.repo.lockHead()) ?? GENESIS_HASH;
    const occurredAt = this.clock.now();
    const rows: Array<Omit<AuditEntryEntity, 'seq'>> = [];
    for (const [i, event] of events.entries()) {
      const content = {
        unitPath: placed[i],
        occurredAt,
        actorId: event.actor?.id ?? null,
        actorName: event.actor?.username ?? null,
        action: event.action,
        objectType: event.objectType ?? null,
        objectId: event.objectId ?? null,
        outcome: event.outcome ?? 'success',
        details: canonicalJson(event.details ?? {}),
        prevHash,
      };
      const hash = entryHash(content);
      rows.push({ ...content, hash });
      prevHash = hash;
    }
    await this.repo.insertMany(rows);
  }

  /**
   * The unit path each entry is filed under (null: none): the unit the feature names
   * (`event.unitId`); else, for a user or a unit as the object, that user's unit or that unit
   * (the foundation's own tables, so that a change to a person of department B is B's entry
   * whoever made it); else the actor's home unit. One query per kind for the whole batch.
   */
  private async placeAll(events: AuditEvent[]): Promise<Array<string | null>> {
    const userObjects = events
      .filter((e) => !e.unitId && e.objectType === 'User' && e.objectId)
      .map((e) => e.objectId!);
    const userUnits = await this.repo.unitPathsOfUsers(userObjects);
    const unitIds = events.map(
      (e) => e.unitId ?? (e.objectType === 'OrgUnit' ? (e.objectId ?? null) : null),
    );
    const paths = await this.repo.unitPaths(
      [...unitIds, ...events.map(actorUnit)].filter((u): u is string => !!u),
    );
    return events.map((e, i) => {
      if (e.unitId) return paths.get(e.unitId) ?? null;
      if (e.objectType === 'User' && e.objectId && userUnits.has(e.objectId))
        return userUnits.get(e.objectId)!;
      const own = unitIds[i];
      const actor = actorUnit(e);
      return (own && paths.get(own)) ?? (actor && paths.get(actor)) ?? null;
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

/** The actor's home unit, when the actor came with one (an AuthUser or a user row does). */
function actorUnit(event: AuditEvent): string | null {
  const unit = event.actor?.unitId;
  return typeof unit === 'string' && unit ? unit : null;
}
