// Fails when the committed OpenAPI document or the frontend types generated from it are out of
// date. Fix with `npm run openapi` and commit the result.
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
process.exit(drift ? 1 : 0);
