import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { SEALED } from '../case-content';
import { CaseVault } from '../case-vault';
import { SupplierEntity } from '../../suppliers/entities/supplier.entity';
import { newSupplier } from '../../suppliers/new-supplier';
import { NotificationEntity } from '../../core/notify/entities/notification.entity';
import { describeEachEngine, TestApp, type TestUnit } from '../../testing/test-app';
import type { UserEntity } from '../../users/entities/user.entity';
import { CaseMessageEntity } from '../entities/case-message.entity';
import { CaseEntity } from '../entities/case.entity';
import { IncidentFactEntity } from '../entities/incident-fact.entity';
import { createTestCase, identityOf } from '../testing-factory';

interface Detail {
  id: string;
  version: number;
  status: string;
  track: string;
  category: string;
  irregularityKind: string | null;
  severity: {
    likelihood: number;
    consequence: number;
    score: number;
    band: string;
    explanation: string;
    matrixVersion: number;
  } | null;
  severityBand: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  acknowledgementDueAt: string | null;
  feedbackDueAt: string | null;
  nextDueOn: string | null;
  messages: Array<{ from: string; body: string; authorName: string | null }>;
  notes: Array<{ body: string }>;
  actions: Array<{
    type: string;
    reference: string | null;
    note: string | null;
    occurredOn: string;
  }>;
  timers: { acknowledgement: { state: string }; feedback: { state: string } } | null;
  allowedStatuses: string[];
  closedAt: string | null;
  closingCode: string | null;
  summary: string | null;
  purgeDueOn: string | null;
  legalHold: boolean;
  legalHoldReason: string | null;
  description: string | null;
  purgedAt: string | null;
  ackWaiverMotivation: string | null;
}

/** An audit entry's details as an object (stored as canonical JSON). */
function details(e: { details: unknown }): Record<string, unknown> {
  return (typeof e.details === 'string' ? JSON.parse(e.details) : e.details) as Record<
    string,
    unknown
  >;
}

describeEachEngine('case work', (engine) => {
  let t: TestApp;
  let root: TestUnit;
  let a: TestUnit;
  let a1: TestUnit;
  let b1: TestUnit;
  let handler: UserEntity;
  let colleague: UserEntity;
  let h: TestAgent;

  beforeAll(async () => {
    t = await TestApp.start(engine);
    root = await t.unit('Förvaltningen');
    a = await t.unit('Avdelning A', root, 'avdelning');
    a1 = await t.unit('Enhet A1', a);
    const b = await t.unit('Avdelning B', root, 'avdelning');
    b1 = await t.unit('Enhet B1', b);
    handler = await t.user('hl-w', a1, [['handlaggare', a]]);
    colleague = await t.user('hl-w2', a1, [['handlaggare', root]]);
    h = await t.login('hl-w');
  });
  afterAll(() => t.stop());

  /** Moves the clock (days ahead end the session) and signs the handler in again. */
  async function at(iso: string): Promise<void> {
    t.clock.set(new Date(iso));
    h = await t.login('hl-w');
  }
  const get = async (id: string) => (await h.get(`/api/cases/${id}`)).body as Detail;
  const facts = () => t.dataSource.getRepository(IncidentFactEntity).find();

  it('classifies: the first classification writes one de-identified fact, reclassifying updates it', async () => {
    const c = await createTestCase(t.app, {
      unitId: a1.id,
      category: 'hot',
      receivedAt: new Date('2026-02-15T10:00:00Z'),
    });
    const before = await facts();
    const res = await h.patch(`/api/cases/${c.id}`).send({
      version: 1,
      category: 'hot',
      severity: { likelihood: 4, consequence: 5 },
    });
    expect(res.status).toBe(200);
    const d = res.body as Detail;
    expect(d.version).toBe(2);
    expect(d.severity).toMatchObject({
      likelihood: 4,
      consequence: 5,
      score: 20,
      matrixVersion: 1,
    });
    expect(d.severity!.explanation).toMatch(/^4 × 5 = 20 → \S/);
    const row = await t.dataSource.getRepository(CaseEntity).findOneByOrFail({ id: c.id });
    expect(row.triagedAt).not.toBeNull();
    const after = await facts();
    expect(after).toHaveLength(before.length + 1);
    const fact = after.find((f) => !before.some((b) => b.id === f.id))!;
    expect(fact).toEqual({
      id: fact.id,
      track: 'paverkan',
      category: 'hot',
      severityBand: d.severityBand,
      departmentId: a.id, // the nearest avdelning above enhet A1
      quarter: '2026-Q1',
    });
    // nothing in the fact joins back to the case
    expect(JSON.stringify(fact)).not.toContain(c.id);
    expect(fact.id).not.toBe(c.id);

    // reclassifying updates the same fact, writes no second one
    const re = await h.patch(`/api/cases/${c.id}`).send({
      version: 2,
      category: 'valfardsbrott',
      irregularityKind: 'fiktiv_leverans',
    });
    expect(re.status).toBe(200);
    const again = await facts();
    expect(again).toHaveLength(after.length);
    expect(again.find((f) => f.id === fact.id)).toMatchObject({ category: 'valfardsbrott' });
    const audit = await t.auditEntries({ objectId: c.id, action: 'case.classified' });
    expect(audit).toHaveLength(2);
    expect(details(audit[1])).toMatchObject({
      from: { category: 'hot', irregularityKind: null },
      to: { category: 'valfardsbrott', irregularityKind: 'fiktiv_leverans' },
      triage: false,
    });
  });

  it('refuses an invalid classification, a level outside the matrix and a stale version', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id });
    const bad = await h.patch(`/api/cases/${c.id}`).send({ version: 1, category: 'valfardsbrott' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_classification' });
    const sev = await h
      .patch(`/api/cases/${c.id}`)
      .send({ version: 1, severity: { likelihood: 6, consequence: 1 } });
    expect(sev.status).toBe(400);
    const ok = await h.patch(`/api/cases/${c.id}`).send({ version: 1, status: 'under_bedomning' });
    expect(ok.status).toBe(200);
    const stale = await h
      .patch(`/api/cases/${c.id}`)
      .send({ version: 1, status: 'utredning_pagar' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'edit_conflict', currentVersion: 2 });
    expect((await get(c.id)).status).toBe('under_bedomning');
    // nothing written by the refused requests
    expect(await t.auditEntries({ objectId: c.id, action: 'case.classified' })).toHaveLength(0);
  });

  it('two concurrent edits of one version: one wins, the other gets edit_conflict', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id, track: 'visselblasning' });
    const results = await Promise.all([
      h.patch(`/api/cases/${c.id}`).send({ version: 1, status: 'bekraftad' }),
      h.patch(`/api/cases/${c.id}`).send({ version: 1, status: 'under_bedomning' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({
      code: 'edit_conflict',
      currentVersion: 2,
    });
    // two acknowledgements at once: the timer ends once, with one message
    const acks = await Promise.all([
      h.post(`/api/cases/${c.id}/acknowledge`).send({ mode: 'sent' }),
      h.post(`/api/cases/${c.id}/acknowledge`).send({ mode: 'sent' }),
    ]);
    expect(acks.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await t.dataSource.getRepository(CaseMessageEntity).findBy({ caseId: c.id });
    expect(rows).toHaveLength(1);
  });

  it('moves status only along the domain transitions, never to avslutad or gallrad', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id });
    for (const status of ['avslutad', 'gallrad', 'aterkoppling_lamnad']) {
      const res = await h.patch(`/api/cases/${c.id}`).send({ version: 1, status });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'status_not_allowed' });
    }
    const d = await get(c.id);
    expect(d.allowedStatuses).toEqual(['bekraftad', 'under_bedomning']);
    const res = await h.patch(`/api/cases/${c.id}`).send({ version: 1, status: 'bekraftad' });
    expect(res.status).toBe(200);
    expect((await t.auditEntries({ objectId: c.id, action: 'case.updated' })).map(details)).toEqual(
      [{ changed: ['status'], status: { from: 'registrerad', to: 'bekraftad' } }],
    );
  });

  it('assigns only a handler over the unit who is not the routed-away one, and notifies them', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id, routedAwayFrom: colleague.id });
    const outsider = await t.user('hl-b', b1, [['handlaggare', b1]]);
    const plain = await t.user('anv-w', a1);
    for (const id of [outsider.id, plain.id, colleague.id]) {
      const res = await h.patch(`/api/cases/${c.id}`).send({ version: 1, assigneeId: id });
      expect(res.status).toBe(400);
    }
    const third = await t.user('hl-w3', a1, [['handlaggare', a1]]);
    const res = await h.patch(`/api/cases/${c.id}`).send({ version: 1, assigneeId: third.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assigneeId: third.id, assigneeName: third.displayName });
    const n = await t.dataSource.getRepository(NotificationEntity).findBy({ userId: third.id });
    expect(n).toEqual([
      expect.objectContaining({ kind: 'case.assigned', link: `/arenden/${c.id}` }),
    ]);
    // the routed-away colleague got nothing about this case
    const theirs = await t.dataSource
      .getRepository(NotificationEntity)
      .findBy({ userId: colleague.id });
    expect(theirs.filter((x) => x.link.includes(c.id))).toEqual([]);
  });

  it('links a supplier only when it exists', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id });
    const res = await h
      .patch(`/api/cases/${c.id}`)
      .send({ version: 1, supplierId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    const s = newSupplier(
      { name: 'Omsorg AB', organisationNumber: '5566778899', createdBy: handler.id },
      t.clock.now(),
    );
    await t.dataSource.getRepository(SupplierEntity).insert(s);
    const ok = await h.patch(`/api/cases/${c.id}`).send({ version: 1, supplierId: s.id });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ supplierId: s.id, version: 2 });
    const unlink = await h.patch(`/api/cases/${c.id}`).send({ version: 2, supplierId: null });
    expect(unlink.body).toMatchObject({ supplierId: null });
  });

  it('changing the track recomputes the legal deadlines', async () => {
    const c = await createTestCase(t.app, {
      unitId: a1.id,
      receivedAt: new Date('2026-03-01T10:00:00Z'),
    });
    expect((await get(c.id)).acknowledgementDueAt).toBeNull();
    const res = await h.patch(`/api/cases/${c.id}`).send({ version: 1, track: 'visselblasning' });
    expect(res.body).toMatchObject({
      track: 'visselblasning',
      acknowledgementDueAt: '2026-03-08',
      feedbackDueAt: '2026-06-08',
      nextDueOn: '2026-03-08',
    });
  });

  it('messages and notes: sealed, notes never to the reporter, the identified reporter is notified', async () => {
    const reporter = await t.user('rapp-w', b1);
    const c = await createTestCase(t.app, {
      unitId: a1.id,
      confidentiality: 'identified',
      reporter: identityOf(reporter),
    });
    const m = await h.post(`/api/cases/${c.id}/messages`).send({ body: 'Kan du berätta mer?' });
    expect(m.status).toBe(200);
    const n = await h.post(`/api/cases/${c.id}/notes`).send({ body: 'Intern: ring polisen' });
    expect(n.status).toBe(200);
    const d = n.body as Detail;
    expect(d.messages).toEqual([
      expect.objectContaining({
        from: 'handler',
        body: 'Kan du berätta mer?',
        authorName: handler.displayName,
      }),
    ]);
    expect(d.notes).toEqual([expect.objectContaining({ body: 'Intern: ring polisen' })]);
    const rows = await t.dataSource.getRepository(CaseMessageEntity).findBy({ caseId: c.id });
    expect(rows.map((r) => r.kind).sort()).toEqual(['note', 'to_reporter']);
    for (const r of rows) expect(r.bodySealed).not.toContain('berätta');
    const notes = await t.dataSource
      .getRepository(NotificationEntity)
      .findBy({ userId: reporter.id });
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'report.message', link: `/mina-rapporter/${c.id}` }),
    ]);
    const audit = await t.auditEntries({ objectId: c.id });
    const sent = audit.find((e) => e.action === 'case.message_sent')!;
    expect(Object.keys(details(sent))).toEqual(['messageId']);
    expect(JSON.stringify(audit.map((e) => e.details))).not.toContain('berätta');
  });

  it("the reporter's messages show without an author and are marked read when a handler opens the case", async () => {
    const c = await createTestCase(t.app, { unitId: a1.id });
    const vault = t.app.get(CaseVault);
    const row = await t.dataSource.getRepository(CaseEntity).findOneByOrFail({ id: c.id });
    const id = randomUUID();
    await t.dataSource.getRepository(CaseMessageEntity).insert({
      id,
      caseId: c.id,
      kind: 'from_reporter',
      authorId: null,
      bodySealed: vault.seal(vault.keyOf(row)!, c.id, SEALED.message(id), 'Han ringde igen.'),
      createdAt: t.clock.now(),
      readAt: null,
    });
    const d = await get(c.id);
    expect(d.messages).toEqual([
      expect.objectContaining({ from: 'reporter', authorName: null, body: 'Han ringde igen.' }),
    ]);
    const m = await t.dataSource.getRepository(CaseMessageEntity).findOneByOrFail({ id });
    expect(m.readAt).not.toBeNull();
  });

  it('a confidential reporter is notified without any case id in the notification', async () => {
    const reporter = await t.user('rapp-k', b1);
    const c = await createTestCase(t.app, {
      unitId: a1.id,
      confidentiality: 'confidential',
      reporter: identityOf(reporter),
    });
    await h.post(`/api/cases/${c.id}/messages`).send({ body: 'Fråga' });
    const notes = await t.dataSource
      .getRepository(NotificationEntity)
      .findBy({ userId: reporter.id });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'report.message', link: '/mina-rapporter' });
    expect(JSON.stringify(notes[0])).not.toContain(c.id);
  });

  it('legal timers: acknowledge (status → bekräftad, a message), feedback, refusals with the issue code', async () => {
    const c = await createTestCase(t.app, {
      unitId: a1.id,
      track: 'visselblasning',
      receivedAt: new Date('2026-03-01T10:00:00Z'),
    });
    await at('2026-03-03T09:00:00Z');
    const early = await h.post(`/api/cases/${c.id}/feedback`).send({ mode: 'sent', body: 'Klart' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'timer_event_refused',
      errors: [{ field: 'mode', messages: ['acknowledgement_open'] }],
    });
    const ack = await h.post(`/api/cases/${c.id}/acknowledge`).send({ mode: 'sent' });
    expect(ack.status).toBe(200);
    const d = ack.body as Detail;
    expect(d.status).toBe('bekraftad');
    expect(d.timers!.acknowledgement.state).toBe('done');
    expect(d.feedbackDueAt).toBe('2026-06-03'); // 3 months from the acknowledgement sent on time
    expect(d.nextDueOn).toBe('2026-06-03');
    expect(d.messages).toHaveLength(1);
    const twice = await h.post(`/api/cases/${c.id}/acknowledge`).send({ mode: 'sent' });
    expect(twice.body).toMatchObject({
      code: 'timer_event_refused',
      errors: [{ field: 'mode', messages: ['already_ended'] }],
    });
    expect((await h.post(`/api/cases/${c.id}/feedback`).send({ mode: 'sent' })).status).toBe(400);
    // bekräftad → återkoppling lämnad is no domain transition: investigate first
    const inv = await h.patch(`/api/cases/${c.id}`).send({
      version: d.version,
      status: 'utredning_pagar',
    });
    expect(inv.status).toBe(200);
    const fb = await h
      .post(`/api/cases/${c.id}/feedback`)
      .send({ mode: 'sent', body: 'Vi har utrett och vidtagit åtgärder.' });
    expect(fb.status).toBe(200);
    expect(fb.body).toMatchObject({ status: 'aterkoppling_lamnad', nextDueOn: null });
    expect((fb.body as Detail).messages).toHaveLength(2);

    const pav = await createTestCase(t.app, { unitId: a1.id });
    const none = await h.post(`/api/cases/${pav.id}/acknowledge`).send({ mode: 'sent' });
    expect(none.body).toMatchObject({
      code: 'timer_event_refused',
      errors: [{ field: 'mode', messages: ['not_whistleblowing'] }],
    });
  });

  it('waiving needs a reason and a motivation; the motivation is sealed', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id, track: 'visselblasning' });
    expect((await h.post(`/api/cases/${c.id}/acknowledge`).send({ mode: 'waived' })).status).toBe(
      400,
    );
    const res = await h.post(`/api/cases/${c.id}/acknowledge`).send({
      mode: 'waived',
      reason: 'reporter_unreachable',
      motivation: 'Anonym rapportör har inte återkommit.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ackEndKind: 'waived',
      ackWaiverReason: 'reporter_unreachable',
      ackWaiverMotivation: 'Anonym rapportör har inte återkommit.',
      messages: [],
    });
    const row = await t.dataSource.getRepository(CaseEntity).findOneByOrFail({ id: c.id });
    expect(row.contentSealed).not.toContain('återkommit');
  });

  it('closing: blocked while a timer is open, then closes with code, sealed summary and purge date', async () => {
    await at('2026-04-10T09:00:00Z');
    const c = await createTestCase(t.app, { unitId: a1.id, track: 'visselblasning' });
    const blocked = await h
      .post(`/api/cases/${c.id}/close`)
      .send({ closingCode: 'atgardat', summary: 'Åtgärdat.' });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({
      code: 'close_blocked',
      errors: [{ field: 'timers', messages: ['acknowledgement_open', 'feedback_open'] }],
    });
    await h.post(`/api/cases/${c.id}/acknowledge`).send({ mode: 'sent' });
    await h
      .post(`/api/cases/${c.id}/feedback`)
      .send({ mode: 'waived', reason: 'reporter_declined', motivation: 'Ville inte.' });
    const closed = await h
      .post(`/api/cases/${c.id}/close`)
      .send({ closingCode: 'atgardat', summary: 'Leverantören stängdes av.' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'avslutad',
      closingCode: 'atgardat',
      summary: 'Leverantören stängdes av.',
      purgeDueOn: '2028-04-10',
    });
    const row = await t.dataSource.getRepository(CaseEntity).findOneByOrFail({ id: c.id });
    expect(row.contentSealed).not.toContain('Leverantören');
    const again = await h
      .post(`/api/cases/${c.id}/close`)
      .send({ closingCode: 'atgardat', summary: 'x' });
    expect(again.body).toMatchObject({ code: 'status_not_allowed' });
    // reopening clears the closing and the purge date
    const v = (closed.body as Detail).version;
    const reopened = await h
      .patch(`/api/cases/${c.id}`)
      .send({ version: v, status: 'under_bedomning' });
    expect(reopened.body).toMatchObject({ closedAt: null, closingCode: null, purgeDueOn: null });
  });

  it('actions, legal hold (reason sealed, audited) and a purged case refuses every write', async () => {
    await at('2026-04-10T09:00:00Z');
    const c = await createTestCase(t.app, { unitId: a1.id });
    const act = await h.post(`/api/cases/${c.id}/actions`).send({
      type: 'polisanmalan',
      occurredOn: '2026-04-09',
      reference: '5000-K123456-26',
      note: 'Anmält via polisen.se',
    });
    expect(act.status).toBe(200);
    expect((act.body as Detail).actions).toEqual([
      expect.objectContaining({
        type: 'polisanmalan',
        reference: '5000-K123456-26',
        occurredOn: '2026-04-09',
      }),
    ]);
    const future = await h
      .post(`/api/cases/${c.id}/actions`)
      .send({ type: 'skyddsatgard', occurredOn: '2026-04-11' });
    expect(future.status).toBe(400);

    expect((await h.post(`/api/cases/${c.id}/legal-hold`).send({ hold: true })).status).toBe(400);
    const hold = await h
      .post(`/api/cases/${c.id}/legal-hold`)
      .send({ hold: true, reason: 'Begärt av åklagare' });
    expect(hold.body).toMatchObject({ legalHold: true, legalHoldReason: 'Begärt av åklagare' });
    const release = await h.post(`/api/cases/${c.id}/legal-hold`).send({ hold: false });
    expect(release.body).toMatchObject({ legalHold: false, legalHoldReason: null });
    const actions = (await t.auditEntries({ objectId: c.id })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'case.action_recorded',
        'case.legal_hold_set',
        'case.legal_hold_released',
      ]),
    );
    const details = JSON.stringify(
      (await t.auditEntries({ objectId: c.id })).map((e) => e.details),
    );
    expect(details).not.toContain('åklagare');
    expect(details).not.toContain('K123456');

    // purge (as the lifecycle job does: key destroyed, content emptied)
    await t.dataSource
      .getRepository(CaseEntity)
      .update(
        { id: c.id },
        { wrappedKey: null, contentSealed: null, status: 'gallrad', purgedAt: new Date() },
      );
    const tomb = await get(c.id);
    expect(tomb).toMatchObject({ description: null, purgedAt: expect.any(String), actions: [] });
    for (const [path, body] of [
      ['messages', { body: 'x' }],
      ['notes', { body: 'x' }],
      ['legal-hold', { hold: true, reason: 'x' }],
      ['actions', { type: 'skyddsatgard', occurredOn: '2026-04-09' }],
    ] as const) {
      const res = await h.post(`/api/cases/${c.id}/${path}`).send(body);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'case_purged' });
    }
    expect(
      (
        await h
          .patch(`/api/cases/${c.id}`)
          .send({ version: tomb.version, status: 'under_bedomning' })
      ).body,
    ).toMatchObject({ code: 'case_purged' });
  });

  it('writes by a handler outside the scope or routed away are 404 and change nothing', async () => {
    const c = await createTestCase(t.app, { unitId: a1.id, routedAwayFrom: handler.id });
    const d = await createTestCase(t.app, { unitId: b1.id });
    for (const id of [c.id, d.id]) {
      expect(
        (await h.patch(`/api/cases/${id}`).send({ version: 1, status: 'bekraftad' })).status,
      ).toBe(404);
      expect((await h.post(`/api/cases/${id}/notes`).send({ body: 'x' })).status).toBe(404);
    }
    const rows = await t.dataSource.getRepository(CaseMessageEntity).findBy({ caseId: c.id });
    expect(rows).toEqual([]);
  });
});
