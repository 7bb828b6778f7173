// Cases at size (issue 6): 200,000 cases seeded straight into SQLite (sealed like real ones, with
// per-case keys under a known master key), the built server started on them, and:
//   - the handler's inbox, page 1 and a deep page (keyset cursor after 5,000 rows), API vs the same
//     SQL run directly (the floor) — target API/SQL ≤ 1.5× (p50);
//   - report submission (POST /api/reports) p50/p95 — target p95 < 100 ms.
// Used by run.mjs; runs alone too: `node tests/bench/cases.mjs` (BENCH_CASES, BENCH_PORT).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, ROOT } from '../../tools/lib.mjs';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const argon2 = require('argon2');

const CASES = Number(process.env.BENCH_CASES ?? 200_000);
const PORT = Number(process.env.BENCH_PORT ?? 3295);
const DIR = join(ROOT, 'tmp', 'bench-cases');
const DB = join(DIR, 'cases.db');
const base = `http://127.0.0.1:${PORT}`;
const MASTER = randomBytes(32);

if (!process.env.BENCH_SKIP_BUILD) build(['backend']);
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });

const mig = spawnSync(process.execPath, ['dist/backend/cli.js', 'migrate'], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: `sqlite:${DB}` },
  encoding: 'utf8',
});
if (mig.status !== 0) throw new Error(mig.stderr);
const { EnvelopeCrypto } = require(join(ROOT, 'dist/backend/core/crypto/envelope-crypto.js'));
const { deadlineColumns } = require(join(ROOT, 'dist/backend/cases/case-timers.js'));
const crypto = new EnvelopeCrypto({ masterKey: MASTER, oldMasterKeys: [] });

const now = new Date();
const ts = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
let t0 = performance.now();
const db = new Database(DB);
db.pragma('journal_mode = WAL');
const units = [];
const insUnit = db.prepare(
  'INSERT INTO org_units (id,name,kind,parentId,path,depth,active,createdAt,updatedAt) VALUES (?,?,?,?,?,?,1,?,?)',
);
const addUnit = (name, kind, parent) => {
  const id = randomUUID();
  const u = { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
  insUnit.run(id, name, kind, parent?.id ?? null, u.path, u.depth, ts(now), ts(now));
  units.push(u);
  return u;
};
const hash = await argon2.hash('bench-lösenord-2026', {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});
let handlerId = null;
const CATEGORIES = ['hot', 'trakasserier', 'korruptionsforsok', 'gava_forman_fran_part', 'vald'];
const STATUSES = ['registrerad', 'bekraftad', 'under_bedomning', 'utredning_pagar', 'avslutad'];
db.transaction(() => {
  const root = addUnit('Förvaltningen', 'forvaltning', null);
  for (let d = 0; d < 6; d++) {
    const dept = addUnit(`Avdelning ${d + 1}`, 'avdelning', root);
    for (let e = 0; e < 8; e++) addUnit(`Enhet ${d + 1}.${e + 1}`, 'enhet', dept);
  }
  const insUser = db.prepare(
    'INSERT INTO users (id,username,displayName,email,searchText,unitId,active,passwordHash,passwordChangedAt,mustChangePassword,failedLoginCount,lockedUntil,lastLoginAt,createdAt,updatedAt) VALUES (?,?,?,?,?,?,1,?,?,0,0,NULL,NULL,?,?)',
  );
  const insRole = db.prepare(
    'INSERT INTO role_assignments (id,userId,role,unitId,createdAt,createdBy) VALUES (?,?,?,?,?,NULL)',
  );
  for (const [username, role] of [
    ['benchhandler', 'handlaggare'],
    ['benchreporter', 'medarbetare'],
  ]) {
    const id = randomUUID();
    if (role === 'handlaggare') handlerId = id;
    insUser.run(id, username, username, null, username, root.id, hash, ts(now), ts(now), ts(now));
    insRole.run(randomUUID(), id, role, root.id, ts(now));
  }
  const cols = [
    'id',
    'reference',
    'year',
    'seqNo',
    'track',
    'category',
    'irregularityKind',
    'confidentiality',
    'status',
    'unitId',
    'assigneeId',
    'routedAwayFrom',
    'reporterTag',
    'receiptHash',
    'receivedAt',
    'acknowledgementDueOn',
    'feedbackDueOn',
    'nextDueOn',
    'legalHold',
    'wrappedKey',
    'contentSealed',
    'createdAt',
    'updatedAt',
    'version',
  ];
  const ins = db.prepare(
    `INSERT INTO cases (${cols.map((c) => `"${c}"`).join(',')}) VALUES (${cols.map(() => '?').join(',')})`,
  );
  const leaves = units.filter((u) => u.depth === 2);
  for (let i = 0; i < CASES; i++) {
    const id = randomUUID();
    const key = randomBytes(32);
    const receivedAt = new Date(now.getTime() - (CASES - i) * 5 * 60_000);
    const track = i % 3 === 0 ? 'visselblasning' : 'paverkan';
    const d = deadlineColumns({
      track,
      receivedAt,
      ackEndedAt: null,
      ackEndKind: null,
      ackWaiverReason: null,
      feedbackEndedAt: null,
      feedbackEndKind: null,
    });
    const year = receivedAt.getUTCFullYear();
    const content = {
      description: `Bänkprov ${i}: händelse vid tillsyn`,
      intake: {},
      welfare: null,
    };
    ins.run(
      id,
      `VRN-${year}-${String(i + 1).padStart(6, '0')}`,
      year,
      i + 1,
      track,
      CATEGORIES[i % CATEGORIES.length],
      null,
      i % 2 ? 'confidential' : 'identified',
      STATUSES[i % STATUSES.length],
      leaves[i % leaves.length].id,
      null,
      null,
      null,
      null,
      ts(receivedAt),
      d.acknowledgementDueOn,
      d.feedbackDueOn,
      d.nextDueOn,
      0,
      crypto.wrap(key),
      crypto.encrypt(key, JSON.stringify(content), `case:${id}:content`),
      ts(receivedAt),
      ts(receivedAt),
      1,
    );
  }
})();
db.exec('ANALYZE');
db.close();
const seedSeconds = (performance.now() - t0) / 1000;

t0 = performance.now();
const server = spawn(process.execPath, ['dist/backend/main.js'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${DB}`,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    VARN_MASTER_KEY: MASTER.toString('base64'),
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    STATIC_DIR: 'none',
    LOGIN_RATE_PER_MINUTE: '1000',
  },
});
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);
for (;;) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    /* not up yet */
  }
  if (performance.now() - t0 > 30_000) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 25));
}
async function login(username) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'bench-lösenord-2026' }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  return r.headers.get('set-cookie').split(';')[0];
}
const handler = await login('benchhandler');
const reporter = await login('benchreporter');
const get = async (path) => {
  const r = await fetch(base + path, { headers: { cookie: handler } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
};

const pct = (xs, p) =>
  xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
async function timeIt(fn, n) {
  for (let i = 0; i < 10; i++) await fn();
  const xs = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    xs.push(performance.now() - s);
  }
  return { p50: pct(xs, 0.5), p95: pct(xs, 0.95) };
}

// a deep cursor: walk 200 pages of 25 (5,000 rows) once
let cursor = null;
for (let i = 0; i < 200; i++) {
  const page = await get(`/api/cases?limit=25${cursor ? `&after=${cursor}` : ''}`);
  cursor = page.nextCursor;
}
const deepCursor = cursor;

// floors: the inbox SQL straight against SQLite (root handler: one path prefix)
const { inboxFloor } = await import('./cases-floor.mjs');
const floor = inboxFloor(new Database(DB, { readonly: true }), handlerId);

// the API's cursor after row 150,000, made the way the service makes it (ISO time + id)
const { encodeCursor } = require(join(ROOT, 'dist/backend/cases/handling/case-view.js'));
const veryDeepCursor = encodeCursor('received', 'desc', {
  id: floor.veryDeepRow.id,
  receivedAt: new Date(`${floor.veryDeepRow.receivedAt.replace(' ', 'T')}Z`),
});

const rows = [];
for (const [name, path, fl] of [
  ['inbox page 1', '/api/cases?limit=25', floor.page1],
  ['inbox deep page (row 5,001)', `/api/cases?limit=25&after=${deepCursor}`, floor.deep],
  ['inbox page at row 150,001', `/api/cases?limit=25&after=${veryDeepCursor}`, floor.veryDeep],
]) {
  const api = await timeIt(() => get(path), 200);
  const sql = await timeIt(async () => fl(), 200);
  rows.push({ name, api, sql, ratio: api.p50 / sql.p50 });
}

// the fixed cost of any signed-in request, for reading the ratios above
const fixed = {
  health: await timeIt(async () => (await fetch(`${base}/api/health`)).arrayBuffer(), 200),
  me: await timeIt(() => get('/api/me'), 200),
};

// report submission, sequential
let n = 0;
const unitId = units[10].id;
const submit = await timeIt(async () => {
  const r = await fetch(`${base}/api/reports`, {
    method: 'POST',
    headers: { cookie: reporter, 'content-type': 'application/json' },
    body: JSON.stringify({
      track: n++ % 2 ? 'paverkan' : 'visselblasning',
      category: 'hot',
      description: 'Bänkprov: en besökare hotade en inspektör vid tillsynsbesöket.',
      unitId,
      confidentiality: 'confidential',
    }),
  });
  if (r.status !== 201) throw new Error(`submit: ${r.status} ${await r.text()}`);
}, 200);
stop();

const f1 = (x) => x.toFixed(1).padStart(7);
console.log(
  `\nVärn cases benchmark — ${CASES} cases, SQLite (seeded in ${seedSeconds.toFixed(1)} s)\n`,
);
console.log(
  '  query                         API p50   API p95   SQL p50   SQL p95   API/SQL (p50)',
);
for (const r of rows)
  console.log(
    `  ${r.name.padEnd(28)} ${f1(r.api.p50)}ms ${f1(r.api.p95)}ms ${f1(r.sql.p50)}ms ${f1(r.sql.p95)}ms   ${r.ratio.toFixed(2)}×`,
  );
console.log(
  `\n  report submission (POST /api/reports, sequential): p50 ${submit.p50.toFixed(1)} ms, p95 ${submit.p95.toFixed(1)} ms`,
);
console.log(
  `  fixed cost of a request: GET /api/health p50 ${fixed.health.p50.toFixed(1)} ms, GET /api/me (signed in) p50 ${fixed.me.p50.toFixed(1)} ms`,
);
writeFileSync(join(DIR, 'results.json'), JSON.stringify({ rows, submit, fixed }, null, 2));
process.exit(0);
