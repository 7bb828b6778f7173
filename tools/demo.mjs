// npm run demo — builds what is not built, then runs Värn with demo data on embedded SQLite.
// Honours PORT and DATABASE_URL (default sqlite:./data/demo.db). Never for production.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { build, exec, ROOT } from './lib.mjs';

/** Password of the dev identity provider's demo accounts (tools/oidc-dev-provider.mjs). */
const DEMO_SSO_PASSWORD = 'kommun-sso-2026';

/**
 * The demo's OIDC_ROLE_MAP: the dev provider's groups onto the demo units (by their path of
 * names, since unit ids are random); a unit test checks it against the demo organisation.
 */
const DEMO_ROLE_MAP = JSON.parse(
  readFileSync(join(ROOT, 'backend/src/auth/oidc/demo-role-map.json'), 'utf8'),
);

/**
 * Starts the dev identity provider (OIDC_DEV_PORT, default 3001) and points Värn at it, unless
 * OIDC_ISSUER is set already or DEMO_SSO=off. Returns its issuer, or null when it did not start
 * (then the demo runs with passwords only).
 */
async function startDevIdp(env, port) {
  if (env.OIDC_ISSUER || /^(0|false|no|off)$/i.test(env.DEMO_SSO ?? '')) return null;
  const idpPort = env.OIDC_DEV_PORT || '3001';
  const redirectUri = `http://localhost:${port}/api/auth/oidc/callback`;
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'tools/oidc-dev-provider.mjs'),
      '--port',
      idpPort,
      '--redirect-uri',
      redirectUri,
      '--redirect-uri',
      `http://127.0.0.1:${port}/api/auth/oidc/callback`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // oidc-provider's start-up warnings (dev keys, in-memory store) are expected in a demo
  child.stderr.on('data', (b) => {
    const lines = b
      .toString()
      .split('\n')
      .filter((l) => l && !l.startsWith('oidc-provider WARNING'));
    if (lines.length) process.stderr.write(`${lines.join('\n')}\n`);
  });
  const issuer = await new Promise((done) => {
    const timer = setTimeout(() => done(null), 15_000);
    child.stdout.on('data', (b) => {
      const m = /oidc-dev-provider ready (\S+)/.exec(b.toString());
      if (m) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
    child.on('exit', () => done(null));
  });
  if (!issuer) {
    console.warn(
      `\n  Demo-identitetsleverantören startade inte (port ${idpPort}); bara lösenordsinloggning.\n`,
    );
    child.kill();
    return null;
  }
  process.on('exit', () => child.kill());
  Object.assign(env, {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'varn',
    OIDC_CLIENT_SECRET: 'varn-dev-client-secret',
    OIDC_REDIRECT_URI: redirectUri,
    OIDC_SCOPES: 'openid profile email groups',
    OIDC_ROLE_MAP: JSON.stringify(DEMO_ROLE_MAP),
    OIDC_TRUST_AMR: 'true',
  });
  return issuer;
}

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
const sso = await startDevIdp(env, port);
console.log(`
  Värn – demoläge / demo mode
  Öppna http://localhost:${port} och logga in med något av kontona nedan.
  Lösenord för alla: varn-demo-2026

    admin         Administratör          chef      Chef
    medarbetare   Medarbetare            revisor   Internrevisor
    handlaggare   Handläggare            identitet Identitetsansvarig
    controller    Avtalscontroller

  Anonym demorapport: Rapportera anonymt → Följ din rapport, kod 2026 0000 4711 0008
${
  /^none$/i.test(env.SECOND_FACTOR_ROLES?.trim() ?? '')
    ? ''
    : `
  Tvåstegsverifiering: admin, handlaggare, identitet och controller registrerar en app
  (Microsoft/Google Authenticator, FreeOTP …) vid första inloggningen och anger en kod varje
  gång. Utan telefon: SECOND_FACTOR_ROLES=none npm run demo
`
}
${
  sso
    ? `
  Inloggning med kommunens konto (SSO, demo-identitetsleverantör på ${sso}):
  klicka "Logga in med kommunens konto". Lösenord för alla: ${DEMO_SSO_PASSWORD}

    sso.medarbetare  Medarbetare (Parkeringsövervakning)
    sso.handlaggare  Handläggare (hela förvaltningen)
    sso.chef         Chef (Trafik och gata)
    sso.admin        Administratör – har gett en andra faktor hos leverantören
    sso.utan.roll    Ingen Värn-grupp: nekas
`
    : ''
}
  Databas: ${env.DATABASE_URL}   (Ctrl+C avslutar)
`);
exec('dist/backend/main.js', [], env);
