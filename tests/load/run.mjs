// npm run test:load — two Värn instances on one PostgreSQL under a realistic mix of reads and
// writes across roles, for a bounded time; prints a markdown table and fails on any error.
//
// 1. builds the backend (LOAD_SKIP_BUILD=1 reuses dist/backend),
// 2. creates a fresh PostgreSQL database (on LOAD_DATABASE_URL, else TEST_DATABASE_URL, else
//    postgres://postgres@127.0.0.1:5432/postgres) and seeds the demo organisation into it,
// 3. starts TWO production servers (dist/backend/main.js, NODE_ENV=production, jobs on in both)
//    on LOAD_PORT and LOAD_PORT+1 (default 3440/3441),
// 4. signs LOAD_CLIENTS clients (default 100) in once each, then runs them for LOAD_DURATION
//    seconds (default 60) after LOAD_WARMUP seconds (default 5, not counted), closed loop (each
//    client sends its next request when the previous answered; LOAD_THINK_MS adds a pause).
//    Every request goes to the next instance in turn — a round-robin balancer WITHOUT sticky
//    sessions: a session or receipt cookie made on one instance is used on the other,
// 5. checks that every write that was answered 2xx is in the database and that the audit chain
//    written by both instances verifies, then stops the servers and drops the database
//    (LOAD_KEEP_DB=1 keeps it).
//
// The throttles are counted in the database across both instances; every client comes from
// 127.0.0.1, so the sign-in and public limits are raised for the run (LOGIN_RATE_PER_MINUTE and
// PUBLIC_*_RATE_PER_MINUTE = 100000) — the throttle statement still runs on every sign-in and
// public request. SECOND_FACTOR_ROLES=none: clients sign in with the password only (the second
// factor is a step of sign-in, which is not what this measures).
//
// LOAD_SERVER_<NAME>=value passes <NAME>=value to both servers (e.g. LOAD_SERVER_DB_POOL_SIZE=30).
//
// An error is any answer that is not 2xx and any failed request; there are no expected refusals
// in this mix (each controller client answers its own checklist item, handlers write only to
// cases that take messages).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build, ROOT } from '../../tools/lib.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const num = (name, dflt) => {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, got "${v}"`);
  return n;
};
const CLIENTS = Math.max(1, Math.floor(num('LOAD_CLIENTS', 100)));
const DURATION_S = num('LOAD_DURATION', 60);
const WARMUP_S = num('LOAD_WARMUP', 5);
const THINK_MS = num('LOAD_THINK_MS', 0);
const PORT = Math.floor(num('LOAD_PORT', 3440));
const PORTS = [PORT, PORT + 1];
const ADMIN_URL =
  process.env.LOAD_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const DEMO_PASSWORD = 'varn-demo-2026';
const MAIN = join(ROOT, 'dist', 'backend', 'main.js');
const CLI = join(ROOT, 'dist', 'backend', 'cli.js');

// ------------------------------------------------------------------ database and servers

if (!/^(1|true|yes)$/i.test(process.env.LOAD_SKIP_BUILD ?? '')) build(['backend']);

const dbName = `varn_load_${randomBytes(5).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const masterKey = randomBytes(32).toString('base64');
const serverEnv = {
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  DATABASE_URL: dbUrl,
  VARN_MASTER_KEY: masterKey,
  STATIC_DIR: 'none',
  LOGIN_RATE_PER_MINUTE: '100000',
  PUBLIC_REPORT_RATE_PER_MINUTE: '100000',
  PUBLIC_SESSION_RATE_PER_MINUTE: '100000',
  PUBLIC_RATE_PER_MINUTE: '100000',
  SECOND_FACTOR_ROLES: 'none',
  // LOAD_SERVER_<NAME>=value sets <NAME> for both servers (e.g. LOAD_SERVER_DB_POOL_SIZE=30)
  ...Object.fromEntries(
    Object.entries(process.env)
      .filter(([k]) => k.startsWith('LOAD_SERVER_') && k.length > 'LOAD_SERVER_'.length)
      .map(([k, v]) => [k.slice('LOAD_SERVER_'.length), v ?? '']),
  ),
};

async function admin(sql) {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

const servers = [];
async function cleanup() {
  for (const s of servers) if (s.exitCode === null) s.kill('SIGTERM');
  await Promise.all(
    servers.map((s) =>
      s.exitCode === null ? new Promise((r) => s.once('exit', r)) : Promise.resolve(),
    ),
  );
  if (!/^(1|true|yes)$/i.test(process.env.LOAD_KEEP_DB ?? ''))
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  else console.log(`kept the database: ${dbUrl}`);
}
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    void cleanup().then(() => process.exit(130));
  });

async function waitHealthy(port) {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await send({ port, method: 'GET', path: '/api/health' });
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`the server on port ${port} did not become healthy`);
    await sleep(250);
  }
}

// ------------------------------------------------------------------ HTTP

/**
 * Keep-alive connections per instance. An idle connection is closed after 4 s, below Node's
 * server keep-alive timeout of 5 s, which Värn keeps: otherwise the server may close a connection
 * just as the client reuses it (ECONNRESET) — the same rule as for a load balancer's upstream
 * idle timeout (docs/deployment.md). The request's own timeout (30 s) applies while it runs.
 */
const agents = new Map(
  PORTS.map((p) => [
    p,
    new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 10, timeout: 4000 }),
  ]),
);
let turn = 0;
/** The next instance, in turn: a round-robin balancer without sticky sessions. */
const nextPort = () => PORTS[turn++ % PORTS.length];

/** One request; resolves with status, headers and parsed JSON (or null). */
function send({ port = nextPort(), method, path, body, cookie }) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: agents.get(port),
        headers: {
          accept: 'application/json',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': payload.length }
            : {}),
          ...(cookie ? { cookie } : {}),
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function cookieOf(res, name) {
  const raw = res.headers['set-cookie'] ?? [];
  const c = raw.find((h) => h.startsWith(`${name}=`));
  return c ? c.split(';')[0] : null;
}

async function signIn(username) {
  const res = await send({
    method: 'POST',
    path: '/api/auth/login',
    body: { username, password: DEMO_PASSWORD },
  });
  const cookie = cookieOf(res, 'varn_session');
  if (res.status !== 200 || !cookie)
    throw new Error(`sign-in of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return cookie;
}

async function must(label, p) {
  const res = await p;
  if (res.status < 200 || res.status >= 300)
    throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// ------------------------------------------------------------------ the mix

/** Client roles and their share of the clients. */
const ROLES = [
  ['staff', 'medarbetare', 0.35],
  ['handler', 'handlaggare', 0.2],
  ['controller', 'controller', 0.15],
  ['manager', 'chef', 0.1],
  ['anonymous', null, 0.15],
  ['admin', 'admin', 0.025],
  ['auditor', 'revisor', 0.025],
];

/** What the demo data gives the clients to work on (read once, as the handler and controller). */
async function discover() {
  const handler = await signIn('handlaggare');
  const controller = await signIn('controller');
  const staff = await signIn('medarbetare');
  const cases = (
    await must('inbox', send({ method: 'GET', path: '/api/cases?limit=100', cookie: handler }))
  ).items;
  // open cases only: a closed one may be purged by the purge job while the run goes on
  const openCases = cases
    .filter((c) => !['avslutad', 'gallrad'].includes(c.status))
    .map((c) => c.id);
  const contracts = (
    await must(
      'contracts',
      send({ method: 'GET', path: '/api/contracts?limit=100', cookie: controller }),
    )
  ).items.map((c) => c.id);
  const audits = (
    await must('audits', send({ method: 'GET', path: '/api/audits', cookie: controller }))
  ).items.filter((a) => a.status === 'pagaende');
  const slots = [];
  for (const a of audits) {
    const d = await must(
      'audit',
      send({ method: 'GET', path: `/api/audits/${a.id}`, cookie: controller }),
    );
    for (const ans of d.answers) slots.push({ auditId: a.id, itemId: ans.itemId });
  }
  const slugs = (
    await must('guidance', send({ method: 'GET', path: '/api/guidance', cookie: staff }))
  ).items.map((g) => g.slug);
  const units = (await must('intake', send({ method: 'GET', path: '/api/public/intake' }))).units
    .filter((u) => u.depth >= 1)
    .map((u) => u.id);
  if (!openCases.length || !contracts.length || !slots.length || !slugs.length || !units.length)
    throw new Error('the demo data lacks cases, contracts, open audits, guidance or units');
  return { openCases, contracts, audits: audits.map((a) => a.id), slots, slugs, units };
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];

function weighted(actions) {
  const total = actions.reduce((s, a) => s + a[0], 0);
  return () => {
    let r = Math.random() * total;
    for (const [w, a] of actions) if ((r -= w) < 0) return a;
    return actions[actions.length - 1][1];
  };
}

const reportBody = (unitId, i) => ({
  track: 'paverkan',
  category: pick(['hot', 'trakasserier', 'orimliga_krav', 'korruptionsforsok']),
  description: `Lasttest ${i}: en besökare försökte påverka ett beslut vid tillsynen.`,
  unitId,
});

/** A client: its role, its session and its next request. */
async function makeClient(role, username, i, data) {
  const c = { role, i, cookie: username ? await signIn(username) : null };
  const S = (path) => ({ method: 'GET', path, cookie: c.cookie });
  switch (role) {
    case 'staff':
      c.next = weighted([
        [3, () => ['staff: guidance list', S('/api/guidance')]],
        [4, () => ['staff: guidance article', S(`/api/guidance/${pick(data.slugs)}`)]],
        [2, () => ['staff: my reports', S('/api/reports/mine')]],
        [1, () => ['staff: me', S('/api/me')]],
        [
          1,
          () => [
            'staff: file report (write)',
            {
              method: 'POST',
              path: '/api/reports',
              cookie: c.cookie,
              body: { ...reportBody(pick(data.units), i), confidentiality: 'identified' },
            },
          ],
        ],
      ]);
      break;
    case 'handler':
      c.next = weighted([
        [3, () => ['handler: inbox', S('/api/cases?limit=50')]],
        [1, () => ['handler: deadlines', S('/api/cases/deadlines')]],
        [4, () => ['handler: case', S(`/api/cases/${pick(data.openCases)}`)]],
        [
          1,
          () => [
            'handler: message (write)',
            {
              method: 'POST',
              path: `/api/cases/${pick(data.openCases)}/messages`,
              cookie: c.cookie,
              body: { body: 'Tack för din rapport. Vi har en fråga om tidpunkten.' },
            },
          ],
        ],
      ]);
      break;
    case 'controller': {
      // each controller client answers its own checklist item, so no two clients race for one
      c.slot = data.slots[i % data.slots.length];
      const d = await must(
        'audit',
        send({ method: 'GET', path: `/api/audits/${c.slot.auditId}`, cookie: c.cookie }),
      );
      c.version = d.answers.find((a) => a.itemId === c.slot.itemId).version ?? 0;
      c.answers = 0;
      c.next = weighted([
        [2, () => ['controller: contracts', S('/api/contracts?limit=50')]],
        [2, () => ['controller: contract', S(`/api/contracts/${pick(data.contracts)}`)]],
        [2, () => ['controller: risks', S('/api/risks?limit=50')]],
        [2, () => ['controller: audit', S(`/api/audits/${pick(data.audits)}`)]],
        [
          1,
          () => [
            'controller: answer item (write)',
            {
              method: 'PUT',
              path: `/api/audits/${c.slot.auditId}/answers/${c.slot.itemId}`,
              cookie: c.cookie,
              body: {
                answer: c.answers++ % 2 ? 'uppfyllt' : 'ej_kontrollerat',
                note: `Kontroll ${c.answers} under lasttest.`,
                checkedOn: null,
                version: c.version,
              },
            },
            (res) => {
              if (res.status === 200) c.version = res.body.version;
            },
          ],
        ],
      ]);
      break;
    }
    case 'manager':
      c.next = weighted([
        [2, () => ['manager: dashboard', S('/api/dashboard')]],
        [1, () => ['manager: risk heatmap', S('/api/heatmaps/risks')]],
        [1, () => ['manager: incident heatmap', S('/api/heatmaps/incidents')]],
      ]);
      break;
    case 'anonymous': {
      // a reporter who has reported once and follows the report with the receipt code
      const receipt = await must(
        'public report',
        send({ method: 'POST', path: '/api/public/reports', body: reportBody(data.units[0], i) }),
      );
      c.code = receipt.receiptCode;
      const open = await send({
        method: 'POST',
        path: '/api/public/session',
        body: { receiptCode: c.code },
      });
      c.receipt = cookieOf(open, 'varn_receipt');
      if (open.status !== 200 || !c.receipt) throw new Error(`receipt session: ${open.status}`);
      const R = (x) => ({ ...x, cookie: c.receipt });
      c.next = weighted([
        [3, () => ['public: intake', { method: 'GET', path: '/api/public/intake' }]],
        [3, () => ['public: read report', R({ method: 'GET', path: '/api/public/report' })]],
        [
          1,
          () => [
            'public: open receipt',
            { method: 'POST', path: '/api/public/session', body: { receiptCode: c.code } },
            (res) => {
              c.receipt = cookieOf(res, 'varn_receipt') ?? c.receipt;
            },
          ],
        ],
        [
          1,
          () => [
            'public: message (write)',
            R({
              method: 'POST',
              path: '/api/public/report/messages',
              body: { body: 'Jag vill lägga till att det hände igen i dag.' },
            }),
          ],
        ],
        [
          1,
          () => [
            'public: submit report (write)',
            { method: 'POST', path: '/api/public/reports', body: reportBody(pick(data.units), i) },
          ],
        ],
      ]);
      break;
    }
    case 'admin':
      c.next = weighted([
        [1, () => ['admin: users', S('/api/users')]],
        [1, () => ['admin: audit log', S('/api/audit-log')]],
        [1, () => ['admin: units', S('/api/units')]],
      ]);
      break;
    case 'auditor':
      c.next = weighted([
        [1, () => ['auditor: audit log', S('/api/audit-log')]],
        [1, () => ['auditor: findings', S('/api/findings')]],
      ]);
      break;
    default:
      throw new Error(`unknown role ${role}`);
  }
  return c;
}

function assignRoles(n) {
  const out = [];
  let acc = 0;
  for (const [role, user, share] of ROLES) {
    acc += share;
    while (out.length < Math.round(acc * n)) out.push([role, user]);
  }
  while (out.length < n) out.push([ROLES[0][0], ROLES[0][1]]);
  return out;
}

// ------------------------------------------------------------------ measuring

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** CPU ticks of a process (utime + stime) and its resident memory, from /proc. */
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
    return { ticks, rssKb };
  } catch {
    return null;
  }
}

/** CPU ticks of every PostgreSQL process on this machine (all databases, not only this run's). */
function postgresTicks() {
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    ticks += procStat(Number(name))?.ticks ?? 0;
  }
  return ticks;
}

function cpuTimes() {
  let idle = 0;
  let total = 0;
  for (const c of os.cpus()) {
    for (const v of Object.values(c.times)) total += v;
    idle += c.times.idle;
  }
  return { idle, total };
}

async function countRows(sql) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

async function runLoad() {
  const data = await discover();
  const casesBefore = await countRows('SELECT COUNT(*) AS n FROM cases');
  const messagesBefore = await countRows('SELECT COUNT(*) AS n FROM case_messages');

  // sign every client in (and open the anonymous reporters' receipts), a few at a time
  const roles = assignRoles(CLIENTS);
  const t0 = performance.now();
  const clients = [];
  for (let i = 0; i < roles.length; i += 10)
    clients.push(
      ...(await Promise.all(
        roles.slice(i, i + 10).map(([role, user], j) => makeClient(role, user, i + j, data)),
      )),
    );
  const setupSeconds = (performance.now() - t0) / 1000;
  const setupWrites = clients.filter((c) => c.role === 'anonymous').length;

  const stats = new Map(); // group → { lat: [], errors: 0 }
  const errorSamples = [];
  let counting = false;
  let stop = false;
  const record = (group, ms, ok, detail) => {
    if (!counting) {
      if (!ok) errorSamples.push(`${group} (warm-up): ${detail}`);
      return;
    }
    let s = stats.get(group);
    if (!s) stats.set(group, (s = { lat: [], errors: 0 }));
    s.lat.push(ms);
    if (!ok) {
      s.errors++;
      if (errorSamples.length < 20) errorSamples.push(`${group}: ${detail}`);
    }
  };
  let warmupErrors = 0;

  const loop = async (c) => {
    while (!stop) {
      const [group, req, after] = c.next()();
      const began = performance.now();
      try {
        const res = await send(req);
        const ok = res.status >= 200 && res.status < 300;
        if (!ok && !counting) warmupErrors++;
        record(group, performance.now() - began, ok, `${res.status} ${res.body?.code ?? ''}`);
        if (after) after(res);
      } catch (e) {
        if (!counting) warmupErrors++;
        record(group, performance.now() - began, false, String(e?.message ?? e));
      }
      if (THINK_MS) await sleep(THINK_MS * (0.5 + Math.random()));
    }
  };

  console.log(
    `${clients.length} clients signed in in ${setupSeconds.toFixed(1)} s; ` +
      `warm-up ${WARMUP_S} s, then ${DURATION_S} s measured…`,
  );
  const running = clients.map(loop);
  await sleep(WARMUP_S * 1000);

  // the measured window
  const serverPids = servers.map((s) => s.pid);
  const before = {
    cpu: cpuTimes(),
    procs: serverPids.map(procStat),
    self: process.cpuUsage(),
    pg: postgresTicks(),
  };
  const loadSamples = [];
  const rss = serverPids.map(() => 0);
  counting = true;
  const began = performance.now();
  // what the database connections of this run are doing, once a second
  const watcher = new Client({ connectionString: dbUrl });
  await watcher.connect();
  const dbSamples = [];
  const lockWaits = new Map(); // wait_event → samples
  const sampleDb = async () => {
    const r = await watcher.query(
      `SELECT state, wait_event_type, wait_event
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const active = r.rows.filter((x) => x.state === 'active');
    const waiting = active.filter((x) => x.wait_event_type === 'Lock');
    for (const w of waiting) lockWaits.set(w.wait_event, (lockWaits.get(w.wait_event) ?? 0) + 1);
    dbSamples.push({ active: active.length, waiting: waiting.length });
  };
  const sampler = setInterval(() => {
    sampleDb().catch(() => undefined);
    loadSamples.push(os.loadavg()[0]);
    serverPids.forEach((pid, k) => {
      const p = procStat(pid);
      if (p) rss[k] = Math.max(rss[k], p.rssKb);
    });
  }, 1000);
  await sleep(DURATION_S * 1000);
  counting = false;
  const elapsed = (performance.now() - began) / 1000;
  clearInterval(sampler);
  await watcher.end();
  const after = {
    cpu: cpuTimes(),
    procs: serverPids.map(procStat),
    self: process.cpuUsage(),
    pg: postgresTicks(),
  };
  stop = true;
  await Promise.all(running);

  // ---- the figures
  const hz = 100; // USER_HZ on Linux
  const machineBusy =
    1 - (after.cpu.idle - before.cpu.idle) / Math.max(1, after.cpu.total - before.cpu.total);
  const instCpu = serverPids.map((_, k) =>
    before.procs[k] && after.procs[k]
      ? (after.procs[k].ticks - before.procs[k].ticks) / hz / elapsed
      : NaN,
  );
  const pgCpu = (after.pg - before.pg) / hz / elapsed;
  const selfCpu =
    (after.self.user + after.self.system - before.self.user - before.self.system) / 1e6 / elapsed;

  const fmt = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
  const rows = [];
  const all = [];
  let totalErrors = 0;
  const groups = [...stats.keys()].sort();
  for (const g of groups) {
    const s = stats.get(g);
    const sorted = Float64Array.from(s.lat).sort();
    for (const v of s.lat) all.push(v);
    totalErrors += s.errors;
    rows.push(rowOf(g, sorted, s.errors));
  }
  const allSorted = Float64Array.from(all).sort();
  function rowOf(name, sorted, errors) {
    return `| ${name} | ${sorted.length} | ${(sorted.length / elapsed).toFixed(1)} | ${fmt(
      percentile(sorted, 50),
    )} | ${fmt(percentile(sorted, 95))} | ${fmt(percentile(sorted, 99))} | ${fmt(
      sorted[sorted.length - 1],
    )} | ${errors} |`;
  }

  // ---- every 2xx write is there, and the audit chain of both instances verifies
  const okOf = (g) => (stats.get(g)?.lat.length ?? 0) - (stats.get(g)?.errors ?? 0);
  const newCases =
    okOf('staff: file report (write)') + okOf('public: submit report (write)') + setupWrites;
  const newMessages = okOf('handler: message (write)') + okOf('public: message (write)');
  // writes answered during the warm-up count too: compare with at least what the window saw
  const casesAfter = await countRows('SELECT COUNT(*) AS n FROM cases');
  const messagesAfter = await countRows('SELECT COUNT(*) AS n FROM case_messages');
  const verify = spawnSync(process.execPath, [CLI, 'verify-audit-log'], {
    cwd: ROOT,
    env: serverEnv,
    encoding: 'utf8',
  });

  const cpus = os.cpus();
  console.log(`
## Load test: ${CLIENTS} clients, ${elapsed.toFixed(0)} s, two instances on PostgreSQL

Machine: ${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; the two servers, PostgreSQL and this load generator share it.
Server settings: ${Object.entries(serverEnv)
    .filter(([k]) => !['PATH', 'DATABASE_URL', 'VARN_MASTER_KEY'].includes(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}.
Closed loop${THINK_MS ? ` with ${THINK_MS} ms think time` : ', no think time'}; every request to the next instance in turn (no sticky sessions); warm-up ${WARMUP_S} s not counted. Latency in ms.

| route group | requests | req/s | p50 | p95 | p99 | max | errors |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
| **all** | **${allSorted.length}** | **${(allSorted.length / elapsed).toFixed(1)}** | **${fmt(
    percentile(allSorted, 50),
  )}** | **${fmt(percentile(allSorted, 95))}** | **${fmt(percentile(allSorted, 99))}** | **${fmt(
    allSorted[allSorted.length - 1],
  )}** | **${totalErrors}** |

| machine | |
|---|---|
| CPU busy (all cores, measured window) | ${(machineBusy * 100).toFixed(0)} % |
| load average (1 min), mean / max | ${(loadSamples.reduce((a, b) => a + b, 0) / Math.max(1, loadSamples.length)).toFixed(2)} / ${Math.max(0, ...loadSamples).toFixed(2)} |
| instance 1 / 2 CPU (cores) | ${instCpu.map((v) => v.toFixed(2)).join(' / ')} |
| instance 1 / 2 peak RSS | ${rss.map((kb) => `${(kb / 1024).toFixed(0)} MiB`).join(' / ')} |
| Värn CPU per request (both instances) | ${(((instCpu[0] + instCpu[1]) * 1000) / Math.max(1, allSorted.length / elapsed)).toFixed(1)} ms |
| PostgreSQL CPU, all its processes on the machine (cores) | ${pgCpu.toFixed(2)} |
| this run's database connections: active / waiting for a lock (mean) | ${mean(dbSamples.map((d) => d.active)).toFixed(1)} / ${mean(dbSamples.map((d) => d.waiting)).toFixed(1)}${
    lockWaits.size
      ? ` (${[...lockWaits]
          .sort((x, y) => y[1] - x[1])
          .map(([k, n]) => `${k} ${(n / Math.max(1, dbSamples.length)).toFixed(1)}`)
          .join(', ')})`
      : ''
  } |
| load generator CPU (cores) | ${selfCpu.toFixed(2)} |
| sign-in of ${CLIENTS} clients before the run | ${setupSeconds.toFixed(1)} s |

Writes: cases ${casesBefore} → ${casesAfter} (≥ ${newCases} answered 2xx in the window and setup), case messages ${messagesBefore} → ${messagesAfter} (≥ ${newMessages}). Audit chain: ${
    verify.status === 0 ? 'verifies' : 'DOES NOT VERIFY'
  }.${warmupErrors ? `\nErrors during the warm-up: ${warmupErrors}.` : ''}
`);
  if (errorSamples.length) console.log(`First errors:\n  ${errorSamples.join('\n  ')}`);
  if (verify.status !== 0) console.log(verify.stdout, verify.stderr);

  const lost = casesAfter - casesBefore < newCases || messagesAfter - messagesBefore < newMessages;
  if (lost) console.log('A write answered 2xx is missing from the database.');
  return totalErrors === 0 && warmupErrors === 0 && verify.status === 0 && !lost ? 0 : 1;
}

async function main() {
  await admin(`CREATE DATABASE ${dbName}`);
  let exitCode = 1;
  try {
    console.log(`database ${dbName}: seeding the demo organisation…`);
    const seed = spawnSync(process.execPath, [join(ROOT, 'tests/load/seed-demo.cjs')], {
      cwd: ROOT,
      env: { ...serverEnv, NODE_ENV: 'development', JOBS_ENABLED: 'false' },
      encoding: 'utf8',
    });
    if (seed.status !== 0) throw new Error(`seeding failed:\n${seed.stdout}\n${seed.stderr}`);

    for (const port of PORTS) {
      const child = spawn(process.execPath, [MAIN], {
        cwd: ROOT,
        env: { ...serverEnv, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr.on('data', (b) => process.stderr.write(`[${port}] ${b}`));
      servers.push(child);
    }
    await Promise.all(PORTS.map(waitHealthy));
    exitCode = await runLoad();
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    exitCode = 1;
  } finally {
    await cleanup();
  }
  return exitCode;
}

process.exit(await main());
