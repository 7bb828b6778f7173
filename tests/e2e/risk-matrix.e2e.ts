import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

/** The cell select for sannolikhet × konsekvens in the default 5×5 (backend/src/risks/domain). */
const CELL_4_4 = 'Riskklass för sannolikhet 4 (Hög) och konsekvens 4 (Allvarlig)';

test('an administrator saves a new matrix version only once it is monotone', async ({ page }) => {
  test.setTimeout(60_000);
  await login(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Riskmatris' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Riskmatris');
  const current = page.getByRole('heading', { level: 2, name: /Gällande riskmatris/ });
  await expect(current).toHaveText('Gällande riskmatris (version 1)');
  const matrix = page.getByRole('table', { name: /^Riskmatris: riskklass per kombination/ });
  await expect(matrix.locator('tbody tr')).toHaveCount(5);
  // highest likelihood first; the cell names its score and band in text
  await expect(matrix.locator('tbody tr').first().locator('th')).toContainText('Mycket hög');
  await expect(matrix.locator('tbody tr').first().locator('td').last()).toHaveText(
    /Poäng 25\s*Mycket hög/,
  );
  await expectAccessible(page, 'risk matrix, administrator');

  await test.step('a lower band in 4 × 4 is refused and the cell is named', async () => {
    await page.getByRole('button', { name: 'Ändra riskmatrisen' }).click();
    await expect(
      page.getByRole('heading', { name: 'Ändra riskmatrisen (blir version 2)' }),
    ).toBeFocused();
    await page.getByRole('combobox', { name: CELL_4_4 }).selectOption('medel');
    await page
      .getByRole('textbox', { name: 'Nivå 1: benämning' })
      .first()
      .fill('Mycket låg (ändrad)');
    await page.getByRole('button', { name: 'Spara som ny version' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Riskmatrisen sparades inte' });
    await expect(alert).toContainText(
      'Cellen sannolikhet 4 (Hög) × konsekvens 4 (Allvarlig) har riskklass Medel, som är lägre än Hög i cellen sannolikhet 3 (Medel) × konsekvens 4 (Allvarlig).',
    );
    const cell = page.getByRole('combobox', { name: CELL_4_4 });
    await expect(cell).toHaveAttribute('aria-invalid', 'true');
    await expect(cell).toHaveValue('medel');
    // the other edit is kept
    await expect(page.getByRole('textbox', { name: 'Nivå 1: benämning' }).first()).toHaveValue(
      'Mycket låg (ändrad)',
    );
    await expectAccessible(page, 'risk matrix editor with a refused save');
  });

  await test.step('fixed, it is saved as version 2 and version 1 stays readable', async () => {
    await page.getByRole('combobox', { name: CELL_4_4 }).selectOption('hog');
    await page.getByRole('button', { name: 'Spara som ny version' }).click();
    await expect(current).toHaveText('Gällande riskmatris (version 2)');
    await expect(page.getByText('Riskmatrisen är sparad som version 2.')).toBeVisible();
    await expect(page.getByRole('combobox')).toHaveCount(0);
    await expect(matrix.locator('tbody tr').last().locator('th')).toContainText(
      'Mycket låg (ändrad)',
    );
    const history = page.getByRole('region', { name: 'Versionshistorik' });
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await history.getByRole('button', { name: 'Visa version 1' }).click();
    await expect(
      page.getByRole('heading', { name: 'Äldre version 1 av riskmatrisen' }),
    ).toBeVisible();
    await expect(page.getByRole('table').locator('tbody tr').last().locator('th')).toHaveText(
      /Mycket låg\s*$/,
    );
    await expectAccessible(page, 'risk matrix, old version');
  });
});

test('a manager sees the current matrix read-only', async ({ page }) => {
  await login(page, 'chef');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Riskmatris' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Riskmatris');
  await expect(page.getByRole('heading', { level: 2, name: /Gällande riskmatris/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ändra riskmatrisen' })).toHaveCount(0);
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Riskklasser' })).toContainText('röd');
  await expectAccessible(page, 'risk matrix, manager');

  // the API refuses the save too, so read-only is not just the page
  const res = await page.request.put('/api/risk-matrix', { data: { baseVersion: 1 } });
  expect(res.status()).toBe(403);
});
