import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { EnvelopeCrypto, UnknownMasterKeyError } from './envelope-crypto';
import { masterKeyId } from './master-key-id';

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);
const K3 = Buffer.alloc(32, 3);
const b64 = (k: Buffer) => k.toString('base64');

function cryptoWith(current: Buffer, old: Buffer[] = []): EnvelopeCrypto {
  return new EnvelopeCrypto(
    loadConfig({
      NODE_ENV: 'test',
      VARN_MASTER_KEY: b64(current),
      VARN_MASTER_KEYS_OLD: old.map(b64).join(','),
    }),
  );
}

/** A data key wrapped in the format used before key ids ("v1.", no kid). */
function legacyWrap(master: Buffer, dataKey: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv);
  cipher.setAAD(Buffer.from('varn:data-key', 'utf8'));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
}

describe('EnvelopeCrypto', () => {
  const crypto = cryptoWith(K1);

  it('round-trips text through a wrapped data key', () => {
    const { key, wrapped } = crypto.newDataKey();
    const sealed = crypto.encrypt(key, 'Hot mot handläggare', 'case:1:text');
    expect(sealed).not.toContain('Hot');
    expect(crypto.decrypt(crypto.unwrapDataKey(wrapped), sealed, 'case:1:text')).toBe(
      'Hot mot handläggare',
    );
  });

  it('refuses ciphertext moved to another context or tampered with', () => {
    const { key } = crypto.newDataKey();
    const sealed = crypto.encrypt(key, 'x', 'case:1:text');
    expect(() => crypto.decrypt(key, sealed, 'case:2:text')).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => crypto.decrypt(key, tampered, 'case:1:text')).toThrow();
  });

  it('writes the id of the current master key into every wrapped data key', () => {
    const { wrapped } = crypto.newDataKey();
    expect(wrapped).toMatch(/^v2\.[0-9a-f]{8}\./);
    expect(crypto.keyIdOf(wrapped)).toBe(masterKeyId(K1));
    expect(crypto.currentKeyId).toBe(masterKeyId(K1));
    expect(crypto.isCurrent(wrapped)).toBe(true);
  });

  it('binds the key id: a wrapped key relabelled with another id does not unwrap', () => {
    const { wrapped } = crypto.newDataKey();
    const both = cryptoWith(K1, [K2]);
    const relabelled = wrapped.replace(masterKeyId(K1), masterKeyId(K2));
    expect(() => both.unwrapDataKey(relabelled)).toThrow();
  });

  it('names the missing master key when a data key was wrapped by a key not configured', () => {
    const { wrapped } = crypto.newDataKey();
    const other = cryptoWith(K2);
    expect(() => other.unwrapDataKey(wrapped)).toThrow(UnknownMasterKeyError);
    expect(() => other.unwrapDataKey(wrapped)).toThrow(masterKeyId(K1));
  });

  it('unwraps with an old key of the ring and re-wraps under the current key', () => {
    const { key, wrapped } = crypto.newDataKey();
    const rotated = cryptoWith(K2, [K1]);
    expect(rotated.unwrapDataKey(wrapped).equals(key)).toBe(true);
    expect(rotated.isCurrent(wrapped)).toBe(false);
    const rewrapped = rotated.rewrap(wrapped);
    expect(rewrapped).not.toBeNull();
    expect(rotated.keyIdOf(rewrapped!)).toBe(masterKeyId(K2));
    // idempotent: already under the current key → nothing to do
    expect(rotated.rewrap(rewrapped!)).toBeNull();
    // and readable once the old key is gone
    expect(cryptoWith(K2).unwrapDataKey(rewrapped!).equals(key)).toBe(true);
  });

  it('still reads legacy "v1." wrapped keys under the current or an old key', () => {
    const dataKey = randomBytes(32);
    expect(cryptoWith(K1).unwrapDataKey(legacyWrap(K1, dataKey)).equals(dataKey)).toBe(true);
    const legacyOld = legacyWrap(K1, dataKey);
    const rotated = cryptoWith(K2, [K1]);
    expect(rotated.unwrapDataKey(legacyOld).equals(dataKey)).toBe(true);
    expect(rotated.isCurrent(legacyOld)).toBe(false);
    expect(rotated.keyIdOf(rotated.rewrap(legacyOld)!)).toBe(masterKeyId(K2));
    expect(() => cryptoWith(K3).unwrapDataKey(legacyOld)).toThrow();
  });

  it('refuses to wrap or unwrap without a master key', () => {
    const none = new EnvelopeCrypto(loadConfig({ NODE_ENV: 'test' }));
    expect(() => none.newDataKey()).toThrow(UnknownMasterKeyError);
    expect(() => none.unwrapDataKey(crypto.newDataKey().wrapped)).toThrow(UnknownMasterKeyError);
  });
});

describe('master key ring configuration', () => {
  it('reads previous keys inline and from a key file, checking stated ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'varn-keys-'));
    const file = join(dir, 'old-keys');
    writeFileSync(file, `# retired 2026-11\n${masterKeyId(K2)} ${b64(K2)}\n\n`);
    const config = loadConfig({
      NODE_ENV: 'test',
      VARN_MASTER_KEY: b64(K3),
      VARN_MASTER_KEYS_OLD: `${masterKeyId(K1)}:${b64(K1)}`,
      VARN_MASTER_KEYS_OLD_FILE: file,
    });
    expect(config.oldMasterKeys.map((k) => k.id)).toEqual([masterKeyId(K1), masterKeyId(K2)]);
  });

  it('refuses a wrong id, a short key, the current key and a missing file', () => {
    const attempt = (env: Record<string, string>) => {
      try {
        loadConfig({ NODE_ENV: 'test', VARN_MASTER_KEY: b64(K1), ...env });
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(attempt({ VARN_MASTER_KEYS_OLD: `${masterKeyId(K3)}:${b64(K2)}` })[0]).toMatch(
      /does not belong to this key/,
    );
    expect(attempt({ VARN_MASTER_KEYS_OLD: b64(Buffer.alloc(16)) })[0]).toMatch(/32 bytes/);
    expect(attempt({ VARN_MASTER_KEYS_OLD: b64(K1) })[0]).toMatch(/current master key/);
    expect(attempt({ VARN_MASTER_KEYS_OLD_FILE: '/nonexistent/keys' })[0]).toMatch(/missing file/);
  });
});
