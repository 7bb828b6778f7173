// npm test — every test tier in order, with a summary. A tier that needs PostgreSQL or a browser
// says plainly when it was skipped. Exit code is non-zero when any tier failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NX_ENV, ROOT } from './lib.mjs';

const RESULTS = join(ROOT, 'tmp/test-results');
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const pg = process.env.TEST_DATABASE_URL;
// In CI a green run must mean both engines: without PostgreSQL the run fails (locally it is skipped).
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const tiers = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
/** The names of failed tests, repeated under the summary: a CI log is often read from its tail. */
const failures = [];

function sh(cmd, args, env = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...NX_ENV, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function addJest(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  for (const suite of r.testResults ?? []) {
    const file = suite.name.replace(ROOT + '/', '');
    const failed = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) failures.push(`${file} › ${a.fullName}`);
    // a suite that failed without a failed test: it did not load, or a hook threw
    if (suite.status === 'failed' && !failed.length)
      failures.push(`${file}: ${(suite.message ?? '').split('\n').find((l) => l.trim()) ?? ''}`);
  }
}

function addVitest(out) {
  // e.g. "      Tests  41 passed (41)" or "Tests  2 failed | 39 passed (41)"
  const line = out.split('\n').find((l) => /^\s*Tests\s+.*\(\d+\)/.test(l));
  if (!line) return;
  for (const [, n, kind] of line.matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    if (kind === 'passed') totals.passed += Number(n);
    else if (kind === 'failed') totals.failed += Number(n);
    else totals.skipped += Number(n);
  }
}

function addPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === 'unexpected') failures.push(`${spec.file} › ${spec.title}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of JSON.parse(readFileSync(file, 'utf8')).suites ?? []) walk(suite);
}

async function tier(name, steps, note = '') {
  console.log(`\n━━━ ${name} ${'━'.repeat(Math.max(3, 60 - name.length))}`);
  const started = Date.now();
  let ok = true;
  for (const step of steps) {
    const { code } = await step();
    if (code !== 0) {
      ok = false;
      break;
    }
  }
  tiers.push({
    name,
    status: ok ? 'passed' : 'FAILED',
    seconds: Math.round((Date.now() - started) / 1000),
    note,
  });
  return ok;
}

function skip(name, why) {
  console.log(`\n━━━ ${name} ━━━\nSKIPPED: ${why}`);
  tiers.push({ name, status: 'SKIPPED', seconds: 0, note: why });
}

const jest =
  (config, out, env = {}) =>
  () =>
    sh('npx', ['jest', '-c', config, '--json', `--outputFile=${join(RESULTS, out)}`], env).then(
      (r) => {
        addJest(join(RESULTS, out));
        return r;
      },
    );

if (ci && !pg) {
  console.error(
    'FAILED: CI is set but TEST_DATABASE_URL is not. A green CI run must mean SQLite AND PostgreSQL;\n' +
      'point TEST_DATABASE_URL at a PostgreSQL (.ci/run does), or unset CI to skip PostgreSQL locally.',
  );
  process.exit(1);
}

const built = await tier('build', [
  () =>
    sh('npx', [
      'nx',
      'run-many',
      '-t',
      'build',
      '--projects=backend,frontend',
      '--outputStyle=static',
    ]),
]);

await tier('lint & types', [
  () => sh('npx', ['tsc', '-p', 'backend/tsconfig.json', '--noEmit']),
  () => sh('npx', ['tsc', '-p', 'tests/tsconfig.json', '--noEmit']),
  () => sh('npx', ['eslint', 'backend', 'frontend', 'tests', '--max-warnings=0']),
  () => sh('npx', ['prettier', '--check', '.', '--log-level', 'warn']),
]);

if (built)
  await tier('API contract (OpenAPI drift + redocly lint)', [
    () => sh('node', ['tools/check-openapi.mjs']),
    // the frontend's subject list and its demo rules fixtures, generated from the backend
    () => sh('node', ['tools/gen-authz-fixtures.mjs', '--check']),
    // the domain data the frontend shows (red-flag library), generated from the backend
    () => sh('node', ['tools/gen-domain-data.mjs', '--check']),
  ]);
else skip('API contract (OpenAPI drift + redocly lint)', 'the build failed');

await tier('unit', [
  jest('backend/jest.config.cjs', 'backend-unit.json'),
  () =>
    sh('npx', ['nx', 'run', 'frontend:test', '--outputStyle=static']).then((r) => {
      addVitest(r.out);
      return r;
    }),
]);

await tier(
  'integration',
  [jest('backend/jest.int.config.cjs', 'backend-int.json')],
  pg ? 'SQLite and PostgreSQL' : 'SQLite only — PostgreSQL SKIPPED: TEST_DATABASE_URL is not set',
);
if (!pg)
  console.log(
    '\nNOTE: PostgreSQL integration tests were SKIPPED because TEST_DATABASE_URL is not set.',
  );

await tier(
  'authorization matrix',
  [jest('tests/authz/jest.config.cjs', 'authz.json')],
  pg ? 'SQLite and PostgreSQL' : 'SQLite only — PostgreSQL SKIPPED: TEST_DATABASE_URL is not set',
);

await tier(
  'IDOR sweep',
  [jest('tests/idor/jest.config.cjs', 'idor.json')],
  pg ? 'SQLite and PostgreSQL' : 'SQLite only — PostgreSQL SKIPPED: TEST_DATABASE_URL is not set',
);

await tier(
  'fuzz (OpenAPI, fast-check)',
  [
    jest('tests/fuzz/jest.config.cjs', 'fuzz.json', {
      FUZZ_PROFILE: process.env['FUZZ_PROFILE'] ?? 'short',
    }),
  ],
  `${process.env['FUZZ_PROFILE'] ?? 'short'} profile; ` +
    (pg
      ? 'SQLite and PostgreSQL'
      : 'SQLite only — PostgreSQL SKIPPED: TEST_DATABASE_URL is not set'),
);

if (built)
  await tier(
    'resilience (crash)',
    [jest('tests/resilience/jest.config.cjs', 'resilience.json')],
    pg ? 'SQLite and PostgreSQL' : 'SQLite only — PostgreSQL SKIPPED: TEST_DATABASE_URL is not set',
  );
else skip('resilience (crash)', 'the build failed');

if (!existsSync(chromium)) {
  skip(
    'e2e (browser)',
    `no Chromium at ${chromium} — install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
  );
} else if (!built) {
  skip('e2e (browser)', 'the build failed');
} else {
  const file = join(RESULTS, 'e2e.json');
  await tier('e2e (browser)', [
    () =>
      sh('npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: file,
        CHROMIUM_PATH: chromium,
      }).then((r) => {
        addPlaywright(file);
        return r;
      }),
  ]);
}

// The full profile (npm run test:full) adds the load test: two instances on PostgreSQL, 100
// clients for 60 s; it fails on any error. Not part of npm test (it needs minutes and a quiet
// machine for figures that mean something).
if (process.env['FUZZ_PROFILE'] === 'full') {
  if (!pg) skip('load (two instances)', 'PostgreSQL SKIPPED: TEST_DATABASE_URL is not set');
  else if (!built) skip('load (two instances)', 'the build failed');
  else
    await tier(
      'load (two instances)',
      [() => sh(process.execPath, ['tests/load/run.mjs'], { LOAD_SKIP_BUILD: '1' })],
      '100 clients, 60 s, PostgreSQL',
    );
}

console.log('\n━━━ summary ━━━');
for (const t of tiers)
  console.log(
    `  ${t.status.padEnd(8)} ${t.name.padEnd(30)} ${String(t.seconds).padStart(4)} s  ${t.note}`,
  );
const failedTiers = tiers.filter((t) => t.status === 'FAILED').length;
if (failures.length) {
  console.log('\nfailed:');
  for (const f of failures.slice(0, 30)) console.log(`  ✕ ${f.slice(0, 300)}`);
  if (failures.length > 30) console.log(`  … and ${failures.length - 30} more`);
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedTiers ? 1 : 0);
