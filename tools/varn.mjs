// npm run varn -- <command>: the Värn CLI (builds the backend first if needed).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, exec, ROOT } from './lib.mjs';

if (!existsSync(join(ROOT, 'dist/backend/cli.js'))) build(['backend']);
exec('dist/backend/cli.js', process.argv.slice(2), process.env);
