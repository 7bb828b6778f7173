import type TestAgent from 'supertest/lib/agent';
import type { Role } from '../../core/authz/roles';
import { NotificationEntity } from '../../core/notify/entities/notification.entity';
import { CaseEntity } from '../entities/case.entity';
import { IdentityRequestEntity } from '../entities/identity-request.entity';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../../testing/test-app';
import { createTestCase } from '../testing-factory';

type Json = Record<string, unknown>;

const MOTIVATION = 'Behöver kontakta rapportören om skyddsåtgärder på arbetsplatsen.';
const DECISION = 'Godkänns: skyddsåtgärden kräver att handläggaren kan nå personen.';
/** The keys a request carries in the list, and in the detail: never case content. */
const ITEM_KEYS = [
  'caseId',
  'caseReference',
  'createdAt',
  'decidedAt',
  'decidedByName',
  'decisionMotivation',
  'id',
  'motivation',
  'requestedBy',
  'requestedByName',
  'status',
  'unitName',
];
const DETAIL_KEYS = [...ITEM_KEYS, 'category', 'identity', 'track'].sort();

describeEachEngine('Identity custody', (engine) => {
  let t: TestApp;
  let root: TestUnit;
  let a: TestUnit;
  let a1: TestUnit;
  let b: TestUnit;

  beforeAll(async () => {
    t = await TestApp.start(engine);
    root = await t.unit(uniq('Förvaltning'));
    a = await t.unit(uniq('Avd A'), root, 'avdelning');
    a1 = await t.unit(uniq('Enhet A1'), a);
    b = await t.unit(uniq('Avd B'), root, 'avdelning');
  });
  afterAll(() => t.stop());

  async function person(roles: Array<[Role, TestUnit]>, displayName?: string) {
    const user = await t.user(uniq('p'), a1, roles, displayName ? { displayName } : {});
    return { user, agent: await t.login(user.username) };
  }

  /** A fresh scene: a confidential report in A1 by Greta, two handlers and a custodian of A. */
  async function scene(
    confidentiality: 'confidential' | 'identified' | 'anonymous' = 'confidential',
  ) {
    const reporter = await t.user(uniq('greta'), a1, [['medarbetare', a1]], {
      displayName: 'Greta Rapportör',
      email: 'greta.rapportor@kommun.se',
    });
    const handler = await person([['handlaggare', a]]);
    const other = await person([['handlaggare', a]]);
    const routed = await person([['handlaggare', a]]);
    const custodian = await person([['identitetsansvarig', a]]);
    const c = await createTestCase(t.app, {
      unitId: a1.id,
      confidentiality,
      reporter:
        confidentiality === 'anonymous'
          ? undefined
          : {
              userId: reporter.id,
              displayName: reporter.displayName,
              username: reporter.username,
              email: reporter.email,
              unitName: a1.name,
            },
      description: 'Hot mot inspektör vid tillsyn.',
      routedAwayFrom: routed.user.id,
    });
    return { reporter, handler, other, routed, custodian, c };
  }

  const ask = (agent: TestAgent, caseId: string, motivation = MOTIVATION) =>
    agent.post(`/api/cases/${caseId}/identity-requests`).send({ motivation });
  const decide = (agent: TestAgent, id: string, decision: 'approved' | 'refused') =>
    agent.post(`/api/identity-requests/${id}/decision`).send({ decision, motivation: DECISION });
  const identity = (agent: TestAgent, caseId: string) => agent.get(`/api/cases/${caseId}/identity`);

  async function audits(caseId: string, action: string): Promise<Json[]> {
    return (await t.auditEntries({ objectId: caseId, action })).map((e) => ({
      actorId: e.actorId,
      ...(JSON.parse(e.details) as Json),
    }));
  }
  async function notificationsOf(userId: string): Promise<NotificationEntity[]> {
    return t.dataSource.getRepository(NotificationEntity).findBy({ userId });
  }

  it('request → approve → the handler sees the identity, every view audited; custodian and requester notified with ids only', async () => {
    const s = await scene();
    expect((await identity(s.handler.agent, s.c.id)).status).toBe(403);

    const created = await ask(s.handler.agent, s.c.id).expect(201);
    const req = created.body as { id: string; status: string };
    expect(req).toEqual({ id: expect.any(String), status: 'pending' });
    expect(await audits(s.c.id, 'case.identity_requested')).toEqual([
      { actorId: s.handler.user.id, requestId: req.id },
    ]);
    const [asked] = await notificationsOf(s.custodian.user.id);
    expect({
      kind: asked.kind,
      params: JSON.parse(asked.params) as Json,
      link: asked.link,
    }).toEqual({
      kind: 'identity.requested',
      params: { requestId: req.id },
      link: `/identitetsbegaran/${req.id}`,
    });
    // the handler the case is routed away from hears nothing, nor does the requester
    expect(await notificationsOf(s.routed.user.id)).toEqual([]);
    expect(await notificationsOf(s.handler.user.id)).toEqual([]);

    // the motivation is sealed: not in the table in clear
    const row = await t.dataSource
      .getRepository(IdentityRequestEntity)
      .findOneByOrFail({ id: req.id });
    expect(row.motivationSealed).not.toContain('skyddsåtgärder');

    await decide(s.custodian.agent, req.id, 'approved').expect(200);
    expect(await audits(s.c.id, 'case.identity_decided')).toEqual([
      { actorId: s.custodian.user.id, requestId: req.id, decision: 'approved' },
    ]);
    const [told] = await notificationsOf(s.handler.user.id);
    expect({ kind: told.kind, params: JSON.parse(told.params) as Json }).toEqual({
      kind: 'identity.decided',
      params: { requestId: req.id, caseId: s.c.id, decision: 'approved' },
    });

    for (let i = 0; i < 2; i++) {
      const res = await identity(s.handler.agent, s.c.id).expect(200);
      expect(res.body).toEqual({
        displayName: 'Greta Rapportör',
        username: s.reporter.username,
        email: 'greta.rapportor@kommun.se',
        unitName: a1.name,
      });
    }
    expect(await audits(s.c.id, 'case.identity_viewed')).toEqual([
      { actorId: s.handler.user.id, what: 'identity', via: 'approved_request', requestId: req.id },
      { actorId: s.handler.user.id, what: 'identity', via: 'approved_request', requestId: req.id },
    ]);
    // the approval is the requester's own: another handler of the case still gets 403
    expect((await identity(s.other.agent, s.c.id)).body).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    // the handler's own list shows the decision with the custodian's motivation
    const own = await s.handler.agent.get('/api/identity-requests?status=decided').expect(200);
    expect(own.body).toEqual([
      expect.objectContaining({
        id: req.id,
        status: 'approved',
        motivation: MOTIVATION,
        decisionMotivation: DECISION,
        decidedByName: s.custodian.user.displayName,
      }),
    ]);
  });

  it('refused → 403; a handler without a request → 403; the routed-away handler → 404 everywhere', async () => {
    const s = await scene();
    const req = (await ask(s.handler.agent, s.c.id).expect(201)).body as { id: string };
    await decide(s.custodian.agent, req.id, 'refused').expect(200);
    expect((await identity(s.handler.agent, s.c.id)).status).toBe(403);
    expect((await identity(s.other.agent, s.c.id)).status).toBe(403);
    expect(await audits(s.c.id, 'case.identity_viewed')).toEqual([]);

    expect((await identity(s.routed.agent, s.c.id)).status).toBe(404);
    expect((await ask(s.routed.agent, s.c.id)).status).toBe(404);
    expect((await s.routed.agent.get(`/api/identity-requests/${req.id}`)).status).toBe(404);
    const list = await s.routed.agent.get('/api/identity-requests').expect(200);
    expect((list.body as Json[]).map((r) => r['caseId'])).not.toContain(s.c.id);
    // a refused handler may ask again (with a new motivation)
    await ask(s.handler.agent, s.c.id).expect(201);
  });

  it('one pending request per handler and case; not for identified or anonymous reports; motivation 10–2000', async () => {
    const s = await scene();
    await ask(s.handler.agent, s.c.id).expect(201);
    const again = await ask(s.handler.agent, s.c.id);
    expect({ status: again.status, code: (again.body as Json)['code'] }).toEqual({
      status: 409,
      code: 'request_pending',
    });
    await ask(s.other.agent, s.c.id).expect(201); // another handler asks on their own
    expect((await ask(s.handler.agent, s.c.id, 'för kort')).status).toBe(400);
    expect((await ask(s.handler.agent, s.c.id, 'x'.repeat(2001))).status).toBe(400);

    for (const kind of ['identified', 'anonymous'] as const) {
      const other = await scene(kind);
      const res = await ask(other.handler.agent, other.c.id);
      expect({ status: res.status, code: (res.body as Json)['code'] }).toEqual({
        status: 409,
        code: 'not_confidential',
      });
    }
  });

  it('concurrent requests by one handler give one 201 and one request_pending; concurrent decisions one 200 and one request_decided', async () => {
    const s = await scene();
    const asks = await Promise.all([ask(s.handler.agent, s.c.id), ask(s.handler.agent, s.c.id)]);
    expect(asks.map((r) => r.status).sort()).toEqual([201, 409]);
    const pending = await t.dataSource
      .getRepository(IdentityRequestEntity)
      .findBy({ caseId: s.c.id, requestedBy: s.handler.user.id });
    expect(pending).toHaveLength(1);

    const second = await person([['identitetsansvarig', a]]);
    const decisions = await Promise.all([
      decide(s.custodian.agent, pending[0].id, 'approved'),
      decide(second.agent, pending[0].id, 'refused'),
    ]);
    expect(decisions.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await audits(s.c.id, 'case.identity_decided')).toHaveLength(1);
  });

  it('identified: the handler reads the identity (audited); anonymous: there is none (404)', async () => {
    const s = await scene('identified');
    const res = await identity(s.handler.agent, s.c.id).expect(200);
    expect((res.body as Json)['displayName']).toBe('Greta Rapportör');
    expect(await audits(s.c.id, 'case.identity_viewed')).toEqual([
      { actorId: s.handler.user.id, what: 'identity', via: 'identified' },
    ]);
    expect((await identity(s.routed.agent, s.c.id)).status).toBe(404);
    const anon = await scene('anonymous');
    expect((await identity(anon.handler.agent, anon.c.id)).status).toBe(404);
  });

  it('the custodian sees request and identity (audited), never case content; the requester sees the request without identity', async () => {
    const s = await scene();
    const req = (await ask(s.handler.agent, s.c.id).expect(201)).body as { id: string };

    const list = await s.custodian.agent.get('/api/identity-requests?status=pending').expect(200);
    const mine = (list.body as Json[]).find((r) => r['id'] === req.id)!;
    expect(Object.keys(mine).sort()).toEqual(ITEM_KEYS);
    expect(mine).toMatchObject({
      caseId: s.c.id,
      caseReference: s.c.reference,
      unitName: a1.name,
      requestedByName: s.handler.user.displayName,
      motivation: MOTIVATION,
      status: 'pending',
    });

    const detail = await s.custodian.agent.get(`/api/identity-requests/${req.id}`).expect(200);
    expect(Object.keys(detail.body as Json).sort()).toEqual(DETAIL_KEYS);
    expect((detail.body as Json)['identity']).toEqual({
      displayName: 'Greta Rapportör',
      username: s.reporter.username,
      email: 'greta.rapportor@kommun.se',
      unitName: a1.name,
    });
    expect(JSON.stringify(detail.body)).not.toContain('inspektör');
    expect(await audits(s.c.id, 'case.identity_viewed')).toEqual([
      { actorId: s.custodian.user.id, via: 'custody', requestId: req.id },
    ]);
    // the custodian reads no case and no identity through the case routes
    expect((await s.custodian.agent.get(`/api/cases/${s.c.id}/identity`)).status).toBe(403);

    const own = await s.handler.agent.get(`/api/identity-requests/${req.id}`).expect(200);
    expect((own.body as Json)['identity']).toBeNull();
    expect((await s.other.agent.get(`/api/identity-requests/${req.id}`)).status).toBe(404);
    expect(await audits(s.c.id, 'case.identity_viewed')).toHaveLength(1);
  });

  it('decisions: custodian of the scope only, pending only, never on one’s own request', async () => {
    const s = await scene();
    const req = (await ask(s.handler.agent, s.c.id).expect(201)).body as { id: string };
    expect((await decide(s.handler.agent, req.id, 'approved')).status).toBe(403);
    const elsewhere = await person([['identitetsansvarig', b]]);
    expect((await decide(elsewhere.agent, req.id, 'approved')).status).toBe(404);
    expect((await elsewhere.agent.get('/api/identity-requests').expect(200)).body).toEqual([]);
    const bad = await s.custodian.agent
      .post(`/api/identity-requests/${req.id}/decision`)
      .send({ decision: 'maybe', motivation: DECISION });
    expect(bad.status).toBe(400);

    await decide(s.custodian.agent, req.id, 'refused').expect(200);
    const twice = await decide(s.custodian.agent, req.id, 'approved');
    expect({ status: twice.status, code: (twice.body as Json)['code'] }).toEqual({
      status: 409,
      code: 'request_decided',
    });
    expect((await identity(s.handler.agent, s.c.id)).status).toBe(403);

    // a handler who is also a custodian cannot approve their own request, and is not notified of it
    const both = await person([
      ['handlaggare', a],
      ['identitetsansvarig', a],
    ]);
    await ask(s.other.agent, s.c.id).expect(201);
    const own = (await ask(both.agent, s.c.id).expect(201)).body as { id: string };
    expect((await decide(both.agent, own.id, 'approved')).status).toBe(403);
    expect(
      (await notificationsOf(both.user.id)).filter((n) => n.kind === 'identity.requested'),
    ).toHaveLength(1); // the other handler's request, not their own
    await decide(s.custodian.agent, own.id, 'approved').expect(200);
  });

  it('a custodian the case is routed away from (it concerns them) never sees its requests', async () => {
    const concerned = await person([['identitetsansvarig', a]]);
    const reporter = await t.user(uniq('r'), a1, []);
    const handler = await person([['handlaggare', a]]);
    const c = await createTestCase(t.app, {
      unitId: a1.id,
      confidentiality: 'confidential',
      reporter: {
        userId: reporter.id,
        displayName: reporter.displayName,
        username: reporter.username,
        email: null,
        unitName: null,
      },
      routedAwayFrom: concerned.user.id,
    });
    const req = (await ask(handler.agent, c.id).expect(201)).body as { id: string };
    const list = await concerned.agent.get('/api/identity-requests').expect(200);
    expect((list.body as Json[]).map((r) => r['id'])).not.toContain(req.id);
    expect((await concerned.agent.get(`/api/identity-requests/${req.id}`)).status).toBe(404);
    expect((await decide(concerned.agent, req.id, 'approved')).status).toBe(404);
    expect(await notificationsOf(concerned.user.id)).toEqual([]);
    expect(await audits(c.id, 'case.identity_viewed')).toEqual([]);
  });

  it('separation of duties: administrator, internrevisor and chef who are also custodians get 403', async () => {
    const s = await scene();
    const req = (await ask(s.handler.agent, s.c.id).expect(201)).body as { id: string };
    for (const role of ['administrator', 'internrevisor', 'chef', 'avtalscontroller'] as const) {
      const p = await person([
        [role, a],
        ['identitetsansvarig', a],
      ]);
      expect((await p.agent.get('/api/identity-requests')).status).toBe(403);
      expect((await p.agent.get(`/api/identity-requests/${req.id}`)).status).toBe(403);
      expect((await decide(p.agent, req.id, 'approved')).status).toBe(403);
      expect((await identity(p.agent, s.c.id)).status).toBe(403);
      // and they are not told about requests they could not open
      expect(await notificationsOf(p.user.id)).toEqual([]);
    }
    const later = (await ask(s.other.agent, s.c.id).expect(201)).body as { id: string };
    expect(later.id).toBeTruthy();
    const barred = await t.dataSource.getRepository(NotificationEntity).find({
      where: { kind: 'identity.requested' },
    });
    const told = new Set(barred.map((n) => n.userId));
    expect(told.has(s.custodian.user.id)).toBe(true);
  });

  it('a purged case: requests and identity answer 409 case_purged, and the list leaves it out', async () => {
    const s = await scene();
    const req = (await ask(s.handler.agent, s.c.id).expect(201)).body as { id: string };
    await t.db.transaction(() =>
      t.db.repo(CaseEntity).update({ id: s.c.id }, { wrappedKey: null, purgedAt: t.clock.now() }),
    );
    expect((await identity(s.handler.agent, s.c.id)).body).toMatchObject({ code: 'case_purged' });
    expect((await s.custodian.agent.get(`/api/identity-requests/${req.id}`)).body).toMatchObject({
      code: 'case_purged',
    });
    const list = await s.custodian.agent.get('/api/identity-requests').expect(200);
    expect((list.body as Json[]).map((r) => r['id'])).not.toContain(req.id);
  });
});
