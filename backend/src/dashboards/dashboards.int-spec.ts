import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { ContractAuditEntity } from '../audits/entities/contract-audit.entity';
import { AuditFindingEntity } from '../audits/entities/audit-finding.entity';
import { CorrectiveActionEntity } from '../audits/entities/corrective-action.entity';
import { IncidentFactEntity } from '../cases/entities/incident-fact.entity';
import { generateOrganisationNumber } from '../contracts/domain/organisation-number';
import { pdfText } from '../testing/pdf-text';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../testing/test-app';

const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

interface Dashboard {
  unit: { id: string; name: string };
  asOf: string;
  scopes: Array<{ id: string; name: string }>;
  riskHeatmap: {
    cells: Array<{ likelihood: number; consequence: number; count: number; band: string }>;
    notAssessed: number;
    matrixVersion: number;
  };
  bandCounts: Array<{ band: string; count: number }>;
  topRisks: {
    total: number;
    items: Array<{
      id: string;
      title: string;
      residual: { score: number; band: string } | null;
      reviewOverdue: boolean;
      unitName: string;
    }>;
  };
  overdueActions: {
    total: number;
    items: Array<{
      id: string;
      kind: string;
      riskId: string;
      dueDate: string;
      daysOverdue: number;
      ownerName: string | null;
    }>;
  };
  contractsDue: {
    total: number;
    items: Array<{ contractId: string; status: string; reason: string; dueDate: string }>;
  };
  staleAcceptances: {
    total: number;
    items: Array<{ riskId: string; reason: string; acceptedByName: string; expiresOn: string }>;
  };
  riskTrend: Array<Record<string, number | string>>;
  incidentTrend: Array<{
    quarter: string;
    count: number | null;
    suppressed: boolean;
    belowK?: boolean;
  }>;
  incidentTrendOmitted: string | null;
  k: number;
}

describeEachEngine('Manager dashboard and committee report', (engine) => {
  let t: TestApp;
  let root: TestUnit;
  let a: TestUnit;
  let a1: TestUnit;
  let b: TestUnit;
  let b1: TestUnit;
  const people: Record<string, { id: string; username: string }> = {};
  const ids: Record<string, string> = {};
  const as = (key: string) => t.login(people[key].username);

  const facts = async (unit: TestUnit, category: string, quarter: string, n: number) => {
    await t.db.transaction(async () => {
      for (let i = 0; i < n; i++)
        await t.db.repo(IncidentFactEntity).insert({
          id: randomUUID(),
          track: 'paverkan',
          category,
          severityBand: null,
          departmentId: unit.id,
          quarter,
        });
    });
  };

  beforeAll(async () => {
    t = await TestApp.start(engine);
    t.clock.set(at('2025-05-10'));
    root = await t.unit(uniq('Förvaltning'));
    a = await t.unit(uniq('Avd A'), root, 'avdelning');
    a1 = await t.unit(uniq('Enhet A1'), a);
    b = await t.unit(uniq('Avd B'), root, 'avdelning');
    b1 = await t.unit(uniq('Enhet B1'), b);
    const mk = async (key: string, roles: Parameters<TestApp['user']>[2], home: TestUnit = a1) => {
      people[key] = await t.user(uniq(key.toLowerCase()), home, roles);
    };
    await mk('controller', [['avtalscontroller', root]]);
    await mk('chefA', [['chef', a]]);
    await mk('chefB', [['chef', b]], b1);
    await mk('auditor', [['internrevisor', a]]);
    await mk('owner', [['medarbetare', a1]]);
    await mk('admin', [['administrator', root]]);

    const controller = await as('controller');
    const supplier = (
      await controller
        .post('/api/suppliers')
        .send({
          name: uniq('Bygg AB'),
          organisationNumber: generateOrganisationNumber(Math.random),
        })
        .expect(201)
    ).body as { id: string };
    const contract = async (unit: TestUnit, title: string) =>
      (
        (
          await controller
            .post('/api/contracts')
            .send({
              title: uniq(title),
              diarienummer: uniq('DNR'),
              supplierId: supplier.id,
              sector: 'bygg_anlaggning',
              annualValue: 4_000_000,
              startDate: '2025-01-01',
              endDate: '2028-12-31',
              unitId: unit.id,
              followUpClass: 'A',
            })
            .expect(201)
        ).body as { id: string }
      ).id;
    ids.contractA = await contract(a1, 'Ombyggnad skola');
    ids.contractB = await contract(b1, 'Städning Avd B');

    const risk = async (body: Record<string, unknown>) =>
      ((await controller.post('/api/risks').send(body).expect(201)).body as { id: string }).id;
    const base = {
      category: 'arbetslivskriminalitet',
      description: 'Beskrivning.',
      ownerId: people.owner.id,
    };
    // 2025-05-10: the contract risk starts as medel (2 × 3)
    ids.rA1 = await risk({
      ...base,
      subjectKind: 'avtal',
      contractId: ids.contractA,
      title: uniq('Svart arbetskraft'),
      inherentLikelihood: 4,
      inherentConsequence: 5,
      residualLikelihood: 2,
      residualConsequence: 3,
    });
    // 2026-02-10: two more risks in A, one in B
    t.clock.set(at('2026-02-10'));
    const c2 = await as('controller');
    const risk2 = async (body: Record<string, unknown>) =>
      ((await c2.post('/api/risks').send(body).expect(201)).body as { id: string }).id;
    ids.rA2 = await risk2({
      ...base,
      subjectKind: 'process',
      processCode: 'attest',
      unitId: a.id,
      title: uniq('Attest utan kontroll'),
      inherentLikelihood: 2,
      inherentConsequence: 2,
      residualLikelihood: 1,
      residualConsequence: 2,
    });
    ids.rA3 = await risk2({
      ...base,
      subjectKind: 'process',
      processCode: 'tillsyn',
      unitId: a1.id,
      title: uniq('Ej bedömd tillsynsrisk'),
    });
    ids.rB1 = await risk2({
      ...base,
      subjectKind: 'process',
      processCode: 'upphandling',
      unitId: b1.id,
      title: uniq('Hemlig risk i B'),
      inherentLikelihood: 4,
      inherentConsequence: 4,
      residualLikelihood: 4,
      residualConsequence: 4,
    });
    // rA1 reassessed to 5 × 5 (mycket hög)
    await c2
      .patch(`/api/risks/${ids.rA1}`)
      .send({ baseSeq: 1, residualLikelihood: 5, residualConsequence: 5 })
      .expect(200);

    // 2026-03-01: the chef accepts rA1 (until 2027) and rA2 (until 2026-06-30)
    t.clock.set(at('2026-03-01'));
    const chefA = await as('chefA');
    await chefA
      .post(`/api/risks/${ids.rA1}/acceptance`)
      .send({ motivation: 'Åtgärder pågår.', expiresOn: '2027-12-31' })
      .expect(201);
    await chefA
      .post(`/api/risks/${ids.rA2}/acceptance`)
      .send({ motivation: 'Låg risk.', expiresOn: '2026-06-30' })
      .expect(201);
    const chefB = await as('chefB');
    await chefB
      .post(`/api/risks/${ids.rB1}/acceptance`)
      .send({ motivation: 'B.', expiresOn: '2026-04-30' })
      .expect(201);

    // 2026-04-01: rA1 changes again (5 × 4): its acceptance no longer matches
    t.clock.set(at('2026-04-01'));
    const c3 = await as('controller');
    await c3
      .patch(`/api/risks/${ids.rA1}`)
      .send({ baseSeq: 2, residualConsequence: 4 })
      .expect(200);
    const action = async (riskId: string, title: string, dueDate: string) =>
      (
        (
          await c3
            .post(`/api/risks/${riskId}/actions`)
            .send({ title: uniq(title), ownerId: people.owner.id, dueDate })
            .expect(201)
        ).body as { id: string }
      ).id;
    ids.actA = await action(ids.rA1, 'ID06-kontroll', '2026-10-01');
    ids.actAfuture = await action(ids.rA1, 'Ny upphandling', '2027-01-31');
    ids.actB = await action(ids.rB1, 'Hemlig åtgärd B', '2026-09-01');

    // contract A was audited (signed 2026-09-30), with a finding whose corrective action is
    // overdue; contract B has one too, which A's chef must not see
    const [template] = await t.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM checklist_templates',
    );
    const audited = async (contractId: string, title: string, due: string) => {
      const now = at('2026-09-30');
      const auditId = randomUUID();
      const findingId = randomUUID();
      const actionId = randomUUID();
      await t.db.transaction(async () => {
        await t.db.repo(ContractAuditEntity).insert({
          id: auditId,
          contractId,
          templateId: template.id,
          kind: 'planerad',
          status: 'signerad',
          startedAt: at('2026-09-01'),
          startedBy: people.controller.id,
          completedOn: '2026-09-30',
          signedAt: now,
          version: 3,
          updatedAt: now,
        });
        await t.db.repo(AuditFindingEntity).insert({
          id: findingId,
          auditId,
          itemId: 'A1',
          severity: 'vasentlig',
          description: 'Personalliggare saknas.',
          evidence: null,
          status: 'oppen',
          riskId: null,
          createdAt: now,
          createdBy: people.controller.id,
          closedAt: null,
          updatedAt: now,
          version: 1,
        });
        await t.db.repo(CorrectiveActionEntity).insert({
          id: actionId,
          findingId,
          title: uniq(title),
          ownerId: people.owner.id,
          dueDate: due,
          status: 'oppen',
          supplierResponse: null,
          decision: null,
          decisionBy: null,
          decidedOn: null,
          verifiedAt: null,
          verifiedBy: null,
          createdAt: now,
          createdBy: people.controller.id,
          updatedAt: now,
          version: 1,
        });
      });
      return { findingId, actionId };
    };
    const correctiveA = await audited(ids.contractA, 'Inför personalliggare', '2026-11-01');
    ids.correctiveA = correctiveA.actionId;
    ids.findingA = correctiveA.findingId;
    ids.correctiveB = (await audited(ids.contractB, 'Hemlig korrigering B', '2026-10-15')).actionId;

    // incidents of department A: 2026-Q2 7 (shown), 2026-Q3 6 + 2 (a small count: suppressed)
    await facts(a, 'hot', '2026-Q2', 7);
    await facts(a, 'hot', '2026-Q3', 6);
    await facts(a, 'vald', '2026-Q3', 2);
    await facts(b, 'hot', '2026-Q3', 9);

    t.clock.set(at('2026-11-15'));
  });
  afterAll(() => t.stop());

  it('shows a chef their subtree only, every panel from the reader’s own rules', async () => {
    const chefA = await as('chefA');
    const res = await chefA.get('/api/dashboard').expect(200);
    const d = res.body as Dashboard;
    expect(d.unit).toEqual({ id: a.id, name: a.name });
    expect(d.scopes).toEqual([{ id: a.id, name: a.name }]);
    expect(d.asOf).toBe('2026-11-15');
    // nothing of unit B anywhere
    const text = JSON.stringify(d);
    for (const secret of [ids.rB1, ids.actB, ids.contractB, ids.correctiveB])
      expect(text).not.toContain(secret);

    // heatmap: rA1 at 5 × 4, rA2 at 1 × 2, rA3 not assessed
    const placed = d.riskHeatmap.cells.filter((c) => c.count > 0);
    expect(placed.map((c) => [c.likelihood, c.consequence, c.count, c.band])).toEqual(
      expect.arrayContaining([
        [5, 4, 1, 'mycket_hog'],
        [1, 2, 1, 'lag'],
      ]),
    );
    expect(placed).toHaveLength(2);
    expect(d.riskHeatmap.notAssessed).toBe(1);
    expect(d.bandCounts).toEqual([
      { band: 'lag', count: 1 },
      { band: 'medel', count: 0 },
      { band: 'hog', count: 0 },
      { band: 'mycket_hog', count: 1 },
      { band: 'ej_bedomd', count: 1 },
    ]);

    // top risks: assessed only, highest residual first
    expect(d.topRisks.total).toBe(2);
    expect(d.topRisks.items.map((r) => r.id)).toEqual([ids.rA1, ids.rA2]);
    expect(d.topRisks.items[0].residual).toEqual(
      expect.objectContaining({ score: 20, band: 'mycket_hog' }),
    );

    // overdue actions: the open risk action and the open corrective action of A, oldest first
    expect(d.overdueActions.total).toBe(2);
    expect(d.overdueActions.items).toEqual([
      expect.objectContaining({
        id: ids.actA,
        kind: 'risk',
        riskId: ids.rA1,
        findingId: null,
        dueDate: '2026-10-01',
        daysOverdue: 45,
      }),
      expect.objectContaining({
        id: ids.correctiveA,
        kind: 'corrective',
        riskId: null,
        findingId: ids.findingA,
        dueDate: '2026-11-01',
        daysOverdue: 14,
      }),
    ]);

    // stale acceptances: rA1's residual changed, rA2's expired (rB1's is not A's)
    expect(d.staleAcceptances.total).toBe(2);
    const reasons = Object.fromEntries(d.staleAcceptances.items.map((s) => [s.riskId, s.reason]));
    expect(reasons).toEqual({ [ids.rA1]: 'residual_changed', [ids.rA2]: 'expired' });
    expect(d.staleAcceptances.items[0].acceptedByName).toBe(`Test ${people.chefA.username}`);

    // contracts due (the audit plan): A's class A contract, signed 2026-09-30, mycket hög risk →
    // next audit two months later, within 30 days of today
    expect(d.contractsDue).toEqual({
      total: 1,
      items: [
        expect.objectContaining({
          contractId: ids.contractA,
          status: 'due_soon',
          dueDate: '2026-11-30',
          reason: 'risk_mycket_hog',
        }),
      ],
    });

    // risk trend: eight quarters, residual as of each quarter end
    expect(d.riskTrend.map((p) => p.quarter)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    const point = (q: string) => d.riskTrend.find((p) => p.quarter === q)!;
    expect(point('2025-Q1')).toEqual({
      quarter: '2025-Q1',
      lag: 0,
      medel: 0,
      hog: 0,
      mycket_hog: 0,
      ej_bedomd: 0,
    });
    expect(point('2025-Q4')).toEqual(expect.objectContaining({ medel: 1, mycket_hog: 0 }));
    expect(point('2026-Q1')).toEqual(
      expect.objectContaining({ medel: 0, mycket_hog: 1, lag: 1, ej_bedomd: 1, hog: 0 }),
    );
    expect(point('2026-Q4')).toEqual(
      expect.objectContaining({ mycket_hog: 1, lag: 1, ej_bedomd: 1 }),
    );
  });

  it('keeps the incident trend small-cell protected: a small quarter is suppressed and there is no total to difference', async () => {
    const d = (await (await as('chefA')).get('/api/dashboard').expect(200)).body as Dashboard;
    expect(d.k).toBe(5);
    expect(d.incidentTrendOmitted).toBeNull();
    const q = (x: string) => d.incidentTrend.find((p) => p.quarter === x);
    expect(q('2026-Q2')).toEqual({ quarter: '2026-Q2', count: 7, suppressed: false });
    // 6 + 2: the quarter holds a count under k, so its total is hidden too
    expect(q('2026-Q3')).toEqual({
      quarter: '2026-Q3',
      count: null,
      suppressed: true,
      belowK: false,
    });
    expect(JSON.stringify(d.incidentTrend)).not.toMatch(/"count":(8|2|6)\b/);
    expect(d.incidentTrend.reduce((n, p) => n + (p.count ?? 0), 0)).toBe(7);
  });

  it('lets a chef pick only units within their scope; another subtree is 404, a risk owner 403', async () => {
    const chefA = await as('chefA');
    const sub = (await chefA.get(`/api/dashboard?unitId=${a1.id}`).expect(200)).body as Dashboard;
    expect(sub.unit.id).toBe(a1.id);
    expect(sub.topRisks.items.map((r) => r.id)).toEqual([ids.rA1]);
    // incidents are counted per department, never on an enhet: no zeros that are not true
    expect(sub.incidentTrend).toEqual([]);
    expect(sub.incidentTrendOmitted).toBe('below_department');
    await chefA.get(`/api/dashboard?unitId=${b.id}`).expect(404);
    await chefA.get(`/api/dashboard?unitId=${root.id}`).expect(404);
    await chefA.get('/api/dashboard?unitId=not-a-uuid').expect(400);

    const chefB = (await (await as('chefB')).get('/api/dashboard').expect(200)).body as Dashboard;
    expect(chefB.topRisks.items.map((r) => r.id)).toEqual([ids.rB1]);
    expect(chefB.overdueActions.items.map((x) => x.id)).toEqual([ids.actB, ids.correctiveB]);
    expect(JSON.stringify(chefB)).not.toContain(ids.rA1);

    // the risk owner sees their risks elsewhere, but has no dashboard
    await (await as('owner')).get('/api/dashboard').expect(403);
    await (
      await as('owner')
    )
      .get(`/api/committee-report?unitId=${a.id}&from=2026-01-01&to=2026-06-30&format=pdf`)
      .expect(403);
    await (await as('admin')).get('/api/dashboard').expect(403);
  });

  it('gives a controller the whole scope but no incident statistics (not their subject)', async () => {
    const d = (await (await as('controller')).get('/api/dashboard').expect(200)).body as Dashboard;
    expect(d.unit.id).toBe(root.id);
    expect(d.topRisks.items.map((r) => r.id).sort()).toEqual([ids.rA1, ids.rA2, ids.rB1].sort());
    expect(d.incidentTrend).toEqual([]);
    expect(d.incidentTrendOmitted).toBe('not_readable');
  });

  it('rejects a bad period with 400 and writes nothing to the audit log', async () => {
    const chefA = await as('chefA');
    const before = (await t.auditEntries({ action: 'committee_report.generated' })).length;
    const bad = await chefA
      .get(`/api/committee-report?unitId=${a.id}&from=2026-06-30&to=2026-01-01&format=pdf`)
      .expect(400);
    expect(bad.body).toEqual(expect.objectContaining({ code: 'validation_failed' }));
    expect(bad.body.errors).toEqual([{ field: 'from', messages: ['from_after_to'] }]);
    await chefA
      .get(`/api/committee-report?unitId=${a.id}&from=2026-02-30&to=2026-06-30&format=pdf`)
      .expect(400);
    await chefA
      .get(`/api/committee-report?unitId=${a.id}&from=2022-01-01&to=2026-06-30&format=pdf`)
      .expect(400);
    // a period that has not begun yet (today is 2026-11-15)
    const future = await chefA
      .get(`/api/committee-report?unitId=${a.id}&from=2026-12-01&to=2027-03-31&format=xlsx`)
      .expect(400);
    expect(future.body.errors).toEqual([{ field: 'from', messages: ['from_in_future'] }]);
    await chefA
      .get(`/api/committee-report?unitId=${a.id}&from=2026-01-01&to=2026-06-30&format=docx`)
      .expect(400);
    await chefA
      .get(`/api/committee-report?unitId=${b.id}&from=2026-01-01&to=2026-06-30&format=pdf`)
      .expect(404);
    expect((await t.auditEntries({ action: 'committee_report.generated' })).length).toBe(before);
  });

  it('generates the committee report as a Swedish PDF, and records who, which unit and period', async () => {
    const chefA = await as('chefA');
    const res = await chefA
      .get(`/api/committee-report?unitId=${a.id}&from=2026-01-01&to=2026-11-15&format=pdf`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="namndrapport-avd-a-[a-z0-9-]+-2026-01-01-2026-11-15\.pdf"$/,
    );
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const expected of [
      'Rapport till nämnd',
      a.name,
      '2026-01-01 – 2026-11-15',
      `Framtagen av Test ${people.chefA.username}`,
      'Riskkarta – nettorisk per 2026-11-15',
      'Riskkarta – bruttorisk',
      'Mycket hög',
      'Ej bedömd',
      'Största riskerna',
      'Försenade åtgärder',
      'Inaktuella riskaccepteranden',
      'Nettorisken har',
      'Giltighetstiden har',
      'Avtal att följa upp',
      'Incidenter per kvartal',
      'Om metoden',
    ])
      // compared without white space: the PDF wraps long cells inside words
      expect(text.replace(/\s+/g, '')).toContain(expected.replace(/\s+/g, ''));
    // the incident trend: Q2 shown, Q3 hidden, and so is the period's total
    expect(text).toMatch(/2026- ?Q2 7\b/);
    expect(text).toMatch(/2026- ?Q3 skyddat/);
    expect(text).toMatch(/Hela perioden skyddat/);
    expect(text).not.toContain('Hemlig');

    const entries = await t.auditEntries({ action: 'committee_report.generated' });
    const last = entries[entries.length - 1];
    expect(last.actorId).toBe(people.chefA.id);
    expect(last.objectType).toBe('OrgUnit');
    expect(last.objectId).toBe(a.id);
    expect(JSON.parse(last.details)).toEqual({
      unitId: a.id,
      from: '2026-01-01',
      to: '2026-11-15',
      format: 'pdf',
    });
  });

  it('generates the committee report as XLSX with one sheet per section and exact values', async () => {
    const chefA = await as('chefA');
    const res = await chefA
      .get(`/api/committee-report?unitId=${a.id}&from=2026-04-01&to=2026-09-30&format=xlsx`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Sammanfattning',
      'Riskkarta netto',
      'Riskkarta brutto',
      'Riskutveckling',
      'Största risker',
      'Försenade åtgärder',
      'Inaktuella accepteranden',
      'Avtal att följa upp',
      'Incidenter',
      'Om metoden',
    ]);
    const rows = (name: string) =>
      (wb.getWorksheet(name)!.getSheetValues() as unknown[][])
        .filter(Boolean)
        .map((r) => r.slice(1));
    // as of 2026-09-30: rA1 5 × 4, its action (due 2026-10-01) not yet overdue
    const summary = rows('Sammanfattning');
    expect(summary).toEqual(
      expect.arrayContaining([
        ['Period', '2026-04-01 – 2026-09-30'],
        ['Risker per 2026-09-30', 3],
        ['Försenade åtgärder', 0],
        ['Inaktuella riskaccepteranden', 2],
      ]),
    );
    const net = rows('Riskkarta netto');
    expect(net).toEqual(expect.arrayContaining([[5, 4, 20, 'Mycket hög', 1]]));
    expect(net.some((r) => r[0] === '5 Mycket stor' || String(r[0]).startsWith('5'))).toBe(true);
    expect(rows('Största risker').map((r) => r[0])).toHaveLength(3);
    expect(rows('Incidenter')).toEqual(
      expect.arrayContaining([
        ['2026-Q2', 7, 'Nej'],
        ['2026-Q3', 'skyddat', 'Ja'],
        ['Hela perioden', 'skyddat', 'Ja'],
      ]),
    );
    const all = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
    expect(all).not.toContain('Hemlig');
  });
});
