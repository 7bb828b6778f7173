import { expect, test, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { DEMO_PASSWORD, expectAccessible } from './fixtures';
import { ROOT, startOwnServer } from './own-server';

/**
 * The second factor as a newcomer meets it in the demo: production's default applies (handlers,
 * custodians, controllers and administrators must give one), so this file starts a server of its
 * own beside the suite's (whose journeys sign in by password: SECOND_FACTOR_ROLES=none there).
 * The demo custodian signs in, registers an app (the test is the app: it computes the codes from
 * the key the page shows, the text alternative of the QR code), saves the recovery codes, signs
 * out, and signs in again with a code.
 */
const PORT = Number(process.env['E2E_PORT'] ?? 3217) + 1;
const BASE = `http://127.0.0.1:${PORT}`;
const DIR = join(process.env['E2E_DIR'] ?? join(ROOT, 'tmp', 'e2e'), 'second-factor');

let server: ChildProcess | null = null;

test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  server = await startOwnServer(PORT, DIR);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  server = null;
});

/** What an authenticator app shows for this key, `steps` time steps from now. */
function codeFor(key: string, steps = 0): string {
  const totp = new TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(key.replace(/\s/g, '')),
  });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

async function signInWithPassword(page: Page, username: string): Promise<void> {
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

test('a custodian registers an app, signs out, and signs in again with a code', async ({
  page,
}) => {
  test.setTimeout(90_000);
  let key = '';

  await test.step('after the password: sent to register an app, and nowhere else', async () => {
    await signInWithPassword(page, 'identitet');
    await expect(page).toHaveURL(/\/logga-in\/tvastegsverifiering/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Registrera tvåstegsverifiering',
    );
    // no navigation, and any other page leads back here
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
    await page.goto('/identitetsbegaran');
    await expect(page).toHaveURL(/\/logga-in\/tvastegsverifiering\?returnUrl=%2Fidentitetsbegaran/);
    // the API refuses too (the UI is not the gate)
    const api = await page.request.get('/api/identity-requests');
    expect(api.status()).toBe(403);
    expect(((await api.json()) as { code: string }).code).toBe('second_factor_required');
    await expect(page.getByRole('img', { name: /QR-kod/ })).toBeVisible();
    await expectAccessible(page, 'enrolment');
    key = (await page.locator('.secret code').textContent()) ?? '';
    expect(key.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
  });

  await test.step('confirm with a code from the key; the recovery codes are shown once', async () => {
    const field = page.getByRole('textbox', { name: 'Kod från appen' });
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(field).toHaveAttribute('inputmode', 'numeric');
    await field.fill('000000' === codeFor(key) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Bekräfta' }).click();
    await expect(page.getByText('Koden stämmer inte.').first()).toBeVisible();
    await field.fill(codeFor(key));
    await page.getByRole('button', { name: 'Bekräfta' }).click();
    const codes = page.getByRole('list', { name: 'Återställningskoder' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    await expectAccessible(page, 'recovery codes');
    // continuing asks for the codes to be saved first
    await page.getByRole('button', { name: 'Fortsätt till Värn' }).click();
    await expect(page.getByText('Kryssa i att du har sparat koderna')).toBeVisible();
    await page.getByLabel('Jag har sparat återställningskoderna').check();
    await page.getByRole('button', { name: 'Fortsätt till Värn' }).click();
    await expect(page).toHaveURL(/\/identitetsbegaran/);
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  });

  await test.step('Min sida shows the second factor', async () => {
    await page.goto('/min-sida');
    const section = page.getByRole('region', { name: 'Tvåstegsverifiering' });
    await expect(section).toContainText('Återställningskoder kvar: 10 av 10.');
    await expectAccessible(page, 'profile with second factor');
  });

  await test.step('sign out, sign in: the code page, keyboard only', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).first().click();
    await expect(page).toHaveURL(/\/logga-in\?anledning=utloggad$/);
    await signInWithPassword(page, 'identitet');
    await expect(page).toHaveURL(/\/logga-in\/kod/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ange kod');
    await expectAccessible(page, 'code page');
    const field = page.getByRole('textbox', { name: 'Kod från appen' });
    await field.focus();
    // the enrolment used this time step's code: the app's next one (accepted ±1 step)
    await page.keyboard.type(codeFor(key, 1));
    await page.keyboard.press('Enter');
    await expect(page).not.toHaveURL(/logga-in/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
    const me = (await (await page.request.get('/api/me')).json()) as { secondFactor: string };
    expect(me.secondFactor).toBe('done');
  });
});

test('a role that needs no second factor signs in with the password alone', async ({ page }) => {
  await signInWithPassword(page, 'chef');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
  await expect(page).not.toHaveURL(/logga-in/);
});
