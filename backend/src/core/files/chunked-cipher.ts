import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';

/**
 * Encrypted file content, streamable both ways without holding the file in memory.
 *
 *   header  = "VRNF" | version (1 byte, = 1) | chunk size (uint32 BE) | salt (16 bytes)
 *   chunk i = AES-256-GCM(fileKey, nonce = 0^8 | i (uint32 BE), plaintext[i]) | tag (16 bytes)
 *
 * The file key is HKDF-SHA256(data key, salt, "varn:file:v1:" + file id): one key per file,
 * also when many files share a case's data key, so counter nonces never repeat under a key.
 * Every chunk's additional authenticated data is header | file id | i | final flag. Reordered,
 * dropped, duplicated or foreign chunks fail their tag; a file cut at a chunk boundary fails
 * because its last chunk was not sealed as final, and bytes after the final chunk are refused.
 * Every chunk holds CHUNK_SIZE plaintext bytes except the final one (0…CHUNK_SIZE; an empty
 * file is one empty final chunk).
 */
export const CHUNK_SIZE = 64 * 1024;
const MAGIC = Buffer.from('VRNF', 'ascii');
const VERSION = 1;
const HEADER_BYTES = 4 + 1 + 4 + 16;
const TAG_BYTES = 16;

/** Content that fails authentication: tampered, truncated, reordered, or the wrong key. */
export class FileIntegrityError extends Error {
  constructor(reason: string) {
    super(`Encrypted file content is invalid: ${reason}`);
    this.name = 'FileIntegrityError';
  }
}

function fileKey(dataKey: Buffer, salt: Buffer, fileId: string): Buffer {
  if (dataKey.length !== 32) throw new Error('A data key is 32 bytes');
  return Buffer.from(hkdfSync('sha256', dataKey, salt, `varn:file:v1:${fileId}`, 32));
}

function nonce(index: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeUInt32BE(index, 8);
  return n;
}

function aad(header: Buffer, fileId: string, index: number, final: boolean): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index, 0);
  tail[4] = final ? 1 : 0;
  return Buffer.concat([header, Buffer.from(fileId, 'utf8'), tail]);
}

/** Plaintext in, header and sealed chunks out. */
export class EncryptStream extends Transform {
  private readonly header: Buffer;
  private readonly key: Buffer;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;

  constructor(
    dataKey: Buffer,
    private readonly fileId: string,
    private readonly chunkSize = CHUNK_SIZE,
  ) {
    super();
    const salt = randomBytes(16);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(chunkSize, 0);
    this.header = Buffer.concat([MAGIC, Buffer.from([VERSION]), size, salt]);
    this.key = fileKey(dataKey, salt, fileId);
    this.push(this.header);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    // keep at least one byte back: the last chunk must be sealed as final in _flush
    if (this.pendingBytes > this.chunkSize) {
      const all = Buffer.concat(this.pending);
      let offset = 0;
      while (all.length - offset > this.chunkSize) {
        this.push(this.seal(all.subarray(offset, offset + this.chunkSize), false));
        offset += this.chunkSize;
      }
      this.pending = [all.subarray(offset)];
      this.pendingBytes = all.length - offset;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.push(this.seal(Buffer.concat(this.pending), true));
    this.pending = [];
    done();
  }

  private seal(plain: Buffer, final: boolean): Buffer {
    if (this.index > 0xffffffff) throw new Error('File too large for the chunk counter');
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.index));
    cipher.setAAD(aad(this.header, this.fileId, this.index, final));
    const out = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    this.index++;
    return out;
  }
}

/** Header and sealed chunks in, verified plaintext out; errors with FileIntegrityError. */
export class DecryptStream extends Transform {
  private header: Buffer | null = null;
  private key: Buffer | null = null;
  private sealedSize = 0;
  private buffered: Buffer = Buffer.alloc(0);
  private index = 0;

  constructor(
    private readonly dataKey: Buffer,
    private readonly fileId: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      if (!this.header) {
        if (this.buffered.length < HEADER_BYTES) return done();
        this.readHeader(this.buffered.subarray(0, HEADER_BYTES));
        this.buffered = this.buffered.subarray(HEADER_BYTES);
      }
      // a chunk is known not to be the last one only once more bytes follow it
      while (this.buffered.length > this.sealedSize) {
        this.push(this.open(this.buffered.subarray(0, this.sealedSize), false));
        this.buffered = this.buffered.subarray(this.sealedSize);
      }
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.header) throw new FileIntegrityError('no header');
      if (this.buffered.length < TAG_BYTES) throw new FileIntegrityError('truncated');
      this.push(this.open(this.buffered, true));
      this.buffered = Buffer.alloc(0);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  private readHeader(header: Buffer): void {
    if (!header.subarray(0, 4).equals(MAGIC)) throw new FileIntegrityError('not a Värn file');
    if (header[4] !== VERSION) throw new FileIntegrityError(`unknown version ${header[4]}`);
    const chunkSize = header.readUInt32BE(5);
    if (chunkSize < 1 || chunkSize > 16 * 1024 * 1024)
      throw new FileIntegrityError('bad chunk size');
    this.header = Buffer.from(header);
    this.sealedSize = chunkSize + TAG_BYTES;
    this.key = fileKey(this.dataKey, header.subarray(9, 25), this.fileId);
  }

  private open(sealed: Buffer, final: boolean): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key!, nonce(this.index));
    decipher.setAAD(aad(this.header!, this.fileId, this.index, final));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
      this.index++;
      return plain;
    } catch {
      throw new FileIntegrityError(
        final ? `chunk ${this.index} (last) does not authenticate` : `chunk ${this.index}`,
      );
    }
  }
}
