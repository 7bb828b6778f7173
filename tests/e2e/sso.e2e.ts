import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { expectAccessible } from './fixtures';

/**
 * Single sign-on as the README tells a newcomer to try it: the bundled identity provider
 * (tools/oidc-dev-provider.mjs, the one `npm run demo` starts) and a Värn server configured for
 * it as the demo configures it (demo-role-map.json, OIDC_TRUST_AMR). Through a real browser:
 * the SSO button, the provider's own sign-in form, the way back, just-in-time creation with the
 * mapped role, Värn's own second factor for a handler, and a clear refusal for someone whose
 * groups give no role. Its own two processes on E2E_PORT+2 (provider) and E2E_PORT+3 (Värn).
 */
const ROOT = join(__dirname, '..', '..');
const IDP_PORT = Number(process.env['E2E_PORT'] ?? 3217) + 2;
const PORT = IDP_PORT + 1;
const BASE = `http://127.0.0.1:${PORT}`;
const DIR = join(process.env['E2E_DIR'] ?? join(ROOT, 'tmp', 'e2e'), 'sso');
const SSO_PASSWORD = 'kommun-sso-2026';

const children: ChildProcess[] = [];

test.use({ baseURL: BASE });

async function waitFor(url: string, what: string): Promise<void> {
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

test.beforeAll(async () => {
  test.setTimeout(120_000);
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const issuer = `http://127.0.0.1:${IDP_PORT}`;
  children.push(
    spawn(
      process.execPath,
      [
        'tools/oidc-dev-provider.mjs',
        '--port',
        String(IDP_PORT),
        '--redirect-uri',
        `${BASE}/api/auth/oidc/callback`,
      ],
      { cwd: ROOT, stdio: 'ignore' },
    ),
  );
  await waitFor(`${issuer}/.well-known/openid-configuration`, 'the identity provider');
  children.push(
    spawn(process.execPath, ['dist/backend/main.js'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        VARN_DEMO: 'true',
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${join(DIR, 'e2e.db')}`,
        FILES_DIR: join(DIR, 'files'),
        VARN_MASTER_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
        LOGIN_RATE_PER_MINUTE: '1000',
        JOBS_ENABLED: 'false',
        SECOND_FACTOR_ROLES: '',
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'varn',
        OIDC_CLIENT_SECRET: 'varn-dev-client-secret',
        OIDC_REDIRECT_URI: `${BASE}/api/auth/oidc/callback`,
        OIDC_SCOPES: 'openid profile email groups',
        OIDC_ROLE_MAP: readFileSync(join(ROOT, 'backend/src/auth/oidc/demo-role-map.json'), 'utf8'),
        OIDC_TRUST_AMR: 'true',
      },
    }),
  );
  await waitFor(`${BASE}/api/health`, 'the Värn server');
});

test.afterAll(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

/** From Värn's sign-in page through the provider's form and back. */
async function signInAtProvider(page: Page, username: string): Promise<void> {
  await page.goto('/logga-in');
  await page.getByRole('link', { name: 'Logga in med kommunens konto' }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${IDP_PORT}/interaction/`));
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(SSO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

test("a handler signs in with the city's account, is created with the mapped role, and gives Värn's second factor", async ({
  page,
}) => {
  test.setTimeout(90_000);

  await test.step('the sign-in page offers the city account beside the password', async () => {
    await page.goto('/logga-in');
    await expect(page.getByRole('link', { name: 'Logga in med kommunens konto' })).toBeVisible();
    await expect(page.getByLabel('Användarnamn')).toBeVisible();
    await expectAccessible(page, 'sign-in page with single sign-on');
    await page.screenshot({ path: join(DIR, 'sign-in-with-sso.png'), fullPage: true });
  });

  await test.step('through the provider and back: the handler role asks for an app', async () => {
    await signInAtProvider(page, 'sso.handlaggare');
    await expect(page).toHaveURL(new RegExp(`^${BASE}/logga-in/tvastegsverifiering`));
    const key = ((await page.locator('.secret code').textContent()) ?? '').replace(/\s/g, '');
    const code = new TOTP({ secret: Secret.fromBase32(key) }).generate();
    await page.getByRole('textbox', { name: 'Kod från appen' }).fill(code);
    await page.getByRole('button', { name: 'Bekräfta' }).click();
    await page.getByLabel('Jag har sparat återställningskoderna').check();
    await page.getByRole('button', { name: 'Fortsätt till Värn' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
  });

  await test.step('the account came from the provider, with the role of its group', async () => {
    const me = (await (await page.request.get('/api/me')).json()) as {
      username: string;
      displayName: string;
      roles: { role: string; unitName: string }[];
    };
    expect(me.username).toBe('sso.handlaggare');
    expect(me.displayName).toBe('Petra Lindgren');
    expect(me.roles).toContainEqual(
      expect.objectContaining({ role: 'handlaggare', unitName: 'Trafikförvaltningen' }),
    );
    await page.goto('/arenden');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/arenden/);
  });
});

test('someone whose groups give no role in Värn is sent back with a clear message', async ({
  page,
}) => {
  await signInAtProvider(page, 'sso.utan.roll');
  await expect(page).toHaveURL(new RegExp(`^${BASE}/logga-in\\?fel=oidc_no_role`));
  await expect(page.getByText('Ditt konto har ingen behörighet till Värn.')).toBeVisible();
  expect((await page.request.get('/api/me')).status()).toBe(401);
  await expectAccessible(page, 'sign-in page with a single sign-on refusal');
  await page.screenshot({ path: join(DIR, 'sso-refused.png'), fullPage: true });
});
