import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppSecrets } from '../core/crypto/app-secrets';
import { EnvelopeCrypto } from '../core/crypto/envelope-crypto';
import { WrappedKeyRegistry } from '../core/crypto/wrapped-key.registry';
import { hashReceiptCode, type ReceiptCode } from './domain/receipt-code';

/**
 * The confidentiality of a case in one place (envelope encryption, ADR 0012):
 *
 * - every case has its own random data key, stored wrapped by the master key in
 *   `cases.wrappedKey` (registered for `varn rotate-master-key`); purging the case destroys it;
 * - free text, identity, messages, notes, action details and motivations are sealed with that key
 *   (AES-256-GCM) under the context `case:<caseId>:<field>`, so a value copied to another case or
 *   field does not open;
 * - receipt codes and reporter user ids are stored only as HMACs under application secrets that
 *   survive master-key rotation.
 */
@Injectable()
export class CaseVault implements OnModuleInit {
  constructor(
    private readonly crypto: EnvelopeCrypto,
    private readonly secrets: AppSecrets,
    private readonly wrappedKeys: WrappedKeyRegistry,
  ) {}

  onModuleInit(): void {
    this.wrappedKeys.register({
      name: 'cases',
      table: 'cases',
      idColumn: 'id',
      wrappedKeyColumn: 'wrappedKey',
    });
  }

  /** A fresh data key for a new case: keep `key` in memory, store `wrapped`. */
  newCaseKey(): { key: Buffer; wrapped: string } {
    return this.crypto.newDataKey();
  }

  /** The case's data key, or null once the case is purged (its key destroyed). */
  keyOf(row: { wrappedKey: string | null }): Buffer | null {
    return row.wrappedKey ? this.crypto.unwrapDataKey(row.wrappedKey) : null;
  }

  /** Seals a string or a JSON value for one field of one case. */
  seal(key: Buffer, caseId: string, field: string, value: unknown): string {
    return this.crypto.encrypt(key, JSON.stringify(value), context(caseId, field));
  }

  /** Opens what `seal` made; null for a null column (purged or never set). */
  open<T>(key: Buffer, caseId: string, field: string, sealed: string | null): T | null {
    if (sealed === null) return null;
    return JSON.parse(this.crypto.decrypt(key, sealed, context(caseId, field))) as T;
  }

  /** The stored form of a receipt code (HMAC-SHA-256 under the `receipt-code` secret). */
  async receiptHash(code: ReceiptCode): Promise<string> {
    return hashReceiptCode(code, await this.secrets.get('receipt-code'));
  }

  /** The stored form of a reporting user's id: HMAC-SHA-256 under the `reporter-tag` secret. */
  async reporterTag(userId: string): Promise<string> {
    const key = await this.secrets.get('reporter-tag');
    return createHmac('sha256', key).update(`user:${userId}`, 'utf8').digest('hex');
  }
}

function context(caseId: string, field: string): string {
  if (!/^[0-9a-f-]{36}$/.test(caseId)) throw new Error('CaseVault: bad case id');
  if (!/^[a-z][a-zA-Z0-9:_-]{0,80}$/.test(field))
    throw new Error(`CaseVault: bad field "${field}"`);
  return `case:${caseId}:${field}`;
}
