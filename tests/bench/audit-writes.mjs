// Audited writes under concurrency (issue 5): on PostgreSQL, 8 administrators rename and move
// units in parallel (every write commits an audit entry on the hash chain), first alone, then
// while other clients flood the API with requests that are refused (each 403 writes an
// `access.denied` entry in its own transaction). Prints writes/s, latency and 5xx counts.
//
// Starts the built backend on a fresh PostgreSQL database that it creates and drops; loopback
// only, bounded in time. Skips (exit 0) when no PostgreSQL answers. Used by run.mjs; also runs
// alone against any built checkout, which is how the "before" figures were taken:
//   node tests/bench/audit-writes.mjs                                     # this checkout (builds)
//   BENCH_ROOT=/path/to/other/checkout node tests/bench/audit-writes.mjs  # its dist/backend
// BENCH_PG_URL (default TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_WRITERS (8), BENCH_FLOODERS (8 clients) sending BENCH_FLOOD_RATE (40) requests/s in all,
// BENCH_SECONDS (6) and BENCH_AUDIT_PORT (3293) change
// the defaults.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const pct = (xs, p) =>
  xs.length
    ? xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]
    : NaN;

const PASSWORD = 'bench-lösenord-2026';

/** Creates the schema and the actors; returns the units each writer works on. */
async function seed(pg, writers) {
  const argon2 = require('argon2');
  const hash = await argon2.hash(PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  const now = new Date();
  const unit = async (name, kind, parent) => {
    const id = randomUUID();
    const u = { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    await pg.query(
      'INSERT INTO org_units (id, name, kind, "parentId", path, depth, active, "createdAt", "updatedAt") VALUES ($1,$2,$3,$4,$5,$6,true,$7,$7)',
      [id, name, kind, parent?.id ?? null, u.path, u.depth, now],
    );
    return u;
  };
  const user = async (username, unitId, role, roleUnitId) => {
    const id = randomUUID();
    await pg.query(
      `INSERT INTO users (id, username, "displayName", email, "searchText", "unitId", active, "passwordHash",
         "passwordChangedAt", "mustChangePassword", "failedLoginCount", "lockedUntil", "lastLoginAt", "createdAt", "updatedAt")
       VALUES ($1,$2,$3,NULL,$4,$5,true,$6,$7,false,0,NULL,NULL,$7,$7)`,
      [id, username, username, username, unitId, hash, now],
    );
    await pg.query(
      'INSERT INTO role_assignments (id, "userId", role, "unitId", "createdAt", "createdBy") VALUES ($1,$2,$3,$4,$5,NULL)',
      [randomUUID(), id, role, roleUnitId, now],
    );
  };
  const root = await unit('Förvaltningen', 'forvaltning', null);
  await user('benchadmin', root.id, 'administrator', root.id);
  const areas = [];
  for (let w = 0; w < writers; w++) {
    // per writer: a department with two parents P and Q; unit X (with a child) moves between them
    const dept = await unit(`Avdelning ${w + 1}`, 'avdelning', root);
    const p = await unit(`P ${w + 1}`, 'enhet', dept);
    const q = await unit(`Q ${w + 1}`, 'enhet', dept);
    const x = await unit(`X ${w + 1}`, 'enhet', p);
    await unit(`X ${w + 1}.1`, 'enhet', x);
    areas.push({ dept: dept.id, p: p.id, q: q.id, x: x.id });
  }
  const staff = await unit('Personalenheten', 'enhet', root);
  await user('benchstaff', staff.id, 'medarbetare', staff.id);
  return { areas, staff: staff.id };
}

async function main() {
  const ROOT = process.env.BENCH_ROOT ?? join(import.meta.dirname, '..', '..');
  if (!process.env.BENCH_ROOT && !process.env.BENCH_SKIP_BUILD) {
    const { build } = await import(pathToFileURL(join(ROOT, 'tools/lib.mjs')).href);
    build(['backend']);
  }
  const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
  const FLOODERS = Number(process.env.BENCH_FLOODERS ?? 8);
  const FLOOD_RATE = Number(process.env.BENCH_FLOOD_RATE ?? 40);
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
  const PORT = Number(process.env.BENCH_AUDIT_PORT ?? 3293);
  const baseUrl =
    process.env.BENCH_PG_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const base = `http://127.0.0.1:${PORT}`;
  const { Client } = require('pg');

  const admin = new Client({ connectionString: baseUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    console.log(`\nAudited writes: skipped — no PostgreSQL at ${baseUrl} (${e.message})`);
    return;
  }
  const name = `varn_bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let server = null;
  const cleanup = async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.once(sig, () => void cleanup().finally(() => process.exit(130)));

  try {
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url.toString(),
      PORT: String(PORT),
      HOST: '127.0.0.1',
      VARN_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      STATIC_DIR: 'none',
    };
    // schema through the real migrations (the server would run them too; doing it first lets us seed)
    const mig = spawn(process.execPath, [join(ROOT, 'dist/backend/cli.js'), 'migrate'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const migCode = await new Promise((r) => mig.once('exit', r));
    if (migCode !== 0) throw new Error(`migrate exited with ${migCode}`);
    const pg = new Client({ connectionString: url.toString() });
    await pg.connect();
    const { areas } = await seed(pg, WRITERS);
    await pg.end();

    server = spawn(process.execPath, [join(ROOT, 'dist/backend/main.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
    const t0 = performance.now();
    for (;;) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (performance.now() - t0 > 30_000) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const signIn = async (username) => {
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (!r.ok) throw new Error(`sign-in ${username}: ${r.status}`);
      return r.headers.get('set-cookie').split(';')[0];
    };
    const adminCookie = await signIn('benchadmin');
    const staffCookie = await signIn('benchstaff');
    const patch = (cookie, id, body) =>
      fetch(`${base}/api/units/${id}`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    /**
     * One writer: alternately renames its unit X, and renames and moves it (with its child)
     * between P and Q in one request — the edit dialog's "name and parent" change.
     */
    const writer = (area, until, stats, moves) => async () => {
      let n = 0;
      let under = area.p;
      while (performance.now() < until) {
        n++;
        const name = `X ${area.x.slice(0, 8)} ${n}`;
        const body =
          moves && n % 2 === 0
            ? { name, parentId: (under = under === area.p ? area.q : area.p) }
            : { name };
        const s = performance.now();
        const r = await patch(adminCookie, area.x, body);
        await r.arrayBuffer();
        stats.lat.push(performance.now() - s);
        if (r.status === 200) stats.ok++;
        else if (r.status >= 500) stats.errors5xx++;
        else stats.other++;
      }
    };
    /**
     * One flooder: an employee trying to rename a unit, refused (403 → an access.denied entry);
     * or, as a control that costs the server about as much but writes nothing, reading /api/me.
     */
    const flooder = (until, stats, refused) => async () => {
      let i = 0;
      const interval = (1000 * FLOODERS) / FLOOD_RATE;
      let next = performance.now();
      while (performance.now() < until) {
        // paced: the same load on every version, so that a difference is a stall, not CPU share
        next += interval;
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (performance.now() >= until) break;
        const area = areas[i++ % areas.length];
        const r = refused
          ? await patch(staffCookie, area.dept, { name: 'nope' })
          : await fetch(`${base}/api/me`, { headers: { cookie: staffCookie } });
        await r.arrayBuffer();
        if (r.status === (refused ? 403 : 200)) stats.denied++;
        else if (r.status >= 500) stats.errors5xx++;
        else stats.other++;
      }
    };
    /** Samples how many of the server's connections wait for a lock (advisory or row) meanwhile. */
    const lockWaits = async (until) => {
      const xs = [];
      while (performance.now() < until) {
        const { rows } = await admin.query(
          "SELECT count(*) FILTER (WHERE wait_event = 'advisory')::int AS advisory, count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event <> 'advisory')::int AS other FROM pg_stat_activity WHERE datname = $1",
          [name],
        );
        xs.push(rows[0]);
        await new Promise((r) => setTimeout(r, 50));
      }
      const avg = (k) => xs.reduce((t, x) => t + x[k], 0) / Math.max(1, xs.length);
      return { advisory: avg('advisory'), other: avg('other') };
    };
    const phase = async (moves, flood, seconds) => {
      const w = { ok: 0, other: 0, errors5xx: 0, lat: [] };
      const f = { denied: 0, other: 0, errors5xx: 0 };
      const until = performance.now() + seconds * 1000;
      const [waits] = await Promise.all([
        lockWaits(until),
        ...areas.map((a) => writer(a, until, w, moves)()),
        ...(flood
          ? Array.from({ length: FLOODERS }, () => flooder(until, f, flood === 'refused')())
          : []),
      ]);
      return {
        writesPerSecond: w.ok / seconds,
        p50: pct(w.lat, 0.5),
        p95: pct(w.lat, 0.95),
        writeErrors5xx: w.errors5xx,
        writeOther: w.other,
        floodPerSecond: f.denied / seconds,
        floodErrors5xx: f.errors5xx,
        floodOther: f.other,
        waitingOnChainLock: waits.advisory,
        waitingOnRowLocks: waits.other,
      };
    };

    await phase(false, null, 1); // warm-up
    const results = [
      ['renames alone', await phase(false, null, SECONDS)],
      [`renames + ${FLOOD_RATE}/s refused (403)`, await phase(false, 'refused', SECONDS)],
      [`renames + ${FLOOD_RATE}/s reads (control)`, await phase(false, 'reads', SECONDS)],
      ['renames and moves alone', await phase(true, null, SECONDS)],
      [`renames and moves + ${FLOOD_RATE}/s 403`, await phase(true, 'refused', SECONDS)],
    ];
    const verify = await (
      await fetch(`${base}/api/audit-log/verify`, { headers: { cookie: adminCookie } })
    ).json();

    const f1 = (x) => x.toFixed(1).padStart(7);
    console.log(
      `\nAudited writes on PostgreSQL — ${WRITERS} administrators, each on its own unit, ${SECONDS} s per phase (${ROOT})\n`,
    );
    console.log(
      '  phase                                 writes/s   p50 ms   p95 ms   5xx  flood/s   waiting on advisory / row locks (avg connections)',
    );
    for (const [label, r] of results) {
      console.log(
        `  ${label.padEnd(37)} ${f1(r.writesPerSecond)}  ${f1(r.p50)}  ${f1(r.p95)}  ${String(r.writeErrors5xx + r.floodErrors5xx).padStart(4)}   ${r.floodPerSecond ? f1(r.floodPerSecond) : '      –'}   ${r.waitingOnChainLock.toFixed(2)} / ${r.waitingOnRowLocks.toFixed(2)}`,
      );
    }
    console.log(`  audit chain after the run: ${verify.checked} entries, ok=${verify.ok}`);
    const out = join(import.meta.dirname, '..', '..', 'tmp', 'bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'audit-writes.json'),
      JSON.stringify(
        {
          writers: WRITERS,
          floodRate: FLOOD_RATE,
          seconds: SECONDS,
          results: Object.fromEntries(results),
          verify,
        },
        null,
        2,
      ),
    );
  } finally {
    await cleanup();
  }
}

await main();
