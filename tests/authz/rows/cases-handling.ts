import { randomUUID } from 'node:crypto';
import { deadlineColumns } from '../../../backend/src/cases/case-timers';
import { CaseEntity } from '../../../backend/src/cases/entities/case.entity';
import {
  createTestCase,
  identityOf,
  type TestCaseInput,
} from '../../../backend/src/cases/testing-factory';
import { FileStore } from '../../../backend/src/core/files/file-store';
import { CaseVault } from '../../../backend/src/cases/case-vault';
import { pdf } from '../../../backend/src/testing/file-fixtures';
import {
  type Actor,
  asObject,
  hiddenFrom,
  inScope,
  items,
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
 * The handler's case routes. Only handläggare read and work on cases, and only in their scope
 * (department A) — never a case routed away from them (it is as if it did not exist: 404 and
 * absent from every list). Administrators, auditors, managers and controllers get 403 from the
 * policy, also the administrator+chef. Fixtures per cell: in the own scope a case ASSIGNED to the
 * actor (for the single-case routes) or an unassigned marker beside an assigned case and a case
 * ROUTED AWAY from the actor (for the lists); in the other scope a case of department B.
 */
const HANDLERS: Actor[] = ['handlaggare'];

const SUMMARY_KEYS = [
  'id',
  'reference',
  'track',
  'category',
  'status',
  'confidentiality',
  'unitId',
  'unitName',
  'receivedAt',
  'acknowledgementDueAt',
  'feedbackDueAt',
  'nextDueOn',
  'deadlineState',
  'severityBand',
  'assigneeId',
  'assigneeName',
];
const CASE_SUMMARY: Shape = { keys: SUMMARY_KEYS };
const TIMER: Shape = {
  keys: ['state', 'dueOn'],
  optional: ['daysLeft', 'daysOverdue', 'endedOn', 'late', 'reason'],
};
const CASE_DETAIL: Shape = {
  keys: [
    ...SUMMARY_KEYS,
    'irregularityKind',
    'description',
    'intake',
    'welfare',
    'supplierId',
    'severity',
    'acknowledgedAt',
    'ackEndKind',
    'ackWaiverReason',
    'feedbackGivenAt',
    'feedbackEndKind',
    'feedbackWaiverReason',
    'ackWaiverMotivation',
    'feedbackWaiverMotivation',
    'timers',
    'closedAt',
    'closingCode',
    'summary',
    'legalHold',
    'legalHoldReason',
    'purgeDueOn',
    'purgedAt',
    'reporter',
    'identityState',
    'messages',
    'notes',
    'actions',
    'attachments',
    'allowedStatuses',
    'version',
  ],
  nested: {
    intake: {
      keys: [],
      optional: [
        'occurredOn',
        'exposedFunction',
        'situation',
        'perceivedPurpose',
        'influencerType',
        'repeated',
        'relatedReference',
        'wantsContact',
        'acuteDanger',
      ],
    },
    welfare: {
      keys: [],
      optional: [
        'contractOrSupplier',
        'supplierId',
        'periodFrom',
        'periodTo',
        'amountSek',
        'noticedHow',
      ],
    },
    severity: {
      keys: ['likelihood', 'consequence', 'score', 'band', 'matrixVersion', 'explanation'],
    },
    timers: {
      keys: ['acknowledgement', 'feedback'],
      nested: { acknowledgement: TIMER, feedback: TIMER },
    },
    reporter: { keys: ['displayName', 'username', 'email', 'unitName'] },
    messages: { keys: ['id', 'from', 'authorName', 'body', 'createdAt'] },
    notes: { keys: ['id', 'authorName', 'body', 'createdAt'] },
    actions: {
      keys: ['id', 'type', 'occurredOn', 'reference', 'note', 'createdByName', 'createdAt'],
    },
    attachments: { keys: ['id', 'name', 'mediaType', 'size', 'createdAt'] },
  },
};
const ATTACHMENT: Shape = { keys: ['id', 'name', 'mediaType', 'size', 'createdAt'] };
const DEADLINE: Shape = { keys: ['id', 'reference', 'kind', 'dueOn', 'state', 'assigneeName'] };

/** Cases routed away from the actor, made beside a list's marker: must never be listed. */
const routedBeside = new Map<string, { routed: string; assigned: string | null }>();

/** A case in the cell's unit: assigned to the actor in the own scope (a handler's own work). */
async function caseFor(
  w: World,
  scope: Scope,
  actor: Actor,
  extra: Partial<TestCaseInput> = {},
): Promise<string> {
  const c = await createTestCase(w.t.app, {
    unitId: w.unit(scope).id,
    assigneeId: scope === 'own' && actor === 'handlaggare' ? w.actorId(actor) : null,
    ...extra,
  });
  return c.id;
}

/** A case routed away from the actor, in the own scope. */
async function routedAwayFrom(
  w: World,
  actor: Actor,
  unitId: string,
  extra: Partial<TestCaseInput> = {},
): Promise<string> {
  return (await createTestCase(w.t.app, { unitId, routedAwayFrom: w.actorId(actor), ...extra })).id;
}

/** A fresh unit under the cell's department, so a list filtered by it holds this cell's cases. */
async function freshUnit(w: World, scope: Scope): Promise<string> {
  return (await w.t.unit(w.unique('Ärendeenhet'), w.dept(scope))).id;
}

async function caseVisible(w: World, actor: Actor, row: Json): Promise<boolean> {
  if (!HANDLERS.includes(actor)) return false;
  const [c] = await sql<{ unitId: string; routedAwayFrom: string | null }>(
    w,
    'SELECT "unitId", "routedAwayFrom" FROM cases WHERE id = $1',
    [str(row['id'])],
  );
  return !!c && c.routedAwayFrom !== w.actorId(actor) && (await w.inSubtree(c.unitId, w.a));
}

/** The actor gets 404 for a case routed away from them (checked beside every allowed answer). */
async function routedAwayIsHidden(w: World, actor: Actor, path: (id: string) => string) {
  const id = await routedAwayFrom(w, actor, w.a1.id);
  const agent = await w.t.login(w.actorUsername(actor));
  const res = await agent.get(path(id));
  if (res.status !== 404 || asObject(res.body)['code'] !== 'not_found')
    throw new Error(`a case routed away from ${actor} answered ${res.status}`);
}

/** A visselblåsning case whose acknowledgement was sent (so feedback may follow). */
async function acknowledged(w: World, id: string): Promise<void> {
  const repo = w.t.dataSource.getRepository(CaseEntity);
  const c = await repo.findOneByOrFail({ id });
  const patch = { ackEndedAt: w.t.clock.now(), ackEndKind: 'sent' as const, ackWaiverReason: null };
  await repo.update(
    { id },
    { ...patch, ...deadlineColumns({ ...c, ...patch }), status: 'bekraftad' },
  );
}

/** Rows for a write route: allowed for the handler in scope, 404 outside it, 403 for others. */
function writeRow(
  route: string,
  prepare: (w: World, scope: Scope, actor: Actor) => Promise<{ path: string; body?: Json }>,
  check?: MatrixRow['check'],
): MatrixRow {
  return {
    route,
    prepare,
    expect: inScope(...HANDLERS),
    denied: hiddenFrom(...HANDLERS),
    ok: 200,
    shape: CASE_DETAIL,
    check: async (body, r, w, actor) => {
      sameRow(body, r);
      await check?.(body, r, w, actor);
      await routedAwayIsHidden(w, actor, (id) => `/api/cases/${id}`);
    },
  };
}

export function casesHandlingRows(): MatrixRow[] {
  return [
    {
      route: 'GET /api/cases',
      prepare: async (w, scope, actor) => {
        const unitId = await freshUnit(w, scope);
        const marker = (await createTestCase(w.t.app, { unitId })).id;
        const routed = await routedAwayFrom(w, actor, unitId);
        const assigned =
          actor === 'handlaggare'
            ? (await createTestCase(w.t.app, { unitId, assigneeId: w.actorId(actor) })).id
            : null;
        routedBeside.set(marker, { routed, assigned });
        return { path: `/api/cases?unitId=${unitId}&limit=100`, marker };
      },
      expect: only(...HANDLERS),
      ok: 200,
      shape: { keys: ['items', 'nextCursor'], nested: { items: CASE_SUMMARY } },
      list: {
        rows: items,
        visible: caseVisible,
        markerVisible: (actor, scope) => HANDLERS.includes(actor) && scope === 'own',
      },
      check: (body, r) => {
        const beside = routedBeside.get(r.marker!)!;
        const got = items(body).map((x) => str(x['id']));
        if (got.includes(beside.routed))
          throw new Error('a case routed away from the actor is listed');
        const expected = got.length ? [r.marker!, beside.assigned].filter(Boolean).sort() : [];
        if (JSON.stringify([...got].sort()) !== JSON.stringify(expected))
          throw new Error(`listed ${got.join(',')}, expected ${expected.join(',')}`);
        if (JSON.stringify(body).includes('Hotfullt samtal'))
          throw new Error('the inbox carries case content');
      },
    },
    {
      route: 'GET /api/cases/deadlines',
      prepare: async (w, scope, actor) => {
        const unitId = await freshUnit(w, scope);
        const overdue = {
          track: 'visselblasning' as const,
          receivedAt: new Date('2026-01-05T09:00:00Z'),
        };
        const marker = (await createTestCase(w.t.app, { unitId, ...overdue })).id;
        const routed = await routedAwayFrom(w, actor, unitId, overdue);
        routedBeside.set(marker, { routed, assigned: null });
        return { path: '/api/cases/deadlines', marker };
      },
      expect: only(...HANDLERS),
      ok: 200,
      shape: { keys: ['items'], nested: { items: DEADLINE } },
      list: {
        rows: items,
        visible: caseVisible,
        markerVisible: (actor, scope) => HANDLERS.includes(actor) && scope === 'own',
      },
      check: (body, r) => {
        const got = items(body).map((x) => str(x['id']));
        if (got.includes(routedBeside.get(r.marker!)!.routed))
          throw new Error('a case routed away from the actor is on the deadline board');
      },
    },
    {
      route: 'GET /api/cases/:id',
      prepare: async (w, scope, actor) => {
        const reporter = await w.t.user(w.unique('rapp'), w.b1);
        // the assigned case of the own scope is confidential: its reporter must not be named
        return {
          path: `/api/cases/${await caseFor(w, scope, actor, {
            confidentiality: 'confidential',
            reporter: identityOf(reporter),
          })}`,
        };
      },
      expect: inScope(...HANDLERS),
      denied: hiddenFrom(...HANDLERS),
      ok: 200,
      shape: CASE_DETAIL,
      check: async (body, r, w, actor) => {
        sameRow(body, r);
        const b = asObject(body);
        if (b['reporter'] !== null || b['identityState'] !== 'hidden')
          throw new Error('a confidential reporter is named in the case view');
        if (b['assigneeId'] !== w.actorId(actor)) throw new Error('not the assigned case');
        const views = await sql<{ n: number | string }>(
          w,
          `SELECT COUNT(1) AS n FROM audit_log WHERE action = 'case.viewed' AND "objectId" = $1`,
          [str(b['id'])],
        );
        if (Number(views[0].n) < 1) throw new Error('the view was not audited');
        await routedAwayIsHidden(w, actor, (id) => `/api/cases/${id}`);
      },
    },
    writeRow('PATCH /api/cases/:id', async (w, scope, actor) => ({
      path: `/api/cases/${await caseFor(w, scope, actor)}`,
      body: { version: 1, status: 'bekraftad' },
    })),
    writeRow('POST /api/cases/:id/messages', async (w, scope, actor) => ({
      path: `/api/cases/${await caseFor(w, scope, actor)}/messages`,
      body: { body: 'Kan du beskriva händelsen närmare?' },
    })),
    writeRow('POST /api/cases/:id/notes', async (w, scope, actor) => ({
      path: `/api/cases/${await caseFor(w, scope, actor)}/notes`,
      body: { body: 'Intern anteckning.' },
    })),
    writeRow('POST /api/cases/:id/acknowledge', async (w, scope, actor) => ({
      path: `/api/cases/${await caseFor(w, scope, actor, { track: 'visselblasning' })}/acknowledge`,
      body: { mode: 'sent' },
    })),
    writeRow('POST /api/cases/:id/feedback', async (w, scope, actor) => {
      const id = await caseFor(w, scope, actor, { track: 'visselblasning' });
      await acknowledged(w, id);
      return {
        path: `/api/cases/${id}/feedback`,
        body: { mode: 'sent', body: 'Vi har utrett och vidtagit åtgärder.' },
      };
    }),
    writeRow('POST /api/cases/:id/actions', async (w, scope, actor) => ({
      path: `/api/cases/${await caseFor(w, scope, actor)}/actions`,
      body: { type: 'polisanmalan', occurredOn: '2026-03-01', reference: '5000-K1-26' },
    })),
    writeRow('POST /api/cases/:id/close', async (w, scope, actor) => ({
      path: `/api/cases/${await caseFor(w, scope, actor)}/close`,
      body: { closingCode: 'ej_befogat', summary: 'Ingen grund för vidare åtgärd.' },
    })),
    writeRow('POST /api/cases/:id/legal-hold', async (w, scope, actor) => ({
      path: `/api/cases/${await caseFor(w, scope, actor)}/legal-hold`,
      body: { hold: true, reason: 'Begärt av åklagare.' },
    })),
    {
      // the matrix sends JSON: an allowed upload without a file is refused after authorization
      route: 'POST /api/cases/:id/attachments',
      prepare: async (w, scope, actor) => ({
        path: `/api/cases/${await caseFor(w, scope, actor)}/attachments`,
        body: {},
      }),
      expect: inScope(...HANDLERS),
      denied: hiddenFrom(...HANDLERS),
      ok: 201,
      shape: ATTACHMENT,
      expectRejectedInput: { status: 400, code: 'bad_request' },
    },
    {
      route: 'GET /api/cases/:id/attachments/:fileId',
      prepare: async (w, scope, actor) => {
        const id = await caseFor(w, scope, actor);
        const row = await w.t.dataSource.getRepository(CaseEntity).findOneByOrFail({ id });
        const key = w.t.app.get(CaseVault).keyOf(row)!;
        const info = await w.t.app.get(FileStore).put(pdf('Bilaga'), {
          declaredName: 'bilaga.pdf',
          allowedTypes: ['pdf'],
          ownerType: 'case',
          ownerId: id,
          dataKey: key,
          createdBy: randomUUID(),
        });
        return { path: `/api/cases/${id}/attachments/${info.id}` };
      },
      expect: inScope(...HANDLERS),
      denied: hiddenFrom(...HANDLERS),
      ok: 200,
      // the answer is the decrypted file, which supertest hands over as a Buffer (its "keys" are
      // byte indices); the check compares it with what was stored, byte for byte
      shape: { keys: [], optional: Array.from({ length: 64 * 1024 }, (_, i) => String(i)) },
      check: async (body, r, w) => {
        if (!Buffer.isBuffer(body) || !body.equals(pdf('Bilaga')))
          throw new Error('the download is not the stored file');
        const id = r.path.split('/')[3];
        const views = await sql<{ n: number | string }>(
          w,
          `SELECT COUNT(1) AS n FROM audit_log WHERE action = 'case.viewed' AND "objectId" = $1`,
          [id],
        );
        if (Number(views[0].n) !== 1) throw new Error('the download was not audited once');
      },
    },
  ];
}
