import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { listRoutes } from '../../backend/src/testing/routes';
import { OrgUnitEntity } from '../../backend/src/org/entities/org-unit.entity';
import { describeEachEngine, TestApp, TestUnit } from '../../backend/src/testing/test-app';
import type { Response } from 'supertest';
import {
  ACTORS,
  actorsWorld,
  Actor,
  FORBIDDEN_KEYS,
  Json,
  MATRIX,
  MatrixRow,
  PROBLEM,
  Request,
  Scope,
  Shape,
  World,
} from './matrix';

const SCOPES: Scope[] = ['own', 'other'];

/** Every key, at any depth, that must never be sent. */
function secretKeys(body: unknown, at = '$'): string[] {
  if (Array.isArray(body)) return body.flatMap((v, i) => secretKeys(v, `${at}[${i}]`));
  if (body === null || typeof body !== 'object') return [];
  return Object.entries(body as Json).flatMap(([k, v]) => [
    ...(FORBIDDEN_KEYS.includes(k) ? [`${at}.${k}`] : []),
    ...secretKeys(v, `${at}.${k}`),
  ]);
}

/** Differences between a body and the keys it may carry (missing and unexpected keys). */
function shapeErrors(body: unknown, shape: Shape, at = '$'): string[] {
  if (Array.isArray(body)) return body.flatMap((v, i) => shapeErrors(v, shape, `${at}[${i}]`));
  if (body === null || typeof body !== 'object') return [`${at} is not an object`];
  const keys = Object.keys(body);
  const allowed = new Set([...shape.keys, ...(shape.optional ?? [])]);
  const errors = [
    ...shape.keys.filter((k) => !keys.includes(k)).map((k) => `${at}.${k} missing`),
    ...keys.filter((k) => !allowed.has(k)).map((k) => `${at}.${k} unexpected`),
  ];
  for (const [k, nested] of Object.entries(shape.nested ?? {})) {
    const v = (body as Json)[k];
    if (v !== null && v !== undefined) errors.push(...shapeErrors(v, nested, `${at}.${k}`));
  }
  return errors;
}

/** A problem+json answer with this status and code, and nothing else in it. */
function expectProblem(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as Json)['code'] }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(shapeErrors(res.body, PROBLEM)).toEqual([]);
}

describeEachEngine('authorization matrix', (engine) => {
  let t: TestApp;
  let w: World;
  let agents: Map<Actor, TestAgent>;
  let usernames: Map<Actor, string>;
  let ids: Map<Actor, string>;
  let counter = 0;

  beforeAll(async () => {
    t = await TestApp.start(engine);
    const org = await actorsWorld(t);
    ({ agents, usernames, ids } = org);
    const { root, a, a1, b, b1 } = org;
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
      unique: (p) => `${p}-${engine}-${++counter}`,
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
  });
  afterAll(() => t.stop());

  it('covers every route of the application, and nothing else', () => {
    const appRoutes = listRoutes(t.app).map((r) => r.key);
    const matrixRoutes = MATRIX.map((r) => r.route).sort((x, y) => x.localeCompare(y));
    expect(matrixRoutes).toEqual(appRoutes);
  });

  it('marks exactly the public routes as public', () => {
    const appPublic = listRoutes(t.app)
      .filter((r) => r.isPublic)
      .map((r) => r.key);
    expect(
      MATRIX.filter((r) => r.public)
        .map((r) => r.route)
        .sort(),
    ).toEqual(appPublic.sort());
  });

  for (const row of MATRIX) {
    describe(row.route, () => {
      const [method, template] = row.route.split(' ') as [string, string];
      const send = (agent: TestAgent, path: string, body?: object, cookie?: string) => {
        const m = method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
        const req = agent[m](path);
        if (cookie) void req.set('Cookie', cookie);
        return body ? req.send(body) : req;
      };

      it('without a session', async () => {
        const r = await row.prepare(w, 'own', 'medarbetare');
        expect(r.path).toMatch(new RegExp(`^${template.replace(/:\w+/g, '[^/]+')}(\\?.*)?$`));
        const res = await send(request(t.app.getHttpServer()), r.path, r.body, r.cookie);
        expect(secretKeys(res.body)).toEqual([]);
        if (row.public) await expectAllowed(row, r, res, 'medarbetare', 'own');
        else expectProblem(res, 401, 'unauthenticated');
      });

      for (const actor of ACTORS) {
        for (const scope of SCOPES) {
          const expected = row.expect(actor, scope);
          it(`${actor} · ${scope} → ${expected}`, async () => {
            const r = await row.prepare(w, scope, actor);
            // logging out would end the shared session: use a fresh one for that row
            const agent =
              row.route === 'POST /api/auth/logout'
                ? await t.login(usernames.get(actor)!)
                : agents.get(actor)!;
            const res = await send(agent, r.path, r.body, r.cookie);
            expect(secretKeys(res.body)).toEqual([]);
            if (expected === 'allow') {
              await expectAllowed(row, r, res, actor, scope);
            } else {
              const status = row.denied?.(actor, scope) ?? 403;
              expectProblem(res, status, status === 404 ? 'not_found' : 'forbidden');
            }
          });
        }
      }
    });
  }

  /**
   * Allowed means the row's success status (2xx) with exactly the fields of the answer, and for
   * lists exactly the rows the actor may see. A 400/409 counts only where the row says its input
   * is meant to be rejected; 429 never does.
   */
  async function expectAllowed(
    row: MatrixRow,
    r: Request,
    res: Response,
    actor: Actor,
    scope: Scope,
  ): Promise<void> {
    if (row.expectRejectedInput) {
      expectProblem(res, row.expectRejectedInput.status, row.expectRejectedInput.code);
      return;
    }
    expect({ status: res.status, body: res.status === row.ok ? 'ok' : res.body }).toEqual({
      status: row.ok,
      body: 'ok',
    });
    if (row.ok === 204) {
      expect(res.text).toBe('');
      return;
    }
    if (row.ok === 302) {
      await row.check?.(res.headers['location'], r, w, actor);
      return;
    }
    const shape = typeof row.shape === 'function' ? row.shape(actor) : row.shape;
    if (!shape) throw new Error(`${row.route}: a route with a body needs a shape`);
    expect(shapeErrors(res.body, shape)).toEqual([]);
    if (row.list) {
      const rows = row.list.rows(res.body);
      const got = rows.map((x) => String(x['id']));
      const notVisible: string[] = [];
      for (const x of rows)
        if (!(await row.list.visible(w, actor, x))) notVisible.push(String(x['id']));
      expect({ rowsOutsideScope: notVisible }).toEqual({ rowsOutsideScope: [] });
      if (r.marker)
        expect({ marker: got.includes(r.marker) }).toEqual({
          marker: row.list.markerVisible(actor, scope),
        });
      if (row.list.exactly)
        expect([...got].sort()).toEqual([...(await row.list.exactly(w, actor))].sort());
    }
    await row.check?.(res.body, r, w, actor);
  }
});
