import { randomUUID } from 'node:crypto';
import { SEALED } from '../../../backend/src/cases/case-content';
import { CaseVault } from '../../../backend/src/cases/case-vault';
import { CasesRepository } from '../../../backend/src/cases/cases.repository';
import {
  IdentityRequestEntity,
  type IdentityRequestStatus,
} from '../../../backend/src/cases/entities/identity-request.entity';
import { createTestCase } from '../../../backend/src/cases/testing-factory';
import {
  type Actor,
  asObject,
  hiddenFrom,
  inScope,
  type Json,
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
 * Identity custody and the redacted export. Handläggare ask for a confidential reporter's identity
 * on the cases of their scope and see their own requests; identity custodians (identitetsansvarig)
 * list, read (with the identity) and decide the requests of their scope; nobody else — the
 * administrator, internrevisor, chef and avtalscontroller are barred from identities whatever else
 * they hold (403).
 *
 * Scopes: for most routes own = department A's unit, other = department B's. For
 * `GET /api/cases/:id/identity` both cells are a confidential case IN the actor's scope, and the
 * scope is the identity's: own = the actor's request on it was APPROVED, other = it was not
 * (refused) — so the handler reads the identity in the first cell and gets 403 in the second.
 */
const REPORTER = {
  displayName: 'Rut Rapportör',
  email: 'rut.rapportor@kommun.se',
  unitName: 'Enhet A1',
};

const REQUEST_KEYS = [
  'id',
  'caseId',
  'caseReference',
  'unitName',
  'requestedBy',
  'requestedByName',
  'motivation',
  'status',
  'createdAt',
  'decidedByName',
  'decidedAt',
  'decisionMotivation',
];
const REPORTER_IDENTITY: Shape = { keys: ['displayName', 'username', 'email', 'unitName'] };
const REQUEST: Shape = { keys: REQUEST_KEYS };
const PDF_BYTES = Array.from({ length: 256 * 1024 }, (_, i) => String(i));
const REQUEST_DETAIL: Shape = {
  keys: [...REQUEST_KEYS, 'track', 'category', 'identity'],
  nested: { identity: REPORTER_IDENTITY },
};

/** A confidential case in the cell's unit (sealed like intake does), optionally routed away. */
async function confidentialCase(w: World, scope: Scope, routedAwayFrom: string | null = null) {
  const username = w.unique('rut').toLowerCase();
  return createTestCase(w.t.app, {
    unitId: w.unit(scope).id,
    confidentiality: 'confidential',
    reporter: { userId: randomUUID(), username, ...REPORTER },
    description: 'Erbjuden en gåva av en part i ett ärende.',
    routedAwayFrom,
  });
}

/** A handler of the cell's department who is not the actor. */
async function freshHandler(w: World, scope: Scope): Promise<string> {
  return (await w.t.user(w.unique('hand'), w.unit(scope), [['handlaggare', w.dept(scope)]])).id;
}

/** An identity request with a sealed motivation, as the service writes it. */
async function request(
  w: World,
  caseId: string,
  requestedBy: string,
  status: IdentityRequestStatus = 'pending',
): Promise<string> {
  const app = w.t.app;
  const c = (await app.get(CasesRepository).findById(caseId))!;
  const vault = app.get(CaseVault);
  const key = vault.keyOf(c)!;
  const id = randomUUID();
  const now = w.t.clock.now();
  await w.t.db.transaction(() =>
    w.t.db.repo(IdentityRequestEntity).insert({
      id,
      caseId,
      requestedBy,
      motivationSealed: vault.seal(
        key,
        caseId,
        SEALED.identityMotivation(id),
        'Behöver nå rapportören.',
      ),
      status,
      decidedBy: status === 'pending' ? null : randomUUID(),
      decidedAt: status === 'pending' ? null : now,
      decisionSealed:
        status === 'pending'
          ? null
          : vault.seal(key, caseId, SEALED.identityDecision(id), 'Beslut med motivering.'),
      createdAt: now,
    }),
  );
  return id;
}

/** The request of a cell: the actor's own when the actor is a handläggare, else another handler's. */
async function cellRequest(w: World, scope: Scope, actor: Actor): Promise<string> {
  const c = await confidentialCase(w, scope);
  const by = actor === 'handlaggare' ? w.actorId(actor) : await freshHandler(w, scope);
  return request(w, c.id, by);
}

async function requestUnit(w: World, id: string): Promise<{ unitId: string; requestedBy: string }> {
  const [row] = await sql<{ unitId: string; requestedBy: string }>(
    w,
    'SELECT c."unitId" AS "unitId", r."requestedBy" AS "requestedBy" FROM identity_requests r JOIN cases c ON c.id = r."caseId" WHERE r.id = $1',
    [id],
  );
  return row;
}

export function casesIdentityRows(): MatrixRow[] {
  return [
    {
      // own: a confidential case of department A; other: of department B (hidden: 404)
      route: 'POST /api/cases/:id/identity-requests',
      prepare: async (w, scope) => ({
        path: `/api/cases/${(await confidentialCase(w, scope)).id}/identity-requests`,
        body: { motivation: 'Behöver kontakta rapportören om skyddsåtgärder.' },
      }),
      expect: inScope('handlaggare'),
      ok: 201,
      denied: hiddenFrom('handlaggare'),
      shape: { keys: ['id', 'status'] },
      check: (body) => {
        if (asObject(body)['status'] !== 'pending') throw new Error('not pending');
      },
    },
    {
      // the identity's scope: own = the actor's request on the case was approved; other = refused.
      // Both cases lie in the actor's department: only the approval differs.
      route: 'GET /api/cases/:id/identity',
      prepare: async (w, scope, actor) => {
        const c = await confidentialCase(w, 'own');
        await request(w, c.id, w.actorId(actor), scope === 'own' ? 'approved' : 'refused');
        return { path: `/api/cases/${c.id}/identity` };
      },
      expect: inScope('handlaggare'),
      ok: 200,
      shape: REPORTER_IDENTITY,
      check: (body) => {
        if (asObject(body)['displayName'] !== REPORTER.displayName)
          throw new Error('not the reporter of the case');
      },
    },
    {
      // the marker is a request of the cell (the actor's own for a handläggare); the custodian
      // lists their scope's requests, the handläggare only their own within their scope
      route: 'GET /api/identity-requests',
      prepare: async (w, scope, actor) => {
        const id = await cellRequest(w, scope, actor);
        const [{ caseId }] = await sql<{ caseId: string }>(
          w,
          'SELECT "caseId" FROM identity_requests WHERE id = $1',
          [id],
        );
        return { path: `/api/identity-requests?caseId=${caseId}`, marker: id };
      },
      expect: only('handlaggare', 'identitetsansvarig'),
      ok: 200,
      shape: REQUEST,
      list: {
        rows: (body) => body as Json[],
        visible: async (w, actor, row) => {
          const r = await requestUnit(w, str(row['id']));
          if (!(await w.inSubtree(r.unitId, w.a))) return false;
          if (actor === 'identitetsansvarig') return true;
          return actor === 'handlaggare' && r.requestedBy === w.actorId(actor);
        },
        markerVisible: (_actor, scope) => scope === 'own',
      },
    },
    {
      route: 'GET /api/identity-requests/:id',
      prepare: async (w, scope, actor) => ({
        path: `/api/identity-requests/${await cellRequest(w, scope, actor)}`,
      }),
      expect: inScope('handlaggare', 'identitetsansvarig'),
      ok: 200,
      denied: hiddenFrom('handlaggare', 'identitetsansvarig'),
      shape: REQUEST_DETAIL,
      check: (body, r, _w, actor) => {
        sameRow(body, r);
        const identity = asObject(body)['identity'] as Json | null;
        if (actor === 'identitetsansvarig' && identity?.['displayName'] !== REPORTER.displayName)
          throw new Error('the custodian must get the identity');
        if (actor !== 'identitetsansvarig' && identity !== null)
          throw new Error('only the custodian gets the identity');
      },
    },
    {
      route: 'POST /api/identity-requests/:id/decision',
      prepare: async (w, scope) => {
        const c = await confidentialCase(w, scope);
        return {
          path: `/api/identity-requests/${await request(w, c.id, await freshHandler(w, scope))}/decision`,
          body: { decision: 'approved', motivation: 'Godkänns för skyddsåtgärden.' },
        };
      },
      expect: inScope('identitetsansvarig'),
      ok: 200,
      denied: hiddenFrom('identitetsansvarig'),
      shape: REQUEST,
      check: (body, r) => {
        sameRow(body, r);
        if (asObject(body)['status'] !== 'approved') throw new Error('not approved');
      },
    },
    {
      // a PDF download: the matrix checks who gets it (the PDF itself is tested in the int spec)
      route: 'POST /api/cases/:id/redacted-export',
      prepare: async (w, scope) => ({
        path: `/api/cases/${(await confidentialCase(w, scope)).id}/redacted-export`,
        body: { masks: ['gåva'] },
      }),
      expect: inScope('handlaggare'),
      ok: 200,
      denied: hiddenFrom('handlaggare'),
      // supertest hands the PDF over as a Buffer (its "keys" are byte indices)
      shape: { keys: [], optional: PDF_BYTES },
      check: async (body, r, w, actor) => {
        if (!Buffer.isBuffer(body) || body.subarray(0, 5).toString('latin1') !== '%PDF-')
          throw new Error('not a PDF');
        const exported = await sql<{ actorId: string }>(
          w,
          `SELECT "actorId" FROM audit_log WHERE action = 'case.exported' AND "objectId" = $1`,
          [r.path.split('/')[3]],
        );
        if (exported.length !== 1 || exported[0].actorId !== w.actorId(actor))
          throw new Error('the export is not audit-logged once, as the actor');
      },
    },
  ];
}
