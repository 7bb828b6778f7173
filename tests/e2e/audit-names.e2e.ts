import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

/** Demo data (backend/src/demo/demo-data.ts): the administrator's name and a department. */
const ADMIN_NAME = 'Maria Lindqvist';
const DEPARTMENT = 'Trafik och gata';

async function openAuditLog(page: Page): Promise<void> {
  await page.goto('/granskningslogg');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

function objectCells(page: Page) {
  return page.getByRole('table').locator('tbody tr td:nth-child(4)');
}

test('the audit log names people and units and links to their pages', async ({ page }) => {
  test.setTimeout(60_000);
  await login(page, 'admin');
  const units = (await (await page.request.get('/api/units')).json()) as {
    id: string;
    name: string;
  }[];
  const parent = units.find((u) => u.name === DEPARTMENT)!;
  const name = `Namngiven enhet ${Date.now().toString(36)}`;
  const created = await page.request.post('/api/units', {
    data: { name, kind: 'enhet', parentId: parent.id },
  });
  expect(created.status()).toBe(201);
  const unitId = ((await created.json()) as { id: string }).id;

  await test.step('a unit: its name, linked to the organisation page where it is marked', async () => {
    await openAuditLog(page);
    const cell = objectCells(page).filter({ hasText: name }).first();
    await expect(cell).toContainText('Enhet');
    await expect(cell).not.toContainText(unitId.slice(0, 8));
    await expectAccessible(page, 'audit log with names');
    await cell.getByRole('link', { name }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/organisation\\?enhet=${unitId}$`));
    const marked = page.locator('[aria-current="true"]');
    await expect(marked).toContainText(name);
    await expect(marked).toBeInViewport();
  });

  await test.step("a session: the person whose session it was, linked to the person's page", async () => {
    await openAuditLog(page);
    const row = page
      .getByRole('table')
      .locator('tbody tr')
      .filter({ hasText: 'Inloggning' })
      .filter({ hasText: ADMIN_NAME })
      .first();
    await expect(row.locator('td:nth-child(4)')).toContainText('Session');
    await row.getByRole('link', { name: ADMIN_NAME }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ADMIN_NAME);
  });

  await test.step('an internal auditor sees the name but no link to a page he cannot open', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await expect(page).toHaveURL(/logga-in/);
    await login(page, 'revisor');
    await openAuditLog(page);
    const cell = objectCells(page).filter({ hasText: name }).first();
    await expect(cell).toContainText(name);
    await expect(cell.getByRole('link')).toHaveCount(0);
  });
});

test("date filters follow the app's language, not the browser's", async ({ page }) => {
  await login(page, 'revisor');
  await openAuditLog(page);
  const from = page.getByRole('textbox', { name: 'Från och med' });
  await expect(from).toBeVisible();
  await expect(page.getByText('ÅÅÅÅ-MM-DD').first()).toBeVisible();

  await from.fill('2026-11-24');
  await from.blur();
  await expect(from).toHaveValue('2026-11-24');
  await expect(from).toHaveAttribute('aria-invalid', 'false');

  // the calendar speaks Swedish and starts the week on Monday
  await page.getByRole('button', { name: 'Öppna kalendern' }).first().click();
  const calendar = page.getByRole('dialog');
  await expect(calendar).toBeVisible();
  await expect(calendar.locator('th').first()).toHaveText(/^m/i);
  await expect(calendar.getByRole('button', { name: 'Välj månad och år' })).toBeVisible();
  await calendar.getByRole('button', { name: '25 november 2026' }).click();
  await expect(from).toHaveValue('2026-11-25');

  // a date in the wrong order is refused with a message that says how to write it
  const to = page.getByRole('textbox', { name: 'Till och med' });
  await to.fill('11/24/2026');
  await to.blur();
  await page.getByRole('button', { name: 'Visa', exact: true }).click();
  await expect(
    page.getByText('Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-24.'),
  ).toBeVisible();
  await to.fill('');

  await page.getByRole('button', { name: 'English' }).click();
  const fromEn = page.getByRole('textbox', { name: 'From' });
  await expect(fromEn).toHaveValue('25/11/2026');
  await expect(page.getByText('DD/MM/YYYY').first()).toBeVisible();
  await expectAccessible(page, 'audit log in English with a date');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(from).toHaveValue('2026-11-25');
});
