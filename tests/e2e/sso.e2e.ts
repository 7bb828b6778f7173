import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { expectAccessible } from './fixtures';
import { ROOT, startOwnServer, waitFor } from './own-server';

/**
 * Single sign-on as the README tells a newcomer to try it: the bundled identity provider
 * (tools/oidc-dev-provider.mjs, the one `npm run demo` starts) and a Värn server configured for
 * it as the demo configures it (demo-role-map.json, OIDC_TRUST_AMR). Through a real browser:
 * the SSO button, the provider's own sign-in form, the way back, just-in-time creation with the
 * mapped role, Värn's own second factor for a handler, and a clear refusal for someone whose
 * groups give no role. Its own two processes on E2E_PORT+2 (provider) and E2E_PORT+3 (Värn).
 */
const IDP_PORT = Number(process.env['E2E_PORT'] ?? 3217) + 2;
const PORT = IDP_PORT + 1;
const BASE = `http://127.0.0.1:${PORT}`;
const DIR = join(process.env['E2E_DIR'] ?? join(ROOT, 'tmp', 'e2e'), 'sso');
const SSO_PASSWORD = 'kommun-sso-2026';

const children: ChildProcess[] = [];

test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(120_000);
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
    await startOwnServer(PORT, DIR, {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'varn',
      OIDC_CLIENT_SECRET: 'varn-dev-client-secret',
      OIDC_REDIRECT_URI: `${BASE}/api/auth/oidc/callback`,
      OIDC_SCOPES: 'openid profile email groups',
      OIDC_ROLE_MAP: readFileSync(join(ROOT, 'backend/src/auth/oidc/demo-role-map.json'), 'utf8'),
      OIDC_TRUST_AMR: 'true',
    }),
  );
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
