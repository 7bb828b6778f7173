import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { RiskAcceptanceEntity } from '../../../backend/src/risks/entities/risk-acceptance.entity';
import { RiskActionEntity } from '../../../backend/src/risks/entities/risk-action.entity';
import { RiskAssessmentEntity } from '../../../backend/src/risks/entities/risk-assessment.entity';
import { RiskEntity } from '../../../backend/src/risks/entities/risk.entity';
import type { TestUnit } from '../../../backend/src/testing/test-app';
import {
  type Actor,
  asObject,
  type Expectation,
  type Json,
  MIXED,
  type MatrixRow,
  type Scope,
  type Shape,
  str,
  type World,
} from '../matrix';

/**
 * The manager dashboard and the committee report (subject RiskReport): managers for their subtree,
 * controllers and auditors for their scope; the mixed actor (administrator of A, chef of B) for B.
 * Everyone else — risk owners, administrators, case handlers — is refused (403); a unit outside a
 * reader's scope does not exist for them (404). Each cell gets a unit of its own with one risk, an
 * overdue action and an expired acceptance, so an allowed answer must show exactly those.
 */
const reportUsers = (): Actor[] => ['chef', 'avtalscontroller', 'internrevisor', MIXED];
const readsIn = (actor: Actor, scope: Scope): boolean =>
  actor === MIXED ? scope === 'other' : reportUsers().includes(actor) && scope === 'own';
const reads = (actor: Actor, scope: Scope): Expectation =>
  readsIn(actor, scope) ? 'allow' : 'deny';
const denied = (actor: Actor): 403 | 404 => (reportUsers().includes(actor) ? 404 : 403);
/** Who also reads the incident statistics the trend comes from (controllers do not). */
const readsIncidents = (actor: Actor): boolean => actor !== 'avtalscontroller';

const UNIT_REF: Shape = { keys: ['id', 'name'] };
const DASHBOARD: Shape = {
  keys: [
    'unit',
    'asOf',
    'scopes',
    'riskHeatmap',
    'bandCounts',
    'topRisks',
    'overdueActions',
    'contractsDue',
    'staleAcceptances',
    'riskTrend',
    'incidentTrend',
    'incidentTrendOmitted',
    'k',
  ],
  nested: {
    unit: UNIT_REF,
    scopes: UNIT_REF,
    riskHeatmap: {
      keys: [
        'cells',
        'matrixVersion',
        'likelihoodLevels',
        'consequenceLevels',
        'notAssessed',
        'outsideMatrix',
      ],
      nested: { cells: { keys: ['likelihood', 'consequence', 'score', 'band', 'count'] } },
    },
    bandCounts: { keys: ['band', 'count'] },
    topRisks: {
      keys: ['total', 'items'],
      nested: {
        items: {
          keys: [
            'id',
            'title',
            'category',
            'unitId',
            'unitName',
            'contractId',
            'contractTitle',
            'supplierId',
            'residual',
            'ownerName',
            'nextReviewOn',
            'reviewOverdue',
          ],
          nested: { residual: { keys: ['likelihood', 'consequence', 'score', 'band'] } },
        },
      },
    },
    overdueActions: {
      keys: ['total', 'items'],
      nested: {
        items: {
          keys: [
            'id',
            'kind',
            'title',
            'riskId',
            'riskTitle',
            'findingId',
            'ownerName',
            'dueDate',
            'daysOverdue',
          ],
        },
      },
    },
    contractsDue: {
      keys: ['total', 'items'],
      nested: {
        items: {
          keys: [
            'contractId',
            'contractTitle',
            'supplierName',
            'followUpClass',
            'dueDate',
            'reason',
            'status',
          ],
        },
      },
    },
    staleAcceptances: {
      keys: ['total', 'items'],
      nested: {
        items: {
          keys: ['riskId', 'riskTitle', 'acceptedByName', 'acceptedAt', 'expiresOn', 'reason'],
        },
      },
    },
    riskTrend: { keys: ['quarter', 'lag', 'medel', 'hog', 'mycket_hog', 'ej_bedomd'] },
    incidentTrend: { keys: ['quarter', 'count', 'suppressed'], optional: ['belowK'] },
  },
};

interface CellFixture {
  unit: TestUnit;
  riskId: string;
  riskTitle: string;
  actionId: string;
}
const fixtures = new Map<string, CellFixture>();

/**
 * A unit of its own under the scope's department, with one risk (5 × 5, mycket hög) that has an
 * overdue action and an acceptance that expired.
 */
async function cellUnit(w: World, scope: Scope): Promise<CellFixture> {
  const unit = await w.t.unit(w.unique('Rapportenhet'), w.dept(scope));
  const owner = await w.t.user(w.unique('riskagare'), unit);
  // long before the app's clock, so the register as of any report period shows it
  const now = new Date('2020-06-01T10:00:00Z');
  const risk: RiskEntity = {
    id: randomUUID(),
    subjectKind: 'process',
    contractId: null,
    supplierId: null,
    processCode: 'tillsyn',
    unitId: unit.id,
    category: 'muta_handel_med_inflytande',
    title: w.unique('Dashboardrisk'),
    description: 'Inspektör erbjuds gåvor.',
    ownerId: owner.id,
    currentSeq: 1,
    nextReviewDate: '2030-01-01',
    reviewReminderStep: null,
    createdAt: now,
    createdBy: w.actorId('avtalscontroller'),
    updatedAt: now,
  };
  const assessment = Object.assign(new RiskAssessmentEntity(), {
    id: randomUUID(),
    riskId: risk.id,
    seq: 1,
    validFrom: now,
    matrixVersion: 1,
    inherentLikelihood: 5,
    inherentConsequence: 5,
    inherentScore: 25,
    inherentBand: 'mycket_hog',
    inherentExplanation: '5 × 5 = 25 → Mycket hög',
    existingControls: null,
    residualLikelihood: 5,
    residualConsequence: 5,
    residualScore: 25,
    residualBand: 'mycket_hog',
    residualExplanation: '5 × 5 = 25 → Mycket hög',
    treatment: 'begransa',
    nextReviewDate: '2030-01-01',
    assessedBy: w.actorId('avtalscontroller'),
  });
  const action: RiskActionEntity = {
    id: randomUUID(),
    riskId: risk.id,
    title: 'Rotera inspektörer',
    ownerId: owner.id,
    dueDate: '2020-01-31',
    status: 'pagaende',
    reminderStep: null,
    createdAt: now,
    updatedAt: now,
  };
  const acceptance: RiskAcceptanceEntity = {
    id: randomUUID(),
    riskId: risk.id,
    assessmentSeq: 1,
    residualLikelihood: 5,
    residualConsequence: 5,
    residualBand: 'mycket_hog',
    motivation: 'Tidsbegränsat.',
    acceptedOn: '2019-01-01',
    expiresOn: '2019-12-31',
    acceptedBy: w.actorId('chef'),
    createdAt: now,
  };
  await w.t.dataSource.getRepository(RiskEntity).insert(risk);
  await w.t.dataSource.getRepository(RiskAssessmentEntity).insert(assessment);
  await w.t.dataSource.getRepository(RiskActionEntity).insert(action);
  await w.t.dataSource.getRepository(RiskAcceptanceEntity).insert(acceptance);
  return { unit, riskId: risk.id, riskTitle: risk.title, actionId: action.id };
}

const ids = (list: unknown, key = 'id'): string[] =>
  ((asObject(list)['items'] as Json[]) ?? []).map((x) => str(x[key]));

export function dashboardRows(): MatrixRow[] {
  return [
    {
      route: 'GET /api/dashboard',
      prepare: async (w, scope) => {
        const f = await cellUnit(w, scope);
        const path = `/api/dashboard?unitId=${f.unit.id}`;
        fixtures.set(path, f);
        return { path };
      },
      expect: reads,
      denied,
      ok: 200,
      shape: DASHBOARD,
      check: (body, r, w, actor) => {
        const f = fixtures.get(r.path)!;
        const b = asObject(body);
        const unit = asObject(b['unit']);
        if (unit['id'] !== f.unit.id) throw new Error('not the unit asked for');
        const scopes = (b['scopes'] as Json[]).map((s) => s['id']);
        const root = actor === MIXED ? w.b.id : w.a.id;
        if (scopes.length !== 1 || scopes[0] !== root)
          throw new Error(`scopes ${JSON.stringify(scopes)} are not the actor's one root`);
        // exactly this cell's rows, nothing of any other unit
        const top = ids(b['topRisks']);
        if (top.length !== 1 || top[0] !== f.riskId) throw new Error(`top risks ${str(top)}`);
        const overdue = ids(b['overdueActions']);
        if (overdue.length !== 1 || overdue[0] !== f.actionId)
          throw new Error(`overdue actions ${str(overdue)}`);
        const stale = ids(b['staleAcceptances'], 'riskId');
        if (stale.length !== 1 || stale[0] !== f.riskId)
          throw new Error(`stale acceptances ${str(stale)}`);
        const cells = asObject(b['riskHeatmap'])['cells'] as Json[];
        const placed = cells.filter((c) => Number(c['count']) > 0);
        if (placed.length !== 1 || placed[0]['likelihood'] !== 5 || placed[0]['count'] !== 1)
          throw new Error(`heatmap ${JSON.stringify(placed)}`);
        if ((b['riskTrend'] as Json[]).length !== 8) throw new Error('not eight quarters');
        // the cell's unit is an enhet: incidents are never counted there, whoever asks
        const incidents = b['incidentTrend'] as Json[];
        const omitted = readsIncidents(actor) ? 'below_department' : 'not_readable';
        if (incidents.length !== 0 || b['incidentTrendOmitted'] !== omitted)
          throw new Error(`${actor}: incident trend ${str(b['incidentTrendOmitted'])}`);
      },
    },
    {
      route: 'GET /api/committee-report',
      prepare: async (w, scope) => {
        const f = await cellUnit(w, scope);
        const path = `/api/committee-report?unitId=${f.unit.id}&from=2026-01-01&to=2026-06-30&format=xlsx`;
        fixtures.set(path, f);
        return { path };
      },
      expect: reads,
      denied,
      ok: 200,
      shape: { keys: [] },
      // the file is XLSX, not JSON: fetch it again as the actor and read its sheets
      check: async (_body, r, w, actor) => {
        const f = fixtures.get(r.path)!;
        const agent = await w.t.login(w.actorUsername(actor));
        const res = await agent
          .get(r.path)
          .buffer(true)
          .parse((stream, cb) => {
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
            stream.on('end', () => cb(null, Buffer.concat(chunks)));
          });
        if (res.status !== 200) throw new Error(`second download ${res.status}`);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.body as ArrayBuffer);
        const values = (name: string) =>
          JSON.stringify(wb.getWorksheet(name)?.getSheetValues() ?? null);
        if (!values('Sammanfattning').includes(f.unit.name)) throw new Error('not the unit');
        const top = values('Största risker');
        if (!top.includes(f.riskTitle)) throw new Error('the unit’s risk is missing');
        if (!values('Försenade åtgärder').includes('Rotera inspektörer'))
          throw new Error('the overdue action is missing');
        // one risk row under the header, and no title of any other cell's unit
        const rows = (wb.getWorksheet('Största risker')!.getSheetValues() as unknown[]).filter(
          Boolean,
        );
        if (rows.length !== 2) throw new Error(`${rows.length - 1} top risks, expected 1`);
      },
    },
  ];
}
