import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF written by pdfkit/pdfmake, without external tools: inflate the streams, read
 * each Type0 font's ToUnicode map, and decode the glyph ids shown with Tj/TJ in each content
 * stream (a new line at each text positioning). Enough to assert what a reader could copy out.
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.indexOf('stream');
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const start = m.index + m[0].indexOf(body) + at + 'stream'.length;
    const dataStart = src[start] === '\r' ? start + 2 : start + 1;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    let data: Buffer = Buffer.from(src.slice(dataStart, dataStart + length), 'latin1');
    if (dict.includes('/FlateDecode')) data = inflateSync(data);
    objects.set(Number(m[1]), { dict, stream: data });
  }
  const cmaps = new Map<number, Map<number, string>>();
  for (const [num, o] of objects) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    if (!ref) continue;
    const map = new Map<number, string>();
    const cmap = objects.get(Number(ref[1]))!.stream!.toString('latin1');
    for (const r of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      let gid = parseInt(r[1], 16);
      for (const e of r[3].matchAll(/<([0-9a-f ]+)>/gi)) {
        const units = e[1].split(' ').map((h) => parseInt(h, 16));
        map.set(gid++, String.fromCharCode(...units));
      }
    }
    cmaps.set(num, map);
  }
  const fonts = new Map<string, number>();
  for (const o of objects.values())
    for (const f of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) fonts.set(f[1], Number(f[2]));
  let out = '';
  for (const o of objects.values()) {
    if (!o.stream) continue;
    const content = o.stream.toString('latin1');
    if (!content.includes(' Tf')) continue;
    let cmap: Map<number, string> | undefined;
    for (const tok of content.matchAll(
      /\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[^\]])*)\] TJ|<([0-9a-f]*)> Tj|\bTd\b|\bET\b/gi,
    )) {
      if (tok[1]) cmap = cmaps.get(fonts.get(tok[1])!);
      else if (tok[2] !== undefined || tok[3] !== undefined) {
        const hex =
          tok[2] !== undefined
            ? [...tok[2].matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]).join('')
            : tok[3];
        for (let i = 0; i + 4 <= hex.length; i += 4)
          out += cmap?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
      } else out += '\n';
    }
  }
  return out;
}

/**
 * pdftotext's reading of the PDF when poppler is installed (a second, independent reader), or
 * null: tests must not depend on it (CI machines need not have poppler).
 */
export function popplerText(pdf: Buffer, layout = false): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'varn-pdf-'));
  try {
    writeFileSync(join(dir, 'x.pdf'), pdf);
    return execFileSync(
      'pdftotext',
      [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', join(dir, 'x.pdf'), '-'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
