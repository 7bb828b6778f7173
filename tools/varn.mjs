// npm run varn -- <command>: the Värn CLI (builds the backend first when it is missing or older
// than its sources, so a new command such as `purge` is never run from a stale build).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, exec, ROOT } from './lib.mjs';

/** The newest modification time of the backend's sources (specs excluded). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts') || entry.includes('spec.ts')) continue;
    newest = Math.max(newest, statSync(join(dir, entry)).mtimeMs);
  }
  return newest;
}

const cli = join(ROOT, 'dist/backend/cli.js');
if (!existsSync(cli) || statSync(cli).mtimeMs < newestSource(join(ROOT, 'backend/src')))
  build(['backend']);
exec('dist/backend/cli.js', process.argv.slice(2), process.env);
