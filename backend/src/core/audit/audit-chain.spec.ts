import { canonicalJson, sha256Hex } from '../crypto/hashing';
import { ChainVerifier, entryHash } from './audit-chain';
import { GENESIS_HASH } from './audit.types';
import type { AuditEntryEntity } from './entities/audit-entry.entity';

function chain(n: number, unitPath: string | null = null): AuditEntryEntity[] {
  const out: AuditEntryEntity[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c = {
      unitPath,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      actorId: 'u1',
      actorName: 'admin',
      action: 'user.update',
      objectType: 'User',
      objectId: `u${i}`,
      outcome: 'success' as const,
      details: '{}',
      prevHash: prev,
    };
    const e = { ...c, seq: i, hash: entryHash(c) };
    out.push(e);
    prev = e.hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('accepts an intact chain', () => {
    const v = new ChainVerifier(GENESIS_HASH);
    v.feed(chain(5));
    expect(v.result()).toEqual({ ok: true, checked: 5 });
  });

  it('names the first entry whose content was changed', () => {
    const entries = chain(5);
    entries[2].action = 'user.delete';
    const v = new ChainVerifier(GENESIS_HASH);
    v.feed(entries);
    expect(v.result().firstBroken).toEqual({ seq: 3, reason: 'hash_mismatch' });
  });

  it('detects a deleted entry as a broken link', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    const v = new ChainVerifier(GENESIS_HASH);
    v.feed(entries);
    expect(v.result().firstBroken).toEqual({ seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('detects a rewritten entry even when its own hash was recomputed', () => {
    const entries = chain(4);
    const e = entries[1];
    e.objectId = 'someone-else';
    e.hash = entryHash(e);
    const v = new ChainVerifier(GENESIS_HASH);
    v.feed(entries);
    expect(v.result().firstBroken).toEqual({ seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('hashes the unit when set, and an entry without one as before the column existed', () => {
    const withUnit = chain(3, '/root/a/');
    const v = new ChainVerifier(GENESIS_HASH);
    v.feed(withUnit);
    expect(v.result()).toEqual({ ok: true, checked: 3 });
    // moving an entry to another scope breaks it
    withUnit[1].unitPath = '/root/b/';
    const moved = new ChainVerifier(GENESIS_HASH);
    moved.feed(withUnit);
    expect(moved.result().firstBroken).toEqual({ seq: 2, reason: 'hash_mismatch' });
    // an entry written before the column existed verifies against the formula it was written
    // with (no unitPath in the hashed content)
    const [old] = chain(1);
    const content = {
      occurredAt: old.occurredAt.toISOString(),
      actorId: old.actorId,
      actorName: old.actorName,
      action: old.action,
      objectType: old.objectType,
      objectId: old.objectId,
      outcome: old.outcome,
      details: old.details,
      prevHash: old.prevHash,
    };
    const before = sha256Hex(`${old.prevHash}\n${canonicalJson(content)}`);
    expect(old.hash).toBe(before);
  });
});
