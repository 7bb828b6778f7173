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
  private readonly archives = new ArchiveScanner();
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
    const carried = this.archives.scan(chunk);
    if (carried) return done(new FileRejectedError('type_not_allowed', carried));
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
      if (this.detection?.ok && this.detection.kind === 'eml' && this.archives.emailCarries)
        throw new FileRejectedError('type_not_allowed', `eml-${this.archives.emailCarries}`);
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

/**
 * Signatures of archive formats whose readers find them anywhere in a file, not only at its start
 * (RAR and 7-Zip self-extractors are found after a stub): an image or PDF carrying one is an
 * archive too. Six bytes each, so a chance match in 10 MB of photo data is about 1 in 10^7.
 */
const EMBEDDED_ARCHIVES: ReadonlyArray<readonly [string, Buffer]> = [
  ['rar', Buffer.from('Rar!\x1a\x07', 'latin1')],
  ['7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])],
];

/**
 * What a saved e-mail (.eml) must not carry as an attachment: the check on its first bytes sees
 * only the header block, and its MIME parts can hold anything. Refused: archives, executables and
 * scripts, and Office files (ZIP containers; macro-enabled ones run code), found by the part's
 * declared type, by its file name, or by the base64 of the format's magic bytes at the start of a
 * part's body (which no declared name or type can hide). Only checked when the content is an
 * e-mail (text patterns in binary formats mean nothing).
 */
const EMAIL_PART_TYPE =
  /content-type:[ \t]*(?:\r?\n[ \t]+)?application\/(?:zip|x-zip[\w-]*|x-7z-compressed|x-rar[\w-]*|vnd\.rar|x-tar|x-gtar|gzip|x-gzip|x-bzip2?|x-xz|zstd|x-zstd|java-archive|x-java-archive|x-msdownload|x-msdos-program|x-ms-installer|x-msi|vnd\.ms-cab-compressed|x-iso9660-image|x-apple-diskimage|x-sh|x-bat|hta|vnd\.openxmlformats-[\w.-]+|vnd\.ms-[\w.-]*macroenabled[\w.-]*|vnd\.ms-excel|msword|vnd\.ms-powerpoint)\b/i;
const EMAIL_PART_NAME =
  /name\*?(?:\*\d+\*?)?=[ \t]*"?[^"\r\n;]*\.(?:zip|7z|rar|tar|tgz|gz|bz2|xz|zst|cab|iso|img|dmg|jar|exe|dll|scr|com|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|msi|lnk|docx|docm|xlsx|xlsm|pptx|pptm|doc|xls|ppt)\b/i;
/** base64 of the magic bytes: ZIP (PK\3\4, PK\5\6, PK\7\8), 7z, RAR, gzip, MZ (.exe), bzip2, xz, zstd. */
const EMAIL_PART_MAGIC =
  /\r?\n\r?\n(?:UEsDB|UEsFB|UEsHC|N3q8ryc|UmFyIRoH|H4sI|TV[o-r]|QlpoO|QlpoM|\/Td6WFo|KLUv\/)/;
const CARRY = 512;

class ArchiveScanner {
  private carry: Buffer = Buffer.alloc(0);
  /** Why the file, if it is an e-mail, must be refused (first reason found). */
  emailCarries: 'archive-type' | 'archive-name' | 'archive-content' | null = null;

  /** Scans the next chunk (with the end of the previous one); returns an embedded archive's name. */
  scan(chunk: Buffer): string | null {
    const joined = Buffer.concat([this.carry, chunk]);
    for (const [name, signature] of EMBEDDED_ARCHIVES)
      if (joined.includes(signature)) return `embedded-${name}`;
    if (!this.emailCarries) {
      const text = joined.toString('latin1');
      if (EMAIL_PART_TYPE.test(text)) this.emailCarries = 'archive-type';
      else if (EMAIL_PART_NAME.test(text)) this.emailCarries = 'archive-name';
      else if (EMAIL_PART_MAGIC.test(text)) this.emailCarries = 'archive-content';
    }
    this.carry = joined.subarray(Math.max(0, joined.length - CARRY));
    return null;
  }
}
