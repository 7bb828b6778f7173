import { randomUUID } from 'node:crypto';
import { AuditAnswerEntity } from '../../audits/entities/audit-answer.entity';
import { AuditSignOffEntity } from '../../audits/entities/audit-sign-off.entity';
import { ContractAuditEntity } from '../../audits/entities/contract-audit.entity';
import { generateOrganisationNumber } from '../../contracts/domain/organisation-number';
import { NotificationEntity } from '../../core/notify/entities/notification.entity';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../../testing/test-app';
import { DeclarationReminders } from './declaration-reminders.job';

const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

interface Declaration {
  id: string;
  seriesId: string;
  version: number;
  current: boolean;
  status: string;
  supersededBy: string | null;
  validity: { state: string; validThrough: string; daysLeft: number | null } | null;
  decision: { handling: string; motivation: string; decidedBy: { id: string } } | null;
  canDecide: boolean;
  interests: Array<{ kind: string; organisationNumber: string | null }>;
}

describeEachEngine('Jäv and interest declarations', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  async function world() {
    t.clock.set(at('2026-03-02'));
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const b1 = await t.unit(uniq('Enhet B1'), b);
    const people: Record<string, { id: string; username: string; displayName: string }> = {};
    const mk = async (key: string, roles: Parameters<TestApp['user']>[2], home: TestUnit = a1) => {
      people[key] = await t.user(uniq(key.toLowerCase()), home, roles);
    };
    await mk('employee', [['medarbetare', a1]]);
    await mk('colleague', [['medarbetare', a1]]);
    await mk('chefA', [['chef', a]], a);
    await mk('chefB', [['chef', b]], b1);
    await mk('auditor', [['internrevisor', a]]);
    await mk('controller', [['avtalscontroller', a]]);
    await mk('outsider', [['medarbetare', b1]], b1);
    const as = (key: string) => t.login(people[key].username);
    const controller = await as('controller');
    const supplierNr = generateOrganisationNumber(Math.random);
    const supplier = (
      await controller
        .post('/api/suppliers')
        .send({ name: uniq('Norrbyggarna AB'), organisationNumber: supplierNr })
        .expect(201)
    ).body as { id: string };
    const contract = (
      await controller
        .post('/api/contracts')
        .send({
          title: uniq('Ombyggnad skola'),
          diarienummer: uniq('DNR'),
          supplierId: supplier.id,
          sector: 'bygg_anlaggning',
          annualValue: 4_000_000,
          startDate: '2024-01-01',
          endDate: '2028-12-31',
          unitId: a1.id,
          followUpClass: 'A',
        })
        .expect(201)
    ).body as { id: string };
    return { root, a, a1, b, b1, people, as, supplierNr, supplier, contract };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const annual = (w: World, extra: Record<string, unknown> = {}) => ({
    type: 'arlig',
    roleTitle: 'Handläggare',
    interests: [
      {
        kind: 'narstaendes_intressen',
        description: 'Min svåger äger och driver byggföretaget.',
        organisationNumber: w.supplierNr.replace('-', ''),
        organisationName: 'Svågerns Bygg AB',
      },
    ],
    claimedGround: 'slaktskapsjav',
    ownAssessment: 'Jag bör inte delta i uppföljningen av avtalet.',
    proposedHandling: 'avsta',
    affirmed: true,
    ...extra,
  });

  async function declare(w: World, who: string, body: Record<string, unknown>) {
    const res = await (await w.as(who)).post('/api/declarations').send(body);
    expect(res.status).toBe(201);
    return res.body as Declaration;
  }

  it('keeps versions: a new annual declaration supersedes the current one; validity is a year', async () => {
    const w = await world();
    const first = await declare(w, 'employee', annual(w));
    expect(first).toMatchObject({
      version: 1,
      current: true,
      status: 'inlamnad',
      supersededBy: null,
    });
    expect(first.validity).toEqual({
      state: 'current',
      validThrough: '2027-03-01',
      daysLeft: null,
    });
    expect(first.interests[0].organisationNumber).toBe(w.supplierNr);
    t.clock.set(at('2026-09-01'));
    const second = await declare(
      w,
      'employee',
      annual(w, { interests: [], claimedGround: 'inget', proposedHandling: 'ingen_atgard' }),
    );
    expect(second).toMatchObject({ version: 2, seriesId: first.id, current: true });
    let api = await w.as('employee');
    const old = (await api.get(`/api/declarations/${first.id}`).expect(200)).body as Declaration;
    expect(old).toMatchObject({
      current: false,
      supersededBy: second.id,
      validity: null,
      canDecide: false,
    });
    const cur = (await api.get('/api/declarations?mine=true&current=true').expect(200)).body as {
      items: Declaration[];
    };
    expect(cur.items.map((d) => d.id)).toEqual([second.id]);
    const all = (await api.get('/api/declarations?mine=true').expect(200)).body as {
      items: Declaration[];
    };
    expect(all.items.map((d) => d.id)).toEqual([second.id, first.id]);
    // validity moves with the clock (a new session: the old one expired meanwhile)
    t.clock.set(at('2027-08-15'));
    api = await w.as('employee');
    expect(
      ((await api.get(`/api/declarations/${second.id}`).expect(200)).body as Declaration).validity,
    ).toEqual({
      state: 'due_soon',
      validThrough: '2027-08-31',
      daysLeft: 16,
    });
    t.clock.set(at('2027-09-01'));
    api = await w.as('employee');
    expect(
      ((await api.get(`/api/declarations/${second.id}`).expect(200)).body as Declaration).validity
        ?.state,
    ).toBe('expired');
  });

  it('refuses bad input with a clear 400 and writes nothing', async () => {
    const w = await world();
    const api = await w.as('employee');
    const bad = async (body: Record<string, unknown>, code = 'validation_failed') => {
      const res = await api.post('/api/declarations').send(body).expect(400);
      expect(res.body.code).toBe(code);
      return res.body as { errors?: Array<{ field: string }> };
    };
    await bad(annual(w, { affirmed: false }));
    await bad(annual(w, { type: 'manads' }));
    await bad(annual(w, { proposedHandling: 'strunta' }));
    const nr = await bad(
      annual(w, {
        interests: [
          {
            kind: 'egna_ekonomiska_intressen',
            description: 'Aktier',
            organisationNumber: '556000-0000',
          },
        ],
      }),
      'invalid_organisation_number',
    );
    expect(nr.errors?.[0].field).toBe('interests.0.organisationNumber');
    const noCase = await bad(annual(w, { type: 'arendespecifik' }));
    expect(noCase.errors?.[0].field).toBe('caseReference');
    await bad(annual(w, { supersedesId: randomUUID() }));
    await bad({ ...annual(w, { type: 'nytt_uppdrag' }), supersedesId: randomUUID() });
    expect(
      ((await api.get('/api/declarations?mine=true').expect(200)).body as { items: unknown[] })
        .items,
    ).toEqual([]);
    // a case-specific one replaces only an own, current one of its type
    const caseOne = await declare(
      w,
      'employee',
      annual(w, { type: 'arendespecifik', caseReference: 'KS 2026/114' }),
    );
    const other = await declare(
      w,
      'colleague',
      annual(w, { type: 'arendespecifik', caseReference: 'KS 2026/115' }),
    );
    await bad(
      annual(w, { type: 'arendespecifik', caseReference: 'KS 2026/115', supersedesId: other.id }),
    );
    const replaced = await declare(
      w,
      'employee',
      annual(w, { type: 'arendespecifik', caseReference: 'KS 2026/114', supersedesId: caseOne.id }),
    );
    expect(replaced).toMatchObject({ version: 2, seriesId: caseOne.id, validity: null });
  });

  it('decisions: the chef over the unit decides with a motivation and the declarant sees it; own 403, other subtree 404, superseded/twice 409', async () => {
    const w = await world();
    const d = await declare(w, 'employee', annual(w));
    const chefA = await w.as('chefA');
    const listed = (await chefA.get('/api/declarations?status=inlamnad').expect(200)).body as {
      items: Declaration[];
    };
    expect(listed.items.find((x) => x.id === d.id)?.canDecide).toBe(true);
    await chefA
      .post(`/api/declarations/${d.id}/decision`)
      .send({ handling: 'avsta', motivation: '' })
      .expect(400);
    await chefA.post(`/api/declarations/${d.id}/decision`).send({ handling: 'avsta' }).expect(400);
    await (
      await w.as('chefB')
    )
      .post(`/api/declarations/${d.id}/decision`)
      .send({ handling: 'avsta', motivation: 'x' })
      .expect(404);
    await (
      await w.as('auditor')
    )
      .post(`/api/declarations/${d.id}/decision`)
      .send({ handling: 'avsta', motivation: 'x' })
      .expect(403);
    await (
      await w.as('employee')
    )
      .post(`/api/declarations/${d.id}/decision`)
      .send({ handling: 'ingen_atgard', motivation: 'Själv' })
      .expect(403);
    const decided = (
      await chefA
        .post(`/api/declarations/${d.id}/decision`)
        .send({
          handling: 'omfordela',
          motivation: 'Uppföljningen av avtalet lämnas till en kollega.',
        })
        .expect(200)
    ).body as Declaration;
    expect(decided).toMatchObject({ status: 'beslutad', canDecide: false });
    const seen = (await (await w.as('employee')).get(`/api/declarations/${d.id}`).expect(200))
      .body as Declaration;
    expect(seen.decision).toMatchObject({
      handling: 'omfordela',
      motivation: 'Uppföljningen av avtalet lämnas till en kollega.',
      decidedBy: { id: w.people['chefA'].id },
    });
    const twice = await chefA
      .post(`/api/declarations/${d.id}/decision`)
      .send({ handling: 'avsta', motivation: 'igen' })
      .expect(409);
    expect(twice.body.code).toBe('request_decided');
    const told = await t.dataSource
      .getRepository(NotificationEntity)
      .findBy({ userId: w.people['employee'].id });
    expect(told.map((n) => n.kind)).toContain('declaration.decided');
    // the chef's own declaration: readable in the subtree, never theirs to decide
    const own = await declare(w, 'chefA', annual(w, { interests: [] }));
    await chefA
      .post(`/api/declarations/${own.id}/decision`)
      .send({ handling: 'avsta', motivation: 'x' })
      .expect(403);
    // a superseded one is not decided any more
    const next = await declare(w, 'employee', annual(w, { interests: [] }));
    expect(next.version).toBe(2);
    const gone = await declare(w, 'colleague', annual(w));
    await declare(w, 'colleague', annual(w, { interests: [] }));
    const stale = await chefA
      .post(`/api/declarations/${gone.id}/decision`)
      .send({ handling: 'avsta', motivation: 'x' })
      .expect(409);
    expect(stale.body.code).toBe('status_not_allowed');
  });

  it('scoping: controllers and colleagues never read declarations; the auditor reads the scope', async () => {
    const w = await world();
    const d = await declare(w, 'employee', annual(w));
    const ids = async (who: string) =>
      (
        (await (await w.as(who)).get('/api/declarations').expect(200)).body as {
          items: Declaration[];
        }
      ).items.map((x) => x.id);
    expect(await ids('controller')).toEqual([]);
    expect(await ids('colleague')).toEqual([]);
    expect(await ids('chefB')).toEqual([]);
    expect(await ids('auditor')).toContain(d.id);
    expect(await ids('chefA')).toContain(d.id);
    for (const who of ['controller', 'colleague', 'chefB', 'outsider'])
      await (await w.as(who)).get(`/api/declarations/${d.id}`).expect(404);
  });

  it('flags the supplier’s contracts for controllers with no detail, and only while a current declaration names it', async () => {
    const w = await world();
    const controller = await w.as('controller');
    const flag = async () => {
      const list = (await controller.get(`/api/contracts?supplierId=${w.supplier.id}`).expect(200))
        .body as {
        items: Array<{ id: string; declaredInterest: boolean }>;
      };
      const detail = (await controller.get(`/api/contracts/${w.contract.id}`).expect(200)).body as {
        declaredInterest: boolean;
      };
      expect(list.items.map((c) => c.declaredInterest)).toEqual([detail.declaredInterest]);
      return { detail, raw: JSON.stringify([list, detail]) };
    };
    expect((await flag()).detail.declaredInterest).toBe(false);
    const d = await declare(w, 'employee', annual(w));
    const { detail, raw } = await flag();
    expect(detail.declaredInterest).toBe(true);
    // nothing about who or what
    for (const secret of [
      w.people['employee'].id,
      w.people['employee'].displayName,
      d.id,
      'svåger',
      'narstaendes',
      'slaktskapsjav',
    ])
      expect(raw.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(Object.keys(detail).filter((k) => /declar|interest/i.test(k))).toEqual([
      'declaredInterest',
    ]);
    // the employee cannot read contracts at all: no flag for them
    await (await w.as('employee')).get(`/api/contracts/${w.contract.id}`).expect(403);
    // a new annual declaration without the interest lowers the flag
    await declare(w, 'employee', annual(w, { interests: [] }));
    expect((await flag()).detail.declaredInterest).toBe(false);
  });

  it('coverage: who in the manager’s subtree has a current annual declaration, counted in SQL', async () => {
    const w = await world();
    await declare(w, 'employee', annual(w));
    t.clock.set(at('2025-03-20'));
    await declare(w, 'colleague', annual(w, { interests: [] }));
    t.clock.set(at('2026-03-02'));
    const chefA = await w.as('chefA');
    const cov = (await chefA.get(`/api/declarations/coverage?unitId=${w.a.id}`).expect(200))
      .body as {
      today: string;
      counts: Record<string, number>;
      items: Array<{
        userId: string;
        state: string;
        validThrough: string | null;
        awaitingDecision: boolean;
      }>;
    };
    const byId = new Map(cov.items.map((i) => [i.userId, i]));
    expect(byId.get(w.people['employee'].id)).toMatchObject({
      state: 'current',
      validThrough: '2027-03-01',
      awaitingDecision: true,
    });
    expect(byId.get(w.people['colleague'].id)).toMatchObject({
      state: 'due_soon',
      validThrough: '2026-03-19',
    });
    expect(byId.get(w.people['controller'].id)).toMatchObject({
      state: 'missing',
      validThrough: null,
    });
    expect(byId.has(w.people['outsider'].id)).toBe(false);
    expect(cov.counts).toEqual({ current: 1, due_soon: 1, expired: 0, missing: 3, total: 5 });
    const missing = (
      await chefA
        .get(`/api/declarations/coverage?unitId=${w.a.id}&state=missing&limit=2`)
        .expect(200)
    ).body as { items: Array<{ state: string }>; nextCursor: string };
    expect(missing.items.map((i) => i.state)).toEqual(['missing', 'missing']);
    const rest = (
      await chefA
        .get(
          `/api/declarations/coverage?unitId=${w.a.id}&state=missing&limit=2&cursor=${missing.nextCursor}`,
        )
        .expect(200)
    ).body as { items: unknown[]; nextCursor: string | null };
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    // another department's chef sees none of them; an employee only themselves
    const b = (
      await (await w.as('chefB')).get(`/api/declarations/coverage?unitId=${w.a.id}`).expect(200)
    ).body as {
      items: unknown[];
    };
    expect(b.items).toEqual([]);
    const self = (
      await (await w.as('employee')).get(`/api/declarations/coverage?unitId=${w.a.id}`).expect(200)
    ).body as {
      items: Array<{ userId: string }>;
    };
    expect(self.items.map((i) => i.userId)).toEqual([w.people['employee'].id]);
  });

  it('renewal reminders: due soon and overdue, each once, to the declarant only', async () => {
    const w = await world();
    const d = await declare(w, 'employee', annual(w));
    const job = t.app.get(DeclarationReminders);
    const mine = async () =>
      (
        await t.dataSource
          .getRepository(NotificationEntity)
          .findBy({ kind: 'declaration.renewal_due' })
      ).filter((n) => n.params.includes(d.id));
    await job.run(at('2027-01-15'));
    expect(await mine()).toHaveLength(0);
    await job.run(at('2027-02-10'));
    await job.run(at('2027-02-11'));
    expect((await mine()).map((n) => [n.userId, JSON.parse(n.params).step])).toEqual([
      [w.people['employee'].id, 'due_soon'],
    ]);
    await job.run(at('2027-03-02'));
    await job.run(at('2027-03-03'));
    expect((await mine()).map((n) => JSON.parse(n.params).step).sort()).toEqual([
      'due_soon',
      'overdue',
    ]);
    expect(JSON.stringify(await mine())).not.toContain('svåger');
  });

  it('GET /api/audits/{id}/declarations: participants with validity and the interest in this supplier, status only', async () => {
    const w = await world();
    const [tpl] = await t.dataSource.query(
      'SELECT id FROM checklist_templates ORDER BY version LIMIT 1',
    );
    const audit: ContractAuditEntity = {
      id: randomUUID(),
      contractId: w.contract.id,
      templateId: (tpl as { id: string }).id,
      kind: 'planerad',
      status: 'pagaende',
      startedAt: t.clock.now(),
      startedBy: w.people['controller'].id,
      completedOn: null,
      signedAt: null,
      version: 1,
      updatedAt: t.clock.now(),
    };
    await t.dataSource.getRepository(ContractAuditEntity).insert(audit);
    await t.dataSource.getRepository(AuditAnswerEntity).insert({
      id: randomUUID(),
      auditId: audit.id,
      itemId: 'H28',
      answer: 'uppfyllt',
      note: '',
      checkedOn: null,
      version: 1,
      updatedAt: t.clock.now(),
      updatedBy: w.people['employee'].id,
    });
    await t.dataSource.getRepository(AuditSignOffEntity).insert({
      id: randomUUID(),
      auditId: audit.id,
      role: 'chef',
      userId: w.people['chefA'].id,
      signedAt: t.clock.now(),
    });
    await declare(w, 'employee', annual(w));
    await declare(w, 'chefA', annual(w, { interests: [] }));
    const res = (
      await (await w.as('controller')).get(`/api/audits/${audit.id}/declarations`).expect(200)
    ).body as {
      items: Array<Record<string, unknown>>;
    };
    const byId = new Map(res.items.map((i) => [i['userId'], i]));
    expect(byId.get(w.people['employee'].id)).toEqual({
      userId: w.people['employee'].id,
      name: w.people['employee'].displayName,
      role: 'avtalscontroller',
      declarationValidUntil: '2027-03-01',
      declarationState: 'current',
      declaredInterestInSupplier: true,
    });
    expect(byId.get(w.people['chefA'].id)).toMatchObject({
      role: 'chef',
      declaredInterestInSupplier: false,
    });
    expect(byId.get(w.people['controller'].id)).toMatchObject({
      declarationValidUntil: null,
      declarationState: 'missing',
      declaredInterestInSupplier: false,
    });
    expect(res.items).toHaveLength(3);
    await (await w.as('chefA')).get(`/api/audits/${audit.id}/declarations`).expect(200);
    await (await w.as('employee')).get(`/api/audits/${audit.id}/declarations`).expect(403);
    await (await w.as('chefB')).get(`/api/audits/${audit.id}/declarations`).expect(404);
    await (await w.as('controller')).get(`/api/audits/${randomUUID()}/declarations`).expect(404);
  });
});
