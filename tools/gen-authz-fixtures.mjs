// Generates, from the built backend (dist/backend), what the frontend must not keep by hand:
//   frontend/src/app/core/auth/authz-model.generated.ts  the actions and subject types
//   frontend/src/testing/demo-abilities.generated.ts     per demo account: its MeDto and the packed
//                                                        rules GET /api/me/abilities really answers,
//                                                        plus the units and users as the demo
//                                                        administrator reads them
// The rules come from the real app: a fresh in-memory demo database seeded by DemoSeeder, each demo
// account signed in over HTTP. Random ids are replaced by stable names (unit-<key>, user-<name>),
// the clock is fixed, so the output only changes when the backend's behaviour does.
//
//   node tools/gen-authz-fixtures.mjs          build the backend, then write the files
//   node tools/gen-authz-fixtures.mjs --check  compare with the committed files (npm test); exit 1 on drift
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, ROOT, writeGenerated } from './lib.mjs';

const check = process.argv.includes('--check');
if (!check) build(['backend']);

const OUT_MODEL = 'frontend/src/app/core/auth/authz-model.generated.ts';
const OUT_FIXTURE = 'frontend/src/testing/demo-abilities.generated.ts';

const require = createRequire(import.meta.url);
const dist = (p) => require(join(ROOT, 'dist/backend', p));
const { createApp } = dist('app.factory.js');
const { loadConfig } = dist('core/config/config.js');
const { openDatabase } = dist('core/database/data-source.js');
const { ManualClock } = dist('core/clock/clock.js');
const { ACTIONS, SUBJECTS } = dist('core/authz/ability.js');
const { DemoSeeder } = dist('demo/demo.seeder.js');
const { DEMO_ACCOUNTS, DEMO_ORG, DEMO_PASSWORD } = dist('demo/demo-data.js');
const request = require('supertest');

/** A fixed instant, so session expiry and creation times are the same on every run. */
const NOW = new Date('2026-03-02T08:00:00.000Z');
/** The account an administrator gives a temporary password (its rules are then reduced). */
const TEMPORARY = 'revisor';
const TEMPORARY_PASSWORD = 'lagom-lang-fras-for-generering-7';

// a file database: reads outside a transaction go through a second (read-only) connection
const dir = mkdtempSync(join(tmpdir(), 'varn-authz-fixtures-'));
const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: `sqlite:${join(dir, 'demo.db')}`,
  VARN_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  STATIC_DIR: 'none',
  LOG_LEVEL: 'error',
  LOGIN_RATE_PER_MINUTE: '100000',
  // the rules of a fully signed-in session: a second factor, once given, changes none of them
  SECOND_FACTOR_ROLES: 'none',
});
const dataSource = await openDatabase(config.database);
const app = await createApp(config, { clock: new ManualClock(NOW), dataSource, logger: false });
let fixture;
try {
  await app.get(DemoSeeder).seedIfEmpty();
  const server = app.getHttpServer();
  const ok = async (res, what) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const signIn = async (username, password = DEMO_PASSWORD) => {
    const agent = request.agent(server);
    const me = await ok(
      agent.post('/api/auth/login').send({ username, password }),
      `sign-in ${username}`,
    );
    const { rules } = await ok(agent.get('/api/me/abilities'), `abilities of ${username}`);
    return { agent, me, rules };
  };

  const accounts = {};
  let admin;
  for (const a of DEMO_ACCOUNTS) {
    const s = await signIn(a.username);
    accounts[a.username] = { me: s.me, rules: s.rules };
    if (a.username === 'admin') admin = s.agent;
  }
  const units = await ok(admin.get('/api/units'), 'units');
  const users = (await ok(admin.get('/api/users?pageSize=100'), 'users')).items;

  // an administrator sets a temporary password: until it is replaced, the account may do nothing
  const temp = users.find((u) => u.username === TEMPORARY);
  await ok(
    admin.post(`/api/users/${temp.id}/password`).send({ password: TEMPORARY_PASSWORD }),
    'temporary password',
  );
  const t = await signIn(TEMPORARY, TEMPORARY_PASSWORD);
  if (!t.me.mustChangePassword) throw new Error('a temporary password did not force a change');
  accounts[`${TEMPORARY}-temporary-password`] = { me: t.me, rules: t.rules };

  fixture = { accounts, units, users };

  // stable names for random ids: units by their demo key, users by username, assignments by
  // owner and position
  const names = new Map();
  const keyOf = new Map();
  const walk = (u) => {
    keyOf.set(u.name, u.key);
    (u.children ?? []).forEach(walk);
  };
  walk(DEMO_ORG);
  for (const u of units) names.set(u.id, `unit-${keyOf.get(u.name)}`);
  for (const u of users) names.set(u.id, `user-${u.username}`);
  for (const [username, { me }] of Object.entries(accounts))
    me.roles.forEach((r, i) => names.set(r.id, `role-${username.replace(/-.*/, '')}-${i + 1}`));
  let text = JSON.stringify(fixture);
  for (const [id, name] of names) text = text.split(id).join(name);
  const left = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  if (left) throw new Error(`an id without a stable name is left in the fixture: ${left[0]}`);
  fixture = JSON.parse(text);
} finally {
  await app.close();
  if (dataSource.isInitialized) await dataSource.destroy();
  rmSync(dir, { recursive: true, force: true });
}

const HEADER = (what) =>
  `// GENERATED by tools/gen-authz-fixtures.mjs from the backend (${what}).\n` +
  `// Do not edit: run \`node tools/gen-authz-fixtures.mjs\`; \`npm test\` fails when this file drifts.\n`;

const model =
  HEADER('backend/src/core/authz/ability.ts') +
  `\n/** The actions of the backend's abilities. */\n` +
  `export const ACTIONS = ${JSON.stringify(ACTIONS)} as const;\n` +
  `\n/** The subject types of the backend's abilities. */\n` +
  `export const SUBJECTS = ${JSON.stringify(SUBJECTS)} as const;\n`;

const usernames = Object.keys(fixture.accounts);
const demo =
  HEADER('the demo data and the real GET /api/me/abilities of each demo account') +
  `import type { MeDto, PackedRule, UnitDto, UserSummaryDto } from '../app/core/api/models';\n\n` +
  `export type DemoAccountName = ${usernames.map((u) => JSON.stringify(u)).join(' | ')};\n\n` +
  `export interface DemoAccount {\n  me: MeDto;\n  rules: PackedRule[];\n}\n\n` +
  `/** Each demo account as it is signed in: its profile and its packed rules. */\n` +
  `export const DEMO_ACCOUNTS: Record<DemoAccountName, DemoAccount> = ${JSON.stringify(fixture.accounts)};\n\n` +
  `/** Every demo unit, as GET /api/units answers it. */\n` +
  `export const DEMO_UNITS: UnitDto[] = ${JSON.stringify(fixture.units)};\n\n` +
  `/** Every demo user, as the demo administrator lists them (GET /api/users). */\n` +
  `export const DEMO_USERS: UserSummaryDto[] = ${JSON.stringify(fixture.users)};\n`;

const drift = await writeGenerated(
  [
    [OUT_MODEL, model],
    [OUT_FIXTURE, demo],
  ],
  { check, command: 'node tools/gen-authz-fixtures.mjs' },
);
process.exit(drift ? 1 : 0);
