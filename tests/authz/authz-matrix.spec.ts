import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { ROLES } from '../../backend/src/core/authz/roles';
import { listRoutes } from '../../backend/src/testing/routes';
import { describeEachEngine, TestApp, TestUnit } from '../../backend/src/testing/test-app';
import { Actor, MATRIX, Scope, World } from './matrix';

const ACTORS: Actor[] = [...ROLES, 'ingen-roll'];
const SCOPES: Scope[] = ['own', 'other'];

/** allow: authorization let the request through (2xx, or a 4xx about the input such as 400/409). */
function verdict(status: number): 'allow' | 'deny' {
  return status === 401 || status === 403 || status === 404 ? 'deny' : 'allow';
}

describeEachEngine('authorization matrix', (engine) => {
  let t: TestApp;
  let w: World;
  const agents = new Map<Actor, TestAgent>();
  const usernames = new Map<Actor, string>();
  let counter = 0;

  beforeAll(async () => {
    t = await TestApp.start(engine);
    const root = await t.unit('Förvaltningen');
    const a = await t.unit('Avdelning A', root, 'avdelning');
    const a1 = await t.unit('Enhet A1', a);
    const b = await t.unit('Avdelning B', root, 'avdelning');
    const b1 = await t.unit('Enhet B1', b);
    for (const actor of ACTORS) {
      const username = `m-${actor}`;
      usernames.set(actor, username);
      await t.user(username, a1, actor === 'ingen-roll' ? [] : [[actor, a]]);
      agents.set(actor, await t.login(username));
    }
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
      const send = (agent: TestAgent, path: string, body?: object) => {
        const m = method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
        const req = agent[m](path);
        return body ? req.send(body) : req;
      };

      it('without a session', async () => {
        const r = await row.prepare(w, 'own', 'medarbetare');
        expect(r.path).toMatch(new RegExp(`^${template.replace(/:\w+/g, '[^/]+')}$`));
        const res = await send(request(t.app.getHttpServer()), r.path, r.body);
        if (row.public) expect(verdict(res.status)).toBe('allow');
        else expect(res.status).toBe(401);
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
            const res = await send(agent, r.path, r.body);
            expect({ status: res.status, verdict: verdict(res.status) }).toEqual({
              status: res.status,
              verdict: expected,
            });
            expect(res.status).toBeLessThan(500);
          });
        }
      }
    });
  }
});
