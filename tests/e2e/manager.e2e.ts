import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

/** "Parkering och trafikövervakning" and its units (backend/src/demo/demo-data.ts, DEMO_ORG). */
const PARKING_UNITS = [
  'Parkering och trafikövervakning',
  'Parkeringsövervakning',
  'Parkeringstillstånd',
  'Flyttning av fordon',
];

/**
 * People homed in that subtree in backend/src/demo/demo-data.ts: the accounts chef (parkering)
 * and medarbetare (p-overvakning), and the staff anna.persson, mikael.johansson, fatima.ali
 * (p-overvakning), oskar.lund (p-tillstand) and lina.karlsson (flyttning). The other e2e files
 * create their users elsewhere (HR, Gatudrift), so this holds whatever ran before.
 */
const PEOPLE_IN_PARKING = 7;

test('a manager sees only the people in their own part of the organisation, read-only', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await login(page, 'chef');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await expect(nav.getByRole('link')).toHaveText([
    'Start',
    'Rapportera',
    'Mina rapporter',
    'Min sida',
    'Stödmaterial',
    'Gåvor och förmåner',
    'Jäv och intressen',
    'Leverantörer',
    'Avtal',
    'Riskregister',
    'Avtalsuppföljning',
    'Översikt',
    'Händelsestatistik',
    'Användare',
    'Riskmatris',
  ]);

  await test.step('the user list holds exactly the subtree, with no "Ny användare"', async () => {
    await nav.getByRole('link', { name: 'Användare' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Användare');
    await expect(page.getByText(`Antal träffar: ${PEOPLE_IN_PARKING}`)).toBeVisible();
    const rows = page.getByRole('table', { name: 'Användare' }).locator('tbody tr');
    await expect(rows).toHaveCount(PEOPLE_IN_PARKING);
    const units = (await rows.locator('td:nth-child(3)').allTextContents()).map((u) => u.trim());
    expect(units.filter((u) => !PARKING_UNITS.includes(u))).toEqual([]);
    await expect(page.getByRole('link', { name: 'Ny användare' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Ny användare' })).toHaveCount(0);
    await expectAccessible(page, 'users list of a manager');

    // the API gives the same answer, so the list is not just filtered in the browser
    const api = await page.request.get('/api/users?pageSize=100');
    expect(api.status()).toBe(200);
    expect((await api.json()).total).toBe(PEOPLE_IN_PARKING);
  });

  await test.step('a person can be read but not changed', async () => {
    await page.getByRole('link', { name: 'Anna Persson' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anna Persson');
    await expect(page.getByRole('heading', { name: 'Uppgifter', level: 2 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Roller', level: 2 })).toBeVisible();
    for (const name of ['Sätt tillfälligt lösenord', 'Inaktivera', 'Lås upp', 'Spara']) {
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    }
    await expect(page.getByRole('heading', { name: 'Ändra uppgifter' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Lägg till roll' })).toHaveCount(0);
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expectAccessible(page, 'user page for a manager');

    const id = /\/admin\/anvandare\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(id).toBeTruthy();
    const patch = await page.request.patch(`/api/users/${id}`, { data: { displayName: 'X' } });
    expect(patch.status()).toBe(403);
  });

  await test.step('the organisation page is not reachable', async () => {
    await expect(nav.getByRole('link', { name: 'Organisation' })).toHaveCount(0);
    await page.goto('/admin/organisation');
    await expect(page).toHaveURL(/\/ingen-behorighet$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Du har inte behörighet till sidan',
    );
    await expectAccessible(page, 'no permission page');
  });
});
