import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import * as fx from '../../testing/file-fixtures';
import { auditContract, auditWorld, startAudit } from '../../testing/audit-world';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../../testing/test-app';

/**
 * Hostile uploads on every upload route that stores a file (FileStore): wrong type by magic bytes
 * whatever the name says, archives (also named .pdf, appended to or hidden in an allowed format,
 * or attached to a saved e-mail), oversized and empty files — each refused with a 4xx
 * problem+json and nothing stored (no row in any table, no file on disk); and path tricks in the
 * file name — accepted, shown under a sanitised name, and stored only under FILES_DIR by a random
 * name.
 */

const LIMIT = 256 * 1024;

/** The upload routes of the OpenAPI document and why each is here or not. */
const ROUTES = [
  'POST /api/reports/mine/{id}/attachments',
  'POST /api/public/report/attachments',
  'POST /api/cases/{id}/attachments',
  'POST /api/audits/{id}/answers/{itemId}/attachments',
  'POST /api/guidance/{slug}/attachments',
] as const;
type Route = (typeof ROUTES)[number];
/**
 * Multipart routes that store no file: spreadsheet imports parse CSV/XLSX in memory and keep only
 * rows (their limits and ZIP-bomb check: contracts/spreadsheet/import-size.int-spec.ts). They get
 * the hostile files too (below): refused with a problem, no row written.
 */
const NOT_STORED = ['POST /api/imports/contracts', 'POST /api/imports/suppliers'];

/** A POSIX tar archive (one member; the "ustar" magic at offset 257). */
function tar(): Buffer {
  const header = Buffer.alloc(512, 0);
  header.write('rapport.pdf', 0, 'latin1');
  header.write('0000644\0', 100, 'latin1');
  header.write('00000000005\0', 124, 'latin1');
  header.write('ustar\u000000', 257, 'latin1');
  let sum = 0;
  header.fill(' ', 148, 156);
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return Buffer.concat([header, Buffer.from('hello'), Buffer.alloc(1024 - 5 + 507, 0)]);
}

/** A bzip2 stream's header ("BZh9" and the block magic). */
function bzip2Header(): Buffer {
  return Buffer.concat([Buffer.from('BZh91AY&SY', 'latin1'), randomBytes(64)]);
}

/** An Office Open XML document (what .docx/.xlsx are): a ZIP with [Content_Types].xml. */
function docx(): Buffer {
  return fx.zip('[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types/>'));
}

/** A saved e-mail carrying an attachment (a MIME part). */
function emlWith(part: { type: string; name: string; body: Buffer }): Buffer {
  const head = fx
    .eml()
    .toString('utf8')
    .split('\r\n\r\n')[0]
    .replace(
      'Content-Type: text/plain; charset=utf-8',
      'Content-Type: multipart/mixed; boundary="XX"',
    );
  return Buffer.from(
    [
      head,
      '',
      '--XX',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Se bifogad fil.',
      '--XX',
      `Content-Type: ${part.type}`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${part.name}"`,
      '',
      part.body.toString('base64'),
      '--XX--',
      '',
    ].join('\r\n'),
    'utf8',
  );
}

interface Hostile {
  name: string;
  file?: Buffer;
  filename?: string;
  status: 400 | 413 | 415;
  code: string;
}

const HOSTILE: Hostile[] = [
  {
    name: 'an executable named .pdf',
    file: fx.exe(),
    filename: 'kvitto.pdf',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'HTML named .pdf',
    file: fx.HTML,
    filename: 'kvitto.pdf',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'SVG named .png',
    file: fx.SVG,
    filename: 'bild.png',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a ZIP named .pdf',
    file: fx.zip(),
    filename: 'rapport.pdf',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a .docx (Office Open XML, a ZIP)',
    file: docx(),
    filename: 'rapport.docx',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a gzip named .pdf',
    file: gzipSync(fx.pdf()),
    filename: 'rapport.pdf',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a tar named .pdf',
    file: tar(),
    filename: 'rapport.pdf',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a 7-Zip archive named .pdf',
    file: Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), randomBytes(64)]),
    filename: 'rapport.pdf',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a RAR archive named .pdf',
    file: Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), randomBytes(64)]),
    filename: 'rapport.pdf',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a bzip2 named .pdf',
    file: bzip2Header(),
    filename: 'rapport.pdf',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a PDF with a ZIP appended (polyglot)',
    file: Buffer.concat([fx.pdf(), fx.zip()]),
    filename: 'rapport.pdf',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a PNG with a RAR archive appended',
    file: Buffer.concat([fx.png(), Buffer.from('Rar!\x1a\x07\x00', 'latin1'), randomBytes(32)]),
    filename: 'bild.png',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a JPEG with a 7-Zip archive inside',
    file: fx.jpeg({ comment: 'x\x37\x7a\xbc\xaf\x27\x1cy' }),
    filename: 'bild.jpg',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'an e-mail carrying a ZIP attachment under a harmless name and type',
    file: emlWith({ type: 'text/plain', name: 'text.txt', body: fx.zip() }),
    filename: 'meddelande.eml',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'an e-mail carrying an executable',
    file: emlWith({
      type: 'application/octet-stream',
      name: 'faktura.pdf.exe',
      body: Buffer.from('hej'),
    }),
    filename: 'meddelande.eml',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'an e-mail carrying a macro-enabled workbook',
    file: emlWith({
      type: 'application/vnd.ms-excel.sheet.macroEnabled.12',
      name: 'lista.dat',
      body: Buffer.from('hej'),
    }),
    filename: 'meddelande.eml',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'an oversized PDF',
    file: Buffer.concat([fx.pdf(), Buffer.alloc(LIMIT + 1, 0x20)]),
    filename: 'stor.pdf',
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'an empty file',
    file: Buffer.alloc(0),
    filename: 'tom.pdf',
    status: 400,
    code: 'bad_request',
  },
  { name: 'no file at all', status: 400, code: 'bad_request' },
  // a NUL byte in the file name: the multipart parser refuses the request
  {
    name: 'a NUL in the name',
    file: fx.pdf(),
    filename: 'rap\u0000port.pdf',
    status: 400,
    code: 'bad_request',
  },
];

/** Declared names with path tricks, and the name the file must be shown under. */
const NAMES: Array<[string, string | RegExp]> = [
  ['../../etc/passwd', 'passwd.pdf'],
  ['..\\..\\windows\\win.ini', 'win.pdf'],
  ['/etc/shadow.pdf', 'shadow.pdf'],
  ['C:\\Windows\\System32\\drivers\\etc\\hosts.pdf', 'hosts.pdf'],
  ['con.pdf', '_con.pdf'],
  ['LPT1', '_LPT1.pdf'],
  ['rapport\u202Efdp.exe', 'rapportfdp.pdf'],
  ['...', 'bilaga.pdf'],
  ['.htaccess', 'htaccess.pdf'],
  [`${'å'.repeat(400)}.pdf`, /^å{116}\.pdf$/],
  // markup: the part after the last "/" (of "</script>"), with "<>" replaced
  ['<script>alert(1)</script>.pdf', 'script_.pdf'],
];

interface Target {
  agent: TestAgent;
  url: string;
  cookie?: string;
}

describeEachEngine('uploads: hostile files on every upload route', (engine) => {
  let t: TestApp;
  let top: string;
  let filesDir: string;
  let unit: TestUnit;
  let reporter: TestAgent;
  let handler: TestAgent;
  let admin: TestAgent;
  let w: Awaited<ReturnType<typeof auditWorld>>;
  const postgres = engine === 'postgres';

  beforeAll(async () => {
    // the store is a directory of its own inside a directory of its own: anything written beside
    // it (a "../" in a name that reached the file system) would show up in `top`
    top = mkdtempSync(join(tmpdir(), 'varn-hostile-'));
    filesDir = join(top, 'store');
    mkdirSync(filesDir);
    t = await TestApp.start(engine, { FILES_DIR: filesDir, UPLOAD_MAX_BYTES: String(LIMIT) });
    const root = await t.unit(uniq('Kommunen'));
    const dept = await t.unit(uniq('Avdelning'), root, 'avdelning');
    unit = await t.unit(uniq('Enhet'), dept);
    reporter = await t.login((await t.user(uniq('rapp'), unit)).username);
    handler = await t.login((await t.user(uniq('handl'), dept, [['handlaggare', dept]])).username);
    admin = await t.login((await t.user(uniq('admin'), root, [['administrator', root]])).username);
    w = await auditWorld(t);
  });
  afterAll(async () => {
    await t.stop();
    rmSync(top, { recursive: true, force: true });
  });

  const report = (over: Record<string, unknown> = {}) => ({
    track: 'paverkan',
    category: 'hot',
    description: 'En person hotade mig vid tillsynsbesöket.',
    unitId: unit.id,
    ...over,
  });

  /** A fresh object to upload to, for each route. */
  const fresh: Record<Route, () => Promise<Target>> = {
    'POST /api/reports/mine/{id}/attachments': async () => {
      const res = await reporter
        .post('/api/reports')
        .send(report({ confidentiality: 'confidential' }));
      expect(res.status).toBe(201);
      return { agent: reporter, url: `/api/reports/mine/${res.body.id as string}/attachments` };
    },
    'POST /api/public/report/attachments': async () => {
      const sent = await t.http().post('/api/public/reports').send(report());
      expect(sent.status).toBe(201);
      const session = await t
        .http()
        .post('/api/public/session')
        .send({ receiptCode: sent.body.receiptCode as string });
      const cookies = ([] as string[]).concat(session.headers['set-cookie'] ?? []);
      const cookie = cookies.find((c) => c.startsWith('varn_receipt='))!.split(';')[0];
      return { agent: t.http(), url: '/api/public/report/attachments', cookie };
    },
    'POST /api/cases/{id}/attachments': async () => {
      const res = await reporter
        .post('/api/reports')
        .send(report({ confidentiality: 'confidential' }));
      expect(res.status).toBe(201);
      const id = res.body.id as string;
      expect((await handler.get(`/api/cases/${id}`)).status).toBe(200);
      return { agent: handler, url: `/api/cases/${id}/attachments` };
    },
    'POST /api/audits/{id}/answers/{itemId}/attachments': async () => {
      const audit = await startAudit(w, (await auditContract(w)).id);
      return { agent: w.controller.agent, url: `/api/audits/${audit.id}/answers/D15/attachments` };
    },
    'POST /api/guidance/{slug}/attachments': async () => {
      const slug = `fientlig-${randomBytes(4).toString('hex')}`;
      const res = await admin.post('/api/guidance').send({
        slug,
        category: 'mutor',
        title: `Testartikel ${slug}`,
        summary: 'En sammanfattning.',
        body: 'Text.\n',
        requiresAcknowledgement: false,
      });
      expect(res.status).toBe(201);
      return { agent: admin, url: `/api/guidance/${slug}/attachments` };
    },
  };

  function upload(target: Target, file?: Buffer, filename?: string): Promise<Response> {
    const req = target.agent.post(target.url);
    if (target.cookie) void req.set('Cookie', target.cookie);
    if (!file) return req.field('note', 'ingen fil');
    return req.attach('file', file, {
      filename: filename ?? 'fil',
      contentType: 'application/pdf',
    });
  }

  /** Rows in every table but the logs and sessions (which refusals may write). */
  async function rowCounts(): Promise<Record<string, number>> {
    const tables = (
      await t.dataSource.query<Array<{ name: string }>>(
        postgres
          ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`
          : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
      )
    ).map((r) => r.name);
    const skip = new Set([
      'audit_log',
      'sessions',
      'receipt_sessions',
      'notifications',
      'outbox_messages',
      'job_leases',
      // the shared throttle counters count refused requests too: that is their purpose
      'throttle_hits',
    ]);
    const out: Record<string, number> = {};
    for (const table of tables.filter((n) => !skip.has(n)).sort()) {
      const [{ n }] = await t.dataSource.query<Array<{ n: number | string }>>(
        `SELECT COUNT(*) AS n FROM "${table}"`,
      );
      out[table] = Number(n);
    }
    return out;
  }

  /** Every file under `dir`, relative, with its size. */
  function filesOnDisk(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((p) => statSync(join(dir, p)).isFile())
      .sort();
  }

  it('covers every upload route of the OpenAPI document', () => {
    const doc = JSON.parse(readFileSync(join(__dirname, '../../../openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { requestBody?: { content?: object } }>>;
    };
    const multipart = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(
          ([, op]) => op.requestBody?.content && 'multipart/form-data' in op.requestBody.content,
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(multipart.filter((r) => !NOT_STORED.includes(r)).sort()).toEqual([...ROUTES].sort());
  });

  for (const route of NOT_STORED) {
    it(`${route}: refuses archives and wrong types named .csv with a problem, writing no row`, async () => {
      const url = route.split(' ')[1];
      const rowsBefore = await rowCounts();
      const wrong: string[] = [];
      for (const h of HOSTILE.filter((x) => !x.name.startsWith('an e-mail'))) {
        const target = { agent: w.controller.agent, url };
        const res = await upload(target, h.file, h.filename?.replace(/\.\w+$/, '.csv'));
        const problem = /^application\/problem\+json/.test(String(res.headers['content-type']));
        if (![400, 413, 415].includes(res.status) || !problem)
          wrong.push(`${h.name}: ${res.status} ${String(res.headers['content-type'])}`);
      }
      expect(wrong).toEqual([]);
      expect(await rowCounts()).toEqual(rowsBefore);
    });
  }

  for (const route of ROUTES) {
    describe(route, () => {
      it('refuses wrong types, archives, oversized and empty files with a problem, storing nothing', async () => {
        const target = await fresh[route]();
        const rowsBefore = await rowCounts();
        const diskBefore = filesOnDisk(top);
        const wrong: string[] = [];
        for (const h of HOSTILE) {
          const res = await upload(target, h.file, h.filename);
          const problem = /^application\/problem\+json/.test(String(res.headers['content-type']));
          const code = (res.body as { code?: string }).code;
          if (res.status !== h.status || code !== h.code || !problem)
            wrong.push(
              `${h.name}: ${res.status} ${String(code)} ${String(res.headers['content-type'])}`,
            );
        }
        expect(wrong).toEqual([]);
        expect(await rowCounts()).toEqual(rowsBefore);
        expect(filesOnDisk(top)).toEqual(diskBefore);
      });

      it('shows a file with path tricks in its name under a sanitised name, stored only in the store', async () => {
        const wrong: string[] = [];
        for (const [declared, expected] of NAMES) {
          const target = await fresh[route]();
          const before = filesOnDisk(top);
          const res = await upload(target, fx.pdf(), declared);
          if (res.status !== 201) {
            wrong.push(`${JSON.stringify(declared)}: ${res.status} ${JSON.stringify(res.body)}`);
            continue;
          }
          const shown = Object.values(res.body as Record<string, unknown>).find(
            (v): v is string => typeof v === 'string' && v.endsWith('.pdf'),
          );
          const ok =
            typeof expected === 'string' ? shown === expected : !!shown && expected.test(shown);
          if (!ok) wrong.push(`${JSON.stringify(declared)} shown as ${JSON.stringify(shown)}`);
          const added = filesOnDisk(top).filter((f) => !before.includes(f));
          // exactly one new file, inside the store, under a random hex name in a 2-hex directory
          const inStore = added.map((f) => relative('store', f));
          if (
            added.length !== 1 ||
            !/^[0-9a-f]{2}\/[0-9a-f]{32}$/.test(inStore[0]?.replace(/\\/g, '/') ?? '')
          )
            wrong.push(`${JSON.stringify(declared)} wrote ${JSON.stringify(added)}`);
        }
        expect(wrong).toEqual([]);
      });
    });
  }
});
