// Copies the backend's non-TypeScript files that the built server reads at run time into
// dist/backend, beside the compiled code that loads them (tsc copies only .ts output):
// the guidance articles Värn ships (backend/src/guidance/content/*.md, seeded at start).
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = ['guidance/content'];
for (const dir of assets) {
  const to = join(root, 'dist/backend', dir);
  rmSync(to, { recursive: true, force: true });
  cpSync(join(root, 'backend/src', dir), to, { recursive: true });
}
