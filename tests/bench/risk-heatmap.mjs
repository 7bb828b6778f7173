// The risk heatmap at city size (issue 7): a city's unit tree (a root, ~10 departments × ~30
// units), 100,000 contracts and 1,000,000 risk assessment rows (250,000 risks, each reassessed
// 1–7 times over two years), seeded by bulk multi-row INSERT into the schema the real migrations
// made, the built server started on it, and GET /api/heatmaps/risks measured:
//   - for the whole organisation and for one unit, current and as of a past date, as a
//     controller whose scope is the whole organisation and as a manager whose scope is one
//     department;
//   - API vs the very SQL the API runs (captured from RisksRepository.heatmap through TypeORM's
//     logger, then run directly on the engine: the floor) — target API/SQL ≤ 1.5× (p50);
//   - p50/p95 with 50 concurrent clients — target p95 < 50 ms.
// SQLite always; PostgreSQL too when TEST_DATABASE_URL (a server URL, e.g.
// postgres://postgres@127.0.0.1:5432/postgres) or BENCH_PG=1 is given: the bench creates its own
// database (BENCH_PG_DB, default varn_bench) next to it and drops it afterwards.
// Used by run.mjs; runs alone too: `node tests/bench/risk-heatmap.mjs`.
// Scale: BENCH_CONTRACTS (100000), BENCH_RISKS (250000), BENCH_RISK_ROWS (assessment rows,
// 1000000), BENCH_DEPARTMENTS (10), BENCH_UNITS_PER_DEPARTMENT (30); BENCH_CLIENTS (50),
// BENCH_CONCURRENT_REQUESTS (requests per case under concurrency, 200), BENCH_SAMPLES (sequential
// samples per case, 100), BENCH_ENGINES (e.g. "postgres" to skip SQLite), BENCH_PORT.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { build, ROOT } from '../../tools/lib.mjs';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const argon2 = require('argon2');
const pg = require('pg');

const env = process.env;
const CONTRACTS = Number(env.BENCH_CONTRACTS ?? 100_000);
const RISKS = Number(env.BENCH_RISKS ?? 250_000);
const RISK_ROWS = Math.max(RISKS, Number(env.BENCH_RISK_ROWS ?? 1_000_000));
const DEPARTMENTS = Number(env.BENCH_DEPARTMENTS ?? 10);
const UNITS_PER_DEPARTMENT = Number(env.BENCH_UNITS_PER_DEPARTMENT ?? 30);
const CLIENTS = Number(env.BENCH_CLIENTS ?? 50);
const CONCURRENT_REQUESTS = Number(env.BENCH_CONCURRENT_REQUESTS ?? 200);
const SAMPLES = Number(env.BENCH_SAMPLES ?? 100);
const PORT = Number(env.BENCH_PORT ?? 3297);
const PG_SERVER =
  env.TEST_DATABASE_URL ?? (env.BENCH_PG ? 'postgres://postgres@127.0.0.1:5432/postgres' : null);
const PG_DB = env.BENCH_PG_DB ?? 'varn_bench';
const ENGINES = (env.BENCH_ENGINES ?? (PG_SERVER ? 'sqlite,postgres' : 'sqlite'))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const DIR = join(ROOT, 'tmp', 'bench-risk-heatmap');
const PASSWORD = 'bench-lösenord-2026';
const base = `http://127.0.0.1:${PORT}`;

if (!env.BENCH_SKIP_BUILD) build(['backend']);
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });

const dist = (p) => require(join(ROOT, 'dist/backend', p));
const { RISK_CATEGORIES, UNIT_PROCESSES, RISK_TREATMENTS } = dist('risks/domain/risk-taxonomy.js');
const { DEFAULT_RISK_MATRIX } = dist('risks/domain/risk-matrix.js');
const { SECTORS, FOLLOW_UP_CLASSES } = dist('contracts/domain/contract-classes.js');
const { endOfLocalDay, localDateOf } = dist('core/domain/local-date.js');

// ---------------------------------------------------------------- deterministic data

/** A small fast PRNG (mulberry32): the same data on every run and engine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const NOW = new Date();
const DAY = 86_400_000;
const START = new Date(NOW.getTime() - 730 * DAY); // two years of history
const PAST = localDateOf(new Date(NOW.getTime() - 365 * DAY)); // the as-of date measured
const iso = (d) => d.toISOString();
const dateOnly = (d) => d.toISOString().slice(0, 10);
const BAND_LABEL = Object.fromEntries(DEFAULT_RISK_MATRIX.bands.map((b) => [b.band, b.label]));

/** Luhn check digit over nine digits (organisationsnummer). */
function luhn(nine) {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Batches rows into multi-row INSERTs of `rows` rows for one table; `flush` writes what is left.
 * SQLite: one prepared statement per batch size, inside the caller's transaction. PostgreSQL:
 * $n parameters (under the 65,535 limit).
 */
function inserter(engine, conn, table, columns, rows) {
  const quoted = columns.map((c) => `"${c}"`).join(',');
  const n = columns.length;
  const text = (count) => {
    const tuples = [];
    for (let r = 0; r < count; r++) {
      const ps = [];
      for (let c = 0; c < n; c++) ps.push(engine === 'sqlite' ? '?' : `$${r * n + c + 1}`);
      tuples.push(`(${ps.join(',')})`);
    }
    return `INSERT INTO ${table} (${quoted}) VALUES ${tuples.join(',')}`;
  };
  const full =
    engine === 'sqlite' ? conn.prepare(text(rows)) : { name: `ins_${table}`, text: text(rows) };
  let buf = [];
  let count = 0;
  let written = 0;
  const write = async (values, k) => {
    if (engine === 'sqlite') {
      (k === rows ? full : conn.prepare(text(k))).run(values);
    } else {
      await conn.query(k === rows ? { ...full, values } : { text: text(k), values });
    }
    written += k;
  };
  return {
    async add(row) {
      for (const v of row) buf.push(v);
      if (++count === rows) {
        const values = buf;
        buf = [];
        count = 0;
        await write(values, rows);
      }
    },
    async flush() {
      if (count) await write(buf, count);
      buf = [];
      count = 0;
    },
    get written() {
      return written + count;
    },
  };
}

/** Seeds one database (already migrated); returns the ids the measurements need. */
async function seed(engine, conn, passwordHash) {
  const sqliteValue = (v) =>
    v instanceof Date
      ? v.toISOString().replace('T', ' ').replace('Z', '')
      : typeof v === 'boolean'
        ? v
          ? 1
          : 0
        : v;
  const val = engine === 'sqlite' ? sqliteValue : (v) => v;
  const batch = (table, columns) => {
    const rows = Math.min(engine === 'sqlite' ? 400 : 1000, Math.floor(30_000 / columns.length));
    const ins = inserter(engine, conn, table, columns, rows);
    return {
      ...ins,
      add: (row) => ins.add(row.map(val)),
      flush: ins.flush,
      get written() {
        return ins.written;
      },
    };
  };
  const begin = async () => (engine === 'sqlite' ? conn.exec('BEGIN') : conn.query('BEGIN'));
  const commit = async () => (engine === 'sqlite' ? conn.exec('COMMIT') : conn.query('COMMIT'));
  const rnd = rng(20261130);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const t0 = performance.now();
  const progress = (what, done, total) => {
    const s = ((performance.now() - t0) / 1000).toFixed(0);
    process.stdout.write(
      `\r  [${engine}] ${what}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${s} s)   `,
    );
  };

  // ---- unit tree: Stadsledningskontoret (root) → förvaltningar → enheter
  await begin();
  const units = batch('org_units', [
    'id',
    'name',
    'kind',
    'parentId',
    'path',
    'depth',
    'active',
    'createdAt',
    'updatedAt',
  ]);
  const root = { id: randomUUID(), depth: 0 };
  root.path = `/${root.id}/`;
  await units.add([root.id, 'Staden', 'forvaltning', null, root.path, 0, true, NOW, NOW]);
  const departments = [];
  const leaves = [];
  for (let d = 0; d < DEPARTMENTS; d++) {
    const dept = { id: randomUUID(), depth: 1 };
    dept.path = `${root.path}${dept.id}/`;
    dept.leaves = [];
    await units.add([
      dept.id,
      `Avdelning ${d + 1}`,
      'avdelning',
      root.id,
      dept.path,
      1,
      true,
      NOW,
      NOW,
    ]);
    departments.push(dept);
    for (let e = 0; e < UNITS_PER_DEPARTMENT; e++) {
      const leaf = { id: randomUUID(), depth: 2, dept };
      leaf.path = `${dept.path}${leaf.id}/`;
      await units.add([
        leaf.id,
        `Enhet ${d + 1}.${e + 1}`,
        'enhet',
        dept.id,
        leaf.path,
        2,
        true,
        NOW,
        NOW,
      ]);
      leaves.push(leaf);
      dept.leaves.push(leaf);
    }
  }
  await units.flush();

  // ---- users: the two measured accounts, and five staff per unit (risk owners, assessors)
  const users = batch('users', [
    'id',
    'username',
    'displayName',
    'email',
    'searchText',
    'unitId',
    'active',
    'passwordHash',
    'passwordChangedAt',
    'mustChangePassword',
    'failedLoginCount',
    'lockedUntil',
    'lastLoginAt',
    'createdAt',
    'updatedAt',
  ]);
  const roles = batch('role_assignments', [
    'id',
    'userId',
    'role',
    'unitId',
    'createdAt',
    'createdBy',
  ]);
  const measuredDept = departments[Math.min(2, departments.length - 1)];
  const accounts = {
    org: { id: randomUUID(), username: 'benchcontroller', role: 'avtalscontroller', unit: root },
    dept: { id: randomUUID(), username: 'benchchef', role: 'chef', unit: measuredDept },
  };
  for (const a of Object.values(accounts)) {
    await users.add([
      a.id,
      a.username,
      a.username,
      null,
      a.username,
      a.unit.id,
      true,
      passwordHash,
      NOW,
      false,
      0,
      null,
      null,
      NOW,
      NOW,
    ]);
    await roles.add([randomUUID(), a.id, a.role, a.unit.id, NOW, null]);
  }
  for (const leaf of leaves) {
    leaf.staff = [];
    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      const username = `s${leaf.id.slice(0, 8)}${i}`;
      await users.add([
        id,
        username,
        `Handläggare ${username}`,
        null,
        username,
        leaf.id,
        true,
        null,
        null,
        false,
        0,
        null,
        null,
        NOW,
        NOW,
      ]);
      leaf.staff.push(id);
    }
  }
  await users.flush();
  await roles.flush();

  // ---- suppliers (1 per 20 contracts)
  const SUPPLIERS = Math.max(10, Math.ceil(CONTRACTS / 20));
  const suppliers = batch('suppliers', [
    'id',
    'name',
    'organisationNumber',
    'address',
    'contactName',
    'contactEmail',
    'contactPhone',
    'beneficialOwner',
    'notes',
    'searchText',
    'flagCount',
    'indepthCheckRequired',
    'createdAt',
    'createdBy',
    'updatedAt',
  ]);
  const supplierIds = [];
  for (let i = 0; i < SUPPLIERS; i++) {
    const id = randomUUID();
    const nine = `55${String(i).padStart(7, '0')}`;
    const name = `Leverantör ${i + 1} AB`;
    await suppliers.add([
      id,
      name,
      nine + luhn(nine),
      null,
      null,
      null,
      null,
      null,
      null,
      name.toLowerCase(),
      0,
      false,
      START,
      accounts.org.id,
      START,
    ]);
    supplierIds.push(id);
  }
  await suppliers.flush();
  await commit();

  // ---- contracts, spread over the units
  const contracts = batch('contracts', [
    'id',
    'title',
    'diarienummer',
    'supplierId',
    'sector',
    'annualValue',
    'startDate',
    'endDate',
    'unitId',
    'ownerId',
    'followUpClass',
    'maxSubcontractorTiers',
    'notes',
    'searchText',
    'chainWarningCount',
    'createdAt',
    'createdBy',
    'updatedAt',
  ]);
  // the contracts a risk can point at: id and unit, kept as two compact arrays
  const contractIds = new Array(CONTRACTS);
  const contractLeaf = new Uint16Array(CONTRACTS);
  await begin();
  for (let i = 0; i < CONTRACTS; i++) {
    const id = randomUUID();
    const li = Math.floor(rnd() * leaves.length);
    const leaf = leaves[li];
    const start = new Date(START.getTime() + Math.floor(rnd() * 700) * DAY);
    const title = `Avtal ${i + 1}: ${pick(SECTORS)}`;
    const dnr = `KS-${2024 + (i % 3)}-${String(i + 1).padStart(6, '0')}`;
    await contracts.add([
      id,
      title,
      dnr,
      supplierIds[i % supplierIds.length],
      pick(SECTORS),
      Math.floor(rnd() * 5_000_000),
      dateOnly(start),
      dateOnly(new Date(start.getTime() + 3 * 365 * DAY)),
      leaf.id,
      pick(leaf.staff),
      pick(FOLLOW_UP_CLASSES),
      2,
      null,
      `${title} ${dnr}`.toLowerCase(),
      0,
      start,
      accounts.org.id,
      start,
    ]);
    contractIds[i] = id;
    contractLeaf[i] = li;
    if (i % 10_000 === 9_999) {
      await commit();
      progress('contracts', i + 1, CONTRACTS);
      await begin();
    }
  }
  await contracts.flush();
  await commit();
  progress('contracts', CONTRACTS, CONTRACTS);
  process.stdout.write('\n');

  // ---- risks with their assessment history and some acceptances
  const risks = batch('risks', [
    'id',
    'subjectKind',
    'contractId',
    'supplierId',
    'processCode',
    'unitId',
    'category',
    'title',
    'description',
    'ownerId',
    'currentSeq',
    'nextReviewDate',
    'reviewReminderStep',
    'createdAt',
    'createdBy',
    'updatedAt',
  ]);
  const assessments = batch('risk_assessments', [
    'id',
    'riskId',
    'seq',
    'validFrom',
    'matrixVersion',
    'inherentLikelihood',
    'inherentConsequence',
    'inherentScore',
    'inherentBand',
    'inherentExplanation',
    'existingControls',
    'residualLikelihood',
    'residualConsequence',
    'residualScore',
    'residualBand',
    'residualExplanation',
    'treatment',
    'nextReviewDate',
    'assessedBy',
  ]);
  const acceptances = batch('risk_acceptances', [
    'id',
    'riskId',
    'assessmentSeq',
    'residualLikelihood',
    'residualConsequence',
    'residualBand',
    'motivation',
    'acceptedOn',
    'expiresOn',
    'acceptedBy',
    'createdAt',
  ]);
  const cells = DEFAULT_RISK_MATRIX.cells;
  const level = () => 1 + Math.floor(rnd() ** 1.3 * 5); // lower levels more common
  const scored = (l, c) => {
    if (l === null) return [null, null, null, 'ej_bedomd', 'Ej bedömd'];
    const band = cells[l - 1][c - 1];
    return [l, c, l * c, band, `${l} × ${c} = ${l * c} → ${BAND_LABEL[band]}`];
  };
  let extra = RISK_ROWS - RISKS; // reassessments left to hand out (average (RISK_ROWS/RISKS) - 1)
  const perRisk = (RISK_ROWS - RISKS) / RISKS;
  let assessmentRows = 0;
  await begin();
  for (let i = 0; i < RISKS; i++) {
    const id = randomUUID();
    const kindRoll = rnd();
    let subjectKind;
    let contractId = null;
    let supplierId = null;
    let processCode = null;
    let leaf;
    if (kindRoll < 0.5 && CONTRACTS > 0) {
      subjectKind = 'avtal';
      const ci = Math.floor(rnd() * CONTRACTS);
      contractId = contractIds[ci];
      leaf = leaves[contractLeaf[ci]];
    } else if (kindRoll < 0.7) {
      subjectKind = 'leverantor';
      supplierId = pick(supplierIds);
      leaf = pick(leaves);
    } else {
      subjectKind = 'process';
      processCode = pick(UNIT_PROCESSES);
      leaf = pick(leaves);
    }
    // history: 1 + k assessments, k spread so that the total is RISK_ROWS
    const left = RISKS - i;
    let k = Math.min(extra, Math.max(0, Math.round(perRisk * 2 * rnd())));
    if (left === 1) k = extra;
    else if (extra - k > (left - 1) * 6) k = Math.min(extra, 6);
    extra -= k;
    const n = 1 + k;
    const created = new Date(
      START.getTime() + Math.floor(rnd() * 600) * DAY + Math.floor(rnd() * DAY),
    );
    const span = NOW.getTime() - created.getTime();
    let at = created;
    let last = null;
    const owner = pick(leaf.staff);
    for (let s = 1; s <= n; s++) {
      if (s > 1) at = new Date(at.getTime() + Math.floor((span / n) * (0.5 + rnd()) * 0.95));
      if (at > NOW) at = new Date(NOW.getTime() - 60_000);
      const notAssessed = s === 1 && rnd() < 0.05;
      const il = notAssessed ? null : level();
      const ic = notAssessed ? null : level();
      const rl = notAssessed ? null : Math.max(1, il - Math.floor(rnd() * 3));
      const rc = notAssessed ? null : Math.max(1, ic - Math.floor(rnd() * 2));
      const inh = scored(il, ic);
      const res = scored(rl, rc);
      const review = dateOnly(new Date(at.getTime() + 365 * DAY));
      await assessments.add([
        randomUUID(),
        id,
        s,
        at,
        1,
        ...inh,
        notAssessed ? null : 'Attestordning, stickprov',
        ...res,
        notAssessed ? null : pick(RISK_TREATMENTS),
        review,
        owner,
      ]);
      last = { seq: s, at, review, res, rl, rc };
      assessmentRows++;
    }
    await risks.add([
      id,
      subjectKind,
      contractId,
      supplierId,
      processCode,
      leaf.id,
      pick(RISK_CATEGORIES),
      `Risk ${i + 1}`,
      'Risk för otillåten påverkan eller välfärdsbrott i verksamheten.',
      owner,
      last.seq,
      last.review,
      null,
      created,
      owner,
      last.at,
    ]);
    // one risk in twenty has an acceptance of its current residual
    if (last.rl !== null && rnd() < 0.05) {
      const on = new Date(last.at.getTime() + 60_000);
      await acceptances.add([
        randomUUID(),
        id,
        last.seq,
        last.rl,
        last.rc,
        last.res[3],
        'Accepterad efter genomgång.',
        dateOnly(on),
        dateOnly(new Date(on.getTime() + 365 * DAY)),
        accounts.dept.id,
        on,
      ]);
    }
    if (i % 5_000 === 4_999) {
      await commit();
      progress('risks (assessment rows)', assessmentRows, RISK_ROWS);
      await begin();
    }
  }
  await risks.flush();
  await assessments.flush();
  await acceptances.flush();
  await commit();
  progress('risks (assessment rows)', assessmentRows, RISK_ROWS);
  process.stdout.write('\n');
  return {
    seconds: (performance.now() - t0) / 1000,
    root,
    measuredDept,
    // a unit inside the department the manager reads, so both users can filter on it
    measuredLeaf: measuredDept.leaves[0],
    accounts,
    counts: {
      units: 1 + departments.length + leaves.length,
      users: 2 + leaves.length * 5,
      suppliers: SUPPLIERS,
      contracts: CONTRACTS,
      risks: RISKS,
      assessments: assessmentRows,
    },
  };
}

// ---------------------------------------------------------------- the floor: the API's own SQL

/**
 * The SQL RisksRepository.heatmap runs for a user and a filter, captured through TypeORM's logger
 * from the built repository (so the floor follows any change to the query), with its parameters
 * as the driver binds them.
 */
async function captureHeatmapSql(engine, dbConfig, user, query) {
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = dist('core/database/data-source.js');
  const { RisksRepository, RISK_COLUMNS } = dist('risks/risks.repository.js');
  const { defineAbilityFor } = dist('core/authz/ability.js');
  const { accessibleWhere } = dist('core/authz/casl-sql.js');
  const captured = [];
  const logger = {
    logQuery: (q, p) => captured.push({ sql: q, params: p ?? [] }),
    logQueryError: () => {},
    logQuerySlow: () => {},
    logSchemaBuild: () => {},
    logMigration: () => {},
    log: () => {},
  };
  const ds = new DataSource({
    ...dataSourceOptions(dbConfig),
    logging: ['query'],
    logger,
    migrations: [],
  });
  await ds.initialize();
  try {
    const repo = new RisksRepository({ repo: (e) => ds.getRepository(e) });
    const ability = defineAbilityFor({
      id: user.id,
      username: user.username,
      displayName: user.username,
      unitId: user.unit.id,
      mustChangePassword: false,
      roles: [
        { assignmentId: 'bench', role: user.role, unitId: user.unit.id, unitPath: user.unit.path },
      ],
      sessionId: 'bench',
      sessionExpiresAt: new Date(NOW.getTime() + DAY),
    });
    captured.length = 0;
    const groups = await repo.heatmap({
      access: accessibleWhere(ability, 'read', 'Risk', RISK_COLUMNS),
      asOfEnd: query.asOf ? endOfLocalDay(query.asOf) : undefined,
      today: query.asOf ?? localDateOf(NOW),
      unitPath: query.unit?.path,
      kind: 'residual',
    });
    const found = captured.filter((c) => /^\s*SELECT/i.test(c.sql));
    if (found.length !== 1) throw new Error(`expected one heatmap query, saw ${found.length}`);
    return { ...found[0], total: groups.reduce((s, g) => s + g.count, 0) };
  } finally {
    await ds.destroy();
  }
}

// ---------------------------------------------------------------- measuring

const pct = (xs, p) =>
  xs.length
    ? xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]
    : NaN;
/** p50/p95 of `n` sequential runs (after 3 warm-ups), or of as many as fit in 15 s (at least 10). */
async function timeIt(fn, n) {
  for (let i = 0; i < 3; i++) await fn();
  const xs = [];
  const until = performance.now() + Number(env.BENCH_SERIES_SECONDS ?? 15) * 1000;
  while (xs.length < n && (xs.length < 10 || performance.now() < until)) {
    const s = performance.now();
    await fn();
    xs.push(performance.now() - s);
  }
  return { p50: pct(xs, 0.5), p95: pct(xs, 0.95), n: xs.length };
}
/**
 * `clients` clients sending requests back to back until `total` have been answered (or
 * BENCH_CONCURRENT_SECONDS, default 30, have passed — every client finishes its request). A
 * request whose connection the server closed or reset meanwhile (seen on the loaded machine when a
 * round of 50 whole-organisation heatmaps took minutes) is sent again, timed from its first try,
 * and counted as resent.
 */
async function concurrently(fn, clients, total) {
  const xs = [];
  let started = 0;
  let resent = 0;
  let unavailable = 0;
  const t = performance.now();
  const until = t + Number(env.BENCH_CONCURRENT_SECONDS ?? 30) * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (started < total) {
        if (performance.now() >= until && xs.length >= clients) break;
        started++;
        const s = performance.now();
        try {
          try {
            await fn();
          } catch (e) {
            if (!['UND_ERR_SOCKET', 'ECONNRESET'].includes(e?.cause?.code)) throw e;
            resent++;
            await fn();
          }
        } catch (e) {
          // PostgreSQL: no pool connection within 5 s (data-source.ts) is answered 503 by design
          if (e?.status !== 503) throw e;
          unavailable++;
          continue;
        }
        xs.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  return {
    p50: pct(xs, 0.5),
    p95: pct(xs, 0.95),
    perSecond: xs.length / seconds,
    n: xs.length,
    resent,
    unavailable,
  };
}

async function runEngine(engine, hash) {
  let dbConfig;
  let databaseUrl;
  // PostgreSQL is shared with other people's test runs, some of which end every connection: the
  // administrative statements each get a short-lived connection, the floor a pool that reconnects
  const admin = async (sql) => {
    const c = new pg.Client({ connectionString: PG_SERVER });
    c.on('error', () => {});
    await c.connect();
    try {
      return await c.query(sql);
    } finally {
      await c.end().catch(() => {});
    }
  };
  let pgAdmin = false;
  if (engine === 'sqlite') {
    const path = join(DIR, 'heatmap.db');
    dbConfig = { type: 'sqlite', path };
    databaseUrl = `sqlite:${path}`;
  } else {
    pgAdmin = true;
    await admin(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${PG_DB}`);
    const u = new URL(PG_SERVER);
    u.pathname = `/${PG_DB}`;
    databaseUrl = u.toString();
    dbConfig = { type: 'postgres', url: databaseUrl, poolSize: 10 };
  }
  try {
    const mig = spawnSync(process.execPath, ['dist/backend/cli.js', 'migrate'], {
      cwd: ROOT,
      env: { ...env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    if (mig.status !== 0) throw new Error(mig.stderr || mig.stdout);

    // ---- seed
    let seeded;
    if (engine === 'sqlite') {
      const db = new Database(dbConfig.path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
      // bench data is consistent by construction: no foreign-key checks while loading
      db.pragma('foreign_keys = OFF');
      db.pragma('cache_size = -65536');
      seeded = await seed('sqlite', db, hash);
      const t = performance.now();
      db.exec('ANALYZE');
      seeded.analyzeSeconds = (performance.now() - t) / 1000;
      db.close();
    } else {
      const c = new pg.Client({ connectionString: databaseUrl });
      c.on('error', () => {}); // a terminated connection fails the next query instead
      await c.connect();
      // bench data is consistent by construction: skip the foreign-key triggers while loading
      await c.query('SET session_replication_role = replica');
      await c.query('SET synchronous_commit = off');
      seeded = await seed('postgres', c, hash);
      await c.query('SET session_replication_role = DEFAULT');
      const t = performance.now();
      await c.query('VACUUM ANALYZE');
      seeded.analyzeSeconds = (performance.now() - t) / 1000;
      await c.end();
    }
    console.log(
      `  [${engine}] seeded in ${seeded.seconds.toFixed(0)} s (+ ${seeded.analyzeSeconds.toFixed(0)} s ANALYZE): ${Object.entries(
        seeded.counts,
      )
        .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
        .join(', ')}`,
    );

    // ---- the cases
    const { accounts, root, measuredLeaf } = seeded;
    const cases = [];
    for (const [who, user] of [
      ['org scope', accounts.org],
      ['dept scope', accounts.dept],
    ]) {
      for (const [where, unit] of [
        [user === accounts.org ? 'whole organisation' : 'whole scope', null],
        ['one unit', measuredLeaf],
      ]) {
        for (const asOf of [null, PAST]) {
          const qs = new URLSearchParams();
          if (unit) qs.set('unitId', unit.id);
          if (asOf) qs.set('asOf', asOf);
          cases.push({
            name: `${who}, ${where}, ${asOf ? `as of ${asOf}` : 'current'}`,
            user,
            unit,
            asOf,
            path: `/api/heatmaps/risks${qs.size ? `?${qs}` : ''}`,
          });
        }
      }
    }
    void root;

    // ---- floors: capture each case's SQL from the built repository, then prepare it
    let floorDb;
    let floorRun;
    if (engine === 'sqlite') {
      floorDb = new Database(dbConfig.path, { readonly: true });
      floorRun = (c) => c.stmt.all(...c.sql.params);
    } else {
      floorDb = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      floorDb.on('error', () => {});
      floorRun = (c) => floorDb.query(c.sql.sql, c.sql.params);
    }
    for (const c of cases) {
      c.sql = await captureHeatmapSql(engine, dbConfig, c.user, c);
      if (engine === 'sqlite') c.stmt = floorDb.prepare(c.sql.sql);
    }
    const plans = {};
    for (const c of cases.filter((x) => x.user === accounts.org)) {
      if (engine === 'sqlite') {
        plans[c.name] = floorDb
          .prepare(`EXPLAIN QUERY PLAN ${c.sql.sql}`)
          .all(...c.sql.params)
          .map((r) => r.detail)
          .join('\n');
      } else {
        const r = await floorDb.query(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql.sql}`, c.sql.params);
        plans[c.name] = r.rows.map((x) => x['QUERY PLAN']).join('\n');
      }
    }

    // ---- the server
    const t0 = performance.now();
    // started through -e so that its command line does not name dist/backend/main.js: on a shared
    // machine someone else's clean-up of their servers by that name ended two runs half-way
    const server = spawn(process.execPath, ['-e', 'require(process.env.BENCH_SERVER_MAIN)'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        VARN_MASTER_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
        JOBS_ENABLED: 'false',
        STATIC_DIR: 'none',
        LOGIN_RATE_PER_MINUTE: '1000',
        BENCH_SERVER_MAIN: join(ROOT, 'dist/backend/main.js'),
      },
    });
    let stopping = false;
    const stop = () => {
      stopping = true;
      server.kill('SIGTERM');
    };
    process.on('exit', stop);
    let exited = false;
    server.once('exit', (code, signal) => {
      exited = true;
      if (!stopping)
        console.error(
          `\n  [${engine}] the server (pid ${server.pid}) ended by itself at ${new Date().toISOString()}: code ${code}, signal ${signal}`,
        );
    });
    for (;;) {
      if (exited) throw new Error('the server exited while starting (see its output above)');
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (performance.now() - t0 > 60_000) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const cookies = new Map();
    for (const a of Object.values(accounts)) {
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: a.username, password: PASSWORD }),
      });
      if (!r.ok) throw new Error(`login ${a.username}: ${r.status}`);
      cookies.set(a, r.headers.get('set-cookie').split(';')[0]);
    }
    const get = async (c) => {
      const r = await fetch(base + c.path, { headers: { cookie: cookies.get(c.user) } });
      if (!r.ok)
        throw Object.assign(new Error(`${c.path}: ${r.status} ${await r.text()}`), {
          status: r.status,
        });
      return r.json();
    };

    const rows = [];
    for (const c of cases) {
      const body = await get(c);
      // the API and the floor count the same risks
      if (body.total !== c.sql.total)
        throw new Error(`${c.name}: the API counts ${body.total}, the captured SQL ${c.sql.total}`);
      const api = await timeIt(() => get(c), SAMPLES);
      const sql = await timeIt(async () => floorRun(c), SAMPLES);
      const load = await concurrently(() => get(c), CLIENTS, CONCURRENT_REQUESTS);
      rows.push({ name: c.name, risks: body.total, api, sql, ratio: api.p50 / sql.p50, load });
      console.log(
        `  [${engine}] ${c.name}: ${body.total.toLocaleString('en')} risks, API p50 ${api.p50.toFixed(1)} ms, SQL p50 ${sql.p50.toFixed(1)} ms, ${CLIENTS} clients p50/p95 ${load.p50.toFixed(0)}/${load.p95.toFixed(0)} ms (${load.n} answered${load.resent ? `, ${load.resent} resent` : ''}${load.unavailable ? `, ${load.unavailable} answered 503` : ''})`,
      );
    }
    const fixed = {
      health: await timeIt(async () => (await fetch(`${base}/api/health`)).arrayBuffer(), SAMPLES),
      me: await timeIt(() => get({ path: '/api/me', user: accounts.org }), SAMPLES),
    };
    stop();
    if (!exited) await new Promise((r) => server.once('exit', r));
    process.off('exit', stop);
    if (engine === 'sqlite') floorDb.close();
    else await floorDb.end();
    const size =
      engine === 'sqlite'
        ? statSync(dbConfig.path).size
        : Number((await admin(`SELECT pg_database_size('${PG_DB}') AS s`)).rows[0].s);
    return {
      engine,
      seeded: {
        ...seeded,
        accounts: undefined,
        root: undefined,
        measuredDept: undefined,
        measuredLeaf: undefined,
      },
      rows,
      fixed,
      plans,
      size,
    };
  } finally {
    if (pgAdmin) {
      await admin(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    }
  }
}

// ---------------------------------------------------------------- main

const hash = await argon2.hash(PASSWORD, {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});
const load = { before: loadavg(), cpus: cpus().length, cpu: cpus()[0]?.model };
const results = [];
for (const engine of ENGINES) {
  results.push(await runEngine(engine, hash));
  // each engine's figures are kept as soon as they are measured
  writeFileSync(
    join(DIR, `results-${engine}.json`),
    JSON.stringify({ load, ...results.at(-1) }, null, 2),
  );
}
load.after = loadavg();

const f1 = (x) => x.toFixed(1).padStart(7);
for (const r of results) {
  const c = r.seeded.counts;
  console.log(
    `\nVärn risk heatmap benchmark — ${r.engine}: ${c.units} units, ${c.contracts.toLocaleString('en')} contracts, ${c.risks.toLocaleString('en')} risks with ${c.assessments.toLocaleString('en')} assessment rows (seeded in ${r.seeded.seconds.toFixed(0)} s, database ${(r.size / 1048576).toFixed(0)} MiB)\n`,
  );
  console.log(
    `  GET /api/heatmaps/risks                                    risks   API p50   API p95   SQL p50   SQL p95  API/SQL   ${CLIENTS} clients p50/p95`,
  );
  for (const x of r.rows)
    console.log(
      `  ${x.name.padEnd(52)} ${String(x.risks).padStart(8)} ${f1(x.api.p50)}ms ${f1(x.api.p95)}ms ${f1(x.sql.p50)}ms ${f1(x.sql.p95)}ms  ${x.ratio.toFixed(2).padStart(5)}×   ${x.load.p50.toFixed(0)}/${x.load.p95.toFixed(0)} ms`,
    );
  console.log(
    `\n  fixed cost of a request: GET /api/health p50 ${r.fixed.health.p50.toFixed(1)} ms, GET /api/me p50 ${r.fixed.me.p50.toFixed(1)} ms`,
  );
}
console.log(
  `\n  machine: ${load.cpus} × ${load.cpu}; load average before ${load.before.map((x) => x.toFixed(1)).join(' ')}, after ${load.after.map((x) => x.toFixed(1)).join(' ')}`,
);
writeFileSync(join(DIR, 'results.json'), JSON.stringify({ load, results }, null, 2));
console.log(`  query plans and figures: ${join(DIR, 'results.json')}`);
process.exit(0);
