import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exe, jpeg, pdf, png, zip } from '../../testing/file-fixtures';
import {
  answer,
  auditContract,
  auditWorld,
  DEFAULT_ITEMS,
  startAudit,
  type AuditWorld,
} from '../../testing/audit-world';
import { describeEachEngine, TestApp } from '../../testing/test-app';
import { EVIDENCE_MAX_BYTES } from './evidence.service';

describeEachEngine('Audit evidence and influence-report records', (engine) => {
  let t: TestApp;
  let w: AuditWorld;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    w = await auditWorld(t);
  });
  afterAll(() => t.stop());

  it('stores photos and PDFs by content, encrypted; refuses other types; readers download, audit-logged', async () => {
    const contract = await auditContract(w);
    const audit = await startAudit(w, contract.id);
    const url = `/api/audits/${audit.id}/answers/D15/attachments`;
    const photo = png();
    const added = await w.controller.agent
      .post(url)
      .attach('file', photo, { filename: 'personalliggare<script>.png', contentType: 'image/png' })
      .expect(201);
    const file = added.body as { id: string; fileName: string; contentType: string; size: number };
    expect(file).toMatchObject({ contentType: 'image/png', size: photo.length });
    expect(file.fileName).not.toContain('<');
    await w.controller.agent
      .post(url)
      .attach('file', pdf('Protokoll'), {
        filename: 'protokoll.pdf',
        contentType: 'application/pdf',
      })
      .expect(201);

    // refused by content, whatever the name or declared type says
    for (const [bytes, name] of [
      [exe(), 'bild.png'],
      [zip(), 'bild.jpg'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'bild.png'],
      [Buffer.from('bara text'), 'anteckning.pdf'],
    ] as const) {
      const res = await w.controller.agent
        .post(url)
        .attach('file', bytes, { filename: name, contentType: 'image/png' })
        .expect(415);
      expect((res.body as { code: string }).code).toBe('unsupported_media_type');
    }
    await w.controller.agent.post(url).expect(400); // no file
    const big = await w.controller.agent
      .post(url)
      .attach('file', jpeg({ padding: EVIDENCE_MAX_BYTES }), 'stor.jpg')
      .expect(413);
    expect((big.body as { code: string }).code).toBe('payload_too_large');
    await w.controller.agent.post(url).set('Content-Type', 'text/plain').send('x').expect(415);
    await w.controller.agent
      .post(`/api/audits/${audit.id}/answers/Z99/attachments`)
      .attach('file', png(), 'a.png')
      .expect(404);
    // only controllers in scope add evidence
    await w.chefA.agent.post(url).attach('file', png(), 'a.png').expect(403);
    await w.controllerB.agent.post(url).attach('file', png(), 'a.png').expect(404);
    await w.owner.agent.post(url).attach('file', png(), 'a.png').expect(403);

    // the answer lists it (audits core) and readers download the decrypted bytes
    const detail = (await w.chefA.agent.get(`/api/audits/${audit.id}`).expect(200)).body as {
      answers: Array<{ itemId: string; attachments: Array<{ id: string }> }>;
    };
    expect(detail.answers.find((a) => a.itemId === 'D15')?.attachments.map((a) => a.id)).toContain(
      file.id,
    );
    const got = await w.auditor.agent
      .get(`/api/audits/${audit.id}/attachments/${file.id}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(/^attachment/);
    expect(Buffer.compare(got.body as Buffer, photo)).toBe(0);
    await w.controllerB.agent.get(`/api/audits/${audit.id}/attachments/${file.id}`).expect(404);
    await w.owner.agent.get(`/api/audits/${audit.id}/attachments/${file.id}`).expect(403);
    // a file of another audit is not reachable through this one
    const other = await startAudit(w, (await auditContract(w)).id);
    await w.controller.agent.get(`/api/audits/${other.id}/attachments/${file.id}`).expect(404);
    // stored encrypted: the photo's bytes are nowhere in the files directory
    const dir = t.config.files.dir;
    const stored = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => readFileSync(join(d.parentPath, d.name)));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((b) => b.includes(photo.subarray(8, 40)))).toBe(false);
    const entries = await t.auditEntries({ objectId: audit.id });
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'contract_audit.evidence_added',
        'contract_audit.evidence_downloaded',
      ]),
    );
  });

  it('influence-report records: only that one was made (item, time), never on a signed audit', async () => {
    const contract = await auditContract(w, 'B');
    const audit = await startAudit(w, contract.id);
    const res = await w.controller.agent
      .post(`/api/audits/${audit.id}/influence-reports`)
      .send({ itemId: 'H28' })
      .expect(201);
    expect(Object.keys(res.body as object).sort()).toEqual(['itemId', 'recordedAt']);
    await w.controller.agent
      .post(`/api/audits/${audit.id}/influence-reports`)
      .send({ itemId: 'Q1' })
      .expect(400);
    await w.controller.agent
      .post(`/api/audits/${audit.id}/influence-reports`)
      .send({ itemId: 'H28', caseId: 'x' })
      .expect(400);
    await w.auditor.agent
      .post(`/api/audits/${audit.id}/influence-reports`)
      .send({ itemId: 'H28' })
      .expect(403);
    const detail = (await w.controller.agent.get(`/api/audits/${audit.id}`).expect(200)).body as {
      influenceReports: Array<{ itemId: string; recordedAt: string }>;
    };
    expect(detail.influenceReports).toEqual([
      { itemId: 'H28', recordedAt: (res.body as { recordedAt: string }).recordedAt },
    ]);
    const rows = await t.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT * FROM audit_influence_reports',
    );
    expect(Object.keys(rows[0]).sort()).toEqual([
      'auditId',
      'id',
      'itemId',
      'recordedAt',
      'recordedBy',
    ]);

    for (const id of DEFAULT_ITEMS) await answer(w.controller.agent, audit.id, id, 'uppfyllt');
    await w.controller.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200);
    const signed = await w.controller.agent
      .post(`/api/audits/${audit.id}/influence-reports`)
      .send({ itemId: 'H28' })
      .expect(409);
    expect((signed.body as { code: string }).code).toBe('audit_signed');
    const late = await w.controller.agent
      .post(`/api/audits/${audit.id}/answers/H28/attachments`)
      .attach('file', png(), 'a.png')
      .expect(409);
    expect((late.body as { code: string }).code).toBe('audit_signed');
  });
});
