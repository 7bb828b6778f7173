import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

test('an auditor reads incident statistics where small counts are never shown, by keyboard and with axe', async ({
  page,
}) => {
  await login(page, 'revisor');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Händelsestatistik' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Händelsestatistik');
  const table = page.getByRole('table', { name: /Händelser per kategori och avdelning/ });
  await expect(table).toBeVisible();
  await expectAccessible(page, 'incident statistics');

  // every cell is a number, "< 5" or "skyddat" — never a count from 1 to 4
  const cells = await table.locator('tbody td, tfoot td').allInnerTexts();
  expect(cells.length).toBeGreaterThan(0);
  for (const text of cells) expect(text.trim()).toMatch(/^(0|[5-9]|\d{2,}|< 5|skyddat)$/);
  await expect(table.getByText('< 5').first()).toBeVisible();

  await test.step('by quarter, chosen with the keyboard', async () => {
    const by = page.getByRole('combobox', { name: 'Visa per' });
    await by.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('option', { name: 'kvartal' })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const byQuarter = page.getByRole('table', { name: /Händelser per kategori och kvartal/ });
    await expect(byQuarter).toBeVisible();
    await expect(byQuarter.getByRole('columnheader')).toHaveCount(10); // category, 8 quarters, total
    await expectAccessible(page, 'incident statistics by quarter');
  });
});

test('a manager with no statistics rights is kept out, and the menu does not offer it to staff', async ({
  page,
}) => {
  await login(page, 'medarbetare');
  await expect(
    page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Händelsestatistik' }),
  ).toHaveCount(0);
  await page.goto('/statistik');
  await expect(page).toHaveURL(/ingen-behorighet/);
});
