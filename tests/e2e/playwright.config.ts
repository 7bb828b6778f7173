import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Browser tests against the built app (API + UI on one port) with a fresh demo database.
 * Uses Debian's Chromium (no browser download): CHROMIUM_PATH or /usr/bin/chromium.
 */
const ROOT = join(__dirname, '..', '..');
const PORT = Number(process.env['E2E_PORT'] ?? 3217);
/** E2E_DIR: a directory of one's own, so two runs on one machine never share a database. */
const DB = join(process.env['E2E_DIR'] ?? join(ROOT, 'tmp', 'e2e'), 'e2e.db');
/** The server's database and master key, for tests that run the CLI beside it (the purge). */
export const E2E_DATABASE = DB;
// set once in the runner; workers inherit the environment, so they see the same key
process.env['E2E_MASTER_KEY'] ??= randomBytes(32).toString('base64');
export const E2E_MASTER_KEY = process.env['E2E_MASTER_KEY'];

export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.e2e.ts',
  outputDir: join(ROOT, 'tmp', 'e2e', 'results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env['PLAYWRIGHT_JSON_OUTPUT_NAME'] ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node -e "require('fs').rmSync('${DB.replace(/\\/g, '/')}'.replace(/e2e.db$/, ''), { recursive: true, force: true })" && node dist/backend/main.js`,
    cwd: ROOT,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'development',
      VARN_DEMO: 'true',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${DB}`,
      VARN_MASTER_KEY: E2E_MASTER_KEY,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_PER_MINUTE: '1000',
      // the journeys sign in by password alone; second-factor.e2e.ts starts a server of its own
      // with production's default (every handler, custodian, controller and administrator asked)
      SECOND_FACTOR_ROLES: 'none',
    },
  },
});
