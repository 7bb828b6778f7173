import { fileTypeModule } from './file-type-loader';

/**
 * The kinds of attachment Värn accepts. Only these exist as a type, so no caller can allow an
 * archive, an executable, SVG or HTML: anything else is refused whatever its name says.
 */
export type FileKind = 'jpeg' | 'png' | 'heic' | 'pdf' | 'eml';

export const FILE_KINDS: Readonly<
  Record<FileKind, { readonly mediaType: string; readonly extensions: readonly string[] }>
> = {
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  heic: { mediaType: 'image/heic', extensions: ['heic', 'heif'] },
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  eml: { mediaType: 'message/rfc822', extensions: ['eml'] },
};

/** Photos, PDF documents and saved e-mails: what a report or a case may carry. */
export const ATTACHMENT_KINDS: readonly FileKind[] = ['jpeg', 'png', 'heic', 'pdf', 'eml'];

/** Bytes of the start of a file that the type checks look at. */
export const HEAD_BYTES = 64 * 1024;

/** Detected media types (by `file-type`) that map to an accepted kind. */
const BY_MEDIA_TYPE: Readonly<Record<string, FileKind>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/heic': 'heic',
  'image/heif': 'heic',
  'application/pdf': 'pdf',
};

export type Detection =
  { readonly ok: true; readonly kind: FileKind } | { readonly ok: false; readonly reason: string };

/**
 * The kind of a file from its first bytes (`head`, up to HEAD_BYTES; the whole file if shorter),
 * never from its name or the client's Content-Type. Binary formats by their magic bytes
 * (`file-type`); saved e-mails (which have none) by a strict check of the RFC 5322 header block.
 * A binary file whose first KiB carries HTML markup (an HTML/image polyglot) is refused too.
 */
export async function detectKind(head: Buffer): Promise<Detection> {
  const detected = await fileTypeModule().fileTypeFromBuffer(head);
  if (detected) {
    const kind = BY_MEDIA_TYPE[detected.mime];
    if (!kind) return { ok: false, reason: detected.mime };
    if (hasHtmlMarkup(head.subarray(0, 1024))) return { ok: false, reason: 'html-polyglot' };
    return { ok: true, kind };
  }
  if (looksLikeEmail(head)) return { ok: true, kind: 'eml' };
  return { ok: false, reason: 'unknown' };
}

const HTML_MARKERS = [
  '<!doctype html',
  '<html',
  '<head',
  '<body',
  '<script',
  '<iframe',
  '<svg',
  '<object',
  '<embed',
  '<meta',
];

/** True when bytes contain markup a browser's content sniffing would take for HTML. */
export function hasHtmlMarkup(bytes: Buffer): boolean {
  const text = bytes.toString('latin1').toLowerCase();
  return HTML_MARKERS.some((m) => text.includes(m));
}

const FIELD_LINE = /^[\x21-\x39\x3b-\x7e]{1,76}:/;
const CONTROL = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]/;

/**
 * A saved e-mail (.eml, RFC 5322): text without NUL or other control bytes, starting with a
 * header block of `Name: value` lines (continuations indented) that ends with an empty line
 * within the head, and has `From:` plus at least one of `Date:`, `Subject:`, `To:`,
 * `Message-ID:`. HTML, mbox files ("From " lines), scripts and other text are refused.
 */
export function looksLikeEmail(head: Buffer): boolean {
  const text = head.toString('latin1');
  if (CONTROL.test(text)) return false;
  const end = text.search(/\r?\n\r?\n/);
  if (end <= 0) return false;
  const lines = text.slice(0, end).split(/\r?\n/);
  if (!FIELD_LINE.test(lines[0])) return false;
  const names = new Set<string>();
  for (const line of lines) {
    if (/^[ \t]/.test(line)) continue;
    if (!FIELD_LINE.test(line)) return false;
    names.add(line.slice(0, line.indexOf(':')).toLowerCase());
  }
  return names.has('from') && ['date', 'subject', 'to', 'message-id'].some((n) => names.has(n));
}

/**
 * True when the end of a file holds a ZIP end-of-central-directory record that a ZIP reader
 * would find (a file that is also an archive: an image or PDF with a ZIP/JAR appended). `tail`
 * is the last bytes of the file (at least 22 + 65 535 to cover the longest comment).
 */
export function endsWithZipDirectory(tail: Buffer): boolean {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (
      tail[i] === 0x50 &&
      tail[i + 1] === 0x4b &&
      tail[i + 2] === 0x05 &&
      tail[i + 3] === 0x06 &&
      i + 22 + tail.readUInt16LE(i + 20) === tail.length
    )
      return true;
  }
  return false;
}

/** Bytes kept from the end of a file for `endsWithZipDirectory`. */
export const TAIL_BYTES = 22 + 0xffff;
