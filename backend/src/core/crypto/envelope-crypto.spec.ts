import { loadConfig } from '../config/config';
import { EnvelopeCrypto } from './envelope-crypto';

describe('EnvelopeCrypto', () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    VARN_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
  });
  const crypto = new EnvelopeCrypto(config);

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

  it('cannot unwrap a data key with another master key', () => {
    const { wrapped } = crypto.newDataKey();
    const other = new EnvelopeCrypto(
      loadConfig({ NODE_ENV: 'test', VARN_MASTER_KEY: Buffer.alloc(32, 2).toString('base64') }),
    );
    expect(() => other.unwrapDataKey(wrapped)).toThrow();
  });
});
