import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DemoSeeder } from '../../backend/src/demo/demo.seeder';
import { describeEachEngine, TestApp } from '../../backend/src/testing/test-app';
import { bodyFor, Components, hostileString, Schema, valueFor } from './arbitraries';

/**
 * Fuzzing driven by the OpenAPI document: every operation in backend/openapi.json (kept current
 * by the drift check), as every demo role and without a session, with generated path parameters,
 * query strings, bodies and headers — malformed, oversized, wrong-typed, Unicode edge cases and
 * injection-shaped. A new route is covered as soon as it is in the document.
 *
 * Every answer must be a 2xx, or a 4xx as application/problem+json with a `code` — never a 5xx,
 * never a hang, never a stack trace or SQL error text — and a mutating operation whose answers
 * were all refusals must have changed no row (a fingerprint of every table but the logs).
 *
 * FUZZ_PROFILE=short (npm test): 2 requests per operation and actor; FUZZ_PROFILE=full
 * (npm run test:full): 10 per operation and actor, over 10,000 requests per engine.
 */
const PROFILE = process.env['FUZZ_PROFILE'] === 'full' ? 'full' : 'short';
const RUNS_PER_ACTOR = PROFILE === 'full' ? 10 : 2;
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Array<{ name: string; in: string; schema?: Schema }>;
  body?: Schema;
  multipart: boolean;
}

const doc = JSON.parse(readFileSync(join(__dirname, '../../backend/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Components };
};
const components = doc.components.schemas;

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as {
        parameters?: Operation['parameters'];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      };
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method as Operation['method'],
        path,
        parameters: op.parameters ?? [],
        body: content['application/json']?.schema ?? content['multipart/form-data']?.schema,
        multipart: !!content['multipart/form-data'],
      });
    }
  return ops;
}
const OPERATIONS = operations();

/** Who asks: every demo account and nobody. */
const ACTORS = ['anonymous', ...DEMO_ACCOUNTS.map((a) => a.username)];

/** Tables whose rows change without any request changing state (logs, sessions, counters). */
const VOLATILE_TABLES = new Set([
  'audit_log',
  'sessions',
  'notifications',
  'outbox_messages',
  'job_leases',
  'receipt_sessions',
  'migrations',
  'typeorm_metadata',
  'app_secrets',
  // the shared throttle counters: a refused request is still counted, that is their purpose
  'throttle_hits',
]);
const VOLATILE_COLUMNS = new Set([
  'lastSeenAt',
  'lastLoginAt',
  'previousLoginAt',
  'failedLoginCount',
  'lockedUntil',
]);

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) becomes the percent-encoded
 * bytes of an invalid UTF-8 sequence — one more thing the server must refuse cleanly.
 */
function encodeLoose(v: string): string {
  return [...v]
    .map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch)))
    .join('');
}

interface Failure {
  actor: string;
  method: string;
  url: string;
  status: number | 'hang';
  why: string;
  body: string;
}

describeEachEngine(`OpenAPI fuzz (${PROFILE} profile, seed ${SEED})`, (engine) => {
  let t: TestApp;
  const cookies = new Map<string, string>();
  const pool: Record<string, string[]> = {};
  let tables: Array<{ name: string; columns: string[] }> = [];
  const failures: Failure[] = [];
  let requests = 0;

  beforeAll(async () => {
    t = await TestApp.start(engine, {
      VARN_DEMO: 'true',
      // the fuzzer sends wrong passwords on purpose; the demo accounts must stay usable
      LOGIN_MAX_FAILURES: '100',
    });
    await t.app.get(DemoSeeder).seedIfEmpty();
    tables = await listTables();
    await collectIds();
    for (const a of DEMO_ACCOUNTS) await signIn(a.username);
  }, 180_000);
  afterAll(() => t.stop());

  async function signIn(username: string): Promise<void> {
    const res = await request(t.app.getHttpServer())
      .post('/api/auth/login')
      .send({ username, password: DEMO_PASSWORD });
    if (res.status !== 200) {
      cookies.delete(username);
      return;
    }
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    cookies.set(username, set.map((c) => c.split(';')[0]).join('; '));
  }

  async function listTables(): Promise<Array<{ name: string; columns: string[] }>> {
    const names =
      engine === 'postgres'
        ? (
            await t.dataSource.query<Array<{ n: string }>>(
              `SELECT table_name AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
            )
          ).map((r) => r.n)
        : (
            await t.dataSource.query<Array<{ n: string }>>(
              `SELECT name AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`,
            )
          )
            .map((r) => r.n)
            // FTS5 shadow tables follow their content table
            .filter((n) => !/_(data|idx|content|docsize|config)$/.test(n));
    const out: Array<{ name: string; columns: string[] }> = [];
    for (const name of names.filter((n) => !VOLATILE_TABLES.has(n)).sort()) {
      const cols =
        engine === 'postgres'
          ? (
              await t.dataSource.query<Array<{ c: string }>>(
                `SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
                [name],
              )
            ).map((r) => r.c)
          : (await t.dataSource.query<Array<{ name: string }>>(`PRAGMA table_info("${name}")`)).map(
              (r) => r.name,
            );
      out.push({ name, columns: cols.filter((c) => !VOLATILE_COLUMNS.has(c)) });
    }
    return out;
  }

  /** Real ids and keys from the database, so that generated requests reach deep into the routes. */
  async function collectIds(): Promise<void> {
    const take = async (param: string, table: string, column: string) => {
      const rows = await t.dataSource.query<Array<{ v: string | number }>>(
        `SELECT "${column}" AS v FROM "${table}" ORDER BY 1 LIMIT 4`,
      );
      (pool[param] ??= []).push(...rows.map((r) => String(r.v)));
    };
    for (const { name, columns } of tables) {
      if (columns.includes('id')) await take('id', name, 'id');
      if (columns.includes('slug')) await take('slug', name, 'slug');
      if (columns.includes('code') && /flag/.test(name)) await take('code', name, 'code');
    }
    pool['itemId'] = ['A1', 'B5', 'H28'];
    pool['version'] = ['1', '2'];
  }

  async function fingerprint(): Promise<string> {
    const h = createHash('sha256');
    for (const { name, columns } of tables) {
      const cols = columns.map((c) => `"${c}"`).join(', ');
      const rows = await t.dataSource.query<unknown[]>(
        `SELECT ${cols} FROM "${name}" ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`,
      );
      h.update(name).update(JSON.stringify(rows));
    }
    return h.digest('hex');
  }

  function pathParam(name: string): fc.Arbitrary<string> {
    const real = pool[name] ?? pool['id'] ?? [];
    return fc
      .oneof(
        { weight: 4, arbitrary: real.length ? fc.constantFrom(...real) : fc.uuid() },
        { weight: 2, arbitrary: fc.uuid() },
        { weight: 2, arbitrary: hostileString },
      )
      .map(encodeLoose);
  }

  function requestFor(op: Operation) {
    const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const query = op.parameters.filter((p) => p.in === 'query');
    return fc.record({
      actor: fc.constantFrom(...ACTORS),
      path: fc.tuple(...pathNames.map(pathParam), fc.constant('')),
      query: fc.tuple(
        ...query.map((p) => fc.option(valueFor(p.schema, components), { freq: 2 })),
        fc.option(fc.tuple(hostileString, hostileString), { freq: 5 }),
      ),
      body: bodyFor(op.body, components),
      encoding: fc.constantFrom(
        'json',
        'json',
        'json',
        'json',
        'malformed',
        'text',
        'charset',
        'none',
        'multipart',
      ),
    });
  }

  type Generated = ReturnType<typeof requestFor> extends fc.Arbitrary<infer T> ? T : never;

  function urlOf(op: Operation, g: Generated): string {
    let i = 0;
    const path = op.path.replace(/\{[^}]+\}/g, () => g.path[i++]);
    const params = new URLSearchParams();
    op.parameters
      .filter((p) => p.in === 'query')
      .forEach((p, j) => {
        const v = g.query[j];
        if (v === null || v === undefined) return;
        for (const one of Array.isArray(v) ? v : [v])
          params.append(p.name, typeof one === 'string' ? one : JSON.stringify(one));
      });
    const extra = g.query[g.query.length - 1] as [string, string] | null;
    if (extra) params.append(extra[0].slice(0, 100), extra[1].slice(0, 2000));
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  }

  async function send(op: Operation, g: Generated): Promise<void> {
    const url = urlOf(op, g);
    let req = request(t.app.getHttpServer())[op.method](url).timeout({ deadline: 20_000 });
    const cookie = g.actor === 'anonymous' ? undefined : cookies.get(g.actor);
    if (cookie) req = req.set('Cookie', cookie);
    const json = JSON.stringify(g.body) ?? 'null';
    if (op.method !== 'get' && op.method !== 'delete') {
      switch (g.encoding) {
        case 'json':
          req = req.set('Content-Type', 'application/json').send(json);
          break;
        case 'malformed':
          req = req.set('Content-Type', 'application/json').send(json.slice(0, -1) + '\u0000');
          break;
        case 'text':
          req = req.set('Content-Type', 'text/plain').send(json);
          break;
        case 'charset':
          req = req.set('Content-Type', 'application/json; charset=utf-16').send(json);
          break;
        case 'multipart':
          req = req
            .attach('file', Buffer.from(json.slice(0, 4096)), {
              filename: '../../etc/passwd.pdf',
              contentType: 'application/pdf',
            })
            .field('note', json.slice(0, 200));
          break;
        case 'none':
          break;
      }
    }
    requests++;
    let res: request.Response;
    try {
      res = await req;
    } catch (e) {
      failures.push({
        actor: g.actor,
        method: op.method.toUpperCase(),
        url: url.slice(0, 300),
        status: 'hang',
        why: (e as Error).message,
        body: json.slice(0, 300),
      });
      return;
    }
    const fail = (why: string) =>
      failures.push({
        actor: g.actor,
        method: op.method.toUpperCase(),
        url: url.slice(0, 300),
        status: res.status,
        why,
        body: json.slice(0, 300),
      });
    const text = res.text ?? '';
    if (res.status >= 500) fail(`5xx: ${text.slice(0, 300)}`);
    else if (res.status >= 400) {
      if (!String(res.headers['content-type']).includes('application/problem+json'))
        fail(`${res.status} without problem+json (${res.headers['content-type']})`);
      else if (typeof (res.body as { code?: unknown }).code !== 'string') fail('4xx without code');
    }
    if (/QueryFailedError|SQLITE_|syntax error at or near|\bat [\w.<>]+ \(.+:\d+:\d+\)/.test(text))
      fail('internal error text in the answer');
    return Promise.resolve().then(() => {
      (op as Operation & { succeeded?: boolean }).succeeded ||=
        res.status < 400 && op.method !== 'get';
    });
  }

  it(`answers every operation in the OpenAPI document with 2xx or 4xx problem+json, never 5xx or a hang, and refused writes change no row`, async () => {
    expect(OPERATIONS.length).toBeGreaterThan(100);
    const unchanged: string[] = [];
    for (const [index, op] of OPERATIONS.entries()) {
      // a fuzzed request may have ended a session (sign-out, a revoked session): sign in again
      for (const a of DEMO_ACCOUNTS) {
        const me = await request(t.app.getHttpServer())
          .get('/api/me')
          .set('Cookie', cookies.get(a.username) ?? '');
        if (me.status !== 200) await signIn(a.username);
      }
      const mutating = op.method !== 'get';
      const before = mutating ? await fingerprint() : '';
      await fc.assert(
        fc.asyncProperty(requestFor(op), async (g) => {
          await send(op, g);
        }),
        { numRuns: RUNS_PER_ACTOR * ACTORS.length, seed: SEED + index, endOnFailure: true },
      );
      if (mutating && !(op as Operation & { succeeded?: boolean }).succeeded) {
        const after = await fingerprint();
        if (after !== before) unchanged.push(`${op.method.toUpperCase()} ${op.path}`);
      }
    }
    // no generated body polluted Object.prototype in this process
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const distinct = new Map<string, Failure>();
    for (const f of failures) distinct.set(`${f.method} ${f.url.split('?')[0]} ${f.why}`, f);
    if (distinct.size)
      console.error(
        `Fuzz failures (seed ${SEED}):\n` +
          [...distinct.values()]
            .slice(0, 40)
            .map(
              (f) =>
                `  ${f.actor} ${f.method} ${f.url} → ${f.status}: ${f.why}\n    body ${f.body}`,
            )
            .join('\n'),
      );
    console.log(
      `OpenAPI fuzz [${engine}] ${PROFILE}: ${requests} requests over ${OPERATIONS.length} operations × ${ACTORS.length} actors, seed ${SEED}`,
    );
    expect([...distinct.keys()]).toEqual([]);
    expect(unchanged).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(OPERATIONS.length * ACTORS.length * RUNS_PER_ACTOR);
  }, 1_800_000);
});
