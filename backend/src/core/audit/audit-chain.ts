import { canonicalJson, sha256Hex } from '../crypto/hashing';
import type { AuditEntryEntity } from './entities/audit-entry.entity';

/**
 * The content that is hashed: every column except seq and hash itself. `unitPath` only when set:
 * entries written before the column existed (null) keep the hash they were written with.
 */
export function entryContent(e: Omit<AuditEntryEntity, 'seq' | 'hash'>): string {
  return canonicalJson({
    ...(e.unitPath != null && { unitPath: e.unitPath }),
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    outcome: e.outcome,
    details: e.details,
    prevHash: e.prevHash,
  });
}

export function entryHash(e: Omit<AuditEntryEntity, 'seq' | 'hash'>): string {
  return sha256Hex(`${e.prevHash}\n${entryContent(e)}`);
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** First entry whose link or own hash does not match, with the reason. */
  firstBroken?: { seq: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' };
}

/** Incremental verifier: feed entries in seq order, batch by batch. */
export class ChainVerifier {
  private prev: string;
  private count = 0;
  private broken?: ChainCheck['firstBroken'];

  constructor(genesis: string) {
    this.prev = genesis;
  }

  feed(entries: AuditEntryEntity[]): boolean {
    for (const e of entries) {
      if (this.broken) return false;
      this.count++;
      if (e.prevHash !== this.prev) this.broken = { seq: e.seq, reason: 'prev_hash_mismatch' };
      else if (entryHash(e) !== e.hash) this.broken = { seq: e.seq, reason: 'hash_mismatch' };
      this.prev = e.hash;
    }
    return !this.broken;
  }

  result(): ChainCheck {
    return this.broken
      ? { ok: false, checked: this.count, firstBroken: this.broken }
      : { ok: true, checked: this.count };
  }
}
