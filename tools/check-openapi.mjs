// Fails when the committed OpenAPI document or the frontend types generated from it are out of
// date (fix with `npm run openapi` and commit the result), or when the document does not pass
// `redocly lint` with the recommended rules (tools/redocly.yaml) with zero errors AND zero warnings.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const tmp = join(ROOT, 'tmp/openapi-check');
mkdirSync(tmp, { recursive: true });
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
};
step(process.execPath, ['dist/backend/cli.js', 'openapi', '--out', join(tmp, 'openapi.json')]);
step('npx', ['prettier', '--write', join(tmp, 'openapi.json'), '--log-level', 'warn']);
step('npx', ['openapi-typescript', join(tmp, 'openapi.json'), '-o', join(tmp, 'api-types.ts')]);

let drift = false;
for (const [fresh, committed] of [
  [join(tmp, 'openapi.json'), 'backend/openapi.json'],
  [join(tmp, 'api-types.ts'), 'frontend/src/app/core/api/api-types.ts'],
]) {
  let old = '';
  try {
    old = readFileSync(join(ROOT, committed), 'utf8');
  } catch {
    /* missing counts as drift */
  }
  if (old !== readFileSync(fresh, 'utf8')) {
    console.error(
      `DRIFT: ${committed} does not match the backend. Run \`npm run openapi\` and commit the result.`,
    );
    drift = true;
  } else {
    console.log(`ok: ${committed} matches the backend`);
  }
}

// redocly exits non-zero on errors only; warnings must fail this check too, so read its totals
const lint = spawnSync(
  'npx',
  ['redocly', 'lint', 'backend/openapi.json', '--config=tools/redocly.yaml', '--format=json'],
  {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  },
);
let totals;
try {
  totals = JSON.parse(lint.stdout).totals;
} catch {
  console.error('redocly lint did not answer with JSON:', lint.stdout, lint.stderr);
  process.exit(1);
}
const lintFailed = totals.errors + totals.warnings + totals.ignored > 0;
if (lintFailed) {
  spawnSync(
    'npx',
    ['redocly', 'lint', 'backend/openapi.json', '--config=tools/redocly.yaml', '--format=stylish'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  console.error(
    `LINT: backend/openapi.json has ${totals.errors} errors, ${totals.warnings} warnings and ${totals.ignored} ignored problems under redocly's recommended rules; all must be 0. Fix the Swagger decorators (summary, @ApiProblems) and run \`npm run openapi\`.`,
  );
} else {
  console.log('ok: backend/openapi.json passes redocly lint (recommended): 0 errors, 0 warnings');
}
process.exit(drift || lintFailed ? 1 : 0);
