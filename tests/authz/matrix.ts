import type { Role } from '../../backend/src/core/authz/roles';
import type { TestApp, TestUnit } from '../../backend/src/testing/test-app';
import { RoleAssignmentEntity } from '../../backend/src/users/entities/role-assignment.entity';

/** Who asks: one signed-in user per role (scoped to department A), a user with no role, no session. */
export type Actor = Role | 'ingen-roll';
/** Where the object lives: in the actor's scope (department A) or outside it (department B). */
export type Scope = 'own' | 'other';
export type Expectation = 'allow' | 'deny';

export interface World {
  t: TestApp;
  root: TestUnit;
  a: TestUnit;
  a1: TestUnit;
  b: TestUnit;
  b1: TestUnit;
  /** The unit the object of this cell lives in. */
  unit(scope: Scope): TestUnit;
  dept(scope: Scope): TestUnit;
  unique(prefix: string): string;
  /** Signs in a second time as the actor and returns that session's id (for session routes). */
  otherSessionOf(actor: Actor): Promise<string>;
  actorUsername(actor: Actor): string;
}

export interface Request {
  path: string;
  body?: Record<string, unknown>;
}

export interface MatrixRow {
  /** Must equal the route key from listRoutes(), e.g. "GET /api/users/:id". */
  route: string;
  /** Creates what the request needs (fresh objects per cell, so cells are independent). */
  prepare: (w: World, scope: Scope, actor: Actor) => Request | Promise<Request>;
  expect: (actor: Actor, scope: Scope) => Expectation;
  public?: boolean;
}

const only =
  (...roles: Actor[]) =>
  (actor: Actor): Expectation =>
    roles.includes(actor) ? 'allow' : 'deny';
const inScope =
  (...roles: Actor[]) =>
  (actor: Actor, scope: Scope): Expectation =>
    roles.includes(actor) && scope === 'own' ? 'allow' : 'deny';
const everyone = (): Expectation => 'allow';

const STRONG = 'lagom-lang-fras-for-prov-7';

async function freshUnit(w: World, scope: Scope): Promise<string> {
  return (await w.t.unit(w.unique('Enhet'), w.dept(scope))).id;
}
async function freshUser(
  w: World,
  scope: Scope,
  roles: Array<[Role, TestUnit]> = [],
): Promise<string> {
  return (await w.t.user(w.unique('anv'), w.unit(scope), roles)).id;
}

/**
 * The table. Later issues add their routes here; the spec fails when a route of the app is
 * missing from this table or a row names a route that does not exist.
 */
export const MATRIX: MatrixRow[] = [
  {
    route: 'GET /api/health',
    public: true,
    prepare: () => ({ path: '/api/health' }),
    expect: everyone,
  },
  {
    route: 'POST /api/auth/login',
    public: true,
    prepare: (w, _s, actor) => ({
      path: '/api/auth/login',
      body: {
        username: w.actorUsername(actor === 'ingen-roll' ? 'ingen-roll' : actor),
        password: 'prov-lösenord-för-test-1',
      },
    }),
    expect: everyone,
  },
  {
    route: 'POST /api/auth/logout',
    public: true,
    prepare: () => ({ path: '/api/auth/logout' }),
    expect: everyone,
  },

  { route: 'GET /api/me', prepare: () => ({ path: '/api/me' }), expect: everyone },
  {
    route: 'GET /api/me/abilities',
    prepare: () => ({ path: '/api/me/abilities' }),
    expect: everyone,
  },
  {
    route: 'GET /api/me/sessions',
    prepare: () => ({ path: '/api/me/sessions' }),
    expect: everyone,
  },
  {
    // wrong current password: a 400 proves the route let the user in without changing anything
    route: 'POST /api/me/password',
    prepare: () => ({
      path: '/api/me/password',
      body: { currentPassword: 'fel-lösenord-helt', newPassword: STRONG },
    }),
    expect: everyone,
  },
  {
    // own scope: another session of the actor; other scope: a session of somebody else
    route: 'DELETE /api/me/sessions/:id',
    prepare: async (w, scope, actor) => ({
      path: `/api/me/sessions/${await w.otherSessionOf(scope === 'own' ? actor : actor === 'chef' ? 'medarbetare' : 'chef')}`,
    }),
    expect: (_a, scope) => (scope === 'own' ? 'allow' : 'deny'),
  },

  { route: 'GET /api/units', prepare: () => ({ path: '/api/units' }), expect: everyone },
  {
    route: 'POST /api/units',
    prepare: (w, scope) => ({
      path: '/api/units',
      body: { name: w.unique('Ny enhet'), kind: 'enhet', parentId: w.dept(scope).id },
    }),
    expect: inScope('administrator'),
  },
  {
    route: 'PATCH /api/units/:id',
    prepare: async (w, scope) => ({
      path: `/api/units/${await freshUnit(w, scope)}`,
      body: { name: w.unique('Nytt namn') },
    }),
    expect: inScope('administrator'),
  },
  {
    route: 'POST /api/units/:id/deactivate',
    prepare: async (w, scope) => ({ path: `/api/units/${await freshUnit(w, scope)}/deactivate` }),
    expect: inScope('administrator'),
  },
  {
    route: 'POST /api/units/:id/activate',
    prepare: async (w, scope) => ({ path: `/api/units/${await freshUnit(w, scope)}/activate` }),
    expect: inScope('administrator'),
  },
  {
    route: 'DELETE /api/units/:id',
    prepare: async (w, scope) => ({ path: `/api/units/${await freshUnit(w, scope)}` }),
    expect: inScope('administrator'),
  },

  {
    route: 'GET /api/users',
    prepare: () => ({ path: '/api/users' }),
    expect: only('administrator', 'internrevisor', 'chef'),
  },
  {
    route: 'GET /api/users/:id',
    prepare: async (w, scope) => ({ path: `/api/users/${await freshUser(w, scope)}` }),
    expect: inScope('administrator', 'internrevisor', 'chef'),
  },
  {
    route: 'POST /api/users',
    prepare: (w, scope) => ({
      path: '/api/users',
      body: {
        username: w.unique('ny').toLowerCase(),
        displayName: 'Ny Person',
        unitId: w.unit(scope).id,
        initialPassword: STRONG,
      },
    }),
    expect: inScope('administrator'),
  },
  {
    route: 'PATCH /api/users/:id',
    prepare: async (w, scope) => ({
      path: `/api/users/${await freshUser(w, scope)}`,
      body: { displayName: 'Ändrat Namn' },
    }),
    expect: inScope('administrator'),
  },
  {
    route: 'POST /api/users/:id/password',
    prepare: async (w, scope) => ({
      path: `/api/users/${await freshUser(w, scope)}/password`,
      body: { password: STRONG },
    }),
    expect: inScope('administrator'),
  },
  {
    route: 'POST /api/users/:id/unlock',
    prepare: async (w, scope) => ({ path: `/api/users/${await freshUser(w, scope)}/unlock` }),
    expect: inScope('administrator'),
  },
  {
    route: 'POST /api/users/:id/roles',
    prepare: async (w, scope) => ({
      path: `/api/users/${await freshUser(w, scope)}/roles`,
      body: { role: 'medarbetare', unitId: w.unit(scope).id },
    }),
    expect: inScope('administrator'),
  },
  {
    route: 'DELETE /api/users/:id/roles/:assignmentId',
    prepare: async (w, scope) => {
      const userId = await freshUser(w, scope, [['medarbetare', w.unit(scope)]]);
      const assignment = await w.t.dataSource
        .getRepository(RoleAssignmentEntity)
        .findOneByOrFail({ userId });
      return { path: `/api/users/${userId}/roles/${assignment.id}` };
    },
    expect: inScope('administrator'),
  },

  {
    route: 'GET /api/audit-log',
    prepare: () => ({ path: '/api/audit-log' }),
    expect: only('administrator', 'internrevisor'),
  },
  {
    route: 'GET /api/audit-log/verify',
    prepare: () => ({ path: '/api/audit-log/verify' }),
    expect: only('administrator', 'internrevisor'),
  },
];
