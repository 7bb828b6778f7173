import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { generateOrganisationNumber } from '../contracts/domain/organisation-number';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../testing/test-app';
import { DEFAULT_CHECKLIST_TEMPLATE } from './domain/checklist-template';
import { AuditAnswerEntity } from './entities/audit-answer.entity';
import { AuditFindingEntity } from './entities/audit-finding.entity';

interface Answer {
  itemId: string;
  answer: string | null;
  note: string;
  checkedOn: string | null;
  version: number;
  updatedBy: { id: string; name: string } | null;
}
interface Detail {
  id: string;
  diarienummer: string;
  status: string;
  version: number;
  contractId: string;
  checklist: { id: string; version: number; key: string; sections: Array<{ items: unknown[] }> };
  answers: Answer[];
  answered: number;
  total: number;
  signOffs: Array<{ role: string; userId: string }>;
  requiredSignOffs: string[];
  completeness: { complete: boolean; missing: string[] };
  deviationsWithoutFinding: string[];
  completedOn: string | null;
  permissions: { canAnswer: boolean; canSignOff: boolean; canCreateFinding: boolean };
}
interface PlanItem {
  contractId: string;
  dueDate: string;
  reason: string;
  from: string;
  status: string;
  lastAuditOn: string | null;
  openAuditId: string | null;
  residualBand: string | null;
  followUpClass: string;
}

const ITEMS = DEFAULT_CHECKLIST_TEMPLATE.sections.flatMap((s) => s.items.map((i) => i.id));

describeEachEngine('Contract follow-up audits', (engine) => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof world>>;
  let defaultId: string;

  async function world() {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const b1 = await t.unit(uniq('Enhet B1'), b);
    const as = async (roles: Parameters<TestApp['user']>[2], home = a1) => {
      const user = await t.user(uniq('p'), home, roles);
      return { user, agent: await t.login(user.username) };
    };
    const controller = await as([['avtalscontroller', a]]);
    const supplier = (
      await controller.agent
        .post('/api/suppliers')
        .send({
          name: uniq('Leverantör AB'),
          organisationNumber: generateOrganisationNumber(Math.random),
        })
        .expect(201)
    ).body as { id: string };
    return {
      root,
      a,
      a1,
      b,
      b1,
      supplier,
      controller,
      controller2: await as([['avtalscontroller', a1]]),
      controllerB: await as([['avtalscontroller', b]], b1),
      chefA: await as([['chef', a]]),
      chefRoot: await as([['chef', root]]),
      chefB: await as([['chef', b]], b1),
      auditor: await as([['internrevisor', a]]),
      employee: await as([['medarbetare', a]]),
    };
  }

  beforeAll(async () => {
    t = await TestApp.start(engine);
    w = await world();
    const list = (await w.controller.agent.get('/api/checklists').expect(200)).body as {
      items: Array<{ id: string; key: string; version: number; current: boolean }>;
    };
    defaultId = list.items.find((i) => i.key === DEFAULT_CHECKLIST_TEMPLATE.key && i.current)!.id;
  });
  afterAll(() => t.stop());

  async function contract(
    followUpClass: 'A' | 'B' | 'C',
    extra: { unit?: TestUnit; startDate?: string; endDate?: string; agent?: TestAgent } = {},
  ): Promise<{ id: string }> {
    const res = await (extra.agent ?? w.controller.agent)
      .post('/api/contracts')
      .send({
        title: uniq('Städning'),
        diarienummer: uniq('DNR'),
        supplierId: w.supplier.id,
        sector: 'stad',
        annualValue: 500_000,
        startDate: extra.startDate ?? '2026-01-01',
        endDate: extra.endDate ?? '2028-12-31',
        unitId: (extra.unit ?? w.a1).id,
        followUpClass,
      })
      .expect(201);
    return res.body as { id: string };
  }

  async function risk(contractId: string, likelihood: number, consequence: number) {
    await w.controller.agent
      .post('/api/risks')
      .send({
        subjectKind: 'avtal',
        contractId,
        category: 'arbetslivskriminalitet',
        title: uniq('Risk'),
        description: 'Beskrivning.',
        ownerId: w.controller.user.id,
        inherentLikelihood: 5,
        inherentConsequence: 5,
        residualLikelihood: likelihood,
        residualConsequence: consequence,
        treatment: 'begransa',
      })
      .expect(201);
  }

  async function start(contractId: string, agent = w.controller.agent, checklistId = defaultId) {
    const res = await agent.post('/api/audits').send({ contractId, checklistId }).expect(201);
    return res.body as Detail;
  }

  async function answerAll(id: string, answer = 'uppfyllt', skip: string[] = []) {
    for (const itemId of ITEMS) {
      if (skip.includes(itemId)) continue;
      await w.controller.agent
        .put(`/api/audits/${id}/answers/${itemId}`)
        .send({ answer, note: '', version: 0 })
        .expect(200);
    }
  }

  async function plan(agent: TestAgent, query = 'from=2026-03-01&to=2028-12-31') {
    const res = await agent.get(`/api/audit-plan?${query}`).expect(200);
    return (res.body as { items: PlanItem[] }).items;
  }

  // ------------------------------------------------------------------ plan dates

  it('plan: class cadence from the contract start or the last signed audit; high risk pulls the date forward', async () => {
    const overdueA = await contract('A', { startDate: '2025-09-01' });
    const lowB = await contract('B');
    const highB = await contract('B');
    const veryHighC = await contract('C');
    const ended = await contract('A', { startDate: '2024-01-01', endDate: '2026-02-01' });
    await risk(lowB.id, 1, 1);
    await risk(highB.id, 3, 4);
    await risk(veryHighC.id, 5, 5);

    const items = await plan(w.controller.agent);
    const of = (id: string) => items.find((i) => i.contractId === id);
    // A: every 4 months from the start; no risk registered → its own reason; overdue
    expect(of(overdueA.id)).toMatchObject({
      dueDate: '2026-01-01',
      reason: 'risk_not_assessed',
      from: 'contract_start',
      status: 'overdue',
      lastAuditOn: null,
      residualBand: null,
    });
    // B låg: 12 months
    expect(of(lowB.id)).toMatchObject({
      dueDate: '2027-01-01',
      reason: 'class_cadence',
      status: 'planned',
      residualBand: 'lag',
    });
    // B hög: half the interval (6 months)
    expect(of(highB.id)).toMatchObject({ dueDate: '2026-07-01', reason: 'risk_hog' });
    // C mycket hög: within 30 days of the assessment (today 2026-03-02), before the 12 months
    expect(of(veryHighC.id)).toMatchObject({
      dueDate: '2026-04-01',
      reason: 'risk_mycket_hog_urgent',
      status: 'due_soon',
      residualBand: 'mycket_hog',
    });
    expect(of(ended.id)).toBeUndefined();
    // sorted by due day
    const dues = items.map((i) => i.dueDate);
    expect([...dues].sort()).toEqual(dues);

    // the window: overdue ones always, others only when due inside it
    const narrow = await plan(w.controller.agent, 'from=2026-06-01&to=2026-08-01');
    expect(narrow.map((i) => i.contractId)).toEqual(
      expect.arrayContaining([overdueA.id, highB.id]),
    );
    expect(narrow.find((i) => i.contractId === lowB.id)).toBeUndefined();
    expect(narrow.find((i) => i.contractId === veryHighC.id)).toBeUndefined();

    // a signed audit moves the next date: counted from its day
    const audit = await start(overdueA.id);
    expect(
      (await plan(w.controller.agent)).find((i) => i.contractId === overdueA.id),
    ).toMatchObject({ openAuditId: audit.id, dueDate: '2026-01-01' });
    await answerAll(audit.id);
    await w.controller.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200);
    // class A: not yet done until the chef signs
    expect(
      (await plan(w.controller.agent)).find((i) => i.contractId === overdueA.id)?.lastAuditOn,
    ).toBeNull();
    await w.chefA.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200);
    expect((await plan(w.controller.agent)).find((i) => i.contractId === overdueA.id)).toEqual(
      expect.objectContaining({
        lastAuditOn: '2026-03-02',
        dueDate: '2026-07-02',
        from: 'last_audit',
        status: 'planned',
        openAuditId: null,
      }),
    );

    // scope: another unit's controller sees none of these; the chef above both sees them
    const other = await plan(w.controllerB.agent);
    expect(other.find((i) => i.contractId === highB.id)).toBeUndefined();
    expect((await plan(w.chefRoot.agent)).find((i) => i.contractId === highB.id)).toBeDefined();
    // unitId narrows to a subtree
    const inB = await plan(w.chefRoot.agent, `from=2026-03-01&to=2028-12-31&unitId=${w.b.id}`);
    expect(inB.find((i) => i.contractId === highB.id)).toBeUndefined();
    await w.employee.agent.get('/api/audit-plan').expect(403);
    const bad = await w.controller.agent
      .get('/api/audit-plan?from=2026-05-01&to=2026-04-01')
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'to', messages: ['end_before_start'] }]);
    const notADay = await w.controller.agent.get('/api/audit-plan?from=2026-02-30').expect(400);
    expect(notADay.body.errors).toEqual([{ field: 'from', messages: ['invalid_date'] }]);
  });

  // ------------------------------------------------------------------ templates

  it('templates: a new version is published on save; a started audit keeps its version', async () => {
    const c = await contract('B');
    const started = await start(c.id);
    expect(started.checklist).toMatchObject({ id: defaultId, version: 1 });
    expect(started.answers).toHaveLength(28);
    expect(started.total).toBe(28);

    const v2 = (
      await w.controller.agent
        .post('/api/checklists')
        .send({
          key: DEFAULT_CHECKLIST_TEMPLATE.key,
          title: 'Checklista för avtalsuppföljning (kort)',
          sections: [DEFAULT_CHECKLIST_TEMPLATE.sections[0]],
        })
        .expect(201)
    ).body as { id: string; version: number; current: boolean; itemCount: number };
    expect(v2).toMatchObject({ version: 2, current: true, itemCount: 6 });
    const published = await t.auditEntries({ objectId: v2.id, action: 'checklist.published' });
    expect(published).toHaveLength(1);

    // the started audit still shows version 1 with 28 items
    const again = (await w.controller.agent.get(`/api/audits/${started.id}`).expect(200))
      .body as Detail;
    expect(again.checklist).toMatchObject({ id: defaultId, version: 1 });
    expect(again.answers).toHaveLength(28);
    // an answer to an item of version 1 that version 2 does not have is still accepted
    await w.controller.agent
      .put(`/api/audits/${started.id}/answers/H28`)
      .send({ answer: 'uppfyllt', note: '', version: 0 })
      .expect(200);
    // new audits start with the current version only
    const old = await w.controller.agent
      .post('/api/audits')
      .send({ contractId: c.id, checklistId: defaultId })
      .expect(400);
    expect(old.body.errors).toEqual([
      { field: 'checklistId', messages: ['checklist_not_current'] },
    ]);
    const fresh = await start(c.id, w.controller.agent, v2.id);
    expect(fresh.answers.map((a) => a.itemId)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
    const list = (await w.chefA.agent.get('/api/checklists').expect(200)).body as {
      items: Array<{ id: string; current: boolean }>;
    };
    expect(list.items.find((i) => i.id === defaultId)?.current).toBe(false);
    expect(list.items.find((i) => i.id === v2.id)?.current).toBe(true);
    defaultId = v2.id; // later tests start with the current version

    // an invalid template is refused with the issues, and nothing is written
    const before = (await w.controller.agent.get('/api/checklists').expect(200)).body.items.length;
    const invalid = await w.controller.agent
      .post('/api/checklists')
      .send({
        title: 'Trasig',
        sections: [
          { code: 'A', title: 'Ett', items: [] },
          {
            code: 'A',
            title: 'Två',
            items: [{ id: 'X1', number: 1, text: 'Fråga', guidance: ' ', evidence: 'Underlag' }],
          },
        ],
      })
      .expect(400);
    expect(invalid.body.code).toBe('checklist_invalid');
    expect(invalid.body.issues).toEqual(
      expect.arrayContaining([
        { code: 'section_empty', section: 'A' },
        { code: 'duplicate_section', section: 'A' },
        { code: 'text_missing', item: 'X1', field: 'guidance' },
      ]),
    );
    expect((await w.controller.agent.get('/api/checklists').expect(200)).body.items).toHaveLength(
      before,
    );
    // a new template (no key) gets a key from its title
    const own = (
      await w.controller.agent
        .post('/api/checklists')
        .send({ title: 'Städ – snabbkontroll', sections: [DEFAULT_CHECKLIST_TEMPLATE.sections[7]] })
        .expect(201)
    ).body as { key: string; version: number };
    expect(own).toMatchObject({ key: 'stad-snabbkontroll', version: 1 });
    // who may: chefs and auditors read; only controllers and administrators write
    await w.chefA.agent
      .post('/api/checklists')
      .send({ title: 'X', sections: [DEFAULT_CHECKLIST_TEMPLATE.sections[7]] })
      .expect(403);
    await w.auditor.agent.get(`/api/checklists/${defaultId}`).expect(200);
    await w.employee.agent.get('/api/checklists').expect(403);
  });

  // ------------------------------------------------------------------ concurrency

  it('concurrency: a stale version gets 409 edit_conflict with both values, and nothing is overwritten', async () => {
    const c = await contract('C');
    const audit = await start(c.id);
    const first = await w.controller.agent
      .put(`/api/audits/${audit.id}/answers/A2`)
      .send({
        answer: 'uppfyllt',
        note: 'F-skatt kontrollerad 2026-03-01',
        checkedOn: '2026-03-01',
        version: 0,
      })
      .expect(200);
    expect(first.body).toMatchObject({ itemId: 'A2', answer: 'uppfyllt', version: 1 });
    expect(first.body.updatedBy).toEqual({
      id: w.controller.user.id,
      name: w.controller.user.displayName,
    });

    // the second controller read version 0 too
    const stale = await w.controller2.agent
      .put(`/api/audits/${audit.id}/answers/A2`)
      .send({ answer: 'avvikelse', note: 'Saknar F-skatt', version: 0 })
      .expect(409);
    expect(stale.body).toMatchObject({
      code: 'edit_conflict',
      current: {
        answer: 'uppfyllt',
        note: 'F-skatt kontrollerad 2026-03-01',
        checkedOn: '2026-03-01',
        version: 1,
        updatedBy: { id: w.controller.user.id, name: w.controller.user.displayName },
      },
      yours: { answer: 'avvikelse', note: 'Saknar F-skatt', checkedOn: null },
    });
    const stored = await t.dataSource
      .getRepository(AuditAnswerEntity)
      .findOneByOrFail({ auditId: audit.id, itemId: 'A2' });
    expect(stored).toMatchObject({
      answer: 'uppfyllt',
      version: 1,
      updatedBy: w.controller.user.id,
    });

    // both at once from the same version: exactly one wins
    const results = await Promise.all([
      w.controller.agent
        .put(`/api/audits/${audit.id}/answers/A2`)
        .send({ answer: 'avvikelse', note: 'a', version: 1 }),
      w.controller2.agent
        .put(`/api/audits/${audit.id}/answers/A2`)
        .send({ answer: 'ej_kontrollerat', note: 'b', version: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body as Answer;
    const after = await t.dataSource
      .getRepository(AuditAnswerEntity)
      .findOneByOrFail({ auditId: audit.id, itemId: 'A2' });
    expect(after).toMatchObject({ answer: winner.answer, note: winner.note, version: 2 });
    // one audit entry per saved answer, without the note's text
    const saved = await t.auditEntries({
      objectId: audit.id,
      action: 'contract_audit.answer_saved',
    });
    expect(saved).toHaveLength(2);
    expect(JSON.stringify(saved.map((e) => e.details))).not.toMatch(/F-skatt|Saknar/);

    // bad input: 400, unknown item: 404, a future check date: 400
    await w.controller.agent
      .put(`/api/audits/${audit.id}/answers/A2`)
      .send({ answer: 'kanske', note: '', version: 2 })
      .expect(400);
    await w.controller.agent
      .put(`/api/audits/${audit.id}/answers/Z99`)
      .send({ answer: 'uppfyllt', note: '', version: 0 })
      .expect(404);
    const future = await w.controller.agent
      .put(`/api/audits/${audit.id}/answers/A3`)
      .send({ answer: 'uppfyllt', note: '', checkedOn: '2026-03-03', version: 0 })
      .expect(400);
    expect(future.body.errors).toEqual([{ field: 'checkedOn', messages: ['date_in_future'] }]);
  });

  // ------------------------------------------------------------------ sign-off

  it('sign-off: incomplete → 409, deviations need a finding, class A needs a chef over the unit, signed is read-only', async () => {
    const c = await contract('A');
    const audit = await start(c.id);
    const items = audit.answers.map((a) => a.itemId);
    expect(audit.requiredSignOffs).toEqual(['avtalscontroller', 'chef']);
    // answer all but the last
    for (const itemId of items.slice(0, -1))
      await w.controller.agent
        .put(`/api/audits/${audit.id}/answers/${itemId}`)
        .send({ answer: itemId === items[0] ? 'avvikelse' : 'uppfyllt', note: '', version: 0 })
        .expect(200);
    const incomplete = await w.controller.agent
      .post(`/api/audits/${audit.id}/sign-off`)
      .send({})
      .expect(409);
    expect(incomplete.body).toMatchObject({ code: 'audit_incomplete', missing: [items.at(-1)] });
    await w.controller.agent
      .put(`/api/audits/${audit.id}/answers/${items.at(-1)}`)
      .send({ answer: 'ej_tillampligt', note: '', version: 0 })
      .expect(200);
    const deviation = await w.controller.agent
      .post(`/api/audits/${audit.id}/sign-off`)
      .send({})
      .expect(409);
    expect(deviation.body).toMatchObject({
      code: 'deviation_without_finding',
      itemIds: [items[0]],
    });
    await t.db.transaction(() =>
      t.db.repo(AuditFindingEntity).insert({
        id: randomUUID(),
        auditId: audit.id,
        itemId: items[0],
        severity: 'mindre',
        description: 'Brist',
        evidence: null,
        status: 'oppen',
        riskId: null,
        createdAt: t.clock.now(),
        createdBy: w.controller.user.id,
        closedAt: null,
        updatedAt: t.clock.now(),
        version: 0,
      }),
    );
    expect(
      await t.auditEntries({ objectId: audit.id, action: 'contract_audit.signed_off' }),
    ).toHaveLength(0);

    // a chef of another unit cannot see it; an auditor reads but may not sign
    await w.chefB.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(404);
    await w.auditor.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(403);

    const ctl = (
      await w.controller.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200)
    ).body as Detail;
    expect(ctl).toMatchObject({ status: 'klar', completedOn: null });
    expect(ctl.signOffs).toEqual([
      expect.objectContaining({ role: 'avtalscontroller', userId: w.controller.user.id }),
    ]);
    // once signed by anyone, answers are locked
    const locked = await w.controller.agent
      .put(`/api/audits/${audit.id}/answers/${items[1]}`)
      .send({ answer: 'avvikelse', note: '', version: 1 })
      .expect(409);
    expect(locked.body.code).toBe('audit_signed');
    const twice = await w.controller2.agent
      .post(`/api/audits/${audit.id}/sign-off`)
      .send({})
      .expect(409);
    expect(twice.body.code).toBe('already_signed');
    // the chef over the contract's unit completes it
    const chefView = (await w.chefA.agent.get(`/api/audits/${audit.id}`).expect(200))
      .body as Detail;
    expect(chefView.permissions).toEqual({
      canAnswer: false,
      canSignOff: true,
      canCreateFinding: false,
    });
    const done = (await w.chefA.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200))
      .body as Detail;
    expect(done).toMatchObject({ status: 'signerad', completedOn: '2026-03-02' });
    expect(done.signOffs.map((s) => s.role)).toEqual(['avtalscontroller', 'chef']);
    expect(done.permissions).toEqual({
      canAnswer: false,
      canSignOff: false,
      canCreateFinding: false,
    });
    const entries = await t.auditEntries({
      objectId: audit.id,
      action: 'contract_audit.signed_off',
    });
    expect(entries.map((e) => JSON.parse(e.details) as unknown)).toEqual([
      { role: 'avtalscontroller', status: 'klar', contractId: c.id },
      { role: 'chef', status: 'signerad', contractId: c.id },
    ]);
    // read-only after signing
    const ro = await w.controller.agent
      .put(`/api/audits/${audit.id}/answers/${items[1]}`)
      .send({ answer: 'avvikelse', note: '', version: 1 })
      .expect(409);
    expect(ro.body.code).toBe('audit_signed');
    await w.chefRoot.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(409);
    const stored = await t.dataSource
      .getRepository(AuditAnswerEntity)
      .findOneByOrFail({ auditId: audit.id, itemId: items[1] });
    expect(stored).toMatchObject({ answer: 'uppfyllt', version: 1 });
  });

  it('sign-off: class B needs the controller only; a chef cannot sign it', async () => {
    const c = await contract('B');
    const audit = await start(c.id);
    expect(audit.requiredSignOffs).toEqual(['avtalscontroller']);
    for (const a of audit.answers)
      await w.controller.agent
        .put(`/api/audits/${audit.id}/answers/${a.itemId}`)
        .send({ answer: 'uppfyllt', note: '', version: 0 })
        .expect(200);
    await w.chefA.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(403);
    const done = (
      await w.controller.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200)
    ).body as Detail;
    expect(done).toMatchObject({ status: 'signerad', completedOn: '2026-03-02' });
  });

  it('sign-off: the controller and the chef signing at the same moment both count', async () => {
    const c = await contract('A');
    const audit = await start(c.id);
    for (const a of audit.answers)
      await w.controller.agent
        .put(`/api/audits/${audit.id}/answers/${a.itemId}`)
        .send({ answer: 'uppfyllt', note: '', version: 0 })
        .expect(200);
    const results = await Promise.all([
      w.controller.agent.post(`/api/audits/${audit.id}/sign-off`).send({}),
      w.chefA.agent.post(`/api/audits/${audit.id}/sign-off`).send({}),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const done = (await w.auditor.agent.get(`/api/audits/${audit.id}`).expect(200)).body as Detail;
    expect(done.status).toBe('signerad');
    expect(done.signOffs.map((s) => s.role).sort()).toEqual(['avtalscontroller', 'chef']);
  });

  // ------------------------------------------------------------------ scoping

  it('scoping: another unit’s controller gets 404, auditors read, chefs read their subtree, lists are filtered', async () => {
    const c = await contract('C');
    const audit = await start(c.id);
    const cB = await contract('C', { unit: w.b1, agent: w.controllerB.agent });
    const auditB = await start(cB.id, w.controllerB.agent);

    await w.controllerB.agent.get(`/api/audits/${audit.id}`).expect(404);
    await w.controllerB.agent
      .put(`/api/audits/${audit.id}/answers/A1`)
      .send({ answer: 'uppfyllt', note: '', version: 0 })
      .expect(404);
    // starting an audit of a contract one cannot read: hidden (404); one that does not exist: 400
    await w.controllerB.agent
      .post('/api/audits')
      .send({ contractId: c.id, checklistId: defaultId })
      .expect(404);
    const unknown = await w.controllerB.agent
      .post('/api/audits')
      .send({ contractId: randomUUID(), checklistId: defaultId })
      .expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'contractId', messages: ['unknown_contract'] }]);
    // readable but not theirs to start: the chef
    await w.chefA.agent
      .post('/api/audits')
      .send({ contractId: c.id, checklistId: defaultId })
      .expect(403);

    const auditorView = (await w.auditor.agent.get(`/api/audits/${audit.id}`).expect(200))
      .body as Detail;
    expect(auditorView.permissions.canAnswer).toBe(false);
    await w.auditor.agent
      .put(`/api/audits/${audit.id}/answers/A1`)
      .send({ answer: 'uppfyllt', note: '', version: 0 })
      .expect(403);
    await w.chefRoot.agent.get(`/api/audits/${audit.id}`).expect(200);
    await w.chefRoot.agent.get(`/api/audits/${auditB.id}`).expect(200);
    await w.chefB.agent.get(`/api/audits/${audit.id}`).expect(404);
    await w.employee.agent.get(`/api/audits/${audit.id}`).expect(403);

    const ids = async (agent: TestAgent, q = '') =>
      (
        (await agent.get(`/api/audits?limit=100${q}`).expect(200)).body as {
          items: Array<{ id: string }>;
        }
      ).items.map((i) => i.id);
    expect(await ids(w.controller.agent)).toContain(audit.id);
    expect(await ids(w.controller.agent)).not.toContain(auditB.id);
    expect(await ids(w.controllerB.agent)).toEqual([auditB.id]);
    expect(await ids(w.auditor.agent)).not.toContain(auditB.id);
    const rootIds = await ids(w.chefRoot.agent);
    expect(rootIds).toEqual(expect.arrayContaining([audit.id, auditB.id]));
    expect(await ids(w.chefRoot.agent, `&contractId=${cB.id}`)).toEqual([auditB.id]);
    expect(await ids(w.chefRoot.agent, `&unitId=${w.b.id}`)).toEqual([auditB.id]);

    // keyset paging walks every audit once, newest first
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = (
        await w.chefRoot.agent
          .get(`/api/audits?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body as { items: Array<{ id: string }>; nextCursor: string | null };
      seen.push(...res.items.map((i) => i.id));
      cursor = res.nextCursor;
    } while (cursor);
    expect(seen).toEqual(rootIds);
    await w.chefRoot.agent.get('/api/audits?cursor=bm9wZQ').expect(400);

    // the audit log names an audit by its contract for those who may read the audit only
    const logged = async (objectId: string) =>
      (
        (await w.auditor.agent.get(`/api/audit-log?objectId=${objectId}`).expect(200)).body as {
          items: Array<{ action: string; objectLabel?: string }>;
        }
      ).items.find((e) => e.action === 'contract_audit.started');
    const mine = await logged(audit.id);
    expect(mine?.objectLabel).toContain(audit.diarienummer);
    // B's audit was logged under B's unit: outside this auditor's scope, not even listed
    const theirs = await logged(auditB.id);
    expect(theirs).toBeUndefined();
  });
});
