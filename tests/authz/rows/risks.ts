import { randomUUID } from 'node:crypto';
import { RiskActionEntity } from '../../../backend/src/risks/entities/risk-action.entity';
import { RiskAssessmentEntity } from '../../../backend/src/risks/entities/risk-assessment.entity';
import { RiskEntity } from '../../../backend/src/risks/entities/risk.entity';
import {
  type Actor,
  asObject,
  type Expectation,
  items,
  type Json,
  MIXED,
  type MatrixRow,
  type Scope,
  sameRow,
  type Shape,
  sql,
  str,
  type World,
} from '../matrix';

/**
 * Risks belong to a unit. Controllers create, read and update in their scope (department A);
 * chef and internrevisor read theirs and a chef accepts residual risks there; the mixed actor
 * (administrator of A, chef of B) reads and accepts B's only. Everybody else sees only the risks
 * and actions they own — the fixtures here are owned by a bystander, so for them every row is
 * hidden (the routes themselves are open to them: 404 on rows, empty lists).
 */
const readers = (): Actor[] => ['avtalscontroller', 'chef', 'internrevisor', MIXED];
const readsIn = (actor: Actor, scope: Scope): boolean =>
  actor === MIXED ? scope === 'other' : readers().includes(actor) && scope === 'own';
const reads = (actor: Actor, scope: Scope): Expectation =>
  readsIn(actor, scope) ? 'allow' : 'deny';
const writes = (actor: Actor, scope: Scope): Expectation =>
  actor === 'avtalscontroller' && scope === 'own' ? 'allow' : 'deny';
/** Routes open to every signed-in user (the owner rules): unreadable rows 404, readable 403. */
const ownerRouteDenied = (actor: Actor, scope: Scope): 403 | 404 =>
  readsIn(actor, scope) ? 403 : 404;

const SCORE: Shape = { keys: ['likelihood', 'consequence', 'score', 'band', 'explanation'] };
const SUMMARY_KEYS = [
  'id',
  'title',
  'subjectKind',
  'contractId',
  'contractTitle',
  'supplierId',
  'supplierName',
  'processCode',
  'unitId',
  'unitName',
  'category',
  'ownerId',
  'ownerName',
  'assessmentSeq',
  'assessedAt',
  'matrixVersion',
  'inherent',
  'residual',
  'treatment',
  'nextReviewDate',
  'reviewOverdue',
  'acceptanceState',
  'acceptanceExpiresOn',
];
const SUMMARY: Shape = { keys: SUMMARY_KEYS, nested: { inherent: SCORE, residual: SCORE } };
const ACTION: Shape = {
  keys: [
    'id',
    'riskId',
    'title',
    'ownerId',
    'ownerName',
    'dueDate',
    'status',
    'overdue',
    'canUpdate',
  ],
};
const DETAIL: Shape = {
  keys: [
    ...SUMMARY_KEYS,
    'description',
    'existingControls',
    'actions',
    'acceptance',
    'canUpdate',
    'canAccept',
    'canAddActions',
    'findings',
    'matrix',
  ],
  nested: {
    inherent: SCORE,
    residual: SCORE,
    actions: ACTION,
    findings: { keys: ['id', 'auditId', 'severity', 'status'] },
    acceptance: {
      keys: [
        'id',
        'state',
        'staleReasons',
        'acceptedOn',
        'expiresOn',
        'acceptedBy',
        'acceptedByName',
        'motivation',
        'residual',
      ],
      nested: { residual: SCORE },
    },
    matrix: {
      keys: [
        'version',
        'createdAt',
        'likelihood',
        'consequence',
        'bands',
        'cells',
        'maxConsequenceFloor',
      ],
      nested: {
        likelihood: { keys: ['level', 'label', 'description'] },
        consequence: { keys: ['level', 'label', 'description'] },
        bands: {
          keys: ['band', 'label', 'colour', 'colourName', 'guidance', 'reviewIntervalDays'],
        },
        cells: { keys: ['likelihood', 'consequence', 'score', 'band'] },
      },
    },
  },
};
const HISTORY: Shape = {
  keys: [
    'seq',
    'validFrom',
    'matrixVersion',
    'inherent',
    'existingControls',
    'residual',
    'treatment',
    'nextReviewDate',
    'assessedBy',
    'assessedByName',
  ],
  nested: { inherent: SCORE, residual: SCORE },
};

/** A process risk of the scope's unit, owned by a bystander, assessed 4 × 5 / 3 × 4 (matrix v1). */
async function freshRisk(w: World, scope: Scope, prefix = 'Risk'): Promise<RiskEntity> {
  const owner = await w.t.user(w.unique('riskagare'), w.unit(scope));
  const now = new Date();
  const risk: RiskEntity = {
    id: randomUUID(),
    subjectKind: 'process',
    contractId: null,
    supplierId: null,
    processCode: 'attest',
    unitId: w.unit(scope).id,
    category: 'muta_handel_med_inflytande',
    title: w.unique(prefix),
    description: 'Samma person beställer och attesterar.',
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
    inherentLikelihood: 4,
    inherentConsequence: 5,
    inherentScore: 20,
    inherentBand: 'mycket_hog',
    inherentExplanation: '4 × 5 = 20 → Mycket hög',
    existingControls: null,
    residualLikelihood: 3,
    residualConsequence: 4,
    residualScore: 12,
    residualBand: 'hog',
    residualExplanation: '3 × 4 = 12 → Hög',
    treatment: 'begransa',
    nextReviewDate: '2030-01-01',
    assessedBy: w.actorId('avtalscontroller'),
  });
  await w.t.dataSource.getRepository(RiskEntity).insert(risk);
  await w.t.dataSource.getRepository(RiskAssessmentEntity).insert(assessment);
  return risk;
}

async function freshAction(w: World, risk: RiskEntity): Promise<RiskActionEntity> {
  const now = new Date();
  const a: RiskActionEntity = {
    id: randomUUID(),
    riskId: risk.id,
    title: 'Dela upp beställning och attest',
    ownerId: risk.ownerId,
    dueDate: '2030-01-01',
    status: 'planerad',
    reminderStep: null,
    createdAt: now,
    updatedAt: now,
  };
  await w.t.dataSource.getRepository(RiskActionEntity).insert(a);
  return a;
}

async function rowVisible(w: World, actor: Actor, row: Json): Promise<boolean> {
  const unitId = str(row['unitId']);
  if (actor === MIXED) return w.inSubtree(unitId, w.b);
  return readers().includes(actor) && w.inSubtree(unitId, w.a);
}

export function riskRows(): MatrixRow[] {
  return [
    {
      route: 'GET /api/risks',
      prepare: async (w, scope) => {
        const r = await freshRisk(w, scope);
        return { path: `/api/risks?unitId=${w.unit(scope).id}&limit=100`, marker: r.id };
      },
      expect: () => 'allow',
      ok: 200,
      shape: { keys: ['items', 'total', 'asOf'], nested: { items: SUMMARY } },
      list: { rows: items, visible: rowVisible, markerVisible: readsIn },
      check: (body) => {
        if (asObject(body)['total'] !== items(body).length)
          throw new Error(`total ${str(asObject(body)['total'])} counts rows the list hides`);
      },
    },
    {
      route: 'GET /api/risks/people',
      prepare: async (w, scope) => {
        const u = await w.t.user(w.unique('kandidat'), w.unit(scope));
        return { path: `/api/risks/people?q=${encodeURIComponent(u.displayName)}`, marker: u.id };
      },
      expect: (actor) => (actor === 'avtalscontroller' ? 'allow' : 'deny'),
      ok: 200,
      shape: { keys: ['id', 'displayName', 'unitName'] },
      check: async (body, r, w) => {
        const offered = (body as Json[]).some((p) => p['id'] === r.marker);
        const [u] = await sql<{ unitId: string }>(w, 'SELECT "unitId" FROM users WHERE id = $1', [
          r.marker,
        ]);
        // only people of the controller's scope (department A) are offered
        if (offered !== (await w.inSubtree(u.unitId, w.a)))
          throw new Error(`a person outside the scope offered, or one inside missing`);
      },
    },
    {
      route: 'GET /api/risks/my-actions',
      // the actor's own action on a bystander's risk: listed for everyone, openable by readers
      prepare: async (w, scope, actor) => {
        const a = await freshAction(w, await freshRisk(w, scope));
        await w.t.dataSource
          .getRepository(RiskActionEntity)
          .update({ id: a.id }, { ownerId: w.actorId(actor) });
        return { path: '/api/risks/my-actions', marker: a.id };
      },
      expect: () => 'allow',
      ok: 200,
      shape: { keys: [...ACTION.keys, 'riskTitle', 'canReadRisk'] },
      list: {
        rows: (body) => body as Json[],
        visible: (w, actor, row) => row['ownerId'] === w.actorId(actor),
        markerVisible: () => true,
      },
      check: async (body, r, w, actor) => {
        const row = (body as Json[]).find((x) => x['id'] === r.marker);
        if (!row || row['canUpdate'] !== true) throw new Error('own action missing or locked');
        // the risk itself opens only for those who read risks where it lies
        const [risk] = await sql<{ unitId: string }>(
          w,
          'SELECT r."unitId" FROM risks r JOIN risk_actions ra ON ra."riskId" = r.id WHERE ra.id = $1',
          [r.marker],
        );
        const scope: Scope = (await w.inSubtree(risk.unitId, w.a)) ? 'own' : 'other';
        if (row['canReadRisk'] !== readsIn(actor, scope))
          throw new Error(`canReadRisk ${str(row['canReadRisk'])} for ${actor} in ${scope}`);
      },
    },
    {
      route: 'GET /api/risks/:id',
      prepare: async (w, scope) => ({ path: `/api/risks/${(await freshRisk(w, scope)).id}` }),
      expect: reads,
      denied: () => 404,
      ok: 200,
      shape: DETAIL,
      check: (body, r, _w, actor) => {
        sameRow(body, r);
        const b = asObject(body);
        if (b['canUpdate'] !== (actor === 'avtalscontroller'))
          throw new Error(`canUpdate ${str(b['canUpdate'])} for ${actor}`);
        if (b['canAccept'] !== (actor === 'chef' || actor === MIXED))
          throw new Error(`canAccept ${str(b['canAccept'])} for ${actor}`);
      },
    },
    {
      route: 'GET /api/risks/:id/history',
      prepare: async (w, scope) => ({
        path: `/api/risks/${(await freshRisk(w, scope)).id}/history`,
      }),
      expect: reads,
      denied: () => 404,
      ok: 200,
      shape: HISTORY,
      check: (body) => {
        const h = body as Array<{ seq: number }>;
        if (h.length !== 1 || h[0].seq !== 1) throw new Error('not the one assessment');
      },
    },
    {
      route: 'POST /api/risks',
      prepare: (w, scope) => ({
        path: '/api/risks',
        body: {
          subjectKind: 'process',
          processCode: 'upphandling',
          unitId: w.unit(scope).id,
          category: 'jav_vanskapskorruption',
          title: w.unique('Ny risk'),
          description: 'Jäv vid utvärdering av anbud.',
          ownerId: w.actorId('avtalscontroller'),
          inherentLikelihood: 3,
          inherentConsequence: 4,
          residualLikelihood: 2,
          residualConsequence: 4,
        },
      }),
      expect: writes,
      ok: 201,
      shape: DETAIL,
      check: (body, r) => {
        const b = asObject(body) as { unitId: string; residual: { band: string } };
        if (b.unitId !== r.body?.['unitId'] || b.residual.band !== 'medel')
          throw new Error('wrong risk');
      },
    },
    {
      route: 'PATCH /api/risks/:id',
      prepare: async (w, scope) => ({
        path: `/api/risks/${(await freshRisk(w, scope)).id}`,
        body: { baseSeq: 1, residualLikelihood: 2, residualConsequence: 2 },
      }),
      expect: writes,
      denied: ownerRouteDenied,
      ok: 200,
      shape: DETAIL,
      check: (body, r) => {
        sameRow(body, r);
        const b = asObject(body) as { assessmentSeq: number; residual: { band: string } };
        if (b.assessmentSeq !== 2 || b.residual.band !== 'lag') throw new Error('not reassessed');
      },
    },
    {
      route: 'POST /api/risks/:id/acceptance',
      prepare: async (w, scope) => ({
        path: `/api/risks/${(await freshRisk(w, scope)).id}/acceptance`,
        body: { motivation: 'Godtas till nästa översyn.', expiresOn: '2099-12-31' },
      }),
      expect: (actor, scope) =>
        (actor === 'chef' && scope === 'own') || (actor === MIXED && scope === 'other')
          ? 'allow'
          : 'deny',
      // the policy lets chefs through; a chef's unreadable row is hidden
      denied: (actor, scope) =>
        actor === 'chef' || actor === MIXED ? (readsIn(actor, scope) ? 403 : 404) : 403,
      ok: 201,
      shape: DETAIL,
      check: (body, r) => {
        sameRow(body, r);
        const b = asObject(body);
        if (b['acceptanceState'] !== 'valid') throw new Error('not accepted');
      },
    },
    {
      route: 'POST /api/risks/:id/actions',
      prepare: async (w, scope) => ({
        path: `/api/risks/${(await freshRisk(w, scope)).id}/actions`,
        body: {
          title: 'Inför dualitet vid attest',
          ownerId: w.actorId('avtalscontroller'),
          dueDate: '2030-06-30',
        },
      }),
      expect: writes,
      denied: ownerRouteDenied,
      ok: 201,
      shape: ACTION,
    },
    {
      route: 'PATCH /api/risks/:id/actions/:actionId',
      prepare: async (w, scope) => {
        const risk = await freshRisk(w, scope);
        const a = await freshAction(w, risk);
        return { path: `/api/risks/${risk.id}/actions/${a.id}`, body: { status: 'pagaende' } };
      },
      expect: writes,
      denied: ownerRouteDenied,
      ok: 200,
      shape: ACTION,
      check: (body) => {
        if (asObject(body)['status'] !== 'pagaende') throw new Error('not changed');
      },
    },
    {
      route: 'GET /api/heatmaps/risks',
      prepare: async (w, scope) => {
        await freshRisk(w, scope);
        return { path: `/api/heatmaps/risks?unitId=${w.unit(scope).id}` };
      },
      expect: () => 'allow',
      ok: 200,
      shape: {
        keys: [
          'kind',
          'asOf',
          'matrixVersion',
          'likelihoodLevels',
          'consequenceLevels',
          'cells',
          'notAssessed',
          'outsideMatrix',
          'total',
        ],
        nested: { cells: { keys: ['likelihood', 'consequence', 'score', 'band', 'count'] } },
      },
      // the cell's unit holds exactly the fixture risks of earlier cells plus this one: whoever
      // cannot read the unit's risks counts nothing there
      check: async (body, r, w, actor) => {
        const b = body as { total: number; cells: Array<{ count: number }> };
        const unitId = new URL(r.path, 'http://x').searchParams.get('unitId')!;
        const scope: Scope = (await w.inSubtree(unitId, w.a)) ? 'own' : 'other';
        const sum = b.cells.reduce((s, c) => s + c.count, 0);
        if (readsIn(actor, scope) ? sum < 1 : b.total !== 0)
          throw new Error(`heatmap counts ${b.total} risks for ${actor} in ${scope}`);
      },
    },
  ];
}
