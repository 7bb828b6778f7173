import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A demo server of a test file's own, beside the suite's (whose journeys sign in by password with
 * SECOND_FACTOR_ROLES=none): the built server in demo mode on a fresh SQLite file under `dir`,
 * with production's second-factor default unless `env` says otherwise.
 */
export const ROOT = join(__dirname, '..', '..');

/** Resolves when `url` answers 2xx; throws after 80 s naming `what`. */
export async function waitFor(url: string, what: string): Promise<void> {
  const until = Date.now() + 80_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${what} did not start (${url})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function startOwnServer(
  port: number,
  dir: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = spawn(process.execPath, ['dist/backend/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      VARN_DEMO: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`,
      FILES_DIR: join(dir, 'files'),
      VARN_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      LOGIN_RATE_PER_MINUTE: '1000',
      JOBS_ENABLED: 'false',
      SECOND_FACTOR_ROLES: '',
      ...env,
    },
  });
  await waitFor(`http://127.0.0.1:${port}/api/health`, `the server on port ${port}`);
  return server;
}
