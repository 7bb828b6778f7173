import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as fx from '../../testing/file-fixtures';
import { ContentInspector, FileRejectedError } from './content-inspector';
import { displayNameFor } from './display-name';
import { ATTACHMENT_KINDS, FileKind, detectKind } from './file-kinds';

async function inspect(
  content: Buffer | Readable,
  allowed: readonly FileKind[] = ATTACHMENT_KINDS,
  maxBytes = 10 * 1024 * 1024,
): Promise<{ kind: FileKind; size: number; sha256: string; out: Buffer }> {
  const inspector = new ContentInspector(allowed, maxBytes);
  const out: Buffer[] = [];
  await pipeline(
    Buffer.isBuffer(content) ? Readable.from([content]) : content,
    inspector,
    new Writable({
      write(chunk: Buffer, _e, cb) {
        out.push(chunk);
        cb();
      },
    }),
  );
  return {
    kind: inspector.kind,
    size: inspector.size,
    sha256: inspector.sha256,
    out: Buffer.concat(out),
  };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FileRejectedError) return `${e.reason}:${e.detected ?? ''}`;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('file kinds by content (file-type loaded through require(esm))', () => {
  it.each<[string, Buffer, FileKind]>([
    ['jpeg', fx.jpeg(), 'jpeg'],
    ['png', fx.png(), 'png'],
    ['heic', fx.heic(), 'heic'],
    ['pdf', fx.pdf(), 'pdf'],
    ['eml', fx.eml(), 'eml'],
  ])('recognises %s', async (_name, content, kind) => {
    expect(await detectKind(content)).toEqual({ ok: true, kind });
  });

  it.each<[string, Buffer]>([
    ['zip', fx.zip()],
    ['exe', fx.exe()],
    ['elf', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(60)])],
    ['html', fx.HTML],
    ['svg', fx.SVG],
    ['plain text', Buffer.from('Bara lite text utan rubriker.\n\nOch ett stycke till.')],
    ['mbox', Buffer.from(`From anna@example.se Mon Mar  2 09:12:00 2026\n${fx.eml().toString()}`)],
    ['headers without From', Buffer.from('Subject: hej\r\nDate: idag\r\n\r\nkropp')],
    ['e-mail with a NUL byte', Buffer.concat([fx.eml(), Buffer.from([0])])],
  ])('refuses %s', async (_name, content) => {
    expect((await detectKind(content)).ok).toBe(false);
  });

  it('refuses an image or PDF carrying HTML at its start (polyglot)', async () => {
    const polyglot = fx.jpeg({ comment: '<html><script>alert(document.cookie)</script>' });
    expect(await detectKind(polyglot)).toEqual({ ok: false, reason: 'html-polyglot' });
  });
});

describe('ContentInspector', () => {
  it('goes by the content, not the name: a PNG called .pdf is a PNG', async () => {
    const r = await inspect(fx.png(), ['png', 'pdf']);
    expect(r.kind).toBe('png');
    expect(displayNameFor('kvitto.pdf', r.kind)).toBe('kvitto.png');
    expect(await refusal(inspect(fx.png(), ['pdf']))).toBe('type_not_allowed:png');
  });

  it('refuses HTML named .jpg, a ZIP, an executable and SVG whatever they are called', async () => {
    expect(await refusal(inspect(fx.HTML, ['jpeg']))).toBe('type_not_allowed:unknown');
    expect(await refusal(inspect(fx.zip()))).toMatch(/^type_not_allowed:application\/zip/);
    expect(await refusal(inspect(fx.exe()))).toMatch(/^type_not_allowed:application\//);
    expect(await refusal(inspect(fx.SVG))).toMatch(/^type_not_allowed:/);
  });

  it('refuses a PNG or PDF with a ZIP archive appended (polyglot)', async () => {
    const pngZip = Buffer.concat([fx.png(), fx.zip('payload.js', Buffer.from('alert(1)'))]);
    expect(await refusal(inspect(pngZip))).toBe('type_not_allowed:zip-polyglot');
    const pdfZip = Buffer.concat([fx.pdf(), Buffer.alloc(100 * 1024, 0x20), fx.zip()]);
    expect(await refusal(inspect(pdfZip))).toBe('type_not_allowed:zip-polyglot');
  });

  it('refuses a file carrying a RAR or 7-Zip archive anywhere (their readers search for it)', async () => {
    const rar = Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1');
    const sevenZip = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]);
    expect(await refusal(inspect(Buffer.concat([fx.png(), rar])))).toBe(
      'type_not_allowed:embedded-rar',
    );
    // deep inside, split across two chunks of the stream
    const pdfWith7z = Buffer.concat([fx.pdf(), Buffer.alloc(300 * 1024, 0x20), sevenZip]);
    const split = 300 * 1024 + fx.pdf().length + 3;
    const stream = Readable.from([pdfWith7z.subarray(0, split), pdfWith7z.subarray(split)]);
    expect(await refusal(inspect(stream))).toBe('type_not_allowed:embedded-7z');
  });

  /** A saved e-mail with one attachment (a MIME part in base64). */
  function emlWith(type: string, name: string, body: Buffer): Buffer {
    const head = fx
      .eml()
      .toString('utf8')
      .split('\r\n\r\n')[0]
      .replace('text/plain; charset=utf-8', 'multipart/mixed; boundary="XX"');
    return Buffer.from(
      [
        head,
        '',
        '--XX',
        'Content-Type: text/plain',
        '',
        'Hej.',
        '--XX',
        `Content-Type: ${type}`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="${name}"`,
        '',
        body.toString('base64'),
        '--XX--',
        '',
      ].join('\r\n'),
    );
  }

  it('refuses a saved e-mail carrying an archive, an executable or an Office file', async () => {
    const hello = Buffer.from('hej');
    expect(await refusal(inspect(emlWith('text/plain', 'a.txt', fx.zip())))).toBe(
      'type_not_allowed:eml-archive-content',
    );
    expect(await refusal(inspect(emlWith('application/x-gzip', 'a.txt', hello)))).toBe(
      'type_not_allowed:eml-archive-type',
    );
    expect(await refusal(inspect(emlWith('text/plain', 'faktura.pdf.exe', hello)))).toBe(
      'type_not_allowed:eml-archive-name',
    );
    expect(await refusal(inspect(emlWith('text/plain', 'a.txt', fx.exe())))).toBe(
      'type_not_allowed:eml-archive-content',
    );
    const docm = 'application/vnd.ms-word.document.macroEnabled.12';
    expect(await refusal(inspect(emlWith(docm, 'brev.dat', hello)))).toBe(
      'type_not_allowed:eml-archive-type',
    );
  });

  it('accepts a saved e-mail with a PDF or photo attached', async () => {
    expect((await inspect(emlWith('application/pdf', 'kvitto.pdf', fx.pdf()))).kind).toBe('eml');
    expect((await inspect(emlWith('image/png', 'bild.png', fx.png()))).kind).toBe('eml');
  });

  it('passes an accepted file through unchanged and hashes it', async () => {
    const content = Buffer.concat([fx.pdf(), Buffer.alloc(200 * 1024, 0x41)]);
    const r = await inspect(content);
    expect(r.out.equals(content)).toBe(true);
    expect(r.size).toBe(content.length);
    expect(r.sha256).toBe(
      (await import('node:crypto')).createHash('sha256').update(content).digest('hex'),
    );
  });

  it('refuses an empty file', async () => {
    expect(await refusal(inspect(Buffer.alloc(0)))).toBe('empty:');
  });

  it('stops reading as soon as the size limit is passed', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 16 * 1024;
        // 4 MiB and no more, so that a missing limit fails the test instead of hanging it
        if (produced > 4 * 1024 * 1024) this.push(null);
        else this.push(produced === 16 * 1024 ? fx.pdf() : Buffer.alloc(16 * 1024, 0x20));
      },
    });
    expect(await refusal(inspect(endless, ATTACHMENT_KINDS, 100 * 1024))).toBe('too_large:');
    expect(produced).toBeLessThan(400 * 1024);
    expect(endless.destroyed).toBe(true);
  });

  it('accepts a file of exactly the limit', async () => {
    const content = Buffer.concat([fx.pdf(), Buffer.alloc(1000, 0x20)]);
    expect((await inspect(content, ATTACHMENT_KINDS, content.length)).size).toBe(content.length);
    expect(await refusal(inspect(content, ATTACHMENT_KINDS, content.length - 1))).toBe(
      'too_large:',
    );
  });
});

describe('displayNameFor', () => {
  it.each([
    ['../../etc/passwd.jpg', 'jpeg', 'passwd.jpg'],
    ['C:\\Users\\anna\\Bilder\\hot.JPG', 'jpeg', 'hot.jpg'],
    ['foto\u202egpj.exe', 'jpeg', 'fotogpj.jpg'],
    ['<script>.pdf', 'pdf', '_script_.pdf'],
    ['...', 'pdf', 'bilaga.pdf'],
    ['', 'eml', 'bilaga.eml'],
    ['mejl från chefen', 'eml', 'mejl från chefen.eml'],
    ['bild.heif', 'heic', 'bild.heif'],
    ['con.pdf', 'pdf', '_con.pdf'],
    ['NUL', 'pdf', '_NUL.pdf'],
    ['com1.tar.pdf', 'pdf', '_com1.tar.pdf'],
    ['lpt9.jpg', 'jpeg', '_lpt9.jpg'],
    ['console.pdf', 'pdf', 'console.pdf'],
  ] as Array<[string, FileKind, string]>)('%j as %s → %j', (declared, kind, expected) => {
    expect(displayNameFor(declared, kind)).toBe(expected);
  });

  it('keeps names short', () => {
    const name = displayNameFor(`${'å'.repeat(500)}.pdf`, 'pdf');
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
