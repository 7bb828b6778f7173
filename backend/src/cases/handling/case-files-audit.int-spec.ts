import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AuditLabelRegistry } from '../../core/audit/audit-labels.registry';
import { abilityFor } from '../../core/authz/ability';
import type { AuthUser, Role } from '../../core/authz/roles';
import { exe, pdf } from '../../testing/file-fixtures';
import { describeEachEngine, TestApp, type TestUnit } from '../../testing/test-app';
import type { UserEntity } from '../../users/entities/user.entity';
import { createTestCase } from '../testing-factory';

/** Collects a binary body (supertest leaves application/pdf unparsed otherwise). */
function binary(res: Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describeEachEngine('case attachments and audit labels', (engine) => {
  let t: TestApp;
  let a: TestUnit;
  let a1: TestUnit;
  let handler: UserEntity;
  let colleague: UserEntity;
  let h: TestAgent;

  beforeAll(async () => {
    t = await TestApp.start(engine);
    const root = await t.unit('Förvaltningen');
    a = await t.unit('Avdelning A', root, 'avdelning');
    a1 = await t.unit('Enhet A1', a);
    handler = await t.user('hl-f', a1, [['handlaggare', a]]);
    colleague = await t.user('hl-f2', a1, [['handlaggare', a]]);
    h = await t.login('hl-f');
  });
  afterAll(() => t.stop());

  it('uploads a file sealed under the case key, lists it, and audits each download', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id });
    const up = await h
      .post(`/api/cases/${c.id}/attachments`)
      .attach('file', pdf('Polisanmälan'), 'anmälan.pdf');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: 'anmälan.pdf', mediaType: 'application/pdf' });
    const fileId = (up.body as { id: string }).id;
    const detail = await h.get(`/api/cases/${c.id}`);
    expect((detail.body as { attachments: unknown[] }).attachments).toEqual([
      expect.objectContaining({ id: fileId, name: 'anmälan.pdf' }),
    ]);
    const down = await h.get(`/api/cases/${c.id}/attachments/${fileId}`).buffer(true).parse(binary);
    expect(down.status).toBe(200);
    expect(down.headers['content-disposition']).toMatch(/^attachment/);
    expect((down.body as Buffer).equals(pdf('Polisanmälan'))).toBe(true);
    const views = (await t.auditEntries({ objectId: c.id, action: 'case.viewed' })).map(
      (e) => JSON.parse(String(e.details)) as Record<string, unknown>,
    );
    expect(views).toContainEqual({ what: 'attachment', fileId });
    const added = await t.auditEntries({ objectId: c.id, action: 'case.attachment_added' });
    expect(added).toHaveLength(1);
    expect(String(added[0].details)).not.toContain('anmälan');

    // a file of another case is not reachable through this case
    const other = await createTestCase(t.app, { unitId: a1.id });
    expect((await h.get(`/api/cases/${other.id}/attachments/${fileId}`)).status).toBe(404);
    // a type outside the allowed kinds is refused by content
    const bad = await h.post(`/api/cases/${c.id}/attachments`).attach('file', exe(), 'foto.jpg');
    expect(bad.status).toBe(415);
  });

  it('a case routed away from the handler: its attachments are 404 too', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id, routedAwayFrom: handler.id });
    const co = await t.login(colleague.username);
    const up = await co.post(`/api/cases/${c.id}/attachments`).attach('file', pdf(), 'a.pdf');
    expect(up.status).toBe(201);
    const fileId = (up.body as { id: string }).id;
    expect((await h.get(`/api/cases/${c.id}/attachments/${fileId}`)).status).toBe(404);
    expect(
      (await h.post(`/api/cases/${c.id}/attachments`).attach('file', pdf(), 'b.pdf')).status,
    ).toBe(404);
  });

  it('the audit log names a case by its reference only for those who may read the case', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id });
    const routed = await createTestCase(t.app, { unitId: a1.id, routedAwayFrom: handler.id });
    const registry = t.app.get(AuditLabelRegistry);
    const entries = [c, routed].map((x) => ({
      objectType: 'Case',
      objectId: x.id,
      actorId: null,
    }));
    const asUser = (u: UserEntity, roles: Array<[Role, TestUnit]>): AuthUser => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      unitId: u.unitId,
      mustChangePassword: false,
      roles: roles.map(([role, unit]) => ({
        assignmentId: `${role}-${unit.id}`,
        role,
        unitId: unit.id,
        unitPath: unit.path,
      })),
      sessionId: 'x',
      sessionExpiresAt: new Date(),
    });
    const forHandler = await registry.resolve(
      entries,
      abilityFor(asUser(handler, [['handlaggare', a]])),
    );
    expect(forHandler('Case', c.id)).toEqual({ label: c.reference, link: null });
    expect(forHandler('Case', routed.id)).toBeUndefined();
    const auditor = await t.user('revisor-f', a1, [['internrevisor', a]]);
    const forAuditor = await registry.resolve(
      entries,
      abilityFor(asUser(auditor, [['internrevisor', a]])),
    );
    expect(forAuditor('Case', c.id)).toBeUndefined();

    // and over HTTP: the auditor reads the trail of views, without the reference
    await h.get(`/api/cases/${c.id}`);
    const r = await t.login(auditor.username);
    const log = await r.get(`/api/audit-log?action=case.viewed`);
    expect(log.status).toBe(200);
    const rows = (log.body as { items: Array<{ objectId: string; objectLabel?: string }> }).items;
    const mine = rows.filter((x) => x.objectId === c.id);
    expect(mine.length).toBeGreaterThan(0);
    for (const x of mine) expect(x.objectLabel).toBeUndefined();
    expect(JSON.stringify(log.body)).not.toContain(c.reference);
  });
});
