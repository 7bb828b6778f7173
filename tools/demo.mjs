// npm run demo — builds what is not built, then runs Värn with demo data on embedded SQLite.
// Honours PORT and DATABASE_URL (default sqlite:./data/demo.db). Never for production.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, exec, ROOT } from './lib.mjs';

if (process.env.NODE_ENV === 'production') {
  console.error(
    'npm run demo refuses to run with NODE_ENV=production: demo accounts must never exist in production.',
  );
  process.exit(1);
}

build(['backend', 'frontend']);

const env = { ...process.env, NODE_ENV: 'development', VARN_DEMO: 'true' };
env.DATABASE_URL ||= 'sqlite:./data/demo.db';
if (!env.VARN_MASTER_KEY && !env.VARN_MASTER_KEY_FILE) {
  // a demo-only master key, created once beside the demo database
  const dir = join(ROOT, 'data');
  const file = join(dir, 'demo-master.key');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  env.VARN_MASTER_KEY_FILE = file;
}
const port = env.PORT || '3000';
console.log(`
  Värn – demoläge / demo mode
  Öppna http://localhost:${port} och logga in med något av kontona nedan.
  Lösenord för alla: varn-demo-2026

    admin         Administratör          chef      Chef
    medarbetare   Medarbetare            revisor   Internrevisor
    handlaggare   Handläggare            identitet Identitetsansvarig
    controller    Avtalscontroller

  Anonym demorapport: Rapportera anonymt → Följ din rapport, kod 2026 0000 4711 0008

  Databas: ${env.DATABASE_URL}   (Ctrl+C avslutar)
`);
exec('dist/backend/main.js', [], env);
