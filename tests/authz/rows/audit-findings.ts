import { randomUUID } from 'node:crypto';
import { DEFAULT_CHECKLIST_TEMPLATE } from '../../../backend/src/audits/domain/checklist-template';
import { AuditAnswerEntity } from '../../../backend/src/audits/entities/audit-answer.entity';
import { AuditAnswerFileEntity } from '../../../backend/src/audits/entities/audit-answer-file.entity';
import { AuditFindingEntity } from '../../../backend/src/audits/entities/audit-finding.entity';
import { ContractAuditEntity } from '../../../backend/src/audits/entities/contract-audit.entity';
import { CorrectiveActionEntity } from '../../../backend/src/audits/entities/corrective-action.entity';
import { newContract } from '../../../backend/src/contracts/contract-rules';
import { generateOrganisationNumber } from '../../../backend/src/contracts/domain/organisation-number';
import { ContractEntity } from '../../../backend/src/contracts/entities/contract.entity';
import { FileStore } from '../../../backend/src/core/files/file-store';
import { SupplierEntity } from '../../../backend/src/suppliers/entities/supplier.entity';
import { newSupplier } from '../../../backend/src/suppliers/new-supplier';
import { png } from '../../../backend/src/testing/file-fixtures';
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
 * Findings, corrective actions, evidence, the report and the contract follow-up summary (issue 8).
 * Findings and actions belong to the audit's (the contract's) unit: controllers write in their
 * scope (department A), chef and internrevisor read theirs, the mixed actor (chef of B) reads B's.
 * An action's owner reads and updates their own action — the routes for actions and for listing
 * findings are open to everyone for that reason (unreadable rows 404, lists filtered).
 */
// functions, not constants: `matrix.ts` imports this module before its own exports (MIXED) exist
const readers = (): Actor[] => ['avtalscontroller', 'chef', 'internrevisor', MIXED];
const readsIn = (actor: Actor, scope: Scope): boolean =>
  actor === MIXED ? scope === 'other' : readers().includes(actor) && scope === 'own';
const reads = (actor: Actor, scope: Scope): Expectation =>
  readsIn(actor, scope) ? 'allow' : 'deny';
const writes = (actor: Actor, scope: Scope): Expectation =>
  actor === 'avtalscontroller' && scope === 'own' ? 'allow' : 'deny';
/** Controller-only routes: out of scope the audit is hidden (404), everyone else 403. */
const controllerRoute = (actor: Actor, scope: Scope): 403 | 404 =>
  actor === 'avtalscontroller' && scope === 'other' ? 404 : 403;
/** Reader routes (policy: ContractAudit read): readers who cannot read the row get 404. */
const readerRoute = (actor: Actor, scope: Scope): 403 | 404 =>
  readers().includes(actor) && !readsIn(actor, scope) ? 404 : 403;
/** Routes open to everyone: a row they cannot read 404, a readable one they may not change 403. */
const openRoute = (actor: Actor, scope: Scope): 403 | 404 => (readsIn(actor, scope) ? 403 : 404);

const PERSON: Shape = { keys: ['id', 'name'] };
const ACTION_KEYS = [
  'id',
  'findingId',
  'title',
  'ownerId',
  'ownerName',
  'dueDate',
  'status',
  'supplierResponse',
  'decision',
  'decisionBy',
  'decidedOn',
  'verifiedAt',
  'verifiedBy',
  'overdue',
  'version',
  'canUpdate',
  'canManage',
];
const ACTION: Shape = { keys: ACTION_KEYS, nested: { verifiedBy: PERSON } };
const FINDING: Shape = {
  keys: [
    'id',
    'auditId',
    'auditStatus',
    'contractId',
    'contractTitle',
    'supplierName',
    'unitId',
    'itemId',
    'itemNumber',
    'itemText',
    'severity',
    'description',
    'evidence',
    'status',
    'createdAt',
    'createdBy',
    'closedAt',
    'riskId',
    'actions',
    'closeBlockers',
    'version',
    'permissions',
  ],
  nested: {
    createdBy: PERSON,
    actions: ACTION,
    closeBlockers: { keys: ['code'], optional: ['actionIds'] },
    permissions: { keys: ['canAddAction', 'canVerify', 'canLinkRisk'] },
  },
};
const AUDIT_SUMMARY: Shape = {
  keys: [
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
  ],
  nested: { checklist: { keys: ['id', 'title', 'version'] }, startedBy: PERSON },
};
const PDF_BYTES = Array.from({ length: 256 * 1024 }, (_, i) => String(i));
const FILE_BYTES = Array.from({ length: 64 * 1024 }, (_, i) => String(i));

async function templateId(w: World): Promise<string> {
  const [row] = await sql<{ id: string }>(
    w,
    'SELECT id FROM checklist_templates WHERE "key" = $1 AND version = 1',
    [DEFAULT_CHECKLIST_TEMPLATE.key],
  );
  return row.id;
}

/** An ongoing audit of a fresh class B contract of the scope's unit, D15 answered avvikelse. */
async function freshAudit(w: World, scope: Scope): Promise<ContractAuditEntity> {
  const now = new Date();
  const s = newSupplier(
    {
      name: w.unique('Avvikelselev'),
      organisationNumber: generateOrganisationNumber(Math.random),
      createdBy: w.actorId('avtalscontroller'),
    },
    now,
  );
  await w.t.dataSource.getRepository(SupplierEntity).insert(s);
  const { contract } = newContract(
    {
      title: w.unique('Uppföljt avtal'),
      diarienummer: w.unique('DNR-av'),
      supplierId: s.id,
      sector: 'stad',
      annualValue: 500_000,
      startDate: '2025-01-01',
      endDate: '2030-12-31',
      unitId: w.unit(scope).id,
      followUpClass: 'B',
      maxSubcontractorTiers: 1,
      createdBy: w.actorId('avtalscontroller'),
    },
    [],
    now,
  );
  await w.t.dataSource.getRepository(ContractEntity).insert(contract);
  const audit: ContractAuditEntity = {
    id: randomUUID(),
    contractId: contract.id,
    templateId: await templateId(w),
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
  await w.t.dataSource.getRepository(AuditAnswerEntity).insert(
    DEFAULT_CHECKLIST_TEMPLATE.sections
      .flatMap((x) => x.items)
      .map((i) => ({
        id: randomUUID(),
        auditId: audit.id,
        itemId: i.id,
        answer: i.id === 'D15' ? 'avvikelse' : null,
        note: '',
        checkedOn: null,
        version: i.id === 'D15' ? 1 : 0,
        updatedAt: now,
        updatedBy: i.id === 'D15' ? w.actorId('avtalscontroller') : null,
      })),
  );
  return audit;
}

async function freshFinding(w: World, scope: Scope): Promise<AuditFindingEntity> {
  const audit = await freshAudit(w, scope);
  const now = new Date();
  const f: AuditFindingEntity = {
    id: randomUUID(),
    auditId: audit.id,
    itemId: 'D15',
    severity: 'vasentlig',
    description: 'Personal utan ID06 på arbetsplatsen.',
    evidence: 'Foto.',
    status: 'oppen',
    riskId: null,
    createdAt: now,
    createdBy: w.actorId('avtalscontroller'),
    closedAt: null,
    updatedAt: now,
    version: 1,
  };
  await w.t.dataSource.getRepository(AuditFindingEntity).insert(f);
  return f;
}

/** An action on a fresh finding of the scope, owned by `ownerId` (default: a bystander). */
async function freshAction(
  w: World,
  scope: Scope,
  opts: { ownerId?: string; status?: string } = {},
): Promise<CorrectiveActionEntity> {
  const f = await freshFinding(w, scope);
  const ownerId = opts.ownerId ?? (await w.t.user(w.unique('agare'), w.unit(scope))).id;
  const now = new Date();
  const a: CorrectiveActionEntity = {
    id: randomUUID(),
    findingId: f.id,
    title: 'Daglig ID06-kontroll',
    ownerId,
    dueDate: '2030-01-01',
    status: opts.status ?? 'oppen',
    supplierResponse: null,
    decision: null,
    decisionBy: null,
    decidedOn: null,
    verifiedAt: null,
    verifiedBy: null,
    createdAt: now,
    createdBy: w.actorId('avtalscontroller'),
    updatedAt: now,
    version: 1,
  };
  await w.t.dataSource.getRepository(CorrectiveActionEntity).insert(a);
  return a;
}

async function rowVisible(w: World, actor: Actor, row: Json): Promise<boolean> {
  const unitId = str(row['unitId']);
  if (actor === MIXED) return w.inSubtree(unitId, w.b);
  return readers().includes(actor) && w.inSubtree(unitId, w.a);
}

export function auditFindingRows(): MatrixRow[] {
  return [
    {
      route: 'POST /api/audits/:id/findings',
      prepare: async (w, scope) => ({
        path: `/api/audits/${(await freshAudit(w, scope)).id}/findings`,
        body: { itemId: 'D15', severity: 'mindre', description: 'Saknat ID06.' },
      }),
      expect: writes,
      denied: controllerRoute,
      ok: 201,
      shape: FINDING,
      check: (body, r) => {
        const b = asObject(body);
        if (b['auditId'] !== r.path.split('/')[3] || b['status'] !== 'oppen')
          throw new Error('not the new finding');
      },
    },
    {
      route: 'GET /api/findings',
      prepare: async (w, scope) => {
        const f = await freshFinding(w, scope);
        return { path: `/api/findings?auditId=${f.auditId}`, marker: f.id };
      },
      expect: () => 'allow',
      ok: 200,
      shape: { keys: ['items', 'nextCursor'], nested: { items: FINDING } },
      list: { rows: items, visible: rowVisible, markerVisible: readsIn },
    },
    {
      route: 'GET /api/findings/:id',
      prepare: async (w, scope) => ({ path: `/api/findings/${(await freshFinding(w, scope)).id}` }),
      expect: reads,
      denied: () => 404,
      ok: 200,
      shape: FINDING,
      check: (body, r, _w, actor) => {
        sameRow(body, r);
        const p = asObject(body)['permissions'] as Json;
        if (p['canVerify'] !== (actor === 'avtalscontroller'))
          throw new Error(`canVerify ${str(p['canVerify'])} for ${actor}`);
      },
    },
    {
      route: 'POST /api/findings/:id/actions',
      prepare: async (w, scope) => ({
        path: `/api/findings/${(await freshFinding(w, scope)).id}/actions`,
        body: {
          title: 'Inför kontroll vid arbetsstart',
          ownerId: w.actorId('medarbetare'),
          dueDate: '2030-06-30',
          decision: 'varning',
          decisionBy: 'Avdelningschef',
        },
      }),
      expect: writes,
      denied: controllerRoute,
      ok: 201,
      shape: ACTION,
      check: (body) => {
        const b = asObject(body);
        if (b['decision'] !== 'varning' || b['decisionBy'] !== 'Avdelningschef')
          throw new Error('decision not stored');
      },
    },
    {
      route: 'POST /api/findings/:id/verify',
      prepare: async (w, scope) => {
        const a = await freshAction(w, scope, { status: 'atgardad' });
        return { path: `/api/findings/${a.findingId}/verify`, body: { actionId: a.id } };
      },
      expect: writes,
      denied: controllerRoute,
      ok: 200,
      shape: FINDING,
      check: (body) => {
        const b = asObject(body) as { status: string; actions: Array<{ status: string }> };
        if (b.status !== 'stangd' || b.actions[0]?.status !== 'verifierad')
          throw new Error('not verified and closed');
      },
    },
    {
      route: 'POST /api/findings/:id/risk',
      prepare: async (w, scope) => ({
        path: `/api/findings/${(await freshFinding(w, scope)).id}/risk`,
        body: { likelihood: 3, consequence: 4 },
      }),
      expect: writes,
      denied: controllerRoute,
      ok: 201,
      shape: { keys: ['riskId', 'created', 'assessmentSeq'] },
      check: async (body, r, w) => {
        const [f] = await sql<{ riskId: string | null }>(
          w,
          'SELECT "riskId" FROM audit_findings WHERE id = $1',
          [r.path.split('/')[3]],
        );
        if (!f.riskId || f.riskId !== asObject(body)['riskId']) throw new Error('not linked');
      },
    },
    {
      route: 'GET /api/corrective-actions/mine',
      // the actor's own action on a finding of the scope: listed for everyone
      prepare: async (w, scope, actor) => {
        const a = await freshAction(w, scope, { ownerId: w.actorId(actor) });
        return { path: '/api/corrective-actions/mine', marker: a.id };
      },
      expect: () => 'allow',
      ok: 200,
      shape: {
        keys: ['items'],
        nested: {
          items: {
            keys: [
              ...ACTION_KEYS,
              'contractTitle',
              'supplierName',
              'itemText',
              'severity',
              'findingDescription',
              'canReadFinding',
            ],
            nested: { verifiedBy: PERSON },
          },
        },
      },
      list: {
        rows: items,
        visible: (w, actor, row) => row['ownerId'] === w.actorId(actor),
        markerVisible: () => true,
      },
      check: (body, r, _w, actor) => {
        const row = items(body).find((x) => x['id'] === r.marker);
        if (!row || row['canUpdate'] !== true) throw new Error('own action missing or locked');
        if (row['canManage'] !== (actor === 'avtalscontroller' && row['canReadFinding'] === true))
          throw new Error(`canManage ${str(row['canManage'])} for ${actor}`);
      },
    },
    {
      route: 'PATCH /api/corrective-actions/:id',
      prepare: async (w, scope) => ({
        path: `/api/corrective-actions/${(await freshAction(w, scope)).id}`,
        body: { status: 'atgardad', supplierResponse: 'Åtgärdat enligt plan.', version: 1 },
      }),
      expect: writes,
      denied: openRoute,
      ok: 200,
      shape: ACTION,
      check: (body) => {
        const b = asObject(body);
        if (b['status'] !== 'atgardad' || b['version'] !== 2) throw new Error('not updated');
      },
    },
    {
      route: 'GET /api/contracts/:id/follow-up',
      prepare: async (w, scope) => {
        const f = await freshFinding(w, scope);
        const [a] = await sql<{ contractId: string }>(
          w,
          'SELECT "contractId" FROM contract_audits WHERE id = $1',
          [f.auditId],
        );
        return { path: `/api/contracts/${a.contractId}/follow-up`, marker: f.id };
      },
      expect: reads,
      denied: readerRoute,
      ok: 200,
      shape: {
        keys: ['lastAudit', 'nextDue', 'openFindings', 'ongoingAudit'],
        nested: {
          lastAudit: AUDIT_SUMMARY,
          ongoingAudit: AUDIT_SUMMARY,
          nextDue: { keys: ['dueDate', 'reason', 'status'] },
          openFindings: FINDING,
        },
      },
      check: (body, r) => {
        const b = asObject(body) as { openFindings: Json[]; ongoingAudit: Json | null };
        if (!b.openFindings.some((f) => f['id'] === r.marker) || !b.ongoingAudit)
          throw new Error('the open finding or the ongoing audit is missing');
      },
    },
    {
      // the matrix sends JSON: an allowed upload without a file is refused after authorization
      route: 'POST /api/audits/:id/answers/:itemId/attachments',
      prepare: async (w, scope) => ({
        path: `/api/audits/${(await freshAudit(w, scope)).id}/answers/D15/attachments`,
        body: {},
      }),
      expect: writes,
      denied: controllerRoute,
      ok: 201,
      shape: { keys: ['id', 'fileName', 'contentType', 'size', 'createdAt'] },
      expectRejectedInput: { status: 400, code: 'bad_request' },
    },
    {
      route: 'GET /api/audits/:id/attachments/:fileId',
      prepare: async (w, scope) => {
        const audit = await freshAudit(w, scope);
        const info = await w.t.app.get(FileStore).put(png(), {
          declaredName: 'foto.png',
          allowedTypes: ['png'],
          ownerType: 'audit',
          ownerId: audit.id,
          createdBy: w.actorId('avtalscontroller'),
        });
        await w.t.dataSource.getRepository(AuditAnswerFileEntity).insert({
          fileId: info.id,
          auditId: audit.id,
          itemId: 'D15',
          createdAt: new Date(),
          createdBy: w.actorId('avtalscontroller'),
        });
        return { path: `/api/audits/${audit.id}/attachments/${info.id}` };
      },
      expect: reads,
      denied: readerRoute,
      ok: 200,
      // supertest hands the file over as a Buffer (its "keys" are byte indices)
      shape: { keys: [], optional: FILE_BYTES },
      check: (body) => {
        if (!Buffer.isBuffer(body) || !body.equals(png()))
          throw new Error('the download is not the stored file');
      },
    },
    {
      route: 'POST /api/audits/:id/influence-reports',
      prepare: async (w, scope) => ({
        path: `/api/audits/${(await freshAudit(w, scope)).id}/influence-reports`,
        body: { itemId: 'H28' },
      }),
      expect: writes,
      denied: controllerRoute,
      ok: 201,
      shape: { keys: ['itemId', 'recordedAt'] },
    },
    {
      // a PDF download: the matrix checks who gets it (the PDF itself is tested in the int spec)
      route: 'GET /api/audits/:id/report.pdf',
      prepare: async (w, scope) => ({
        path: `/api/audits/${(await freshFinding(w, scope)).auditId}/report.pdf`,
      }),
      expect: reads,
      denied: readerRoute,
      ok: 200,
      shape: { keys: [], optional: PDF_BYTES },
      check: (body) => {
        if (!Buffer.isBuffer(body) || body.subarray(0, 5).toString('latin1') !== '%PDF-')
          throw new Error('not a PDF');
      },
    },
  ];
}
