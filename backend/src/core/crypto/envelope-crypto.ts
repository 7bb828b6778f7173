import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';

/**
 * Envelope encryption with AES-256-GCM. Each protected record (a case, later) gets its own
 * data key; the data key is stored wrapped by the master key. Destroying the wrapped data key
 * makes everything encrypted with it unreadable (crypto-shredding).
 *
 * Format of a sealed value: "v1." + base64url(iv[12] | tag[16] | ciphertext).
 */
@Injectable()
export class EnvelopeCrypto {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A fresh data key: the plain key (keep in memory only) and its wrapped form (store it). */
  newDataKey(): { key: Buffer; wrapped: string } {
    const key = randomBytes(32);
    return { key, wrapped: seal(this.masterKey(), key, 'varn:data-key') };
  }

  unwrapDataKey(wrapped: string): Buffer {
    return open(this.masterKey(), wrapped, 'varn:data-key');
  }

  encrypt(dataKey: Buffer, plaintext: string, context: string): string {
    return seal(dataKey, Buffer.from(plaintext, 'utf8'), context);
  }

  decrypt(dataKey: Buffer, sealed: string, context: string): string {
    return open(dataKey, sealed, context).toString('utf8');
  }

  private masterKey(): Buffer {
    if (this.config.masterKey.length !== 32) {
      throw new Error('No master key configured (VARN_MASTER_KEY)');
    }
    return this.config.masterKey;
  }
}

function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  if (!sealed.startsWith('v1.')) throw new Error('Unknown ciphertext format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  if (raw.length < 28) throw new Error('Ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}
