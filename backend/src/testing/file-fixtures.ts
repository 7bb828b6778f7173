import { crc32, deflateSync } from 'node:zlib';

/** Small, structurally valid files of each kind, built in code (no binary fixtures in git). */

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 1×1 grey PNG. */
export function png(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG (JFIF) with an optional comment segment and `padding` bytes of scan data. */
export function jpeg(opts: { comment?: string; padding?: number } = {}): Buffer {
  const parts = [
    Buffer.from([0xff, 0xd8]),
    Buffer.from([0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0]),
  ];
  if (opts.comment !== undefined) {
    const text = Buffer.from(opts.comment, 'latin1');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(text.length + 2);
    parts.push(Buffer.from([0xff, 0xfe]), len, text);
  }
  parts.push(Buffer.alloc(opts.padding ?? 64, 0x55), Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

/** A small PDF whose text includes `text`. */
export function pdf(text = 'Rapport'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** An HEIC header (ftyp box, brand heic). */
export function heic(): Buffer {
  const box = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypheic', 'ascii'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('mif1heic', 'ascii'),
  ]);
  return Buffer.concat([box, Buffer.alloc(200, 0)]);
}

/** A saved e-mail. */
export function eml(body = 'Hej, se bifogat.'): Buffer {
  return Buffer.from(
    [
      'Return-Path: <anna@example.se>',
      'From: Anna Andersson <anna@example.se>',
      'To: registrator@trafik.example.se',
      'Subject: =?UTF-8?Q?Erbjudande_om_g=C3=A5va?=',
      'Date: Mon, 2 Mar 2026 09:12:00 +0100',
      'Message-ID: <1234@example.se>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
    'utf8',
  );
}

/** A ZIP archive with one stored entry. */
export function zip(name = 'a.txt', content = Buffer.from('hello')): Buffer {
  const fname = Buffer.from(name, 'utf8');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fname.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fname.length, 28);
  const localPart = Buffer.concat([local, fname, content]);
  const centralPart = Buffer.concat([central, fname]);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(centralPart.length, 12);
  eocd.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, eocd]);
}

/** A Windows executable header. */
export function exe(): Buffer {
  const b = Buffer.alloc(256, 0);
  b.write('MZ', 0, 'latin1');
  return b;
}

export const HTML = Buffer.from(
  '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>',
);
export const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);
