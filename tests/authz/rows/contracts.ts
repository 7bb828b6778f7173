import { newContract } from '../../../backend/src/contracts/contract-rules';
import { ContractSubcontractorEntity } from '../../../backend/src/contracts/entities/contract-subcontractor.entity';
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
  str,
  type World,
} from '../matrix';

/**
 * Contracts belong to a responsible unit. Controllers create, read and update in their scope
 * (department A); chef and internrevisor read theirs; the mixed actor (administrator of A, chef
 * of B) reads B's only; everybody else — administrators included — has no contract routes.
 */
// functions, not constants: `matrix.ts` imports this module before its own exports (MIXED) exist
const readers = (): Actor[] => ['avtalscontroller', 'chef', 'internrevisor', MIXED];
const WRITERS: Actor[] = ['avtalscontroller'];

/** Whether the actor reads contracts of this scope (the mixed actor: B, the "other" scope). */
const readsIn = (actor: Actor, scope: Scope): boolean =>
  actor === MIXED ? scope === 'other' : readers().includes(actor) && scope === 'own';
const reads = (actor: Actor, scope: Scope): Expectation =>
  readsIn(actor, scope) ? 'allow' : 'deny';
/** Route users get 404 for a row they cannot read; everybody else 403 from the policy. */
const hidden = (routeUsers: Actor[]) => (actor: Actor, scope: Scope) =>
  routeUsers.includes(actor) && !readsIn(actor, scope) ? 404 : 403;

const SUMMARY: Shape = {
  keys: [
    'id',
    'title',
    'diarienummer',
    'supplierId',
    'supplierName',
    'supplierOrganisationNumber',
    'sector',
    'annualValue',
    'startDate',
    'endDate',
    'status',
    'unitId',
    'unitName',
    'followUpClass',
    'followUpIntervalMonths',
    'chainWarningCount',
    'declaredInterest',
    'updatedAt',
  ],
};
const DETAIL: Shape = {
  keys: [
    ...SUMMARY.keys,
    'ownerId',
    'ownerName',
    'followUpsPerYear',
    'maxSubcontractorTiers',
    'notes',
    'subcontractors',
    'chainWarnings',
    'createdAt',
  ],
  nested: {
    subcontractors: { keys: ['id', 'name', 'organisationNumber', 'tier', 'approvalStatus'] },
    chainWarnings: {
      keys: ['code'],
      optional: ['maxTiers', 'deepestTier', 'subcontractorIds', 'missingTiers'],
    },
  },
};

async function freshSupplierId(w: World): Promise<string> {
  const s = newSupplier(
    {
      name: w.unique('Avtalslev'),
      organisationNumber: generateOrganisationNumber(Math.random),
      createdBy: w.actorId('avtalscontroller'),
    },
    new Date(),
  );
  await w.t.dataSource.getRepository(SupplierEntity).insert(s);
  return s.id;
}

/** A contract of the scope's unit, with a chain one tier deeper than it allows. */
async function freshContract(w: World, scope: Scope, prefix = 'Avtal'): Promise<ContractEntity> {
  const { contract, subcontractors } = newContract(
    {
      title: w.unique(prefix),
      diarienummer: w.unique('DNR'),
      supplierId: await freshSupplierId(w),
      sector: 'stad',
      annualValue: 500_000,
      startDate: '2025-01-01',
      endDate: '2030-12-31',
      unitId: w.unit(scope).id,
      followUpClass: 'B',
      maxSubcontractorTiers: 0,
      createdBy: w.actorId('avtalscontroller'),
    },
    [
      {
        name: 'Underlev AB',
        organisationNumber: generateOrganisationNumber(Math.random),
        tier: 1,
        approvalStatus: 'godkand',
      },
    ],
    new Date(),
  );
  await w.t.dataSource.getRepository(ContractEntity).insert(contract);
  await w.t.dataSource.getRepository(ContractSubcontractorEntity).insert(subcontractors);
  return contract;
}

/** Whether the actor may read a contract row of the list (by where its unit lies). */
async function rowVisible(w: World, actor: Actor, row: Json): Promise<boolean> {
  const unitId = str(row['unitId']);
  if (actor === MIXED) return w.inSubtree(unitId, w.b);
  return readers().includes(actor) && w.inSubtree(unitId, w.a);
}

export function contractRows(): MatrixRow[] {
  return [
    {
      route: 'GET /api/contracts',
      prepare: async (w, scope) => {
        const c = await freshContract(w, scope, 'Markoravtal');
        return { path: '/api/contracts?q=markoravtal&limit=100', marker: c.id };
      },
      expect: only(...readers()),
      ok: 200,
      shape: { keys: ['items', 'total', 'nextCursor'], nested: { items: SUMMARY } },
      list: { rows: items, visible: rowVisible, markerVisible: readsIn },
      check: (body) => {
        if (asObject(body)['total'] !== items(body).length)
          throw new Error(
            `total ${str(asObject(body)['total'])} counts rows the list does not show`,
          );
      },
    },
    {
      route: 'GET /api/contracts/:id',
      prepare: async (w, scope) => ({
        path: `/api/contracts/${(await freshContract(w, scope)).id}`,
      }),
      expect: reads,
      denied: hidden(readers()),
      ok: 200,
      shape: DETAIL,
      check: (body, r) => {
        sameRow(body, r);
        const b = body as { chainWarnings: Array<{ code: string }> };
        if (!b.chainWarnings.some((x) => x.code === 'chain_too_deep'))
          throw new Error('the chain deeper than allowed is not warned');
      },
    },
    {
      route: 'POST /api/contracts',
      prepare: async (w, scope) => ({
        path: '/api/contracts',
        body: {
          title: w.unique('Nytt avtal'),
          diarienummer: w.unique('DNR-ny'),
          supplierId: await freshSupplierId(w),
          sector: 'transport',
          annualValue: 100_000,
          startDate: '2026-01-01',
          endDate: '2026-12-31',
          unitId: w.unit(scope).id,
          followUpClass: 'C',
        },
      }),
      expect: (actor, scope) => (WRITERS.includes(actor) && scope === 'own' ? 'allow' : 'deny'),
      ok: 201,
      shape: DETAIL,
      check: (body, r) => {
        const b = asObject(body);
        if (b['diarienummer'] !== r.body?.['diarienummer'] || b['unitId'] !== r.body?.['unitId'])
          throw new Error('wrong contract');
      },
    },
    {
      route: 'PATCH /api/contracts/:id',
      prepare: async (w, scope) => ({
        path: `/api/contracts/${(await freshContract(w, scope)).id}`,
        body: { title: 'Ändrad avtalstitel', maxSubcontractorTiers: 1 },
      }),
      expect: (actor, scope) => (WRITERS.includes(actor) && scope === 'own' ? 'allow' : 'deny'),
      denied: hidden(WRITERS),
      ok: 200,
      shape: DETAIL,
      check: (body, r) => {
        sameRow(body, r);
        const b = asObject(body);
        if (b['title'] !== 'Ändrad avtalstitel' || b['chainWarningCount'] !== 0)
          throw new Error('not changed');
      },
    },
    // the import routes take multipart files (their content is tested in contracts.int-spec.ts);
    // here a request without a file shows who gets past the policy: writers reach the upload
    // check (400), everybody else is refused before it
    {
      route: 'POST /api/imports/contracts',
      prepare: () => ({ path: '/api/imports/contracts?dryRun=true' }),
      expect: only(...WRITERS),
      ok: 200,
      expectRejectedInput: { status: 400, code: 'bad_request' },
    },
    {
      route: 'POST /api/imports/suppliers',
      prepare: () => ({ path: '/api/imports/suppliers?dryRun=true' }),
      expect: only('avtalscontroller'),
      ok: 200,
      expectRejectedInput: { status: 400, code: 'bad_request' },
    },
    {
      route: 'GET /api/exports/contracts',
      prepare: async (w, scope) => {
        const c = await freshContract(w, scope, 'Exportavtal');
        return { path: `/api/exports/contracts?format=csv&q=${c.diarienummer}`, marker: c.id };
      },
      expect: only(...readers()),
      ok: 200,
      shape: { keys: [] },
      // the file is CSV, not JSON: read it again as the actor and look for the marker's row
      check: async (_body, r, w, actor) => {
        const agent = await w.t.login(w.actorUsername(actor));
        const res = await agent.get(r.path).buffer(true);
        const [c] = await w.t.dataSource
          .getRepository(ContractEntity)
          .findBy({ id: String(r.marker) });
        const scope: Scope = (await w.inSubtree(c.unitId, w.a)) ? 'own' : 'other';
        const lines = res.text.split('\r\n').filter(Boolean);
        if (!lines[0].startsWith('\uFEFFTitel;Diarienummer')) throw new Error('not the CSV header');
        if (lines.some((l) => l.includes(c.diarienummer)) !== readsIn(actor, scope))
          throw new Error(`marker in export: expected ${String(readsIn(actor, scope))}`);
      },
    },
    {
      route: 'GET /api/exports/suppliers',
      prepare: () => ({ path: '/api/exports/suppliers?format=csv' }),
      expect: only(...readers()),
      ok: 200,
      shape: { keys: [] },
    },
  ];
}
