import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { masterKeyId } from './master-key-id';

/** A wrapped data key names a master key that is not configured (or none is configured). */
export class UnknownMasterKeyError extends Error {
  constructor(readonly keyId: string | null) {
    super(
      keyId
        ? `This data key is wrapped by master key ${keyId}, which is not configured: set it as ` +
            'VARN_MASTER_KEY, or list it in VARN_MASTER_KEYS_OLD until `varn rotate-master-key` has run'
        : 'No master key configured (VARN_MASTER_KEY)',
    );
    this.name = 'UnknownMasterKeyError';
  }
}

const WRAP_AAD = 'varn:data-key';

/**
 * Envelope encryption with AES-256-GCM. Each protected record (a case, a file) gets its own data
 * key; the data key is stored wrapped by a master key. Destroying the wrapped data key makes
 * everything encrypted with it unreadable (crypto-shredding).
 *
 * Wrapped data keys: "v2." + kid + "." + base64url(iv[12] | tag[16] | ciphertext), where kid is
 * `masterKeyId(masterKey)` and is also bound into the additional authenticated data. The key
 * ring is the current master key (VARN_MASTER_KEY) plus previous ones (VARN_MASTER_KEYS_OLD);
 * `varn rotate-master-key` re-wraps every registered data key under the current key, after which
 * the old keys can be removed (ADR 0013). "v1." wrapped keys (no kid, from before key ids) are
 * still read: every key of the ring is tried, the GCM tag telling which one is right.
 *
 * Values sealed with a data key ("v1." + base64url(iv | tag | ciphertext), the record's context
 * as additional authenticated data) do not involve the master key and keep their format.
 */
@Injectable()
export class EnvelopeCrypto {
  private readonly current: { id: string; key: Buffer } | null;
  private readonly ring: ReadonlyMap<string, Buffer>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.current =
      config.masterKey.length === 32
        ? { id: masterKeyId(config.masterKey), key: config.masterKey }
        : null;
    const ring = new Map<string, Buffer>();
    if (this.current) ring.set(this.current.id, this.current.key);
    for (const old of config.oldMasterKeys) if (!ring.has(old.id)) ring.set(old.id, old.key);
    this.ring = ring;
  }

  /** Id of the master key that wraps new data keys. */
  get currentKeyId(): string {
    return this.currentKey().id;
  }

  /** A fresh data key: the plain key (keep in memory only) and its wrapped form (store it). */
  newDataKey(): { key: Buffer; wrapped: string } {
    const key = randomBytes(32);
    return { key, wrapped: this.wrap(key) };
  }

  /** Wraps a data key under the current master key. */
  wrap(dataKey: Buffer): string {
    if (dataKey.length !== 32) throw new Error('A data key is 32 bytes');
    const { id, key } = this.currentKey();
    return `v2.${id}.${sealRaw(key, dataKey, `${WRAP_AAD}:${id}`)}`;
  }

  /** The data key inside a wrapped key; throws UnknownMasterKeyError when its master key is gone. */
  unwrapDataKey(wrapped: string): Buffer {
    if (wrapped.startsWith('v2.')) {
      const dot = wrapped.indexOf('.', 3);
      const kid = dot < 0 ? '' : wrapped.slice(3, dot);
      const master = this.ring.get(kid);
      if (!master) throw new UnknownMasterKeyError(kid || 'without id');
      return openRaw(master, wrapped.slice(dot + 1), `${WRAP_AAD}:${kid}`);
    }
    if (wrapped.startsWith('v1.')) {
      if (!this.ring.size) throw new UnknownMasterKeyError(null);
      for (const master of this.ring.values()) {
        try {
          return openRaw(master, wrapped.slice(3), WRAP_AAD);
        } catch {
          // not this key: try the next one
        }
      }
      throw new Error('This data key cannot be unwrapped by any configured master key');
    }
    throw new Error('Unknown wrapped-key format');
  }

  /** The id of the master key a wrapped key names ("v2"), or null for the legacy "v1" format. */
  keyIdOf(wrapped: string): string | null {
    if (!wrapped.startsWith('v2.')) return null;
    const dot = wrapped.indexOf('.', 3);
    return dot < 0 ? null : wrapped.slice(3, dot);
  }

  /** True when the wrapped key is already under the current master key. */
  isCurrent(wrapped: string): boolean {
    return this.keyIdOf(wrapped) === this.currentKey().id;
  }

  /**
   * The same data key wrapped under the current master key, or null when it already is (so a
   * rotation that is run again changes nothing).
   */
  rewrap(wrapped: string): string | null {
    if (this.isCurrent(wrapped)) return null;
    return this.wrap(this.unwrapDataKey(wrapped));
  }

  encrypt(dataKey: Buffer, plaintext: string, context: string): string {
    return `v1.${sealRaw(dataKey, Buffer.from(plaintext, 'utf8'), context)}`;
  }

  decrypt(dataKey: Buffer, sealed: string, context: string): string {
    if (!sealed.startsWith('v1.')) throw new Error('Unknown ciphertext format');
    return openRaw(dataKey, sealed.slice(3), context).toString('utf8');
  }

  private currentKey(): { id: string; key: Buffer } {
    if (!this.current) throw new UnknownMasterKeyError(null);
    return this.current;
  }
}

function sealRaw(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

function openRaw(key: Buffer, encoded: string, aad: string): Buffer {
  const raw = Buffer.from(encoded, 'base64url');
  if (raw.length < 28) throw new Error('Ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}
