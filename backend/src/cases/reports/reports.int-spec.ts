import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import * as fx from '../../testing/file-fixtures';
import { describeEachEngine, TestApp, TestUnit } from '../../testing/test-app';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
import { SEALED } from '../case-content';
import { CaseVault } from '../case-vault';
import { parseReceiptCode } from '../domain/receipt-code';
import { CaseMessageEntity } from '../entities/case-message.entity';
import { CaseEntity } from '../entities/case.entity';
import { IdentityRequestEntity } from '../entities/identity-request.entity';

type Json = Record<string, unknown>;

const HIGH = '100000';
const WELFARE_KIND = 'felaktig_fakturering';

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** A signed-in report body; overrides replace fields (undefined removes one). */
function body(unitId: string, over: Json = {}): Json {
  const b: Json = {
    track: 'paverkan',
    category: 'hot',
    description: 'En person hotade mig vid tillsynsbesöket.',
    unitId,
    confidentiality: 'confidential',
    ...over,
  };
  for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
  return b;
}

function anonymous(unitId: string, over: Json = {}): Json {
  const b = body(unitId, over);
  delete b['confidentiality'];
  return b;
}

/** The receipt cookie header of a response. */
function receiptCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return list.find((c) => c.startsWith('varn_receipt='));
}

describeEachEngine('reporting (intake)', (engine) => {
  let t: TestApp;
  let filesDir: string;
  let dept: TestUnit;
  let unit: TestUnit;
  let otherDept: TestUnit;
  let reporterId: string;
  let reporter: TestAgent;
  let colleague: TestAgent;
  let h1: string;
  let h2: string;
  let handlerOther: string;

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'varn-intake-files-'));
    t = await TestApp.start(engine, {
      FILES_DIR: filesDir,
      UPLOAD_MAX_BYTES: String(64 * 1024),
      PUBLIC_REPORT_RATE_PER_MINUTE: HIGH,
      PUBLIC_SESSION_RATE_PER_MINUTE: HIGH,
      PUBLIC_RATE_PER_MINUTE: HIGH,
    });
    const root = await t.unit('Kommunen');
    dept = await t.unit('Miljöförvaltningen', root, 'avdelning');
    unit = await t.unit('Livsmedelskontroll', dept);
    otherDept = await t.unit('Socialförvaltningen', root, 'avdelning');
    const r = await t.user('rapportor', unit, [], {
      displayName: 'Rut Rapportör',
      email: 'rut@kommun.example',
    });
    reporterId = r.id;
    reporter = await t.login('rapportor');
    await t.user('kollega', unit);
    colleague = await t.login('kollega');
    h1 = (await t.user('handl-1', dept, [['handlaggare', dept]])).id;
    h2 = (await t.user('handl-2', dept, [['handlaggare', dept]])).id;
    handlerOther = (await t.user('handl-b', otherDept, [['handlaggare', otherDept]])).id;
  });
  afterAll(async () => {
    await t.stop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const count = async (table: string): Promise<number> => {
    const rows = await t.dataSource.query<
      Array<{
        n: number | string;
      }>
    >(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  };
  const counts = async () => ({
    cases: await count('cases'),
    audit: await count('audit_log'),
    notifications: await count('notifications'),
    messages: await count('case_messages'),
    files: await count('files'),
  });
  const caseRow = (id: string) => t.dataSource.getRepository(CaseEntity).findOneByOrFail({ id });
  const notified = async (kind: string, caseId: string): Promise<string[]> => {
    const rows = await t.dataSource.query<Array<{ userId: string }>>(
      engine === 'postgres'
        ? `SELECT "userId" FROM notifications WHERE kind = $1 AND params LIKE $2`
        : `SELECT "userId" FROM notifications WHERE kind = ? AND params LIKE ?`,
      [kind, `%${caseId}%`],
    );
    return rows.map((r) => r.userId).sort();
  };
  const latestCase = () =>
    t.dataSource.getRepository(CaseEntity).findOne({ where: {}, order: { seqNo: 'DESC' } });
  const submitAnonymous = async (over: Json = {}): Promise<string> => {
    const res = await t.http().post('/api/public/reports').send(anonymous(unit.id, over));
    expect(res.status).toBe(201);
    return (res.body as { receiptCode: string }).receiptCode;
  };
  const openReceipt = async (code: string): Promise<TestAgent> => {
    const agent = request.agent(t.app.getHttpServer());
    const res = await agent.post('/api/public/session').send({ receiptCode: code });
    expect(res.status).toBe(200);
    return agent;
  };
  /** A handler's message to the reporter (or internal note), written as the handling feature does. */
  const handlerMessage = async (
    caseId: string,
    text: string,
    kind: 'to_reporter' | 'note' = 'to_reporter',
  ): Promise<void> => {
    const vault = t.app.get(CaseVault);
    const c = await caseRow(caseId);
    const id = randomUUID();
    const m: CaseMessageEntity = {
      id,
      caseId,
      kind,
      authorId: h1,
      bodySealed: vault.seal(vault.keyOf(c)!, caseId, SEALED.message(id), text),
      createdAt: t.clock.now(),
      readAt: null,
    };
    await t.dataSource.getRepository(CaseMessageEntity).insert(m);
  };

  describe('signed-in report', () => {
    it('confidential: 201 with id and reference; identity and content sealed, audited without an actor, handlers told', async () => {
      const res = await reporter.post('/api/reports').send(body(unit.id));
      expect(res.status).toBe(201);
      const { id, reference } = res.body as { id: string; reference: string };
      expect(Object.keys(res.body as Json).sort()).toEqual(['id', 'reference']);
      expect(reference).toMatch(/^VRN-2026-\d{5}$/);
      const c = await caseRow(id);
      expect(c).toMatchObject({
        status: 'registrerad',
        confidentiality: 'confidential',
        track: 'paverkan',
        category: 'hot',
        unitId: unit.id,
        version: 1,
        receiptHash: null,
        routedAwayFrom: null,
        acknowledgementDueOn: null,
      });
      expect(c.receivedAt.toISOString()).toBe(t.clock.now().toISOString());
      expect(c.reporterTag).toMatch(/^[0-9a-f]{64}$/);
      expect(c.reporterTag).not.toContain(reporterId);
      const vault = t.app.get(CaseVault);
      const key = vault.keyOf(c)!;
      expect(vault.open(key, c.id, SEALED.identity, c.identitySealed)).toEqual({
        userId: reporterId,
        displayName: 'Rut Rapportör',
        username: 'rapportor',
        email: 'rut@kommun.example',
        unitName: 'Livsmedelskontroll',
      });
      expect(
        vault.open<{ description: string }>(key, c.id, SEALED.content, c.contentSealed)
          ?.description,
      ).toBe('En person hotade mig vid tillsynsbesöket.');
      const [entry] = await t.auditEntries({ objectId: id, action: 'report.submitted' });
      expect(entry.actorId).toBeNull();
      expect(JSON.parse(entry.details)).toEqual({
        caseId: id,
        track: 'paverkan',
        category: 'hot',
        confidentiality: 'confidential',
        via: 'reporter',
      });
      expect(await notified('case.new', id)).toEqual([h1, h2].sort());
      expect(await notified('case.new', id)).not.toContain(handlerOther);
    });

    it('identified whistleblowing: the legal deadlines are set (7 days)', async () => {
      const res = await reporter.post('/api/reports').send(
        body(unit.id, {
          track: 'visselblasning',
          confidentiality: 'identified',
          category: 'valfardsbrott',
          irregularityKind: WELFARE_KIND,
          welfare: { contractOrSupplier: 'Hemtjänst AB', amountSek: 120000 },
        }),
      );
      expect(res.status).toBe(201);
      const c = await caseRow((res.body as { id: string }).id);
      expect(c.confidentiality).toBe('identified');
      expect(c.acknowledgementDueOn).toBe('2026-03-09');
      expect(c.nextDueOn).toBe('2026-03-09');
      expect(c.irregularityKind).toBe(WELFARE_KIND);
    });

    it('a report about a handler never notifies that handler', async () => {
      const handlers = await reporter.get(`/api/reports/handlers?unitId=${unit.id}`);
      expect(handlers.status).toBe(200);
      expect((handlers.body as Array<{ id: string }>).map((h) => h.id).sort()).toEqual(
        [h1, h2].sort(),
      );
      const res = await reporter
        .post('/api/reports')
        .send(body(unit.id, { concernsHandlerId: h1 }));
      expect(res.status).toBe(201);
      const id = (res.body as { id: string }).id;
      expect((await caseRow(id)).routedAwayFrom).toBe(h1);
      expect(await notified('case.new', id)).toEqual([h2]);
    });

    it.each([
      [
        'irregularity kind missing',
        { category: 'valfardsbrott' },
        'invalid_classification',
        'irregularityKind',
      ],
      [
        'irregularity kind on an incident',
        { irregularityKind: WELFARE_KIND },
        'invalid_classification',
        'irregularityKind',
      ],
      [
        'welfare branch on an incident',
        { welfare: { noticedHow: 'x' } },
        'invalid_classification',
        'welfare',
      ],
      ['empty description', { description: '   ' }, 'validation_failed', 'description'],
      [
        'too long description',
        { description: 'x'.repeat(20_001) },
        'validation_failed',
        'description',
      ],
      ['unknown category', { category: 'okand' }, 'validation_failed', 'category'],
      [
        'anonymous is not a signed-in choice',
        { confidentiality: 'anonymous' },
        'validation_failed',
        'confidentiality',
      ],
      ['unknown unit', { unitId: randomUUID() }, 'validation_failed', 'unitId'],
      [
        'handler not over the unit',
        { concernsHandlerId: 'OTHER' },
        'validation_failed',
        'concernsHandlerId',
      ],
      ['unknown field', { extra: 1 }, 'validation_failed', 'extra'],
    ])('400 (%s) writes nothing', async (_name, over, code, field) => {
      const before = await counts();
      const patch = { ...over } as Json;
      if (patch['concernsHandlerId'] === 'OTHER') patch['concernsHandlerId'] = handlerOther;
      const res = await reporter.post('/api/reports').send(body(unit.id, patch));
      expect(res.status).toBe(400);
      expect((res.body as Json)['code']).toBe(code);
      expect(JSON.stringify((res.body as Json)['errors'])).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it('an inactive unit is refused', async () => {
      const closed = await t.unit('Nedlagd enhet', dept);
      await t.dataSource.getRepository(OrgUnitEntity).update({ id: closed.id }, { active: false });
      const before = await counts();
      const res = await reporter.post('/api/reports').send(body(closed.id));
      expect(res.status).toBe(400);
      expect(await counts()).toEqual(before);
      const intake = await t.http().get('/api/public/intake');
      expect(
        (intake.body as { units: Array<{ id: string }> }).units.map((u) => u.id),
      ).not.toContain(closed.id);
    });
  });

  describe('Mina rapporter', () => {
    it('lists only my own reports; anybody else gets 404 on each of mine', async () => {
      const res = await reporter.post('/api/reports').send(body(unit.id));
      const id = (res.body as { id: string }).id;
      const mine = await reporter.get('/api/reports/mine');
      expect(mine.status).toBe(200);
      const ids = (mine.body as { items: Array<{ id: string }> }).items.map((i) => i.id);
      expect(ids).toContain(id);
      const theirs = await colleague.get('/api/reports/mine');
      expect((theirs.body as { items: unknown[] }).items).toEqual([]);
      const before = await counts();
      for (const r of [
        colleague.get(`/api/reports/mine/${id}`),
        colleague.post(`/api/reports/mine/${id}/messages`).send({ body: 'hej' }),
        colleague.post(`/api/reports/mine/${id}/attachments`).attach('file', fx.pdf(), 'a.pdf'),
      ]) {
        const answer = await r;
        expect({ status: answer.status, code: (answer.body as Json)['code'] }).toEqual({
          status: 404,
          code: 'not_found',
        });
      }
      expect(await counts()).toEqual(before);
    });

    it('messages both ways: the reporter reads the handler, the handlers are told of the answer', async () => {
      const res = await reporter.post('/api/reports').send(body(unit.id));
      const id = (res.body as { id: string }).id;
      await handlerMessage(id, 'Kan du beskriva personen?');
      await handlerMessage(id, 'Intern anteckning: låter trovärdigt', 'note');
      const list = await reporter.get('/api/reports/mine');
      const row = (list.body as { items: Array<Json> }).items.find((i) => i['id'] === id)!;
      expect(row['unreadMessages']).toBe(1);

      const view = await reporter.get(`/api/reports/mine/${id}`);
      expect(view.status).toBe(200);
      const v = view.body as Json;
      expect(v['description']).toBe('En person hotade mig vid tillsynsbesöket.');
      expect(v['messages']).toEqual([
        expect.objectContaining({ from: 'handler', body: 'Kan du beskriva personen?' }),
      ]);
      expect(JSON.stringify(v)).not.toContain(h1);
      expect(JSON.stringify(v)).not.toContain('Intern anteckning');
      expect(v['identityDisclosures']).toEqual([]);
      const after = await reporter.get('/api/reports/mine');
      expect(
        (after.body as { items: Array<Json> }).items.find((i) => i['id'] === id)!['unreadMessages'],
      ).toBe(0);

      const reply = await reporter
        .post(`/api/reports/mine/${id}/messages`)
        .send({ body: 'Lång, mörk jacka.' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ from: 'reporter', body: 'Lång, mörk jacka.' });
      const stored = await t.dataSource
        .getRepository(CaseMessageEntity)
        .findOneByOrFail({ id: (reply.body as { id: string }).id });
      expect(stored).toMatchObject({ kind: 'from_reporter', authorId: null });
      expect(await notified('case.reporter_message', id)).toEqual([h1, h2].sort());
      const [entry] = await t.auditEntries({ objectId: id, action: 'report.message_added' });
      expect(entry.actorId).toBeNull();
      expect(entry.details).not.toContain('jacka');
    });

    it('says to whom and when the identity was disclosed', async () => {
      const res = await reporter.post('/api/reports').send(body(unit.id));
      const id = (res.body as { id: string }).id;
      await t.dataSource.getRepository(IdentityRequestEntity).insert([
        {
          id: randomUUID(),
          caseId: id,
          requestedBy: h2,
          motivationSealed: null,
          status: 'approved',
          decidedBy: h1,
          decidedAt: new Date('2026-03-03T10:00:00Z'),
          decisionSealed: null,
          createdAt: t.clock.now(),
        },
        {
          id: randomUUID(),
          caseId: id,
          requestedBy: h1,
          motivationSealed: null,
          status: 'refused',
          decidedBy: h2,
          decidedAt: new Date('2026-03-03T11:00:00Z'),
          decisionSealed: null,
          createdAt: t.clock.now(),
        },
      ]);
      const view = await reporter.get(`/api/reports/mine/${id}`);
      expect((view.body as Json)['identityDisclosures']).toEqual([
        { to: 'Test handl-2', at: '2026-03-03T10:00:00.000Z' },
      ]);
    });

    it('attachments: checked by content (415), size-limited (413), stored encrypted, streamed back', async () => {
      const res = await reporter.post('/api/reports').send(body(unit.id));
      const id = (res.body as { id: string }).id;
      const before = await counts();
      const fake = await reporter
        .post(`/api/reports/mine/${id}/attachments`)
        .attach('file', Buffer.from('<html><script>alert(1)</script></html>'), 'bild.png');
      expect({ status: fake.status, code: (fake.body as Json)['code'] }).toEqual({
        status: 415,
        code: 'unsupported_media_type',
      });
      const big = await reporter
        .post(`/api/reports/mine/${id}/attachments`)
        .attach('file', fx.jpeg({ padding: 70 * 1024 }), 'stor.jpg');
      expect({ status: big.status, code: (big.body as Json)['code'] }).toEqual({
        status: 413,
        code: 'payload_too_large',
      });
      expect(await counts()).toEqual(before);

      const content = fx.pdf('Bilagemarkor-QX');
      const up = await reporter
        .post(`/api/reports/mine/${id}/attachments`)
        .attach('file', content, 'kvitto.pdf');
      expect(up.status).toBe(201);
      const info = up.body as Json;
      expect(info).toMatchObject({ name: 'kvitto.pdf', mediaType: 'application/pdf' });
      expect(info['size']).toBe(content.length);
      for (const f of filesUnder(filesDir))
        expect(readFileSync(f).includes(Buffer.from('Bilagemarkor-QX'))).toBe(false);
      const row = await t.dataSource.query<Array<{ createdBy: string | null }>>(
        engine === 'postgres'
          ? 'SELECT "createdBy" FROM files WHERE id = $1'
          : 'SELECT "createdBy" FROM files WHERE id = ?',
        [info['id']],
      );
      expect(row[0].createdBy).toBeNull();

      const view = await reporter.get(`/api/reports/mine/${id}`);
      expect((view.body as { attachments: Json[] }).attachments.map((a) => a['id'])).toEqual([
        info['id'],
      ]);
      const down = await reporter
        .get(`/api/reports/mine/${id}/attachments/${String(info['id'])}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(down.status).toBe(200);
      expect(down.headers['content-type']).toMatch(/^application\/pdf/);
      expect(down.headers['content-disposition']).toMatch(/^attachment/);
      expect(Buffer.compare(down.body as Buffer, content)).toBe(0);
      const other = await colleague.get(
        `/api/reports/mine/${id}/attachments/${String(info['id'])}`,
      );
      expect(other.status).toBe(404);
      const actions = (await t.auditEntries({ objectId: id })).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['report.attachment_added', 'case.viewed']));
    });
  });

  it('a reporter adds at most 20 attachments to one report (409 after that, nothing written)', async () => {
    const agent = await openReceipt(await submitAnonymous());
    for (let i = 0; i < 20; i++) {
      const up = await agent
        .post('/api/public/report/attachments')
        .attach('file', fx.png(), `bild-${i}.png`);
      expect(up.status).toBe(201);
    }
    const before = await counts();
    const refused = await agent
      .post('/api/public/report/attachments')
      .attach('file', fx.png(), 'en-till.png');
    expect({ status: refused.status, code: (refused.body as Json)['code'] }).toEqual({
      status: 409,
      code: 'conflict',
    });
    expect(await counts()).toEqual(before);
  });

  describe('anonymous report and receipt code', () => {
    it('the form gets the units and the security contact', async () => {
      const res = await t.http().get('/api/public/intake');
      expect(res.status).toBe(200);
      const b = res.body as { units: Json[]; securityContact: Json };
      expect(b.units.find((u) => u['id'] === unit.id)).toEqual({
        id: unit.id,
        name: 'Livsmedelskontroll',
        parentId: dept.id,
        depth: unit.depth,
      });
      expect(Object.keys(b.securityContact).sort()).toEqual(['email', 'name', 'phone']);
    });

    it('201 with a 16-digit code; stored only as a keyed hash, never in the audit log', async () => {
      const before = await counts();
      const code = await submitAnonymous({ track: 'visselblasning' });
      expect(code).toMatch(/^\d{16}$/);
      expect(parseReceiptCode(code).ok).toBe(true);
      const c = await latestCase();
      expect(c?.identitySealed).toBeNull();
      expect(c?.reporterTag).toBeNull();
      expect(c?.receiptHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await counts()).cases).toBe(before.cases + 1);
      const audit = await t.dataSource.query<Json[]>('SELECT * FROM audit_log');
      expect(JSON.stringify(audit)).not.toContain(code);
      const [entry] = await t.auditEntries({ action: 'report.submitted', objectId: c!.id });
      expect(entry.actorId).toBeNull();
      expect(JSON.parse(entry.details)).toMatchObject({
        confidentiality: 'anonymous',
        via: 'receipt',
      });
    });

    it('validation errors on the public form write nothing', async () => {
      const before = await counts();
      const res = await t
        .http()
        .post('/api/public/reports')
        .send(anonymous(unit.id, { category: 'valfardsbrott' }));
      expect({ status: res.status, code: (res.body as Json)['code'] }).toEqual({
        status: 400,
        code: 'invalid_classification',
      });
      const withChoice = await t
        .http()
        .post('/api/public/reports')
        .send({ ...anonymous(unit.id), confidentiality: 'identified' });
      expect(withChoice.status).toBe(400);
      expect(await counts()).toEqual(before);
    });

    it('the code opens its own report only; wrong codes are one and the same 401', async () => {
      const code = await submitAnonymous({ description: 'Mutförsök A' });
      const otherCode = await submitAnonymous({ description: 'Mutförsök B' });
      const res = await t.http().post('/api/public/session').send({ receiptCode: code });
      expect(res.status).toBe(200);
      expect((res.body as Json)['reference']).toMatch(/^VRN-2026-\d{5}$/);
      const cookie = receiptCookie(res)!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\/api\/public/);
      const agent = await openReceipt(code.replace(/(\d{4})(?=\d)/g, '$1 '));
      const view = await agent.get('/api/public/report');
      expect(view.status).toBe(200);
      expect((view.body as Json)['description']).toBe('Mutförsök A');
      expect(JSON.stringify(view.body)).not.toContain('Mutförsök B');
      void otherCode;

      const flipped = code.slice(0, 15) + String((Number(code[15]) + 1) % 10);
      const unknown = (() => {
        // a checksum-valid code that was never issued
        for (;;) {
          const c = String(Math.floor(Math.random() * 1e15)).padStart(15, '0');
          for (let d = 0; d < 10; d++)
            if (parseReceiptCode(c + d).ok && c + d !== code && c + d !== otherCode) return c + d;
        }
      })();
      const failedBefore = (await t.auditEntries({ action: 'receipt.session_failed' })).length;
      const answers: Json[] = [];
      for (const wrong of ['12', flipped, unknown, 'abcd-efgh-ijkl-mnop']) {
        const r = await t.http().post('/api/public/session').send({ receiptCode: wrong });
        expect(r.status).toBe(401);
        expect(receiptCookie(r)).toBeUndefined();
        const rest = { ...(r.body as Json) };
        delete rest['requestId'];
        answers.push(rest);
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]['code']).toBe('invalid_receipt_code');
      const failed = await t.auditEntries({ action: 'receipt.session_failed' });
      expect(failed.length).toBe(failedBefore + 4);
      expect(failed.every((e) => e.actorId === null && !e.details.includes(unknown))).toBe(true);
      const opened = await t.auditEntries({ action: 'receipt.session_opened' });
      expect(opened.every((e) => e.actorId === null && !e.details.includes(code))).toBe(true);

      // without a session, and after closing it
      expect((await t.http().get('/api/public/report')).status).toBe(401);
      expect((await agent.delete('/api/public/session')).status).toBe(204);
      expect((await agent.get('/api/public/report')).status).toBe(401);
    });

    it('the session ends after 30 idle minutes', async () => {
      const agent = await openReceipt(await submitAnonymous());
      t.clock.advance(29 * 60_000);
      expect((await agent.get('/api/public/report')).status).toBe(200);
      t.clock.advance(29 * 60_000);
      expect((await agent.get('/api/public/report')).status).toBe(200);
      t.clock.advance(31 * 60_000);
      expect((await agent.get('/api/public/report')).status).toBe(401);
    });

    it('the receipt holder reads the question, answers, adds a file; the handlers are told', async () => {
      const code = await submitAnonymous({ description: 'Hot i telefon' });
      const c = (await latestCase())!;
      await handlerMessage(c.id, 'Vilken dag var det?');
      const agent = await openReceipt(code);
      const view = await agent.get('/api/public/report');
      expect(view.body).toMatchObject({
        reference: c.reference,
        status: 'registrerad',
        description: 'Hot i telefon',
        messages: [expect.objectContaining({ from: 'handler', body: 'Vilken dag var det?' })],
      });
      expect(Object.keys(view.body as Json)).not.toContain('identityDisclosures');
      const reply = await agent.post('/api/public/report/messages').send({ body: 'I tisdags.' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ from: 'reporter', body: 'I tisdags.' });
      expect(await notified('case.reporter_message', c.id)).toEqual([h1, h2].sort());
      const file = await agent
        .post('/api/public/report/attachments')
        .attach('file', fx.png(), 'skarmbild.png');
      expect(file.status).toBe(201);
      expect(file.body).toMatchObject({ mediaType: 'image/png' });
      const again = await agent.get('/api/public/report');
      expect((again.body as { messages: unknown[] }).messages).toHaveLength(2);
      expect((again.body as { attachments: unknown[] }).attachments).toHaveLength(1);
      const [entry] = await t.auditEntries({ objectId: c.id, action: 'report.message_added' });
      expect(JSON.parse(entry.details)).toMatchObject({ via: 'receipt' });
      // an upload without a session is refused before it is read
      const none = await t
        .http()
        .post('/api/public/report/attachments')
        .attach('file', fx.png(), 'x.png');
      expect(none.status).toBe(401);
    });
  });

  it('logs neither the address nor the receipt code, and the code never travels in a URL', async () => {
    const lines: string[] = [];
    const spies = (['log', 'error', 'warn', 'debug', 'verbose'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        lines.push(JSON.stringify(args));
      }),
    );
    try {
      const code = await submitAnonymous();
      const agent = await openReceipt(code);
      await agent.get('/api/public/report');
      await t.http().post('/api/public/session').send({ receiptCode: '0000 0000 0000 0000' });
      await t.http().get(`/api/public/report?receiptCode=${code}`);
      expect(lines.some((l) => l.includes('/api/public/report'))).toBe(true);
      const text = lines.join('\n');
      expect(text).not.toMatch(/127\.0\.0\.1|::1|::ffff:/);
      expect(text).not.toContain(code);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });

  describe('at rest', () => {
    it('no known plaintext of a report in the database (SQLite file and WAL, or every PostgreSQL text column) or on disk', async () => {
      const marker = `Klartextmarkor${engine}7Q`;
      const person = await t.user(`vittne-${engine}`, unit, [], {
        displayName: `Vera ${marker}Namn`,
        email: null,
      });
      const agent = await t.login(person.username);
      const res = await agent.post('/api/reports').send(
        body(unit.id, {
          description: `Beskrivning ${marker}Beskrivning`,
          intake: { relatedReference: `${marker}Ref` },
        }),
      );
      expect(res.status).toBe(201);
      const id = (res.body as { id: string }).id;
      expect(
        (
          await agent
            .post(`/api/reports/mine/${id}/messages`)
            .send({ body: `Svar ${marker}Meddelande` })
        ).status,
      ).toBe(201);
      expect(
        (
          await agent
            .post(`/api/reports/mine/${id}/attachments`)
            .attach('file', fx.pdf(`${marker}Bilaga`), `${marker}Fil.pdf`)
        ).status,
      ).toBe(201);
      const code = await submitAnonymous({ description: `Anonym ${marker}Anonym` });
      const needles = [
        `${marker}Beskrivning`,
        `${marker}Ref`,
        `${marker}Meddelande`,
        `${marker}Bilaga`,
        `${marker}Fil`,
        `${marker}Anonym`,
        code,
      ];
      // the user's own row holds the display name in clear (the user register): leave it out
      const inClear = (text: string) => needles.filter((n) => text.includes(n));

      if (engine === 'sqlite') {
        const path = t.config.database.type === 'sqlite' ? t.config.database.path : '';
        const raw = readFileSync(path);
        const wal = (() => {
          try {
            return readFileSync(`${path}-wal`);
          } catch {
            return Buffer.alloc(0);
          }
        })();
        expect(wal.length).toBeGreaterThan(0);
        // the reader works: the user register keeps the display name in clear, and it is found
        expect(Buffer.concat([raw, wal]).includes(Buffer.from(`${marker}Namn`))).toBe(true);
        expect(inClear(raw.toString('latin1'))).toEqual([]);
        expect(inClear(raw.toString('utf8'))).toEqual([]);
        expect(inClear(wal.toString('latin1'))).toEqual([]);
        expect(inClear(wal.toString('utf8'))).toEqual([]);
        // the identity: only in the users table, not in any case table — the file holds the
        // users row, so check the cases' own rows instead
      } else {
        const columns = await t.dataSource.query<
          Array<{ table_name: string; column_name: string }>
        >(
          `SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public'
              AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'character')`,
        );
        expect(columns.length).toBeGreaterThan(20);
        const found: string[] = [];
        let usersHit = false;
        for (const { table_name: table, column_name: column } of columns) {
          const rows = await t.dataSource.query<Array<{ v: string }>>(
            `SELECT "${column}"::text AS v FROM "${table}" WHERE "${column}" IS NOT NULL`,
          );
          for (const r of rows) {
            for (const n of inClear(r.v)) found.push(`${table}.${column}: ${n}`);
            if (r.v.includes(`${marker}Namn`)) {
              if (table === 'users') usersHit = true;
              else found.push(`${table}.${column}: identity`);
            }
          }
        }
        expect(found).toEqual([]);
        // the reader works: the user register keeps the display name in clear, and it is found
        expect(usersHit).toBe(true);
      }
      // the identity is nowhere outside the users register (no case table, no audit entry)
      for (const table of ['cases', 'case_messages', 'files', 'notifications', 'audit_log']) {
        const rows = await t.dataSource.query<Json[]>(`SELECT * FROM ${table}`);
        const text = JSON.stringify(
          // the person's own sign-in is theirs to be logged; nothing about the case names them
          table === 'audit_log' ? rows.filter((r) => r['objectType'] === 'Case') : rows,
        );
        expect(text).not.toContain(`${marker}Namn`);
        expect(text).not.toContain(person.id);
      }
      for (const f of filesUnder(filesDir))
        expect(inClear(readFileSync(f).toString('latin1'))).toEqual([]);
    });
  });
});

describeEachEngine('reporting (intake) throttle', (engine) => {
  let t: TestApp;
  let unitId: string;
  beforeAll(async () => {
    t = await TestApp.start(engine, {
      PUBLIC_REPORT_RATE_PER_MINUTE: '3',
      PUBLIC_SESSION_RATE_PER_MINUTE: '4',
    });
    unitId = (await t.unit('Kommunen')).id;
  });
  afterAll(() => t.stop());

  it('answers 429 to the fourth anonymous report within a minute, and nothing is written', async () => {
    for (let i = 0; i < 3; i++)
      expect((await t.http().post('/api/public/reports').send(anonymous(unitId))).status).toBe(201);
    const res = await t.http().post('/api/public/reports').send(anonymous(unitId));
    expect({ status: res.status, code: (res.body as Json)['code'] }).toEqual({
      status: 429,
      code: 'too_many_requests',
    });
    const rows = await t.dataSource.query<
      Array<{
        n: number | string;
      }>
    >('SELECT COUNT(*) AS n FROM cases');
    expect(Number(rows[0].n)).toBe(3);
    // the receipt-code throttle counts separately
    for (let i = 0; i < 4; i++)
      expect(
        (await t.http().post('/api/public/session').send({ receiptCode: '1234' })).status,
      ).toBe(401);
    expect((await t.http().post('/api/public/session').send({ receiptCode: '1234' })).status).toBe(
      429,
    );
  });
});
