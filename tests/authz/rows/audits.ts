import { randomUUID } from 'node:crypto';
import { AuditAnswerEntity } from '../../../backend/src/audits/entities/audit-answer.entity';
import { ContractAuditEntity } from '../../../backend/src/audits/entities/contract-audit.entity';
import { DEFAULT_CHECKLIST_TEMPLATE } from '../../../backend/src/audits/domain/checklist-template';
import { newContract } from '../../../backend/src/contracts/contract-rules';
import { ContractEntity } from '../../../backend/src/contracts/entities/contract.entity';
import { generateOrganisationNumber } from '../../../backend/src/contracts/domain/organisation-number';
import { SupplierEntity } from '../../../backend/src/suppliers/entities/supplier.entity';
import { newSupplier } from '../../../backend/src/suppliers/new-supplier';
import {
  type Actor,
  asObject,
  type Expectation,
  items,
  type Json,
  MIXED,
  type MatrixRow,
  only,
  type Scope,
  sameRow,
  type Shape,
  sql,
  str,
  type World,
} from '../matrix';

/**
 * Contract follow-up (issue 8). Checklist templates are shared: controllers and administrators
 * (the mixed actor is administrator of A) write them, chefs and auditors read them. Audits belong
 * to their contract's unit: controllers audit in their scope (department A), chef and
 * internrevisor read theirs, the mixed actor (chef of B) reads B's; sign-off is the controller's
 * and a chef's over the unit. Everybody else has no audit routes.
 */
// functions, not constants: `matrix.ts` imports this module before its own exports (MIXED) exist
const readers = (): Actor[] => ['avtalscontroller', 'chef', 'internrevisor', MIXED];
const templateReaders = (): Actor[] => [
  'avtalscontroller',
  'administrator',
  'chef',
  'internrevisor',
  MIXED,
];
const templateWriters = (): Actor[] => ['avtalscontroller', 'administrator', MIXED];
const signers = (): Actor[] => ['avtalscontroller', 'chef', MIXED];

const readsIn = (actor: Actor, scope: Scope): boolean =>
  actor === MIXED ? scope === 'other' : readers().includes(actor) && scope === 'own';
const reads = (actor: Actor, scope: Scope): Expectation =>
  readsIn(actor, scope) ? 'allow' : 'deny';
/** Route users get 404 for an audit they cannot read; everybody else 403 from the policy. */
const hidden = (routeUsers: Actor[]) => (actor: Actor, scope: Scope) =>
  routeUsers.includes(actor) && !readsIn(actor, scope) ? 404 : 403;

const PERSON: Shape = { keys: ['id', 'name'] };
const CHECKLIST_SUMMARY: Shape = {
  keys: [
    'id',
    'key',
    'version',
    'title',
    'status',
    'itemCount',
    'createdAt',
    'createdBy',
    'current',
  ],
  nested: { createdBy: PERSON },
};
const CHECKLIST_DETAIL: Shape = {
  keys: [...CHECKLIST_SUMMARY.keys, 'sections'],
  nested: {
    createdBy: PERSON,
    sections: {
      keys: ['code', 'title', 'items'],
      nested: { items: { keys: ['id', 'number', 'text', 'guidance', 'evidence'] } },
    },
  },
};
const PLAN_ITEM: Shape = {
  keys: [
    'contractId',
    'contractTitle',
    'diarienummer',
    'supplierName',
    'unitId',
    'unitName',
    'followUpClass',
    'dueDate',
    'reason',
    'from',
    'status',
    'lastAuditOn',
    'openAuditId',
    'residualBand',
  ],
};
const AUDIT_SUMMARY_KEYS = [
  'id',
  'contractId',
  'contractTitle',
  'diarienummer',
  'supplierName',
  'unitId',
  'unitName',
  'followUpClass',
  'checklist',
  'kind',
  'status',
  'startedAt',
  'startedBy',
  'answered',
  'total',
  'deviations',
  'openFindings',
  'completedOn',
];
const AUDIT_SUMMARY: Shape = {
  keys: AUDIT_SUMMARY_KEYS,
  nested: { checklist: { keys: ['id', 'title', 'version'] }, startedBy: PERSON },
};
const ANSWER: Shape = {
  keys: [
    'itemId',
    'answer',
    'note',
    'checkedOn',
    'version',
    'updatedAt',
    'updatedBy',
    'attachments',
  ],
  nested: {
    updatedBy: PERSON,
    attachments: { keys: ['id', 'fileName', 'contentType', 'size'] },
  },
};
const AUDIT_DETAIL: Shape = {
  keys: [
    ...AUDIT_SUMMARY_KEYS,
    'version',
    'answers',
    'signOffs',
    'requiredSignOffs',
    'completeness',
    'deviationsWithoutFinding',
    'influenceReports',
    'permissions',
  ],
  nested: {
    checklist: CHECKLIST_DETAIL,
    startedBy: PERSON,
    answers: ANSWER,
    signOffs: { keys: ['role', 'userId', 'name', 'signedAt'] },
    completeness: { keys: ['complete', 'total', 'answered', 'missing'] },
    influenceReports: { keys: ['itemId', 'recordedAt'] },
    permissions: { keys: ['canAnswer', 'canSignOff', 'canCreateFinding'] },
  },
};

const SECTION = DEFAULT_CHECKLIST_TEMPLATE.sections[7];

async function defaultTemplateId(w: World): Promise<string> {
  const [row] = await sql<{ id: string }>(
    w,
    'SELECT id FROM checklist_templates WHERE "key" = $1 AND version = 1',
    [DEFAULT_CHECKLIST_TEMPLATE.key],
  );
  return row.id;
}

/** A running class A or B contract of the scope's unit, due for audit since 2026-01-01. */
async function freshContract(
  w: World,
  scope: Scope,
  followUpClass: 'A' | 'B' = 'B',
): Promise<ContractEntity> {
  const s = newSupplier(
    {
      name: w.unique('Granskningslev'),
      organisationNumber: generateOrganisationNumber(Math.random),
      createdBy: w.actorId('avtalscontroller'),
    },
    new Date(),
  );
  await w.t.dataSource.getRepository(SupplierEntity).insert(s);
  const { contract } = newContract(
    {
      title: w.unique('Granskat avtal'),
      diarienummer: w.unique('DNR-gr'),
      supplierId: s.id,
      sector: 'stad',
      annualValue: 500_000,
      startDate: followUpClass === 'A' ? '2025-09-01' : '2025-01-01',
      endDate: '2030-12-31',
      unitId: w.unit(scope).id,
      followUpClass,
      maxSubcontractorTiers: 1,
      createdBy: w.actorId('avtalscontroller'),
    },
    [],
    new Date(),
  );
  await w.t.dataSource.getRepository(ContractEntity).insert(contract);
  return contract;
}

/** An audit of a fresh contract with the default checklist; `complete`: every item answered. */
async function freshAudit(
  w: World,
  scope: Scope,
  opts: { followUpClass?: 'A' | 'B'; complete?: boolean } = {},
): Promise<ContractAuditEntity> {
  const contract = await freshContract(w, scope, opts.followUpClass);
  const now = new Date();
  const audit: ContractAuditEntity = {
    id: randomUUID(),
    contractId: contract.id,
    templateId: await defaultTemplateId(w),
    kind: 'planerad',
    status: 'pagaende',
    startedAt: now,
    startedBy: w.actorId('avtalscontroller'),
    completedOn: null,
    signedAt: null,
    version: 0,
    updatedAt: now,
  };
  await w.t.dataSource.getRepository(ContractAuditEntity).insert(audit);
  const answers: AuditAnswerEntity[] = DEFAULT_CHECKLIST_TEMPLATE.sections
    .flatMap((s) => s.items)
    .map((i) => ({
      id: randomUUID(),
      auditId: audit.id,
      itemId: i.id,
      answer: opts.complete ? 'uppfyllt' : null,
      note: '',
      checkedOn: null,
      version: opts.complete ? 1 : 0,
      updatedAt: now,
      updatedBy: opts.complete ? w.actorId('avtalscontroller') : null,
    }));
  await w.t.dataSource.getRepository(AuditAnswerEntity).insert(answers);
  return audit;
}

async function rowVisible(w: World, actor: Actor, row: Json): Promise<boolean> {
  const unitId = str(row['unitId']);
  if (actor === MIXED) return w.inSubtree(unitId, w.b);
  return readers().includes(actor) && w.inSubtree(unitId, w.a);
}

export function auditRows(): MatrixRow[] {
  return [
    {
      route: 'GET /api/checklists',
      prepare: () => ({ path: '/api/checklists' }),
      expect: only(...templateReaders()),
      ok: 200,
      shape: { keys: ['items'], nested: { items: CHECKLIST_SUMMARY } },
      check: (body) => {
        const d = items(body).find((i) => i['key'] === DEFAULT_CHECKLIST_TEMPLATE.key);
        if (!d || d['itemCount'] !== 28) throw new Error('the default checklist is missing');
      },
    },
    {
      route: 'GET /api/checklists/:id',
      prepare: async (w) => ({ path: `/api/checklists/${await defaultTemplateId(w)}` }),
      expect: only(...templateReaders()),
      ok: 200,
      shape: CHECKLIST_DETAIL,
      check: (body, r) => {
        sameRow(body, r);
        const b = body as { sections: Array<{ items: unknown[] }> };
        if (b.sections.flatMap((s) => s.items).length !== 28) throw new Error('not 28 items');
      },
    },
    {
      route: 'POST /api/checklists',
      prepare: (w) => ({
        path: '/api/checklists',
        body: { title: w.unique('Egen checklista'), sections: [SECTION] },
      }),
      expect: only(...templateWriters()),
      ok: 201,
      shape: CHECKLIST_DETAIL,
      check: (body, r, w, actor) => {
        const b = asObject(body) as { title: string; version: number; createdBy: { id: string } };
        if (b.title !== r.body?.['title'] || b.version !== 1 || b.createdBy.id !== w.actorId(actor))
          throw new Error('not the new template');
      },
    },
    {
      route: 'GET /api/audit-plan',
      prepare: async (w, scope) => {
        const c = await freshContract(w, scope);
        return { path: '/api/audit-plan?from=2026-01-01&to=2028-12-31', marker: c.id };
      },
      expect: only(...readers()),
      ok: 200,
      shape: { keys: ['items', 'today', 'from', 'to'], nested: { items: PLAN_ITEM } },
      list: {
        rows: (body) => items(body).map((i) => ({ ...i, id: i['contractId'] })),
        visible: rowVisible,
        markerVisible: readsIn,
      },
      check: (body, r) => {
        const row = items(body).find((i) => i['contractId'] === r.marker);
        if (row && (row['dueDate'] !== '2026-01-01' || row['reason'] !== 'risk_not_assessed'))
          throw new Error(`wrong due date ${str(row['dueDate'])} / ${str(row['reason'])}`);
      },
    },
    {
      route: 'GET /api/audits',
      prepare: async (w, scope) => {
        const a = await freshAudit(w, scope);
        return { path: '/api/audits?limit=100', marker: a.id };
      },
      expect: only(...readers()),
      ok: 200,
      shape: { keys: ['items', 'nextCursor'], nested: { items: AUDIT_SUMMARY } },
      list: { rows: items, visible: rowVisible, markerVisible: readsIn },
    },
    {
      route: 'POST /api/audits',
      prepare: async (w, scope) => ({
        path: '/api/audits',
        body: {
          contractId: (await freshContract(w, scope)).id,
          checklistId: await defaultTemplateId(w),
        },
      }),
      expect: (actor, scope) =>
        actor === 'avtalscontroller' && scope === 'own' ? 'allow' : 'deny',
      denied: hidden(['avtalscontroller']),
      ok: 201,
      shape: AUDIT_DETAIL,
      check: (body, r) => {
        const b = body as { contractId: string; answers: unknown[]; status: string };
        if (b.contractId !== r.body?.['contractId'] || b.answers.length !== 28)
          throw new Error('not the new audit');
        if (b.status !== 'pagaende') throw new Error(`status ${b.status}`);
      },
    },
    {
      route: 'GET /api/audits/:id',
      prepare: async (w, scope) => ({ path: `/api/audits/${(await freshAudit(w, scope)).id}` }),
      expect: reads,
      denied: hidden(readers()),
      ok: 200,
      shape: AUDIT_DETAIL,
      check: (body, r, _w, actor) => {
        sameRow(body, r);
        const p = asObject(body)['permissions'] as Json;
        if (p['canAnswer'] !== (actor === 'avtalscontroller'))
          throw new Error(`canAnswer ${str(p['canAnswer'])} for ${actor}`);
        if (p['canSignOff'] !== false) throw new Error('an incomplete audit offers sign-off');
      },
    },
    {
      route: 'PUT /api/audits/:id/answers/:itemId',
      prepare: async (w, scope) => ({
        path: `/api/audits/${(await freshAudit(w, scope)).id}/answers/A1`,
        body: { answer: 'uppfyllt', note: 'Registreringsbevis 2026-02-27', version: 0 },
      }),
      expect: (actor, scope) =>
        actor === 'avtalscontroller' && scope === 'own' ? 'allow' : 'deny',
      denied: hidden(['avtalscontroller']),
      ok: 200,
      shape: ANSWER,
      check: async (body, r, w) => {
        const b = asObject(body);
        if (b['itemId'] !== 'A1' || b['answer'] !== 'uppfyllt' || b['version'] !== 1)
          throw new Error('not saved');
        const [row] = await sql<{ answer: string }>(
          w,
          'SELECT answer FROM audit_answers WHERE "auditId" = $1 AND "itemId" = $2',
          [r.path.split('/')[3], 'A1'],
        );
        if (row.answer !== 'uppfyllt') throw new Error('not stored');
      },
    },
    {
      route: 'POST /api/audits/:id/sign-off',
      // a complete class A audit: the controller or a chef over the unit may sign (first of two)
      prepare: async (w, scope) => ({
        path: `/api/audits/${(await freshAudit(w, scope, { followUpClass: 'A', complete: true })).id}/sign-off`,
        body: {},
      }),
      expect: (actor, scope) =>
        (actor === MIXED ? scope === 'other' : signers().includes(actor) && scope === 'own')
          ? 'allow'
          : 'deny',
      denied: (actor, scope) => (signers().includes(actor) && !readsIn(actor, scope) ? 404 : 403),
      ok: 200,
      shape: AUDIT_DETAIL,
      check: (body, r, w, actor) => {
        sameRow(body, r);
        const b = body as { status: string; signOffs: Array<{ role: string; userId: string }> };
        const role = actor === 'avtalscontroller' ? 'avtalscontroller' : 'chef';
        if (
          b.status !== 'klar' ||
          b.signOffs.length !== 1 ||
          b.signOffs[0].role !== role ||
          b.signOffs[0].userId !== w.actorId(actor)
        )
          throw new Error(`not signed as ${role}: ${JSON.stringify(b.signOffs)}`);
      },
    },
  ];
}
