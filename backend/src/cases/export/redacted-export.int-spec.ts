import type { Role } from '../../core/authz/roles';
import { pdfText, popplerText } from '../../testing/pdf-text';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../../testing/test-app';
import { CaseEntity } from '../entities/case.entity';
import { createTestCase } from '../testing-factory';
import { REDACTED_EXPORT_TITLE } from './redacted-pdf';

type Json = Record<string, unknown>;

const squash = (s: string) => s.replace(/\s+/g, '').toLocaleLowerCase('sv');

describeEachEngine('Redacted export', (engine) => {
  let t: TestApp;
  let a: TestUnit;
  let a1: TestUnit;

  beforeAll(async () => {
    t = await TestApp.start(engine);
    const root = await t.unit(uniq('Förvaltning'));
    a = await t.unit(uniq('Avd A'), root, 'avdelning');
    a1 = await t.unit(uniq('Enhet Åby'), a);
  });
  afterAll(() => t.stop());

  async function person(roles: Array<[Role, TestUnit]>) {
    const user = await t.user(uniq('p'), a1, roles);
    return { user, agent: await t.login(user.username) };
  }

  async function confidentialCase(routedAwayFrom: string | null = null) {
    const reporter = await t.user(uniq('bosse'), a1, [], {
      displayName: 'Bosse Öberg',
      email: 'bosse.oberg@kommun.se',
    });
    const c = await createTestCase(t.app, {
      unitId: a1.id,
      confidentiality: 'confidential',
      track: 'visselblasning',
      category: 'korruptionsforsok',
      routedAwayFrom,
      reporter: {
        userId: reporter.id,
        displayName: reporter.displayName,
        username: reporter.username,
        email: reporter.email,
        unitName: a1.name,
      },
      description:
        'Jag, Bosse Öberg, blev erbjuden pengar av entreprenören på Storgatan 12 för att godkänna bygglovet.',
      messages: [
        { kind: 'from_reporter', body: `Mvh Bosse (${reporter.username}, bosse.oberg@kommun.se)` },
        { kind: 'to_reporter', body: 'Tack, vi har tagit emot rapporten om Storgatan 12.' },
        { kind: 'note', body: 'Intern anteckning: ring Öbergs chef.' },
      ],
      actions: [
        {
          type: 'polisanmalan',
          occurredOn: '2026-03-03',
          reference: 'K-123456-26',
          note: 'Anmält, Öbergs uppgifter bifogade.',
        },
      ],
    });
    return { reporter, c };
  }

  it('a Swedish PDF with the identity always masked, the marked passages masked, the maskings listed; audited', async () => {
    const handler = await person([['handlaggare', a]]);
    const { reporter, c } = await confidentialCase();
    const res = await handler.agent
      .post(`/api/cases/${c.id}/redacted-export`)
      .send({ masks: ['storgatan 12', 'K-123456-26'] })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${c.reference}-maskerad-kopia.pdf"`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const readers = [pdfText(pdf), popplerText(pdf)].filter((x): x is string => x !== null);
    for (const text of readers) {
      const flat = squash(text);
      expect(flat).toContain(squash(REDACTED_EXPORT_TITLE));
      expect(flat).toContain(squash(c.reference));
      expect(flat).toContain(squash('Visselblåsning'));
      expect(flat).toContain(squash('Korruptionsförsök/otillbörligt erbjudande'));
      expect(flat).toContain(squash('blev erbjuden pengar av entreprenören'));
      expect(flat).toContain(squash('Polisanmälan'));
      // nothing of the identity, nothing of a marked passage, no internal note
      for (const secret of [
        'Bosse',
        'Öberg',
        'Oberg',
        reporter.username,
        'bosse.oberg@kommun.se',
        'Storgatan 12',
        'K-123456-26',
        'Intern anteckning',
      ])
        expect({ secret, found: flat.includes(squash(secret)) }).toEqual({ secret, found: false });
      // masked passages carry their numbers; the list gives reason and count
      expect(flat).toContain(squash('[maskering 1]'));
      expect(flat).toContain(squash('[maskering 2]'));
      expect(flat).toContain(squash('[maskering 3]'));
      expect(flat).toContain(squash('Maskeringar'));
      expect(flat).toContain(squash('Markerad av handläggaren'));
      expect(flat).toContain(
        squash('Identitet (rapportörens namn, användarnamn och e-postadress)'),
      );
    }
    // the listing: 1 identity (description, reporter's message ×3, action note), 2 Storgatan (×2), 3 the reference
    const own = pdfText(pdf);
    expect(squash(own)).toContain(
      squash('1Identitet (rapportörens namn, användarnamn och e-postadress)5'),
    );
    expect(squash(own)).toContain(squash('2Markerad av handläggaren2'));
    expect(squash(own)).toContain(squash('3Markerad av handläggaren1'));

    const audit = await t.auditEntries({ objectId: c.id, action: 'case.exported' });
    expect(
      audit.map((e) => ({ actor: e.actorId, details: JSON.parse(e.details) as Json })),
    ).toEqual([{ actor: handler.user.id, details: { masks: 2 } }]);
  });

  it('masks a marked passage also where it is a date or a label of a code', async () => {
    const handler = await person([['handlaggare', a]]);
    const { c } = await confidentialCase();
    const res = await handler.agent
      .post(`/api/cases/${c.id}/redacted-export`)
      .send({ masks: ['Korruptionsförsök', '2026-03-03', 'Polisanmälan'] })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const flat = squash(pdfText(res.body as Buffer));
    for (const secret of ['Korruptionsförsök', '2026-03-03', 'Polisanmälan'])
      expect({ secret, found: flat.includes(squash(secret)) }).toEqual({ secret, found: false });
    expect(flat).toContain(squash('otillbörligt erbjudande'));
    expect(flat).toContain(squash('4Markerad av handläggaren1'));
  });

  it('checks the masks (≤ 50, each 1–500 characters), the reader of the case, and a purged case', async () => {
    const handler = await person([['handlaggare', a]]);
    const routed = await person([['handlaggare', a]]);
    const custodian = await person([['identitetsansvarig', a]]);
    const { c } = await confidentialCase(routed.user.id);
    const post = (agent: typeof handler.agent, body: Json) =>
      agent.post(`/api/cases/${c.id}/redacted-export`).send(body);
    expect((await post(handler.agent, { masks: Array(51).fill('x') })).status).toBe(400);
    expect((await post(handler.agent, { masks: ['x'.repeat(501)] })).status).toBe(400);
    expect((await post(handler.agent, { masks: [''] })).status).toBe(400);
    expect((await post(handler.agent, { masks: ['   '] })).status).toBe(400);
    expect((await post(handler.agent, {})).status).toBe(400);
    expect((await post(handler.agent, { masks: Array(50).fill('x'.repeat(500)) })).status).toBe(
      200,
    );
    expect((await post(routed.agent, { masks: [] })).status).toBe(404);
    expect((await post(custodian.agent, { masks: [] })).status).toBe(403);

    await t.db.transaction(() =>
      t.db.repo(CaseEntity).update({ id: c.id }, { wrappedKey: null, purgedAt: t.clock.now() }),
    );
    const purged = await post(handler.agent, { masks: [] });
    expect({ status: purged.status, code: (purged.body as Json)['code'] }).toEqual({
      status: 409,
      code: 'case_purged',
    });
    expect(await t.auditEntries({ objectId: c.id, action: 'case.exported' })).toHaveLength(1);
  });
});
