import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../../backend/src/core/authz/roles';
import { NotificationService } from '../../backend/src/core/notify/notification.service';
import { generateOrganisationNumber } from '../../backend/src/contracts/domain/organisation-number';
import { DEFAULT_RISK_MATRIX } from '../../backend/src/risks/domain/risk-matrix';
import { SupplierEntity } from '../../backend/src/suppliers/entities/supplier.entity';
import type TestAgent from 'supertest/lib/agent';
import type { TestApp, TestUnit } from '../../backend/src/testing/test-app';
import { FEATURE_ROWS } from './rows';
import { RoleAssignmentEntity } from '../../backend/src/users/entities/role-assignment.entity';

/**
 * Who asks: one signed-in user per role (scoped to department A), a user with no role, no session,
 * and `administrator+chef`: administrator of department A and chef of department B, who may read
 * B's users but change nothing there — the actor that proves each row is checked for the action
 * asked, not only for being readable.
 */
export type Actor = Role | 'ingen-roll' | typeof MIXED;
export const MIXED = 'administrator+chef';
export const ACTORS: Actor[] = [...ROLES, 'ingen-roll', MIXED];
/** Where the object lives: in the actor's scope (department A) or outside it (department B). */
export type Scope = 'own' | 'other';
export type Expectation = 'allow' | 'deny';
/** A row of a response body, as JSON. */
export type Json = Record<string, unknown>;

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
  actorId(actor: Actor): string;
  /** Whether a unit lies in the subtree of `top` (top included), read from the database. */
  inSubtree(unitId: string, top: TestUnit): Promise<boolean>;
}

/** The roles an actor holds. */
export function rolesOf(actor: Actor, w: Pick<World, 'a' | 'b'>): Array<[Role, TestUnit]> {
  if (actor === 'ingen-roll') return [];
  if (actor === MIXED)
    return [
      ['administrator', w.a],
      ['chef', w.b],
    ];
  return [[actor, w.a]];
}

export interface Request {
  path: string;
  body?: Record<string, unknown>;
  /** List routes: the id of a row created for this cell, in the cell's scope. */
  marker?: string;
  /** An extra cookie the request carries (e.g. an anonymous reporter's `varn_receipt=…`). */
  cookie?: string;
}

/**
 * The keys an object in a response carries: exactly `keys`, plus any of `optional`. Arrays are
 * checked item by item. `nested` describes the objects (or arrays of objects) under a key.
 */
export interface Shape {
  keys: readonly string[];
  optional?: readonly string[];
  nested?: Readonly<Record<string, Shape>>;
}

/**
 * What a list returns, asserted by behaviour (where a row lives, whose it is) and never by the
 * shape of the rules that produce it.
 */
export interface ListSpec {
  /** The rows of the list. */
  rows(body: unknown): Json[];
  /** Whether this actor may see this row. Every row the list returns must pass. */
  visible(w: World, actor: Actor, row: Json): boolean | Promise<boolean>;
  /** Whether the cell's marker must be in the list (allowed cells); otherwise it must not be. */
  markerVisible(actor: Actor, scope: Scope): boolean;
  /** For lists that are neither paged nor filtered: the ids the actor must get, exactly. */
  exactly?(w: World, actor: Actor): Promise<string[]>;
}

export interface MatrixRow {
  /** Must equal the route key from listRoutes(), e.g. "GET /api/users/:id". */
  route: string;
  /** Creates what the request needs (fresh objects per cell, so cells are independent). */
  prepare: (w: World, scope: Scope, actor: Actor) => Request | Promise<Request>;
  expect: (actor: Actor, scope: Scope) => Expectation;
  public?: boolean;
  /** The status of an allowed request (2xx). */
  /** 302: a redirect, whose Location goes to `check` instead of a body. */
  ok: 200 | 201 | 204 | 302;
  /**
   * Only for rows whose fixture sends input that is MEANT to be rejected after authorization let
   * the request through: the allowed answer is then this problem instead of `ok`. Without it,
   * a 400 or 409 is a failure like any other.
   */
  expectRejectedInput?: { status: 400 | 409; code: string };
  /** The status of a denied request; 403 unless given (404 where the row is hidden). */
  denied?: (actor: Actor, scope: Scope) => 403 | 404;
  /** The keys an allowed answer carries (per actor where fields depend on who asks). */
  shape?: Shape | ((actor: Actor) => Shape);
  /** For list routes: which rows come back. */
  list?: ListSpec;
  /** Further behaviour of an allowed answer (e.g. it is about the requested row). */
  check?: (body: unknown, r: Request, w: World, actor: Actor) => void | Promise<void>;
}

/** Keys that must never appear anywhere in any answer (secrets and internals). */
export const FORBIDDEN_KEYS = [
  'passwordHash',
  'password',
  'tokenHash',
  'token',
  'searchText',
  'failedLoginCount',
  'previousLoginAt',
  'passwordChangedAt',
  'idleExpiresAt',
  'absoluteExpiresAt',
  'hash',
  'prevHash',
  'wrappedKey',
  'dataKey',
];

/** A problem+json answer (RFC 9457 and our extensions). */
export const PROBLEM: Shape = {
  keys: ['type', 'title', 'status', 'code'],
  optional: ['detail', 'instance', 'requestId', 'errors', 'retryAfterSeconds', 'cells'],
};

export const only =
  (...roles: Actor[]) =>
  (actor: Actor): Expectation =>
    roles.includes(actor) ? 'allow' : 'deny';
export const inScope =
  (...roles: Actor[]) =>
  (actor: Actor, scope: Scope): Expectation =>
    roles.includes(actor) && scope === 'own' ? 'allow' : 'deny';
export const everyone = (): Expectation => 'allow';
/**
 * A row the actor may not even read is hidden (404); a readable row the action is refused on,
 * or a route the actor may not use at all, is 403.
 */
export const hiddenFrom =
  (...routeUsers: Actor[]) =>
  (actor: Actor, scope: Scope): 403 | 404 =>
    routeUsers.includes(actor) && scope === 'other' ? 404 : 403;

/** Readers of users in department A (the mixed actor also reads department B's). */
const USER_READERS: Actor[] = ['administrator', 'internrevisor', 'chef', MIXED];
const AUDIT_READERS: Actor[] = ['administrator', 'internrevisor', MIXED];
const ADMINS: Actor[] = ['administrator', MIXED];
/** Everyone who scores or sees risk reads the risk matrix. */
const RISK_READERS: Actor[] = [
  'avtalscontroller',
  'chef',
  'internrevisor',
  'administrator',
  'handlaggare',
  MIXED,
];
/** The supplier register is shared (no unit scope): controllers keep it, managers and auditors read. */
const SUPPLIER_READERS: Actor[] = ['avtalscontroller', 'chef', 'internrevisor', MIXED];
const SUPPLIER_WRITERS: Actor[] = ['avtalscontroller'];
/** Reads users in both scopes: the mixed actor. */
const readsUser = (actor: Actor, scope: Scope): Expectation =>
  USER_READERS.includes(actor) && (scope === 'own' || actor === MIXED) ? 'allow' : 'deny';
async function userVisible(w: World, actor: Actor, unitId: string): Promise<boolean> {
  if (!USER_READERS.includes(actor)) return false;
  if (await w.inSubtree(unitId, w.a)) return true;
  return actor === MIXED && w.inSubtree(unitId, w.b);
}

const STRONG = 'lagom-lang-fras-for-prov-7';

async function freshUnit(w: World, scope: Scope): Promise<string> {
  return (await w.t.unit(w.unique('Enhet'), w.dept(scope))).id;
}
async function freshUser(
  w: World,
  scope: Scope,
  roles: Array<[Role, TestUnit]> = [],
  prefix = 'anv',
): Promise<string> {
  return (await w.t.user(w.unique(prefix), w.unit(scope), roles)).id;
}
export const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
export const asObject = (body: unknown): Json => body as Json;
export const items = (body: unknown): Json[] => asObject(body)['items'] as Json[];
export const idInPath = (r: Request): string | undefined => r.path.split('/')[3];
export function sameRow(body: unknown, r: Request): void {
  const id = idInPath(r);
  if (asObject(body)['id'] !== id)
    throw new Error(`answer is about ${str(asObject(body)['id'])}, request was about ${id}`);
}

/** A supplier in the register (the scope plays no part: the register is shared). */
async function freshSupplier(w: World, prefix = 'Leverantör'): Promise<string> {
  const now = new Date();
  const organisationNumber = generateOrganisationNumber(Math.random);
  const name = w.unique(prefix);
  const s: SupplierEntity = {
    id: randomUUID(),
    name,
    organisationNumber,
    address: null,
    contactName: null,
    contactEmail: null,
    contactPhone: null,
    beneficialOwner: null,
    notes: null,
    searchText: `${name} ${organisationNumber}`.toLocaleLowerCase('sv'),
    flagCount: 0,
    indepthCheckRequired: false,
    createdAt: now,
    createdBy: randomUUID(),
    updatedAt: now,
  };
  await w.t.dataSource.getRepository(SupplierEntity).insert(s);
  return s.id;
}

// ---- shapes of the answers (the fields each response may carry) ----

const UNIT_REF: Shape = { keys: ['id', 'name'] };
const MY_ROLE: Shape = { keys: ['id', 'role', 'unitId', 'unitName'] };
const ME: Shape = {
  keys: [
    'id',
    'username',
    'displayName',
    'email',
    'unit',
    'roles',
    'mustChangePassword',
    'secondFactor',
    'lastLoginAt',
    'sessionExpiresAt',
    'sessionIdleMinutes',
  ],
  nested: { unit: UNIT_REF, roles: MY_ROLE },
};
/** A unit; `path` (the materialised path) lets the UI check a unit against path-prefix scopes. */
const UNIT: Shape = { keys: ['id', 'name', 'kind', 'parentId', 'path', 'depth', 'active'] };
const ROLE_ASSIGNMENT: Shape = { keys: ['id', 'role', 'unitId', 'unitName', 'createdAt'] };
const USER_SUMMARY: Shape = {
  keys: [
    'id',
    'username',
    'displayName',
    'email',
    'unitId',
    'unitName',
    'active',
    'locked',
    'roles',
    'lastLoginAt',
  ],
};
/**
 * The detail of a user. Administrators, internal auditors and managers read the same fields today
 * (managers and auditors need lock state and roles to follow up); a difference per role goes here.
 */
const USER_DETAIL: Shape = {
  keys: [
    ...USER_SUMMARY.keys,
    'mustChangePassword',
    'createdAt',
    'lockedUntil',
    'secondFactorEnrolled',
    'roleAssignments',
  ],
  nested: { roleAssignments: ROLE_ASSIGNMENT },
};
const SESSION: Shape = { keys: ['id', 'createdAt', 'lastSeenAt', 'authMethod', 'current'] };
const AUDIT_ENTRY: Shape = {
  keys: [
    'seq',
    'occurredAt',
    'actorId',
    'actorName',
    'action',
    'objectType',
    'objectId',
    'outcome',
    'details',
  ],
  optional: ['objectLabel', 'objectLink'],
  nested: { objectLink: { keys: ['kind', 'id'] } },
};

const INDEPTH_CHECK: Shape = {
  keys: ['required', 'reasons'],
  nested: { reasons: { keys: ['code'], optional: ['flag', 'count', 'threshold'] } },
};
const SUPPLIER_SUMMARY: Shape = {
  keys: ['id', 'name', 'organisationNumber', 'flagCount', 'indepthCheck', 'updatedAt'],
  nested: { indepthCheck: INDEPTH_CHECK },
};
const SUPPLIER_DETAIL: Shape = {
  keys: [
    ...SUPPLIER_SUMMARY.keys,
    'address',
    'contactName',
    'contactEmail',
    'contactPhone',
    'beneficialOwner',
    'notes',
    'flags',
    'createdAt',
  ],
  nested: {
    indepthCheck: INDEPTH_CHECK,
    flags: {
      keys: ['code', 'group', 'heavy', 'evidence', 'tickedAt', 'tickedBy', 'tickedByName'],
    },
  },
};

/** A risk matrix version: levels, bands and every cell with its score and band. */
const RISK_MATRIX: Shape = {
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
};

/** A notification: a code, its parameters and an app link; never content. */
const NOTIFICATION: Shape = { keys: ['id', 'kind', 'params', 'link', 'createdAt', 'readAt'] };

/**
 * The table. Later issues add their routes here; the spec fails when a route of the app is
 * missing from this table or a row names a route that does not exist.
 */
const CORE_ROWS: MatrixRow[] = [
  {
    route: 'GET /api/health',
    public: true,
    prepare: () => ({ path: '/api/health' }),
    expect: everyone,
    ok: 200,
    shape: { keys: ['status', 'database', 'version'] },
  },
  {
    route: 'POST /api/auth/login',
    public: true,
    prepare: (w, _s, actor) => ({
      path: '/api/auth/login',
      body: { username: w.actorUsername(actor), password: 'prov-lösenord-för-test-1' },
    }),
    expect: everyone,
    ok: 200,
    shape: ME,
    check: (body, r) => {
      if (asObject(body)['username'] !== r.body?.['username'])
        throw new Error(`signed in as ${str(asObject(body)['username'])}`);
    },
  },
  {
    route: 'POST /api/auth/logout',
    public: true,
    prepare: () => ({ path: '/api/auth/logout' }),
    expect: everyone,
    ok: 204,
  },

  {
    route: 'GET /api/me',
    prepare: () => ({ path: '/api/me' }),
    expect: everyone,
    ok: 200,
    shape: ME,
    check: (body, _r, w, actor) => {
      if (asObject(body)['id'] !== w.actorId(actor))
        throw new Error(`GET /api/me answered about ${str(asObject(body)['username'])}`);
    },
  },
  {
    route: 'GET /api/me/abilities',
    prepare: () => ({ path: '/api/me/abilities' }),
    expect: everyone,
    ok: 200,
    shape: { keys: ['rules'] },
  },
  {
    // own scope: a second session of the actor (listed); other scope: somebody else's (never)
    route: 'GET /api/me/sessions',
    prepare: async (w, scope, actor) => ({
      path: '/api/me/sessions',
      marker: await w.otherSessionOf(scope === 'own' ? actor : someoneElse(actor)),
    }),
    expect: everyone,
    ok: 200,
    shape: SESSION,
    list: {
      rows: (body) => body as Json[],
      visible: async (w, actor, row) =>
        (await sessionOwner(w, str(row['id']))) === w.actorId(actor),
      markerVisible: (_a, scope) => scope === 'own',
      exactly: async (w, actor) =>
        (
          await sql<{ id: string }>(w, 'SELECT id FROM sessions WHERE "userId" = $1', [
            w.actorId(actor),
          ])
        ).map((s) => s.id),
    },
  },
  {
    // wrong current password: authorization lets the user in, the input is refused, nothing changes
    route: 'POST /api/me/password',
    prepare: () => ({
      path: '/api/me/password',
      body: { currentPassword: 'fel-lösenord-helt', newPassword: STRONG },
    }),
    expect: everyone,
    ok: 204,
    expectRejectedInput: { status: 400, code: 'wrong_password' },
  },
  {
    // own scope: another session of the actor; other scope: a session of somebody else
    route: 'DELETE /api/me/sessions/:id',
    prepare: async (w, scope, actor) => ({
      path: `/api/me/sessions/${await w.otherSessionOf(scope === 'own' ? actor : someoneElse(actor))}`,
    }),
    expect: (_a, scope) => (scope === 'own' ? 'allow' : 'deny'),
    ok: 204,
    denied: () => 404,
  },

  {
    // the organisation tree is not secret: every signed-in user gets every unit
    route: 'GET /api/units',
    prepare: async (w, scope) => ({ path: '/api/units', marker: await freshUnit(w, scope) }),
    expect: everyone,
    ok: 200,
    shape: UNIT,
    list: {
      rows: (body) => body as Json[],
      visible: () => true,
      markerVisible: () => true,
      exactly: async (w) =>
        (await sql<{ id: string }>(w, 'SELECT id FROM org_units')).map((u) => u.id),
    },
  },
  {
    route: 'POST /api/units',
    prepare: (w, scope) => ({
      path: '/api/units',
      body: { name: w.unique('Ny enhet'), kind: 'enhet', parentId: w.dept(scope).id },
    }),
    expect: inScope(...ADMINS),
    ok: 201,
    shape: UNIT,
    check: (body, r) => {
      if (asObject(body)['parentId'] !== r.body?.['parentId']) throw new Error('wrong parent');
    },
  },
  {
    route: 'PATCH /api/units/:id',
    prepare: async (w, scope) => ({
      path: `/api/units/${await freshUnit(w, scope)}`,
      body: { name: w.unique('Nytt namn') },
    }),
    expect: inScope(...ADMINS),
    ok: 200,
    shape: UNIT,
    check: (body, r) => {
      sameRow(body, r);
      if (asObject(body)['name'] !== r.body?.['name']) throw new Error('name not changed');
    },
  },
  {
    route: 'POST /api/units/:id/deactivate',
    prepare: async (w, scope) => ({ path: `/api/units/${await freshUnit(w, scope)}/deactivate` }),
    expect: inScope(...ADMINS),
    ok: 200,
    shape: UNIT,
    check: sameRow,
  },
  {
    route: 'POST /api/units/:id/activate',
    prepare: async (w, scope) => ({ path: `/api/units/${await freshUnit(w, scope)}/activate` }),
    expect: inScope(...ADMINS),
    ok: 200,
    shape: UNIT,
    check: sameRow,
  },
  {
    route: 'DELETE /api/units/:id',
    prepare: async (w, scope) => ({ path: `/api/units/${await freshUnit(w, scope)}` }),
    expect: inScope(...ADMINS),
    ok: 204,
  },

  {
    // every marker user matches the search; the actor gets the ones in department A, never B's
    route: 'GET /api/users',
    prepare: async (w, scope) => ({
      path: '/api/users?q=markor&pageSize=100',
      marker: await freshUser(w, scope, [], 'markor'),
    }),
    expect: only(...USER_READERS),
    ok: 200,
    shape: { keys: ['items', 'total', 'page', 'pageSize'], nested: { items: USER_SUMMARY } },
    list: {
      rows: items,
      visible: (w, actor, row) => userVisible(w, actor, str(row['unitId'])),
      markerVisible: (actor, scope) => scope === 'own' || actor === MIXED,
    },
    check: (body) => {
      const b = asObject(body);
      if (b['total'] !== items(body).length)
        throw new Error(`total ${str(b['total'])} counts rows the list does not show`);
    },
  },
  {
    route: 'GET /api/users/:id',
    prepare: async (w, scope) => ({ path: `/api/users/${await freshUser(w, scope)}` }),
    expect: readsUser,
    ok: 200,
    denied: hiddenFrom('administrator', 'internrevisor', 'chef'),
    shape: USER_DETAIL,
    check: sameRow,
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
    expect: inScope(...ADMINS),
    ok: 201,
    shape: USER_DETAIL,
    check: (body, r) => {
      if (asObject(body)['username'] !== r.body?.['username']) throw new Error('wrong user');
    },
  },
  {
    route: 'PATCH /api/users/:id',
    prepare: async (w, scope) => ({
      path: `/api/users/${await freshUser(w, scope)}`,
      body: { displayName: 'Ändrat Namn' },
    }),
    expect: inScope(...ADMINS),
    ok: 200,
    denied: hiddenFrom('administrator'),
    shape: USER_DETAIL,
    check: (body, r) => {
      sameRow(body, r);
      if (asObject(body)['displayName'] !== 'Ändrat Namn') throw new Error('name not changed');
    },
  },
  {
    route: 'POST /api/users/:id/password',
    prepare: async (w, scope) => ({
      path: `/api/users/${await freshUser(w, scope)}/password`,
      body: { password: STRONG },
    }),
    expect: inScope(...ADMINS),
    ok: 204,
    denied: hiddenFrom('administrator'),
  },
  {
    route: 'POST /api/users/:id/unlock',
    prepare: async (w, scope) => ({ path: `/api/users/${await freshUser(w, scope)}/unlock` }),
    expect: inScope(...ADMINS),
    ok: 204,
    denied: hiddenFrom('administrator'),
  },
  {
    route: 'POST /api/users/:id/roles',
    prepare: async (w, scope) => ({
      path: `/api/users/${await freshUser(w, scope)}/roles`,
      body: { role: 'medarbetare', unitId: w.unit(scope).id },
    }),
    expect: inScope(...ADMINS),
    ok: 201,
    denied: hiddenFrom('administrator'),
    shape: ROLE_ASSIGNMENT,
    check: (body, r) => {
      if (asObject(body)['unitId'] !== r.body?.['unitId']) throw new Error('wrong unit');
    },
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
    expect: inScope(...ADMINS),
    ok: 204,
    denied: hiddenFrom('administrator'),
  },

  {
    // the audit log is read by scope: administrators and auditors of department A see the entries
    // filed under A's subtree (a sign-in is filed under the person's unit), never B's — the mixed
    // actor is chef, not an audit reader, in B
    route: 'GET /api/audit-log',
    prepare: async (w, scope) => {
      const id = await freshUser(w, scope, [], 'logg');
      const username = await sql<{ username: string }>(
        w,
        'SELECT username FROM users WHERE id = $1',
        [id],
      );
      await w.t.login(username[0].username);
      return { path: `/api/audit-log?actor=${username[0].username}`, marker: id };
    },
    expect: only(...AUDIT_READERS),
    ok: 200,
    shape: { keys: ['items', 'nextBefore'], nested: { items: AUDIT_ENTRY } },
    list: {
      rows: (body) => items(body).map((e) => ({ ...e, id: e['actorId'] })),
      visible: async (w, actor, row) => {
        if (!AUDIT_READERS.includes(actor)) return false;
        const [entry] = await sql<{ unitPath: string | null }>(
          w,
          'SELECT "unitPath" FROM audit_log WHERE seq = $1',
          [row['seq']],
        );
        return !!entry?.unitPath?.startsWith(w.a.path);
      },
      markerVisible: (_a, scope) => scope === 'own',
    },
  },
  {
    route: 'GET /api/audit-log/verify',
    prepare: () => ({ path: '/api/audit-log/verify' }),
    expect: only(...AUDIT_READERS),
    ok: 200,
    shape: { keys: ['ok', 'checked'], optional: ['firstBroken'] },
  },

  // the risk matrix is one shared definition: read by everyone who scores or sees risk, saved
  // (as a new version) only by administrators; scope plays no part
  {
    route: 'GET /api/risk-matrix',
    prepare: () => ({ path: '/api/risk-matrix' }),
    expect: only(...RISK_READERS),
    ok: 200,
    shape: RISK_MATRIX,
  },
  {
    route: 'GET /api/risk-matrix/templates',
    prepare: () => ({ path: '/api/risk-matrix/templates' }),
    expect: only(...RISK_READERS),
    ok: 200,
    shape: {
      ...RISK_MATRIX,
      keys: [...RISK_MATRIX.keys.filter((k) => k !== 'version' && k !== 'createdAt'), 'size'],
    },
  },
  {
    route: 'GET /api/risk-matrix/versions',
    prepare: () => ({ path: '/api/risk-matrix/versions' }),
    expect: only(...RISK_READERS),
    ok: 200,
    shape: { keys: ['version', 'createdAt', 'likelihoodLevels', 'consequenceLevels'] },
  },
  {
    route: 'GET /api/risk-matrix/versions/:version',
    prepare: () => ({ path: '/api/risk-matrix/versions/1' }),
    expect: only(...RISK_READERS),
    ok: 200,
    shape: RISK_MATRIX,
    check: (body) => {
      if (asObject(body)['version'] !== 1) throw new Error('not version 1');
    },
  },
  {
    // a valid 4×4 built on the current version: allowed cells save the next version
    route: 'PUT /api/risk-matrix',
    prepare: async (w) => {
      const [{ v }] = await sql<{ v: number }>(
        w,
        'SELECT MAX(version) AS v FROM risk_matrix_versions',
      );
      // the default 5×5 saved again as the next version: the risk rows that run after this one
      // score on levels 1–5 (a 4×4 matrix here made them fail); 4×4 is covered by risk-matrix
      // integration tests
      const { likelihood, consequence, bands, cells } = structuredClone(DEFAULT_RISK_MATRIX);
      return {
        path: '/api/risk-matrix',
        body: { baseVersion: Number(v), likelihood, consequence, bands, cells },
      };
    },
    expect: only(...ADMINS),
    ok: 200,
    shape: RISK_MATRIX,
    check: (body, r) => {
      if (asObject(body)['version'] !== Number(r.body?.['baseVersion']) + 1)
        throw new Error('not saved as the next version');
    },
  },

  // the supplier register is shared across the administration: controllers (any scope) create,
  // read and update; chef and internrevisor read; everybody else, administrators included, gets
  // nothing. Scope plays no part, so both scopes' markers are listed to every reader.
  {
    route: 'GET /api/suppliers',
    prepare: async (w) => ({
      path: '/api/suppliers?q=markorlev&pageSize=100',
      marker: await freshSupplier(w, 'Markorlev'),
    }),
    expect: only(...SUPPLIER_READERS),
    ok: 200,
    shape: { keys: ['items', 'total', 'page', 'pageSize'], nested: { items: SUPPLIER_SUMMARY } },
    list: {
      rows: items,
      visible: (_w, actor) => SUPPLIER_READERS.includes(actor),
      markerVisible: () => true,
      exactly: async (w) =>
        (await sql<{ id: string }>(w, "SELECT id FROM suppliers WHERE name LIKE 'Markorlev%'")).map(
          (r) => r.id,
        ),
    },
    check: (body) => {
      const b = asObject(body);
      if (b['total'] !== items(body).length)
        throw new Error(`total ${str(b['total'])} counts rows the list does not show`);
    },
  },
  {
    route: 'GET /api/suppliers/:id',
    prepare: async (w) => ({ path: `/api/suppliers/${await freshSupplier(w)}` }),
    expect: only(...SUPPLIER_READERS),
    ok: 200,
    shape: SUPPLIER_DETAIL,
    check: sameRow,
  },
  {
    route: 'POST /api/suppliers',
    prepare: (w) => ({
      path: '/api/suppliers',
      body: {
        name: w.unique('Ny leverantör'),
        organisationNumber: generateOrganisationNumber(Math.random),
      },
    }),
    expect: only(...SUPPLIER_WRITERS),
    ok: 201,
    shape: SUPPLIER_DETAIL,
    check: (body, r) => {
      if (asObject(body)['organisationNumber'] !== r.body?.['organisationNumber'])
        throw new Error('wrong supplier');
    },
  },
  {
    route: 'PATCH /api/suppliers/:id',
    prepare: async (w) => ({
      path: `/api/suppliers/${await freshSupplier(w)}`,
      body: { name: 'Ändrat Leverantörsnamn AB' },
    }),
    expect: only(...SUPPLIER_WRITERS),
    ok: 200,
    shape: SUPPLIER_DETAIL,
    check: (body, r) => {
      sameRow(body, r);
      if (asObject(body)['name'] !== 'Ändrat Leverantörsnamn AB') throw new Error('not changed');
    },
  },
  {
    route: 'PUT /api/suppliers/:id/flags/:code',
    prepare: async (w) => ({
      path: `/api/suppliers/${await freshSupplier(w)}/flags/skulder_kronofogden`,
      body: { evidence: 'Utdrag från Kronofogden visar skulder.' },
    }),
    expect: only(...SUPPLIER_WRITERS),
    ok: 200,
    shape: SUPPLIER_DETAIL,
    check: (body, r) => {
      sameRow(body, r);
      const b = asObject(body) as { indepthCheck: { required: boolean } };
      if (!b.indepthCheck.required) throw new Error('a heavy flag must require fördjupad kontroll');
    },
  },
  {
    route: 'DELETE /api/suppliers/:id/flags/:code',
    prepare: async (w) => ({ path: `/api/suppliers/${await freshSupplier(w)}/flags/nystartat` }),
    expect: only(...SUPPLIER_WRITERS),
    ok: 200,
    shape: SUPPLIER_DETAIL,
    check: sameRow,
  },

  // notifications are each user's own: own scope = a notification for the actor, other scope = one
  // for somebody else, which must never be listed, read or marked by the actor
  {
    route: 'GET /api/notifications',
    prepare: async (w, scope, actor) => ({
      path: '/api/notifications?limit=100',
      marker: await freshNotification(w, scope, actor),
    }),
    expect: everyone,
    ok: 200,
    shape: { keys: ['items', 'unread', 'nextBefore'], nested: { items: NOTIFICATION } },
    list: {
      rows: items,
      visible: async (w, actor, row) =>
        (await notificationOwner(w, str(row['id']))) === w.actorId(actor),
      markerVisible: (_a, scope) => scope === 'own',
      exactly: async (w, actor) =>
        (
          await sql<{ id: string }>(w, 'SELECT id FROM notifications WHERE "userId" = $1', [
            w.actorId(actor),
          ])
        ).map((n) => n.id),
    },
    check: async (body, _r, w, actor) => {
      const unread = await sql<{ id: string }>(
        w,
        'SELECT id FROM notifications WHERE "userId" = $1 AND "readAt" IS NULL',
        [w.actorId(actor)],
      );
      if (asObject(body)['unread'] !== unread.length)
        throw new Error(`unread ${str(asObject(body)['unread'])}, the actor has ${unread.length}`);
    },
  },
  {
    route: 'POST /api/notifications/:id/read',
    prepare: async (w, scope, actor) => ({
      path: `/api/notifications/${await freshNotification(w, scope, actor)}/read`,
    }),
    expect: (_a, scope) => (scope === 'own' ? 'allow' : 'deny'),
    ok: 200,
    denied: () => 404,
    shape: NOTIFICATION,
    check: (body, r) => {
      sameRow(body, r);
      if (asObject(body)['readAt'] === null) throw new Error('not marked read');
    },
  },
  {
    route: 'POST /api/notifications/read-all',
    prepare: async (w, scope, actor) => ({
      path: '/api/notifications/read-all',
      marker: await freshNotification(w, scope, actor),
    }),
    expect: everyone,
    ok: 200,
    shape: { keys: ['updated'] },
    check: async (_body, r, w, actor) => {
      const [n] = await sql<{ userId: string; readAt: unknown }>(
        w,
        'SELECT "userId", "readAt" FROM notifications WHERE id = $1',
        [r.marker],
      );
      const own = n.userId === w.actorId(actor);
      if (own !== (n.readAt !== null))
        throw new Error(own ? 'own notification left unread' : "somebody else's marked read");
    },
  },
];

/** A new unread notification for the actor (own scope) or for somebody else (other scope). */
async function freshNotification(w: World, scope: Scope, actor: Actor): Promise<string> {
  const userId = w.actorId(scope === 'own' ? actor : someoneElse(actor));
  const link = `/arenden/${randomUUID()}`;
  await w.t.app.get(NotificationService).notify([userId], { kind: 'matrix.marker', link });
  const [n] = await sql<{ id: string }>(w, 'SELECT id FROM notifications WHERE link = $1', [link]);
  return n.id;
}

async function notificationOwner(w: World, id: string): Promise<string | undefined> {
  const rows = await sql<{ userId: string }>(
    w,
    'SELECT "userId" FROM notifications WHERE id = $1',
    [id],
  );
  return rows[0]?.userId;
}

/** A user other than the actor, for "somebody else's" objects. */
export function someoneElse(actor: Actor): Actor {
  return actor === 'chef' ? 'medarbetare' : 'chef';
}

/** A raw query written with PostgreSQL's "$n" parameters ("?" on SQLite). */
export function sql<T>(w: World, text: string, params: unknown[] = []): Promise<T[]> {
  const postgres = w.t.dataSource.options.type === 'postgres';
  return w.t.dataSource.query<T[]>(postgres ? text : text.replace(/\$\d+/g, '?'), params);
}

async function sessionOwner(w: World, id: string): Promise<string | undefined> {
  const rows = await sql<{ userId: string }>(w, 'SELECT "userId" FROM sessions WHERE id = $1', [
    id,
  ]);
  return rows[0]?.userId;
}

/**
 * Every row. Features keep their rows in `rows/<feature>.ts` as functions (called here, after this
 * module's helpers exist), so that parallel work on different features does not touch one file.
 */
export const MATRIX: MatrixRow[] = [...CORE_ROWS, ...FEATURE_ROWS.flatMap((rows) => rows())];

/**
 * The organisation both the matrix and the IDOR sweep work in — a root with departments A and B,
 * one unit in each — and every actor as a user of unit A1, signed in.
 */
export async function actorsWorld(t: TestApp): Promise<{
  root: TestUnit;
  a: TestUnit;
  a1: TestUnit;
  b: TestUnit;
  b1: TestUnit;
  agents: Map<Actor, TestAgent>;
  usernames: Map<Actor, string>;
  ids: Map<Actor, string>;
}> {
  const root = await t.unit('Förvaltningen');
  const a = await t.unit('Avdelning A', root, 'avdelning');
  const a1 = await t.unit('Enhet A1', a);
  const b = await t.unit('Avdelning B', root, 'avdelning');
  const b1 = await t.unit('Enhet B1', b);
  const agents = new Map<Actor, TestAgent>();
  const usernames = new Map<Actor, string>();
  const ids = new Map<Actor, string>();
  for (const actor of ACTORS) {
    const username = `m-${actor.replace('+', '-')}`;
    usernames.set(actor, username);
    const user = await t.user(username, a1, rolesOf(actor, { a, b }));
    ids.set(actor, user.id);
    agents.set(actor, await t.login(username));
  }
  return { root, a, a1, b, b1, agents, usernames, ids };
}
