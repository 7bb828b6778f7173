import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

/** A valid legal-entity number (Luhn) that the demo data does not use (its group digit is 2… here 6). */
function validNumber(): string {
  for (;;) {
    const digits = [6, 0, 2, ...Array.from({ length: 6 }, () => Math.floor(Math.random() * 10))];
    const sum = digits.reduce((acc, d, i) => {
      const v = i % 2 === 0 ? d * 2 : d;
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
    const check = (10 - (sum % 10)) % 10;
    const s = digits.join('') + String(check);
    return `${s.slice(0, 6)}-${s.slice(6)}`;
  }
}

test('a controller adds a supplier, ticks a heavy red flag and sees that fördjupad kontroll is required', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await login(page, 'controller');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Leverantörer' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leverantörer');
  await expect(page.getByRole('table', { name: 'Leverantörer' })).toBeVisible();
  await expectAccessible(page, 'supplier list');

  await test.step('the filter "kräver fördjupad kontroll" lists only such suppliers', async () => {
    await page.getByRole('combobox', { name: 'Varningssignaler' }).click();
    await page.getByRole('option', { name: 'Kräver fördjupad kontroll' }).click();
    const rows = page.getByRole('table', { name: 'Leverantörer' }).locator('tbody tr');
    await expect(rows.first()).toContainText('Fördjupad kontroll krävs');
    const count = await rows.count();
    for (let i = 0; i < count; i++)
      await expect(rows.nth(i)).toContainText('Fördjupad kontroll krävs');
    await page.getByRole('button', { name: 'Rensa filter' }).first().click();
  });

  const name = `Testleverantör Åsa ${Date.now()} AB`;
  const number = validNumber();
  const wrong = number.slice(0, -1) + String((Number(number.slice(-1)) + 1) % 10);

  await test.step('a wrong check digit is refused at the field and the input is kept', async () => {
    await page.getByRole('link', { name: 'Ny leverantör' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ny leverantör');
    await page.getByRole('textbox', { name: 'Namn' }).fill(name);
    await page.getByRole('textbox', { name: 'Organisationsnummer' }).fill(wrong);
    await page.getByRole('button', { name: 'Lägg till leverantör' }).click();
    const field = page.getByRole('textbox', { name: 'Organisationsnummer' });
    await expect(page.getByText('kontrollsiffran stämmer inte')).toBeVisible();
    await expect(field).toHaveValue(wrong);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('textbox', { name: 'Namn' })).toHaveValue(name);
    await expectAccessible(page, 'create supplier with a refused number');
  });

  await test.step('the right number creates the supplier', async () => {
    await page.getByRole('textbox', { name: 'Organisationsnummer' }).fill(number);
    await page.getByRole('button', { name: 'Lägg till leverantör' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByText('Ingen fördjupad kontroll krävs')).toBeVisible();
    await expectAccessible(page, 'new supplier');
  });

  await test.step('ticking a heavy flag with evidence requires fördjupad kontroll', async () => {
    await page.getByRole('checkbox', { name: /Skulder hos Kronofogden/ }).check();
    const evidence = page.getByRole('textbox', { name: 'Underlag' });
    await expect(evidence).toBeFocused();
    await evidence.fill('Utdrag från Kronofogden visar skulder på 250 000 kr.');
    await page.getByRole('button', { name: 'Markera signalen' }).click();
    const verdict = page.getByRole('region', { name: 'Fördjupad kontroll' });
    await expect(verdict).toContainText('Fördjupad kontroll krävs');
    await expect(verdict).toContainText('Tung signal: Skulder hos Kronofogden');
    await expect(
      page.getByText('Utdrag från Kronofogden visar skulder på 250 000 kr.'),
    ).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /Skulder hos Kronofogden/ })).toBeChecked();
    await expectAccessible(page, 'supplier with a heavy flag');
  });

  await test.step('the list finds it by name with å/ä/ö and shows the verdict', async () => {
    await page.getByRole('link', { name: 'Till leverantörerna' }).click();
    await page.getByRole('searchbox', { name: 'Sök' }).fill(name.toLocaleLowerCase('sv'));
    const rows = page.getByRole('table', { name: 'Leverantörer' }).locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(number);
    await expect(rows.first()).toContainText('Fördjupad kontroll krävs');
  });
});
