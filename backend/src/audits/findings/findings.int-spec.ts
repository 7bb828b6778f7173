import { NotificationEntity } from '../../core/notify/entities/notification.entity';
import {
  answer,
  auditContract,
  auditWorld,
  DEFAULT_ITEMS,
  startAudit,
  type AuditWorld,
} from '../../testing/audit-world';
import { describeEachEngine, TestApp } from '../../testing/test-app';

interface Action {
  id: string;
  findingId: string;
  ownerId: string;
  ownerName: string | null;
  status: string;
  supplierResponse: string | null;
  decision: string | null;
  decisionBy: string | null;
  decidedOn: string | null;
  verifiedAt: string | null;
  verifiedBy: { id: string; name: string | null } | null;
  overdue: boolean;
  version: number;
  canUpdate: boolean;
  canManage: boolean;
}
interface Finding {
  id: string;
  auditId: string;
  contractId: string;
  itemId: string;
  itemNumber: number | null;
  itemText: string;
  severity: string;
  description: string;
  evidence: string | null;
  status: string;
  closedAt: string | null;
  riskId: string | null;
  actions: Action[];
  closeBlockers: Array<{ code: string; actionIds?: string[] }>;
  permissions: { canAddAction: boolean; canVerify: boolean; canLinkRisk: boolean };
}

describeEachEngine('Audit findings and corrective actions', (engine) => {
  let t: TestApp;
  let w: AuditWorld;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    w = await auditWorld(t);
  });
  afterAll(() => t.stop());

  /** An ongoing audit of a new class A contract with D15 answered avvikelse and A1 uppfyllt. */
  async function auditWithDeviation() {
    const contract = await auditContract(w);
    const audit = await startAudit(w, contract.id);
    await answer(w.controller.agent, audit.id, 'D15', 'avvikelse', 'Två personer utan ID06.');
    await answer(w.controller.agent, audit.id, 'A1', 'uppfyllt');
    return { contract, audit };
  }

  async function raise(auditId: string, extra: Record<string, unknown> = {}): Promise<Finding> {
    const res = await w.controller.agent
      .post(`/api/audits/${auditId}/findings`)
      .send({
        itemId: 'D15',
        severity: 'vasentlig',
        description: 'Två personer saknade ID06-kort och fanns inte i personalliggaren.',
        evidence: 'Foto av personalliggaren.',
        ...extra,
      })
      .expect(201);
    return res.body as Finding;
  }

  async function addAction(findingId: string, extra: Record<string, unknown> = {}) {
    const res = await w.controller.agent
      .post(`/api/findings/${findingId}/actions`)
      .send({
        title: 'Inför daglig ID06-kontroll',
        ownerId: w.owner.user.id,
        dueDate: '2026-03-20',
        ...extra,
      })
      .expect(201);
    return res.body as Action;
  }

  it('a finding only on an avvikelse; closes only after a controller verified every action', async () => {
    const { audit } = await auditWithDeviation();
    const problem = async (status: number, body: Record<string, unknown>) =>
      (await w.controller.agent.post(`/api/audits/${audit.id}/findings`).send(body).expect(status))
        .body as { code: string };
    const base = { severity: 'mindre', description: 'Något.' };
    expect((await problem(409, { ...base, itemId: 'A1' })).code).toBe('not_a_deviation');
    expect((await problem(409, { ...base, itemId: 'A2' })).code).toBe('not_a_deviation');
    expect((await problem(400, { ...base, itemId: 'Z99' })).code).toBe('validation_failed');
    expect((await problem(400, { ...base, itemId: 'D15', severity: 'enorm' })).code).toBe(
      'validation_failed',
    );
    expect(
      (await problem(400, { ...base, itemId: 'D15', description: 'x'.repeat(4001) })).code,
    ).toBe('validation_failed');

    const f = await raise(audit.id);
    expect(f).toMatchObject({
      auditId: audit.id,
      itemId: 'D15',
      itemNumber: 15,
      severity: 'vasentlig',
      status: 'oppen',
      evidence: 'Foto av personalliggaren.',
      actions: [],
      closeBlockers: [{ code: 'no_corrective_action' }],
      permissions: { canAddAction: true, canVerify: true, canLinkRisk: true },
    });
    expect(f.itemText.length).toBeGreaterThan(3);

    // a decision needs its decision-maker
    await w.controller.agent
      .post(`/api/findings/${f.id}/actions`)
      .send({ title: 'X', ownerId: w.owner.user.id, dueDate: '2026-03-20', decision: 'vite' })
      .expect(400);
    const action = await addAction(f.id, {
      decision: 'varning',
      decisionBy: 'Avdelningschef Drift',
      decidedOn: '2026-03-03',
    });
    expect(action).toMatchObject({
      status: 'oppen',
      ownerName: 'Åsa Åtgärdsansvarig',
      decision: 'varning',
      decisionBy: 'Avdelningschef Drift',
      decidedOn: '2026-03-03',
      overdue: false,
      version: 1,
    });

    // not done yet → cannot be verified
    const early = await w.controller2.agent
      .post(`/api/findings/${f.id}/verify`)
      .send({ actionId: action.id })
      .expect(409);
    expect((early.body as { code: string }).code).toBe('action_not_done');

    // the owner reports it done with the supplier's response
    const done = await w.owner.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({
        status: 'atgardad',
        supplierResponse: 'Arbetsledaren kontrollerar varje morgon.',
        version: 1,
      })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'atgardad', version: 2, canManage: false });

    // the owner, a manager and an auditor cannot verify; a controller can
    await w.owner.agent
      .post(`/api/findings/${f.id}/verify`)
      .send({ actionId: action.id })
      .expect(403);
    await w.chefA.agent
      .post(`/api/findings/${f.id}/verify`)
      .send({ actionId: action.id })
      .expect(403);
    await w.auditor.agent
      .post(`/api/findings/${f.id}/verify`)
      .send({ actionId: action.id })
      .expect(403);
    const second = await addAction(f.id, { title: 'Utbilda arbetsledarna' });
    const verified = (
      await w.controller2.agent
        .post(`/api/findings/${f.id}/verify`)
        .send({ actionId: action.id })
        .expect(200)
    ).body as Finding;
    // one of two verified: still open, the other one blocks
    expect(verified.status).toBe('oppen');
    expect(verified.closeBlockers).toEqual([
      { code: 'action_not_verified', actionIds: [second.id] },
    ]);
    expect(verified.actions.find((a) => a.id === action.id)).toMatchObject({
      status: 'verifierad',
      verifiedBy: { id: w.controller2.user.id, name: 'Kalle Kontrollant' },
    });
    // verified is final
    await w.owner.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ status: 'oppen', version: 3 })
      .expect(403);
    const final = await w.controller.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ title: 'Ändrad', version: 3 })
      .expect(409);
    expect((final.body as { code: string }).code).toBe('action_verified');

    await w.owner.agent
      .patch(`/api/corrective-actions/${second.id}`)
      .send({ status: 'atgardad', version: 1 })
      .expect(200);
    const closed = (
      await w.controller.agent
        .post(`/api/findings/${f.id}/verify`)
        .send({ actionId: second.id })
        .expect(200)
    ).body as Finding;
    expect(closed.status).toBe('stangd');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.closeBlockers).toEqual([]);
    const again = await w.controller.agent
      .post(`/api/findings/${f.id}/actions`)
      .send({ title: 'Till', ownerId: w.owner.user.id, dueDate: '2026-04-01' })
      .expect(409);
    expect((again.body as { code: string }).code).toBe('finding_closed');

    // audit entries on the audit, with ids and codes only (no description, no response)
    const entries = await t.auditEntries({ objectId: audit.id });
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'contract_audit.finding_created',
        'contract_audit.action_created',
        'contract_audit.action_updated',
        'contract_audit.action_verified',
        'contract_audit.finding_closed',
      ]),
    );
    const text = JSON.stringify(entries.map((e) => e.details));
    expect(text).not.toContain('ID06-kort');
    expect(text).not.toContain('Arbetsledaren');
  });

  it('owners update only their own actions, only status and response; a controller who owns an action does not verify it', async () => {
    const { audit } = await auditWithDeviation();
    const f = await raise(audit.id);
    const action = await addAction(f.id);
    // someone else: the action does not exist for them
    await w.other.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ status: 'atgardad', version: 1 })
      .expect(404);
    await w.other.agent.get(`/api/findings/${f.id}`).expect(404);
    await w.controllerB.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ status: 'atgardad', version: 1 })
      .expect(404);
    // the owner: status and response only
    await w.owner.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ dueDate: '2027-01-01', version: 1 })
      .expect(403);
    await w.owner.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ decision: 'havning', decisionBy: 'Jag', version: 1 })
      .expect(403);
    // stale version
    const stale = await w.owner.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ status: 'atgardad', version: 7 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'edit_conflict', currentVersion: 1 });
    // reported done, sent back by a controller: the owner is told again
    await w.owner.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ status: 'atgardad', version: 1 })
      .expect(200);
    await w.controller.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ status: 'oppen', version: 2 })
      .expect(200);
    expect(
      await t.dataSource.getRepository(NotificationEntity).countBy({
        userId: w.owner.user.id,
        kind: 'contract_audit.action_reopened',
      }),
    ).toBe(1);
    // the owner sees the finding with their own actions only, without its evidence
    const other = await w.controller.agent
      .post(`/api/findings/${f.id}/actions`)
      .send({ title: 'Annan åtgärd', ownerId: w.other.user.id, dueDate: '2026-03-10' })
      .expect(201);
    const seen = (await w.owner.agent.get(`/api/findings/${f.id}`).expect(200)).body as Finding;
    expect(seen.actions.map((a) => a.id)).toEqual([action.id]);
    expect(seen.evidence).toBeNull();
    expect(seen.permissions).toEqual({ canAddAction: false, canVerify: false, canLinkRisk: false });
    const mine = (await w.owner.agent.get('/api/findings?mine=true').expect(200)).body as {
      items: Finding[];
    };
    expect(mine.items.map((x) => x.id)).toContain(f.id);
    const all = (await w.owner.agent.get('/api/findings').expect(200)).body as { items: Finding[] };
    expect(all.items).toEqual([]);
    const myActions = (await w.owner.agent.get('/api/corrective-actions/mine').expect(200))
      .body as { items: Array<Action & { findingDescription: string; canReadFinding: boolean }> };
    expect(myActions.items.map((a) => a.id)).toContain(action.id);
    expect(myActions.items.map((a) => a.id)).not.toContain((other.body as Action).id);
    expect(myActions.items.find((a) => a.id === action.id)).toMatchObject({
      canReadFinding: false,
      canUpdate: true,
      canManage: false,
    });
    // overdue: not verified and past its due date (today is 2026-03-02 in tests)
    const late = await addAction(f.id, { dueDate: '2026-02-27' });
    expect(late.overdue).toBe(true);
    expect(action.overdue).toBe(false);

    // the owner was told: a code, ids and a date, a link — nothing of the finding
    const notes = await t.dataSource
      .getRepository(NotificationEntity)
      .find({ where: { userId: w.owner.user.id, kind: 'contract_audit.action_assigned' } });
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0].link).toBe('/uppfoljning/avvikelser?visa=mina');
    expect(notes[0].params).not.toContain('ID06');

    // a controller who owns an action may report it done but not verify it
    const own = await addAction(f.id, { ownerId: w.controller2.user.id });
    await w.controller2.agent
      .patch(`/api/corrective-actions/${own.id}`)
      .send({ status: 'atgardad', version: 1 })
      .expect(200);
    await w.controller2.agent
      .post(`/api/findings/${f.id}/verify`)
      .send({ actionId: own.id })
      .expect(403);
    await w.controller.agent
      .post(`/api/findings/${f.id}/verify`)
      .send({ actionId: own.id })
      .expect(200);
  });

  it('findings feed risk: the contract risk is created, then reassessed, and lists the finding', async () => {
    const { contract, audit } = await auditWithDeviation();
    const f = await raise(audit.id);
    const first = await w.controller.agent
      .post(`/api/findings/${f.id}/risk`)
      .send({ likelihood: 4, consequence: 4 })
      .expect(201);
    expect(first.body).toMatchObject({ created: true, assessmentSeq: 1 });
    const riskId = (first.body as { riskId: string }).riskId;
    const risk = (await w.controller.agent.get(`/api/risks/${riskId}`).expect(200)).body as {
      contractId: string;
      category: string;
      residual: { likelihood: number; consequence: number };
      findings: Array<{ id: string; auditId: string; severity: string; status: string }>;
    };
    expect(risk).toMatchObject({
      contractId: contract.id,
      category: 'oserios_leverantor',
      residual: { likelihood: 4, consequence: 4 },
      findings: [{ id: f.id, auditId: audit.id, severity: 'vasentlig', status: 'oppen' }],
    });
    expect(((await w.controller.agent.get(`/api/findings/${f.id}`)).body as Finding).riskId).toBe(
      riskId,
    );

    // a second finding of the same contract updates the same risk with a new assessment
    const f2 = await raise(audit.id, { severity: 'allvarlig', description: 'Ännu en.' });
    const second = await w.controller.agent
      .post(`/api/findings/${f2.id}/risk`)
      .send({ likelihood: 5, consequence: 4 })
      .expect(200);
    expect(second.body).toEqual({ riskId, created: false, assessmentSeq: 2 });
    const after = (await w.controller.agent.get(`/api/risks/${riskId}`).expect(200)).body as {
      residual: { likelihood: number; consequence: number };
      findings: Array<{ id: string }>;
    };
    expect(after.residual).toMatchObject({ likelihood: 5, consequence: 4 });
    expect(after.findings.map((x) => x.id).sort()).toEqual([f.id, f2.id].sort());
    const history = (await w.controller.agent.get(`/api/risks/${riskId}/history`).expect(200))
      .body as unknown[];
    expect(history).toHaveLength(2);
    // the manager reads the findings on the risk; the chef may not feed risk; out of scope: 404
    await w.chefA.agent
      .post(`/api/findings/${f.id}/risk`)
      .send({ likelihood: 1, consequence: 1 })
      .expect(403);
    await w.controllerB.agent
      .post(`/api/findings/${f.id}/risk`)
      .send({ likelihood: 1, consequence: 1 })
      .expect(404);
    await w.controller.agent
      .post(`/api/findings/${f.id}/risk`)
      .send({ likelihood: 0, consequence: 4 })
      .expect(400);
  });

  it('scoping: lists and single findings follow the unit rules; writes after sign-off', async () => {
    const { contract, audit } = await auditWithDeviation();
    const f = await raise(audit.id);
    const ids = async (agent: typeof w.controller.agent, q = '') =>
      ((await agent.get(`/api/findings${q}`).expect(200)).body as { items: Finding[] }).items.map(
        (x) => x.id,
      );
    expect(await ids(w.controller.agent)).toContain(f.id);
    expect(await ids(w.chefA.agent, `?contractId=${contract.id}`)).toEqual([f.id]);
    expect(await ids(w.auditor.agent, `?auditId=${audit.id}&status=oppen`)).toEqual([f.id]);
    expect(await ids(w.auditor.agent, `?auditId=${audit.id}&status=stangd`)).toEqual([]);
    expect(await ids(w.controllerB.agent)).not.toContain(f.id);
    await w.controllerB.agent.get(`/api/findings/${f.id}`).expect(404);
    await w.controllerB.agent
      .post(`/api/audits/${audit.id}/findings`)
      .send({ itemId: 'D15', severity: 'mindre', description: 'x' })
      .expect(404);
    await w.chefA.agent
      .post(`/api/audits/${audit.id}/findings`)
      .send({ itemId: 'D15', severity: 'mindre', description: 'x' })
      .expect(403);
    await w.chefA.agent
      .post(`/api/findings/${f.id}/actions`)
      .send({ title: 'x', ownerId: w.owner.user.id, dueDate: '2026-04-01' })
      .expect(403);
    // paging: a cursor continues after the last row
    await raise(audit.id, { description: 'Andra.' });
    const p1 = (
      await w.controller.agent.get(`/api/findings?auditId=${audit.id}&limit=1`).expect(200)
    ).body as { items: Finding[]; nextCursor: string };
    expect(p1.items).toHaveLength(1);
    const p2 = (
      await w.controller.agent
        .get(`/api/findings?auditId=${audit.id}&limit=1&cursor=${p1.nextCursor}`)
        .expect(200)
    ).body as { items: Finding[]; nextCursor: string | null };
    expect(p2.items).toHaveLength(1);
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    expect(p2.nextCursor).toBeNull();
    await w.controller.agent.get('/api/findings?cursor=!!').expect(400);

    // the contract page's follow-up: ongoing audit, open findings, next due date
    const fu = (await w.chefA.agent.get(`/api/contracts/${contract.id}/follow-up`).expect(200))
      .body as {
      lastAudit: unknown;
      ongoingAudit: { id: string } | null;
      openFindings: Finding[];
      nextDue: { dueDate: string } | null;
    };
    expect(fu.lastAudit).toBeNull();
    expect(fu.ongoingAudit?.id).toBe(audit.id);
    expect(fu.openFindings.map((x) => x.id).sort()).toHaveLength(2);
    expect(fu.openFindings.every((x) => x.actions.length === 0)).toBe(true);
    await w.controllerB.agent.get(`/api/contracts/${contract.id}/follow-up`).expect(404);

    // complete and sign: the record is frozen, the follow-up of its findings goes on
    const action = await addAction(f.id);
    for (const id of DEFAULT_ITEMS.filter((x) => x !== 'D15' && x !== 'A1'))
      await answer(w.controller.agent, audit.id, id, 'uppfyllt');
    await w.controller.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200);
    await w.chefA.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200);
    const signed = await w.controller.agent
      .post(`/api/audits/${audit.id}/findings`)
      .send({ itemId: 'D15', severity: 'mindre', description: 'Sent.' })
      .expect(409);
    expect((signed.body as { code: string }).code).toBe('audit_signed');
    await w.owner.agent
      .patch(`/api/corrective-actions/${action.id}`)
      .send({ status: 'atgardad', version: 1 })
      .expect(200);
    await w.controller2.agent
      .post(`/api/findings/${f.id}/verify`)
      .send({ actionId: action.id })
      .expect(200);
    const fu2 = (
      await w.controller.agent.get(`/api/contracts/${contract.id}/follow-up`).expect(200)
    ).body as { lastAudit: { id: string } | null; ongoingAudit: unknown; openFindings: Finding[] };
    expect(fu2.lastAudit?.id).toBe(audit.id);
    expect(fu2.ongoingAudit).toBeNull();
    expect(fu2.openFindings).toHaveLength(1);
  });
});
