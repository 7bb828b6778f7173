import { expect, request as apiRequest, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login } from './fixtures';

/**
 * An employee (role Medarbetare) changes their password on Min sida. The account is made for
 * this test (the demo accounts keep their passwords for the other files), homed in Gatudrift —
 * outside "Parkering och trafikövervakning", whose head count the manager journey checks.
 */
const USER = { username: 'e2e.nora', displayName: 'Nora Ekberg', unit: 'Gatudrift' };
const FIRST_PASSWORD = 'Skrivbord Hallon Tunnelbana 19';
const NEW_PASSWORD = 'Pelargon Kajak Rimfrost 2047';

async function signedIn(
  baseURL: string | undefined,
  username: string,
  password: string,
): Promise<APIRequestContext> {
  const context = await apiRequest.newContext({ baseURL });
  const response = await context.post('/api/auth/login', { data: { username, password } });
  expect(response.status(), `sign-in as ${username}`).toBe(200);
  return context;
}

let otherSession: APIRequestContext;

test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  const admin = await signedIn(baseURL, 'admin', DEMO_PASSWORD);
  const units: { id: string; name: string }[] = await (await admin.get('/api/units')).json();
  const unitId = units.find((u) => u.name === USER.unit)?.id;
  expect(unitId).toBeTruthy();
  const created = await admin.post('/api/users', {
    data: {
      username: USER.username,
      displayName: USER.displayName,
      unitId,
      initialPassword: 'Tillfälligt Startlösen 5521',
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const granted = await admin.post(`/api/users/${id}/roles`, {
    data: { role: 'medarbetare', unitId },
  });
  expect(granted.status()).toBe(201);
  await admin.dispose();

  // the person replaces the temporary password (done here: the forced change has its own test),
  // and stays signed in there — a second session, on "another computer"
  otherSession = await signedIn(baseURL, USER.username, 'Tillfälligt Startlösen 5521');
  const changed = await otherSession.post('/api/me/password', {
    data: { currentPassword: 'Tillfälligt Startlösen 5521', newPassword: FIRST_PASSWORD },
  });
  expect(changed.status()).toBe(204);
});

test.afterAll(async () => {
  await otherSession?.dispose();
});

test('an employee changes their password on Min sida and signs in with it', async ({ page }) => {
  test.setTimeout(60_000);
  await login(page, USER.username, FIRST_PASSWORD);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Välkommen, ${USER.displayName}`,
  );
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Min sida' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min sida');
  await expect(page.getByRole('region', { name: 'Mina roller' })).toContainText('Medarbetare');

  const sessions = page.getByRole('region', { name: 'Aktiva sessioner' }).getByRole('listitem');
  await test.step('sessions: this one is marked, the other can be signed out', async () => {
    await expect(sessions).toHaveCount(2);
    await expect(sessions.first()).toContainText('Den här sessionen');
    await expect(sessions.first().getByRole('button')).toHaveCount(0);
    await expect(sessions.nth(1)).not.toContainText('Den här sessionen');
    await expect(
      sessions.nth(1).getByRole('button', { name: /^Logga ut sessionen/ }),
    ).toBeVisible();
    await expectAccessible(page, 'Min sida');
  });

  const current = page.getByLabel('Nuvarande lösenord');
  const fresh = page.getByLabel('Nytt lösenord', { exact: true });
  const repeat = page.getByLabel('Upprepa det nya lösenordet');
  const submit = page.getByRole('button', { name: 'Byt lösenord' });

  await test.step('a wrong current password is reported at that field', async () => {
    await current.fill('det-här-är-fel-lösenord');
    await fresh.fill(NEW_PASSWORD);
    await repeat.fill(NEW_PASSWORD);
    await submit.click();
    await expect(current).toHaveAccessibleDescription(
      'Lösenordet stämmer inte. Skriv ditt nuvarande lösenord.',
    );
    await expect(page.getByRole('alert')).toContainText('Det nuvarande lösenordet stämmer inte.');
    // what was typed in the other fields is kept
    await expect(fresh).toHaveValue(NEW_PASSWORD);
    await expectAccessible(page, 'wrong current password');
  });

  await test.step('the right current password changes it and ends the other session', async () => {
    await current.fill(FIRST_PASSWORD);
    await submit.click();
    await expect(page.getByText('Lösenordet är bytt.')).toBeVisible();
    await expect(current).toHaveValue('');
    await expect(sessions).toHaveCount(1);
    await expect(sessions.first()).toContainText('Den här sessionen');
    expect((await otherSession.get('/api/me')).status()).toBe(401);
    await expectAccessible(page, 'password changed');
  });

  await test.step('the new password works after signing out; the old one does not', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await expect(page).toHaveURL(/\/logga-in/);
    const old = await page.request.post('/api/auth/login', {
      data: { username: USER.username, password: FIRST_PASSWORD },
    });
    expect(old.status()).toBe(401);
    await login(page, USER.username, NEW_PASSWORD);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `Välkommen, ${USER.displayName}`,
    );
  });
});
