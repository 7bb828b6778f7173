import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

/** The count shown in a heatmap cell (its button's text begins with the number). */
async function cellCount(page: Page, likelihood: number, consequence: number): Promise<number> {
  const cell = page.getByRole('button', {
    name: new RegExp(`risker, sannolikhet ${likelihood}, konsekvens ${consequence},`),
  });
  await expect(cell).toBeVisible();
  return Number((await cell.locator('.count').innerText()).trim());
}

test('a controller reassesses a risk and sees it move on the heatmap', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'controller');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Riskregister' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Riskregister');
  // "Ej bedömd" is shown as such, never as a low band
  await expect(page.getByRole('table').getByText('Ej bedömd').first()).toBeVisible();
  await expectAccessible(page, 'risk register');

  await page.getByRole('link', { name: 'Riskkarta' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Riskkarta');
  const before = await cellCount(page, 1, 1);
  await expectAccessible(page, 'risk heatmap');

  await page.goto('/risker?band=hog');
  const first = page.getByRole('table').getByRole('link').first();
  const title = await first.innerText();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.getByTestId('residual-likelihood').click();
  await page.getByRole('option', { name: /^1 – / }).click();
  await page.getByTestId('residual-consequence').click();
  await page.getByRole('option', { name: /^1 – / }).click();
  // the picker shows the score and band before saving
  await expect(page.getByText('1 × 1 = 1').first()).toBeVisible();
  await page.getByRole('button', { name: 'Spara bedömningen' }).click();
  await expect(page.getByText('1 × 1 = 1 → Låg').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Historik' }).getByRole('row')).not.toHaveCount(2);
  await expectAccessible(page, 'risk page after reassessment');

  await page.goto('/risker/karta');
  await expect.poll(() => cellCount(page, 1, 1)).toBe(before + 1);
  // the same numbers as a table
  await page.getByRole('radio', { name: 'Tabell' }).click();
  await expect(page.getByRole('table', { name: /Riskkarta, nettorisk/ })).toBeVisible();
  await expectAccessible(page, 'risk heatmap table');
});

test('a manager drills from a red cell to the risk and accepts it with an expiry', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await login(page, 'chef');
  await page.goto('/risker/karta');
  // the demo's very high, unaccepted risk is in the cell 5 × 5; opened with the keyboard
  const red = page.getByRole('button', { name: /risker, sannolikhet 5, konsekvens 5, Mycket hög/ });
  await red.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/likelihood=\d&consequence=\d/);
  await expect(page.getByText(/Visar riskerna i cellen/)).toBeVisible();
  await page.getByRole('link', { name: 'Påtryckningar mot parkeringsvakter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Påtryckningar mot parkeringsvakter',
  );
  await expect(page.getByText('Nettorisken är inte accepterad.')).toBeVisible();
  await page
    .getByTestId('acceptance-motivation')
    .fill('Kostnaden för fler kontroller står inte i proportion; följs upp om ett halvår.');
  await page.getByTestId('acceptance-expires').fill('2027-06-30');
  await page.getByRole('button', { name: /^Acceptera / }).click();
  await expect(page.getByText('Accepterad', { exact: true })).toBeVisible();
  await expect(page.getByText('2027-06-30').first()).toBeVisible();
  await expectAccessible(page, 'accepted risk');
});
