import { HttpStatus, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open as openFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Clock } from '../clock/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EnvelopeCrypto } from '../crypto/envelope-crypto';
import { WrappedKeyRegistry } from '../crypto/wrapped-key.registry';
import { Db } from '../database/db';
import { Problem } from '../errors/problem';
import { DecryptStream, EncryptStream } from './chunked-cipher';
import { ContentInspector, FileRejectedError } from './content-inspector';
import { displayNameFor } from './display-name';
import { FileEntity } from './entities/file.entity';
import { FILE_KINDS, FileKind } from './file-kinds';
import { FilesRepository } from './files.repository';

export interface PutOptions {
  /** The client's file name: only a sanitised display name is kept. */
  readonly declaredName: string;
  /** Kinds accepted for this upload (checked against the content). */
  readonly allowedTypes: readonly FileKind[];
  /** Size limit in bytes; at most, and by default, UPLOAD_MAX_BYTES. */
  readonly maxBytes?: number;
  readonly ownerType: string;
  readonly ownerId: string;
  /**
   * The owner's unwrapped data key (e.g. the case's), so that destroying it shreds the file with
   * the rest of the owner's data. Without it the file gets its own data key, wrapped by the
   * master key and stored in the row.
   */
  readonly dataKey?: Buffer;
  /** User id of the uploader. */
  readonly createdBy?: string | null;
}

export interface StoredFileInfo {
  readonly id: string;
  readonly ownerType: string;
  readonly ownerId: string;
  readonly displayName: string;
  readonly mediaType: string;
  readonly size: number;
  /** Hex SHA-256 of the content. */
  readonly sha256: string;
  readonly createdAt: Date;
  readonly createdBy: string | null;
}

export interface OpenedFile {
  readonly info: StoredFileInfo;
  /** The decrypted content; errors (FileIntegrityError) if the stored content was altered. */
  readonly stream: Readable;
}

const OWNER_TYPE = /^[a-z][a-z0-9_-]{0,39}$/;

/**
 * Encrypted attachments (ADR 0013). `put` checks the content's real type, enforces the size
 * limit while streaming, hashes, encrypts in authenticated chunks and writes the content to
 * FILES_DIR under a random name, then records the row; `open` streams the content back
 * decrypted; `destroy` removes row and content. Callers authorise first: FileStore checks no
 * permissions and writes no audit entries — the feature that owns the file does both.
 */
@Injectable()
export class FileStore implements OnModuleInit {
  private readonly dir: string;
  private readonly maxBytes: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Db,
    private readonly repo: FilesRepository,
    private readonly crypto: EnvelopeCrypto,
    private readonly clock: Clock,
    private readonly wrappedKeys: WrappedKeyRegistry,
  ) {
    this.dir = config.files.dir;
    this.maxBytes = config.files.uploadMaxBytes;
  }

  onModuleInit(): void {
    this.wrappedKeys.register({
      name: 'files',
      table: 'files',
      idColumn: 'id',
      wrappedKeyColumn: 'wrappedKey',
    });
  }

  async put(input: Readable | Buffer, opts: PutOptions): Promise<StoredFileInfo> {
    if (!OWNER_TYPE.test(opts.ownerType) || !opts.ownerId || opts.ownerId.length > 64)
      throw new Error('FileStore.put: bad owner');
    if (!opts.allowedTypes.length) throw new Error('FileStore.put: no allowed types');
    const maxBytes = Math.min(opts.maxBytes ?? this.maxBytes, this.maxBytes);
    const id = randomUUID();
    const storageKey = randomBytes(16).toString('hex');
    const own = opts.dataKey ? null : this.crypto.newDataKey();
    const dataKey = opts.dataKey ?? own!.key;
    const path = this.pathOf(storageKey);
    const partial = `${path}.part`;
    await mkdir(join(this.dir, storageKey.slice(0, 2)), { recursive: true, mode: 0o700 });

    const inspector = new ContentInspector(opts.allowedTypes, maxBytes);
    // the .part file exists before the first byte is read: a refusal on the first bytes cannot
    // overtake the file's opening (the rm below would then run first and the file appear after
    // it, an orphan — seen once in CI under load)
    let written: FileHandle | undefined;
    try {
      written = await openFile(partial, 'wx', 0o600);
      await pipeline(
        Buffer.isBuffer(input) ? Readable.from([input]) : input,
        inspector,
        new EncryptStream(dataKey, id),
        written.createWriteStream(),
      );
      const handle = await openFile(partial, 'r');
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(partial, path);
    } catch (e) {
      // the stream closes the handle when it ends or fails; this is for a failure before that
      await written?.close().catch(() => undefined);
      await rm(partial, { force: true });
      if (!Buffer.isBuffer(input)) input.destroy();
      throw toProblem(e);
    }

    const kind = inspector.kind;
    const info: StoredFileInfo = {
      id,
      ownerType: opts.ownerType,
      ownerId: opts.ownerId,
      displayName: displayNameFor(opts.declaredName, kind),
      mediaType: FILE_KINDS[kind].mediaType,
      size: inspector.size,
      sha256: inspector.sha256,
      createdAt: this.clock.now(),
      createdBy: opts.createdBy ?? null,
    };
    const row: FileEntity = {
      id,
      ownerType: info.ownerType,
      ownerId: info.ownerId,
      nameSealed: this.crypto.encrypt(dataKey, info.displayName, `file:${id}:name`),
      mediaType: info.mediaType,
      size: info.size,
      sha256Sealed: this.crypto.encrypt(dataKey, info.sha256, `file:${id}:sha256`),
      wrappedKey: own?.wrapped ?? null,
      storageKey,
      createdAt: info.createdAt,
      createdBy: info.createdBy,
    };
    try {
      await this.db.transaction(() => this.repo.insert(row));
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return info;
  }

  /**
   * The file's metadata and decrypted content. Pass the owner's data key when the file was
   * stored with one. 404 when there is no such file, or its key has been destroyed.
   */
  async open(id: string, dataKey?: Buffer): Promise<OpenedFile> {
    const row = await this.repo.find(id);
    if (!row) throw Problem.notFound('Filen');
    const key = this.keyOf(row, dataKey);
    const info = this.infoOf(row, key);
    const path = this.pathOf(row.storageKey);
    await access(path).catch(() => {
      throw new Error(`FileStore: the content of file ${row.id} is missing from FILES_DIR`);
    });
    const source = createReadStream(path);
    const stream = new DecryptStream(key, row.id);
    source.on('error', (e) => stream.destroy(e));
    stream.on('close', () => source.destroy());
    source.pipe(stream);
    return { info, stream };
  }

  /** Metadata only (decrypting name and hash), e.g. for a list of a case's attachments. */
  async info(id: string, dataKey?: Buffer): Promise<StoredFileInfo> {
    const row = await this.repo.find(id);
    if (!row) throw Problem.notFound('Filen');
    return this.infoOf(row, this.keyOf(row, dataKey));
  }

  /** Ids of an owner's files, oldest first. */
  async idsOf(ownerType: string, ownerId: string): Promise<string[]> {
    return (await this.repo.listByOwner(ownerType, ownerId)).map((r) => r.id);
  }

  /**
   * Removes the file: its row (with its own wrapped key, if any) in a transaction, and then its
   * content on disk. Content left behind by a crash in between has no row, no key and no id
   * anywhere, and cannot be decrypted. Not inside a caller's transaction: the content would be
   * gone even if that transaction rolled back.
   */
  async destroy(id: string): Promise<boolean> {
    if (this.db.inTransaction)
      throw new Error('FileStore.destroy removes content from disk: call it outside a transaction');
    const row = await this.db.transaction(async () => {
      const found = await this.repo.find(id);
      if (found) await this.repo.delete(id);
      return found;
    });
    if (!row) return false;
    await rm(this.pathOf(row.storageKey), { force: true });
    return true;
  }

  private keyOf(row: FileEntity, dataKey: Buffer | undefined): Buffer {
    if (row.wrappedKey) return this.crypto.unwrapDataKey(row.wrappedKey);
    if (!dataKey)
      throw new Problem(HttpStatus.NOT_FOUND, 'not_found', 'Filens innehåll finns inte längre.');
    return dataKey;
  }

  private infoOf(row: FileEntity, key: Buffer): StoredFileInfo {
    return {
      id: row.id,
      ownerType: row.ownerType,
      ownerId: row.ownerId,
      displayName: this.crypto.decrypt(key, row.nameSealed, `file:${row.id}:name`),
      mediaType: row.mediaType,
      size: row.size,
      sha256: this.crypto.decrypt(key, row.sha256Sealed, `file:${row.id}:sha256`),
      createdAt: row.createdAt,
      createdBy: row.createdBy,
    };
  }

  private pathOf(storageKey: string): string {
    if (!/^[0-9a-f]{32}$/.test(storageKey)) throw new Error('bad storage key');
    return join(this.dir, storageKey.slice(0, 2), storageKey);
  }
}

function toProblem(e: unknown): unknown {
  if (!(e instanceof FileRejectedError)) return e;
  switch (e.reason) {
    case 'too_large':
      return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', 'Filen är för stor.');
    case 'empty':
      return new Problem(HttpStatus.BAD_REQUEST, 'bad_request', 'Filen är tom.');
    case 'type_not_allowed':
      return new Problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported_media_type',
        'Filens innehåll är inte av en typ som tas emot här.',
      );
  }
}
