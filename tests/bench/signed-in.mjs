// The cost of being signed in (issue 5): throughput and p50 of /api/health, /api/me and the first
// users page side by side, 10 concurrent clients for 8 s each, on the demo database (SQLite) —
// first with the demo tree, then with 2,000 extra units under the demo root — plus the size of
// the administrator's packed rules (/api/me/abilities).
//
// Used by run.mjs; also runs alone against any built checkout, which is how the "before" figures
// were taken:
//   node tests/bench/signed-in.mjs                       # this checkout (builds the backend)
//   BENCH_ROOT=/path/to/other/checkout node tests/bench/signed-in.mjs   # its dist/backend
//   BENCH_MAIN=tmp/x/backend/main.js node tests/bench/signed-in.mjs     # a build elsewhere
// BENCH_CLIENTS, BENCH_SECONDS, BENCH_EXTRA_UNITS and BENCH_PORT change the defaults.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const pct = (xs, p) =>
  xs.length
    ? xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]
    : NaN;

/** CPU time (user + system) the process has used so far, in ms (Linux /proc). */
function cpuMs(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const [utime, stime] = f
    .slice(f.lastIndexOf(')') + 2)
    .split(' ')
    .slice(11, 13)
    .map(Number);
  return ((utime + stime) * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * `clients` concurrent loops for `seconds`; returns requests/s, latency percentiles and the
 * server's CPU time per request — the last one hardly depends on what else the machine runs.
 */
async function load(url, headers, clients, seconds, pid) {
  const cpu0 = cpuMs(pid);
  const lat = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        const r = await fetch(url, { headers });
        await r.arrayBuffer();
        if (!r.ok) errors++;
        lat.push(performance.now() - s);
      }
    }),
  );
  const cpuPerRequest = (cpuMs(pid) - cpu0) / lat.length;
  return {
    rps: lat.length / seconds,
    p50: pct(lat, 0.5),
    p95: pct(lat, 0.95),
    cpuPerRequest,
    errors,
  };
}

/**
 * Starts `mainJs` on a fresh demo database, measures, adds `extraUnits` units below the root
 * (straight into SQLite, while the server runs) and measures again.
 */
export async function signedInBench({
  root,
  mainJs = join(root, 'dist/backend/main.js'),
  dir,
  port = 3292,
  clients = 10,
  seconds = 8,
  extraUnits = 2000,
}) {
  const Database = require(join(root, 'node_modules/better-sqlite3'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dbFile = join(dir, 'demo.db');
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [mainJs], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      VARN_DEMO: 'true',
      DATABASE_URL: `sqlite:${dbFile}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      VARN_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      STATIC_DIR: 'none',
      // the benchmark measures signed-in requests after a password sign-in (ADR 0017)
      SECOND_FACTOR_ROLES: 'none',
    },
  });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  try {
    const t0 = performance.now();
    for (;;) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (performance.now() - t0 > 60_000) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'varn-demo-2026' }),
    });
    if (!login.ok) throw new Error(`login: ${login.status}`);
    const cookie = login.headers.get('set-cookie').split(';')[0];
    const headers = { cookie };

    const measure = async (label) => {
      const abilities = await fetch(`${base}/api/me/abilities`, { headers });
      const rulesBytes = (await abilities.arrayBuffer()).byteLength;
      const out = { label, rulesBytes };
      for (const [name, path] of [
        ['health', '/api/health'],
        ['me', '/api/me'],
        ['usersPage', '/api/users?page=1'],
      ]) {
        for (let i = 0; i < 20; i++) await (await fetch(base + path, { headers })).arrayBuffer();
        // health without the cookie: the floor of the stack, with no session to resolve
        const h = name === 'health' ? {} : headers;
        out[name] = await load(base + path, h, clients, seconds, server.pid);
      }
      return out;
    };

    const results = [await measure('demo tree')];

    const db = new Database(dbFile);
    const rootUnit = db.prepare('SELECT id, path FROM org_units WHERE "parentId" IS NULL').get();
    const ins = db.prepare(
      'INSERT INTO org_units (id,name,kind,parentId,path,depth,active,createdAt,updatedAt) VALUES (?,?,?,?,?,?,1,?,?)',
    );
    const ts = new Date().toISOString().replace('T', ' ').replace('Z', '');
    db.transaction(() => {
      // 40 departments of 49 units each (+ the departments) = 2,000 by default
      const depts = Math.max(1, Math.round(extraUnits / 50));
      let left = extraUnits;
      for (let d = 0; d < depts && left > 0; d++, left--) {
        const id = randomUUID();
        const path = `${rootUnit.path}${id}/`;
        ins.run(id, `Bench-avdelning ${d + 1}`, 'avdelning', rootUnit.id, path, 1, ts, ts);
        for (let e = 0; e < Math.ceil(extraUnits / depts) - 1 && left > 1; e++, left--) {
          const cid = randomUUID();
          ins.run(cid, `Bench-enhet ${d + 1}.${e + 1}`, 'enhet', id, `${path}${cid}/`, 2, ts, ts);
        }
      }
    })();
    const total = db.prepare('SELECT COUNT(1) AS n FROM org_units').get().n;
    db.close();
    results.push(await measure(`demo tree + ${extraUnits} units (${total} in all)`));
    return results;
  } finally {
    stop();
    process.off('exit', stop);
  }
}

export function printSignedIn(results, { clients = 10, seconds = 8 } = {}) {
  const f = (x, w = 7) => x.toFixed(1).padStart(w);
  console.log(
    `\n  signed-in path — SQLite demo database, administrator, ${clients} clients × ${seconds} s each`,
  );
  console.log(
    '  data                                     health rps  p50 |    me rps  p50  ratio | users p1 rps  p50  ratio | abilities',
  );
  const cpu = [];
  for (const r of results) {
    const ratio = (x) => `${((x.rps / r.health.rps) * 100).toFixed(0).padStart(4)}%`;
    console.log(
      `  ${r.label.padEnd(40)} ${f(r.health.rps, 9)} ${f(r.health.p50, 4)} | ${f(r.me.rps, 8)} ${f(r.me.p50, 4)} ${ratio(r.me)} | ${f(r.usersPage.rps, 11)} ${f(r.usersPage.p50, 4)} ${ratio(r.usersPage)} | ${(r.rulesBytes / 1024).toFixed(1)} kB` +
        (r.health.errors + r.me.errors + r.usersPage.errors
          ? `  (errors: ${r.health.errors + r.me.errors + r.usersPage.errors})`
          : ''),
    );
    cpu.push(
      `  ${r.label.padEnd(40)} server CPU per request: health ${r.health.cpuPerRequest.toFixed(2)} ms, me ${r.me.cpuPerRequest.toFixed(2)} ms, users page ${r.usersPage.cpuPerRequest.toFixed(2)} ms`,
    );
  }
  console.log(cpu.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { build, ROOT } = await import('../../tools/lib.mjs');
  const root = process.env.BENCH_ROOT ?? ROOT;
  if (!process.env.BENCH_ROOT && !process.env.BENCH_MAIN) build(['backend']);
  const opts = {
    clients: Number(process.env.BENCH_CLIENTS ?? 10),
    seconds: Number(process.env.BENCH_SECONDS ?? 8),
  };
  const results = await signedInBench({
    root,
    ...(process.env.BENCH_MAIN ? { mainJs: process.env.BENCH_MAIN } : {}),
    dir: join(ROOT, 'tmp', `bench-signed-in-${process.pid}`),
    port: Number(process.env.BENCH_PORT ?? 3292),
    extraUnits: Number(process.env.BENCH_EXTRA_UNITS ?? 2000),
    ...opts,
  });
  printSignedIn(results, opts);
  console.log(`\n  ${JSON.stringify(results)}`);
  process.exit(0);
}
