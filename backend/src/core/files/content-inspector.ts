import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import {
  Detection,
  FileKind,
  HEAD_BYTES,
  TAIL_BYTES,
  detectKind,
  endsWithZipDirectory,
} from './file-kinds';

/** Why an upload was refused; FileStore turns it into a 4xx problem. */
export class FileRejectedError extends Error {
  constructor(
    readonly reason: 'too_large' | 'empty' | 'type_not_allowed',
    readonly detected?: string,
  ) {
    super(`File refused: ${reason}${detected ? ` (${detected})` : ''}`);
    this.name = 'FileRejectedError';
  }
}

/**
 * Passes plaintext through while checking it: counts bytes and fails as soon as `maxBytes` is
 * exceeded (the rest is never read), holds back the first HEAD_BYTES until the type is known
 * and allowed (so nothing of a refused file reaches the cipher), hashes everything (SHA-256),
 * and at the end refuses a file that is also a ZIP archive.
 */
export class ContentInspector extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer = Buffer.alloc(0);
  private readonly hash = createHash('sha256');
  private detection: Detection | null = null;
  size = 0;

  constructor(
    private readonly allowed: readonly FileKind[],
    private readonly maxBytes: number,
  ) {
    super();
  }

  get kind(): FileKind {
    if (!this.detection?.ok) throw new Error('ContentInspector: no accepted kind yet');
    return this.detection.kind;
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new FileRejectedError('too_large'));
    this.hash.update(chunk);
    this.keepTail(chunk);
    if (this.detection) {
      this.push(chunk);
      return done();
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < HEAD_BYTES) return done();
    this.release().then(() => done(), done);
  }

  override _flush(done: TransformCallback): void {
    const finish = async () => {
      if (this.size === 0) throw new FileRejectedError('empty');
      if (!this.detection) await this.release();
      if (endsWithZipDirectory(this.tail))
        throw new FileRejectedError('type_not_allowed', 'zip-polyglot');
    };
    finish().then(() => done(), done);
  }

  /** Decides the type from the head, then lets the held-back bytes through. */
  private async release(): Promise<void> {
    const head = Buffer.concat(this.head);
    const detection = await detectKind(head.subarray(0, HEAD_BYTES));
    if (!detection.ok) throw new FileRejectedError('type_not_allowed', detection.reason);
    if (!this.allowed.includes(detection.kind))
      throw new FileRejectedError('type_not_allowed', detection.kind);
    this.detection = detection;
    this.head = [];
    this.push(head);
  }

  private keepTail(chunk: Buffer): void {
    const joined = Buffer.concat([this.tail, chunk]);
    this.tail = joined.length > TAIL_BYTES ? joined.subarray(joined.length - TAIL_BYTES) : joined;
  }
}
