import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { ROLES, type Role } from '../../backend/src/core/authz/roles';
import { OrgUnitEntity } from '../../backend/src/org/entities/org-unit.entity';
import { describeEachEngine, TestApp, TestUnit } from '../../backend/src/testing/test-app';
import {
  ACTORS,
  actorsWorld,
  Actor,
  MATRIX,
  MatrixRow,
  Request,
  Scope,
  sql,
  World,
} from '../authz/matrix';

/**
 * The IDOR sweep (issue 10): "for every resource type, another scope's id gives 404 and leaks no
 * field". Driven by backend/openapi.json, so that a new route with a path parameter is swept as
 * soon as it exists: every such operation, as every actor of the authorization matrix (all scoped
 * to department A), is asked about an object of the OTHER scope (department B, or somebody else's
 * own object) and about a random id.
 *
 * The objects come from the authorization matrix: its row for the route is the factory
 * (`prepare(world, 'other', actor)` creates a fresh object in department B and gives a valid
 * request for it). An operation with a path parameter and no matrix row fails this sweep (add the
 * row); only the operations in NOT_AN_OBJECT_ID are exempt, each with its reason.
 *
 * Where the matrix lets the actor reach the other scope by design (the shared supplier register,
 * the administrator who is also chef of B reading B's users), the cell is not an IDOR probe and is
 * skipped (and counted). Every other cell must answer:
 * - 404 `not_found` when the actor cannot read the object at all, or the same 403 `forbidden` a
 *   random id gets (the route is refused to the actor whatever the id) — a 403 that a random id
 *   does not get is an existence oracle; a 403 is accepted as different from the random id's
 *   answer only when the actor can read the object (a GET of it or of a parent answers 200, or
 *   where SHOWN_AT shows it: the documented "403 when this action is not allowed on a readable
 *   row");
 * - as application/problem+json;
 * - with no value of the object in the body or any header: strings of the owner's view (GETs of
 *   the object and its parents by users of department B who can read it) and of its database rows,
 *   except the ids in the URL and strings the random id's answer carries too.
 */

/**
 * Path parameters that name no scoped object, with the reason. Everything else with a path
 * parameter must have a matrix row.
 */
const NOT_AN_OBJECT_ID: Record<string, string> = {
  // versions of the one shared risk matrix and gift guide: global, readable by all their readers
  'GET /api/risk-matrix/versions/{version}': 'a version number of a global definition',
  'GET /api/gift-guide/versions/{version}': 'a version number of a global definition',
};

/**
 * Path parameters that are codes, not object ids (left as they are): a supplier's red-flag code,
 * a checklist item's code within an audit (the audit's id is the object).
 */
const CODE_PARAMS = new Set(['code', 'itemId']);

/**
 * Objects without a GET route of their own, and where a reader sees them instead: the actor can
 * read the object when that GET answers 200 and names its id. Everything else is readable when a
 * GET of its own path or of a parent answers 200.
 */
const SHOWN_AT: Record<string, (w: World, params: Record<string, string>) => Promise<string>> = {
  // the organisation tree is not secret: every signed-in user reads every unit
  '/api/units/{id}': () => Promise.resolve('/api/units'),
  // a corrective action is shown with its finding
  '/api/corrective-actions/{id}': async (w, p) => {
    const [row] = await sql<{ findingId: string }>(
      w,
      'SELECT "findingId" FROM audit_corrective_actions WHERE id = $1',
      [p['id']],
    );
    return `/api/findings/${row?.findingId ?? 'none'}`;
  },
};

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  template: string;
  key: string;
  params: Array<{ name: string; pattern?: string; type?: string }>;
  multipart: boolean;
}

const doc = JSON.parse(readFileSync(join(__dirname, '../../backend/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};

function operationsWithPathIds(): Operation[] {
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths))
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as {
        parameters?: Array<{
          name: string;
          in: string;
          schema?: { pattern?: string; type?: string };
        }>;
        requestBody?: { content?: Record<string, unknown> };
      };
      const params = (op.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => ({ name: p.name, pattern: p.schema?.pattern, type: p.schema?.type }));
      if (!params.length && !template.includes('{')) continue;
      ops.push({
        method: method as Operation['method'],
        template,
        key: `${method.toUpperCase()} ${template}`,
        params,
        multipart: !!op.requestBody?.content?.['multipart/form-data'],
      });
    }
  return ops;
}
const OPERATIONS = operationsWithPathIds();
const GET_TEMPLATES = Object.entries(doc.paths)
  .filter(([, item]) => 'get' in item)
  .map(([p]) => p);

const matrixKey = (op: Operation) => op.key.replace(/\{(\w+)\}/g, ':$1');
const ROW_BY_ROUTE = new Map<string, MatrixRow>(MATRIX.map((r) => [r.route, r]));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The values of the template's parameters in a concrete path (undefined when it does not match). */
function paramsOf(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('?')[0].split('/');
  if (t.length !== p.length) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const m = /^\{(\w+)\}$/.exec(t[i]);
    if (m) out[m[1]] = decodeURIComponent(p[i]);
    else if (t[i] !== p[i]) return undefined;
  }
  return out;
}

/** The same path with every object id replaced by a made-up one of the same form. */
function withRandomIds(op: Operation, path: string): string {
  const [pathPart, query] = path.split('?');
  const t = op.template.split('/');
  const p = pathPart.split('/');
  const out = p.map((seg, i) => {
    const m = /^\{(\w+)\}$/.exec(t[i]);
    if (!m || CODE_PARAMS.has(m[1])) return seg;
    if (UUID.test(seg)) return randomUUID();
    // a slug (guidance): another well-formed slug that nobody wrote
    return `idor-${randomBytes(6).toString('hex')}`;
  });
  return out.join('/') + (query !== undefined ? `?${query}` : '');
}

/**
 * The GET routes that show the object of a concrete path or one of its parents (for
 * `/api/audits/X/answers/Y`: `/api/audits/X`), as concrete paths.
 */
function viewsOf(path: string): string[] {
  const segs = path.split('?')[0].split('/');
  const out: string[] = [];
  for (let n = segs.length; n >= 4; n--) {
    const prefix = segs.slice(0, n).join('/');
    for (const t of GET_TEMPLATES) if (paramsOf(t, prefix) && t.includes('{')) out.push(prefix);
  }
  return [...new Set(out)];
}

/** Every string (at least 6 characters) in a JSON value. */
function stringsIn(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === 'string') {
    if (v.length >= 6) out.add(v);
  } else if (Array.isArray(v)) v.forEach((x) => stringsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => stringsIn(x, out));
  return out;
}

/** The whole answer as text: status line facts, every header and the body. */
function wholeAnswer(res: Response): string {
  return `${JSON.stringify(res.headers)}\n${res.text ?? ''}`;
}

interface Cell {
  route: string;
  actor: Actor;
  status: number;
  code: unknown;
  randomStatus: number;
  randomCode: unknown;
  readable: boolean;
  leaks: string[];
  problem: boolean;
}

describeEachEngine('IDOR sweep', (engine) => {
  let t: TestApp;
  let w: World;
  let agents: Map<Actor, TestAgent>;
  let usernames: Map<Actor, string>;
  let ids: Map<Actor, string>;
  /** Users of department B who read its objects (case work and administration are separate). */
  const owners: TestAgent[] = [];
  let counter = 0;
  let requests = 0;
  let tables: string[] = [];
  const started = Date.now();
  const skipped: string[] = [];

  beforeAll(async () => {
    t = await TestApp.start(engine);
    const org = await actorsWorld(t);
    ({ agents, usernames, ids } = org);
    const { root, a, a1, b, b1 } = org;
    // the owners' view: every role of department B, in two people because administrators and
    // auditors may not read cases (separation of duties)
    const caseSide = ROLES.filter((r) => r !== 'administrator' && r !== 'internrevisor');
    const owner1 = await t.user(
      'agare-arenden',
      b1,
      caseSide.map((r): [Role, TestUnit] => [r, b]),
    );
    const owner2 = await t.user('agare-admin', b1, [
      ['administrator', b],
      ['internrevisor', b],
    ]);
    owners.push(await t.login(owner1.username), await t.login(owner2.username));
    const units: Record<Scope, TestUnit> = { own: a1, other: b1 };
    const depts: Record<Scope, TestUnit> = { own: a, other: b };
    w = {
      t,
      root,
      a,
      a1,
      b,
      b1,
      unit: (s) => units[s],
      dept: (s) => depts[s],
      unique: (p) => `${p}-${engine}-idor-${++counter}`,
      actorUsername: (actor) => usernames.get(actor)!,
      actorId: (actor) => ids.get(actor)!,
      inSubtree: async (unitId, top) => {
        const found = await t.dataSource.getRepository(OrgUnitEntity).findOneBy({ id: unitId });
        if (!found) throw new Error(`no unit ${unitId}`);
        return found.path.startsWith(top.path);
      },
      otherSessionOf: async (actor) => {
        const agent = await t.login(usernames.get(actor)!);
        const res = await agent.get('/api/me/sessions');
        return (res.body as Array<{ id: string; current: boolean }>).find((s) => s.current)!.id;
      },
    };
    tables = (
      engine === 'postgres'
        ? await sql<{ name: string }>(
            w,
            `SELECT table_name AS name FROM information_schema.columns
              WHERE table_schema = current_schema() AND column_name = 'id'
                AND data_type IN ('character varying', 'uuid', 'text')`,
          )
        : await sql<{ name: string }>(
            w,
            `SELECT m.name AS name FROM sqlite_master m, pragma_table_info(m.name) c
              WHERE m.type = 'table' AND c.name = 'id'`,
          )
    ).map((r) => r.name);
  });
  afterAll(async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // the figures for docs/security.md
    console.log(
      `IDOR sweep [${engine}]: ${OPERATIONS.length} operations with path parameters, ` +
        `${requests} requests in ${seconds} s; ${skipped.length} cells reach the other scope by design`,
    );
    await t.stop();
  });

  function send(agent: TestAgent, op: Operation, r: Request, path = r.path): Promise<Response> {
    requests++;
    const req = agent[op.method](path);
    if (r.cookie) void req.set('Cookie', r.cookie);
    if (op.multipart)
      // a well-formed file, so that only authorization can refuse the request
      return req.attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'idor.pdf');
    return r.body ? req.send(r.body) : req;
  }

  /**
   * Strings of the database rows whose id is one of these, by id (every table with a text id):
   * one query per table for all the cells of an operation.
   */
  async function rowStringsById(idsInPaths: string[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    const uuids = [...new Set(idsInPaths.filter((id) => UUID.test(id)))];
    if (!uuids.length) return out;
    const marks = uuids.map((_, i) => (engine === 'postgres' ? `$${i + 1}` : '?')).join(', ');
    for (const table of tables) {
      const rows = await t.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT * FROM "${table}" WHERE id IN (${marks})`,
        uuids,
      );
      for (const row of rows) {
        const found = out.get(String(row['id'])) ?? new Set<string>();
        for (const v of Object.values(row)) if (typeof v === 'string') stringsIn(v, found);
        out.set(String(row['id']), found);
      }
    }
    return out;
  }

  /** What readers of the object see: 200 answers of GETs of it and its parents. */
  async function viewStrings(agentsToAsk: TestAgent[], path: string): Promise<Set<string>> {
    const out = new Set<string>();
    for (const view of viewsOf(path))
      for (const agent of agentsToAsk) {
        requests++;
        const res = await agent.get(view);
        if (res.status === 200) stringsIn(res.body, out);
      }
    return out;
  }

  async function readableBy(actor: Actor, op: Operation, path: string): Promise<boolean> {
    const params = paramsOf(op.template, path)!;
    for (const [template, shownAt] of Object.entries(SHOWN_AT)) {
      const own = paramsOf(
        template,
        path.split('/').slice(0, template.split('/').length).join('/'),
      );
      if (!own) continue;
      requests++;
      const res = await agents.get(actor)!.get(await shownAt(w, params));
      if (res.status === 200 && res.text.includes(own['id'])) return true;
    }
    for (const view of viewsOf(path)) {
      requests++;
      if ((await agents.get(actor)!.get(view)).status === 200) return true;
    }
    return false;
  }

  it('has an object factory (a matrix row) for every operation with a path parameter', () => {
    const missing = OPERATIONS.filter(
      (op) => !NOT_AN_OBJECT_ID[op.key] && !ROW_BY_ROUTE.has(matrixKey(op)),
    ).map((op) => op.key);
    expect({ operationsWithoutFactory: missing }).toEqual({ operationsWithoutFactory: [] });
    const stale = Object.keys(NOT_AN_OBJECT_ID).filter(
      (k) => !OPERATIONS.some((op) => op.key === k),
    );
    expect({ staleExemptions: stale }).toEqual({ staleExemptions: [] });
  });

  for (const op of OPERATIONS) {
    if (NOT_AN_OBJECT_ID[op.key]) continue;
    it(`${op.key}: another scope's id → 404 (or the random id's 403), problem+json, no field`, async () => {
      const row = ROW_BY_ROUTE.get(matrixKey(op));
      if (!row) throw new Error(`${op.key}: no matrix row (see the first test)`);
      const probes: Array<{
        actor: Actor;
        params: Record<string, string>;
        res: Response;
        random: Response;
        readable: boolean;
        ownerView: Set<string>;
        own: Set<string>;
      }> = [];
      for (const actor of ACTORS) {
        if (row.expect(actor, 'other') === 'allow') {
          skipped.push(`${op.key} · ${actor}`);
          continue;
        }
        const r = await row.prepare(w, 'other', actor);
        const params = paramsOf(op.template, r.path);
        if (!params) throw new Error(`${op.key}: the matrix row asked ${r.path}`);
        const agent = agents.get(actor)!;
        const res = await send(agent, op, r);
        const random = await send(agent, op, r, withRandomIds(op, r.path));
        const readable = await readableBy(actor, op, r.path);
        probes.push({
          actor,
          params,
          res,
          random,
          readable,
          ownerView: await viewStrings(owners, r.path),
          own: readable ? await viewStrings([agent], r.path) : new Set<string>(),
        });
      }
      const rowsById = await rowStringsById(probes.flatMap((p) => Object.values(p.params)));
      const cells: Cell[] = probes.map((p) => {
        const urlValues = new Set(Object.values(p.params));
        const owned = new Set([
          ...p.ownerView,
          ...Object.values(p.params).flatMap((id) => [...(rowsById.get(id) ?? [])]),
        ]);
        const randomText = wholeAnswer(p.random);
        const text = wholeAnswer(p.res);
        return {
          route: op.key,
          actor: p.actor,
          status: p.res.status,
          code: (p.res.body as { code?: unknown })?.code,
          randomStatus: p.random.status,
          randomCode: (p.random.body as { code?: unknown })?.code,
          readable: p.readable,
          leaks: [...owned].filter(
            (s) =>
              !urlValues.has(s) && !p.own.has(s) && !randomText.includes(s) && text.includes(s),
          ),
          problem: /^application\/problem\+json/.test(String(p.res.headers['content-type'])),
        };
      });
      const wrong = cells
        .filter((c) => {
          const sameAsRandom = c.status === c.randomStatus && c.code === c.randomCode;
          const refusal =
            (c.status === 404 && c.code === 'not_found') ||
            (c.status === 403 && c.code === 'forbidden');
          return !refusal || !c.problem || c.leaks.length > 0 || (!c.readable && !sameAsRandom);
        })
        .map((c) => ({
          actor: c.actor,
          answer: `${c.status} ${String(c.code)}`,
          randomId: `${c.randomStatus} ${String(c.randomCode)}`,
          readable: c.readable,
          problemJson: c.problem,
          leaks: c.leaks,
        }));
      expect({ route: op.key, wrong }).toEqual({ route: op.key, wrong: [] });
    });
  }

  it('reports what it did', () => {
    expect(requests).toBeGreaterThan(OPERATIONS.length * 2);
  });
});
