// npm run bench — prints figures and ratios; it does not fail the test suite.
//
// Seeds a realistic large organisation straight into SQLite (10 000 users, 100 000 audit
// entries), starts the built server on it, and measures:
//   - API latency (p50/p95) for the main lists against the same query run directly in SQLite
//     (the floor), and the ratio between them;
//   - throughput with 8 concurrent clients;
//   - audit-chain verification time;
//   - server start-up time and resident memory (idle and after load);
//   - the frontend's initial load: entry script, module preloads and styles (raw and gzip);
//   - the cost of being signed in (signed-in.mjs): /api/health, /api/me and the first users page
//     side by side on the demo database, with the demo tree and with 2,000 extra units, and the
//     size of the administrator's packed rules;
//   - cases at size (cases.mjs): the inbox on 200,000 cases and report submission;
//   - the risk heatmap at city size (risk-heatmap.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, ROOT } from '../../tools/lib.mjs';
import { printSignedIn, signedInBench } from './signed-in.mjs';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const argon2 = require('argon2');

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const AUDIT = Number(process.env.BENCH_AUDIT ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3291);
const DIR = join(ROOT, 'tmp', 'bench');
const DB = join(DIR, 'bench.db');
const base = `http://127.0.0.1:${PORT}`;

build(['backend', 'frontend']);
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });

// ---- schema through the real migrations, data straight into SQLite ----
const mig = spawnSync(process.execPath, ['dist/backend/cli.js', 'migrate'], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: `sqlite:${DB}` },
  encoding: 'utf8',
});
if (mig.status !== 0) throw new Error(mig.stderr);
const { entryHash } = require(join(ROOT, 'dist/backend/core/audit/audit-chain.js'));
const { canonicalJson } = require(join(ROOT, 'dist/backend/core/crypto/hashing.js'));

let t0 = performance.now();
const db = new Database(DB);
db.pragma('journal_mode = WAL');
const now = new Date('2026-06-01T08:00:00Z');
const ts = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
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
const FIRST = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Ahmed',
  'Sara',
  'Johan',
  'Åsa',
  'Örjan',
  'Fatima',
  'Noah',
  'Elin',
  'Oskar',
];
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Öberg',
  'Hassan',
  'Lund',
];
const hash = await argon2.hash('bench-lösenord-2026', {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});
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
  const adminId = randomUUID();
  insUser.run(
    adminId,
    'benchadmin',
    'Bench Admin',
    null,
    'bench admin benchadmin',
    root.id,
    hash,
    ts(now),
    ts(now),
    ts(now),
  );
  insRole.run(randomUUID(), adminId, 'administrator', root.id, ts(now));
  for (let i = 0; i < USERS; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    const username = `u${i}`;
    const unit = units[1 + (i % (units.length - 1))];
    const id = randomUUID();
    insUser.run(
      id,
      username,
      name,
      `${username}@example.se`,
      `${name} ${username} ${username}@example.se`.toLocaleLowerCase('sv'),
      unit.id,
      null,
      null,
      ts(now),
      ts(now),
    );
    insRole.run(randomUUID(), id, 'medarbetare', unit.id, ts(now));
  }
  const insAudit = db.prepare(
    'INSERT INTO audit_log (occurredAt,actorId,actorName,action,objectType,objectId,outcome,details,prevHash,hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
  );
  let prev = '0'.repeat(64);
  const actions = [
    'auth.login',
    'user.updated',
    'unit.updated',
    'role.granted',
    'auth.login_failed',
  ];
  for (let i = 0; i < AUDIT; i++) {
    const e = {
      occurredAt: new Date(now.getTime() - (AUDIT - i) * 60_000),
      actorId: adminId,
      actorName: 'benchadmin',
      action: actions[i % actions.length],
      objectType: 'User',
      objectId: randomUUID(),
      outcome: i % 5 === 4 ? 'failure' : 'success',
      details: canonicalJson({ n: i }),
      prevHash: prev,
    };
    const h = entryHash(e);
    insAudit.run(
      ts(e.occurredAt),
      e.actorId,
      e.actorName,
      e.action,
      e.objectType,
      e.objectId,
      e.outcome,
      e.details,
      e.prevHash,
      h,
    );
    prev = h;
  }
})();
db.close();
const seedSeconds = (performance.now() - t0) / 1000;

// ---- start the server ----
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
    VARN_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
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
const startupMs = performance.now() - t0;
const rss = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
const rssIdle = rss();

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'benchadmin', password: 'bench-lösenord-2026' }),
});
const cookie = login.headers.get('set-cookie').split(';')[0];
const get = async (path) => {
  const r = await fetch(base + path, { headers: { cookie } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
};

// ---- floors: the very SQL the API runs (same ability filter), straight against SQLite ----
const ro = new Database(DB, { readonly: true });
// root admin: the scope is one path prefix (ADR 0010), checked through the user's unit
const scope = [`${ro.prepare('SELECT path FROM org_units WHERE parentId IS NULL').get().path}%`];
const USERS_FROM = `FROM users u INNER JOIN org_units unit ON unit.id = u.unitId WHERE EXISTS (SELECT 1 FROM org_units casl_unit WHERE casl_unit.id = u.unitId AND casl_unit.path LIKE ? ESCAPE '\\')`;
const q = {
  count: ro.prepare(`SELECT COUNT(1) ${USERS_FROM}`),
  page: ro.prepare(
    `SELECT u.*, unit.name AS unitName ${USERS_FROM} ORDER BY u.displayName, u.id LIMIT 25 OFFSET ?`,
  ),
  searchCount: ro.prepare(`SELECT COUNT(1) ${USERS_FROM} AND u.searchText LIKE ? ESCAPE '\\'`),
  search: ro.prepare(
    `SELECT u.*, unit.name AS unitName ${USERS_FROM} AND u.searchText LIKE ? ESCAPE '\\' ORDER BY u.displayName, u.id LIMIT 25`,
  ),
  roles: ro.prepare(
    `SELECT ra.*, unit.name FROM role_assignments ra INNER JOIN org_units unit ON unit.id = ra.unitId WHERE ra.userId IN (${Array(25).fill('?').join(',')})`,
  ),
  audit: ro.prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 51'),
  units: ro.prepare('SELECT * FROM org_units ORDER BY depth, name'),
};
const usersPage = (offset) => {
  q.count.get(...scope);
  const rows = q.page.all(...scope, offset);
  q.roles.all(
    ...rows
      .map((r) => r.id)
      .concat(Array(25).fill(''))
      .slice(0, 25),
  );
};
const floors = {
  'users page 1': () => usersPage(0),
  'users page 101 (deep)': () => usersPage(2500),
  'users search "öberg"': () => (
    q.searchCount.get(...scope, '%öberg%'),
    q.search.all(...scope, '%öberg%')
  ),
  'audit log, deep page': () => q.audit.all(AUDIT / 2),
  'unit tree': () => q.units.all(),
};
const apis = {
  'users page 1': '/api/users?page=1&pageSize=25',
  'users page 101 (deep)': '/api/users?page=101&pageSize=25',
  'users search "öberg"': `/api/users?q=${encodeURIComponent('öberg')}`,
  'audit log, deep page': `/api/audit-log?before=${AUDIT / 2}&limit=50`,
  'unit tree': '/api/units',
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

const rows = [];
for (const name of Object.keys(apis)) {
  const api = await timeIt(() => get(apis[name]), 200);
  const floor = await timeIt(async () => floors[name](), 200);
  rows.push({ name, api, floor, ratio: api.p50 / floor.p50 });
}

// throughput: 8 concurrent clients for 3 s on the users list
let done = 0;
const until = performance.now() + 3000;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (performance.now() < until) {
      await get('/api/users?page=1&pageSize=25');
      done++;
    }
  }),
);
const throughput = done / 3;

t0 = performance.now();
const check = await get('/api/audit-log/verify');
const verifyMs = performance.now() - t0;
const rssLoaded = rss();
stop();

// ---- frontend bundle ----
const browser = join(ROOT, 'dist/frontend/browser');
const html = readFileSync(join(browser, 'index.html'), 'utf8');
// everything the first page load fetches: entry script, module preloads and stylesheets
const initial = [
  ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="(?:modulepreload|stylesheet)"[^>]+href="([^"]+)"/g),
]
  .map((m) => m[1])
  .filter((f, i, all) => all.indexOf(f) === i);
let raw = 0;
let gz = 0;
for (const f of initial) {
  const buf = readFileSync(join(browser, f));
  raw += buf.length;
  gz += gzipSync(buf, { level: 9 }).length;
}

const f1 = (x) => x.toFixed(1).padStart(7);
console.log(
  `\nVärn benchmark — ${USERS} users, ${AUDIT} audit entries, SQLite (seeded in ${seedSeconds.toFixed(1)} s)\n`,
);
console.log('  query                       API p50   API p95   SQL p50   SQL p95   API/SQL (p50)');
for (const r of rows) {
  console.log(
    `  ${r.name.padEnd(24)} ${f1(r.api.p50)}ms ${f1(r.api.p95)}ms ${f1(r.floor.p50)}ms ${f1(r.floor.p95)}ms   ${r.ratio.toFixed(1)}×`,
  );
}
console.log(`\n  users list page 1, 8 concurrent clients: ${throughput.toFixed(0)} requests/s`);
console.log(
  `  audit-chain verification: ${check.checked} entries in ${verifyMs.toFixed(0)} ms (ok=${check.ok})`,
);
console.log(`  server start-up (process start → healthy): ${startupMs.toFixed(0)} ms`);
console.log(
  `  resident memory: ${rssIdle.toFixed(0)} MiB idle, ${rssLoaded.toFixed(0)} MiB after load`,
);
console.log(
  `  frontend initial load: ${(raw / 1024).toFixed(0)} kB raw, ${(gz / 1024).toFixed(0)} kB gzip (${initial.length} files: entry, module preloads, styles)`,
);
console.log(`  database file: ${(statSync(DB).size / 1048576).toFixed(1)} MiB`);
writeFileSync(
  join(DIR, 'results.json'),
  JSON.stringify(
    { rows, throughput, verifyMs, startupMs, rssIdle, rssLoaded, bundle: { raw, gzip: gz } },
    null,
    2,
  ),
);
// the cost of being signed in: health / me / users page side by side, demo tree and +2,000 units
const signedIn = await signedInBench({ root: ROOT, dir: join(DIR, 'signed-in'), port: PORT + 1 });
printSignedIn(signedIn);
writeFileSync(join(DIR, 'signed-in.json'), JSON.stringify(signedIn, null, 2));
// cases at size (issue 6): the handler's inbox on 200,000 cases (page 1 and a deep page, API vs
// the same SQL) and report submission p95
spawnSync(process.execPath, [join(ROOT, 'tests/bench/cases.mjs')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, BENCH_SKIP_BUILD: '1' },
});
// the risk heatmap at city size (issue 7): 100,000 contracts, 250,000 risks with 1,000,000
// assessment rows; whole organisation and one unit, current and as of a past date, two scopes, API
// vs the same SQL and p95 with 50 clients — SQLite, and PostgreSQL with TEST_DATABASE_URL
spawnSync(process.execPath, [join(ROOT, 'tests/bench/risk-heatmap.mjs')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, BENCH_SKIP_BUILD: '1' },
});
// audited writes per second on PostgreSQL, alone and under a flood of refused requests
// (skips itself when no PostgreSQL answers)
spawnSync(process.execPath, [join(ROOT, 'tests/bench/audit-writes.mjs')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, BENCH_SKIP_BUILD: '1' },
});
process.exit(0);
