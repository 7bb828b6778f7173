import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

/** Chooses an option of a Material select by the select's label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function next(page: Page, heading: string): Promise<void> {
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeFocused();
}

test('an anonymous person reports a threat, saves the code and returns with it to the report', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const description = `Jag hotades vid en parkeringskontroll på Sveavägen ${Date.now()}.`;

  await test.step('the login page leads to anonymous reporting', async () => {
    await page.goto('/logga-in');
    await page.getByRole('link', { name: 'Rapportera anonymt – utan inloggning' }).click();
    await expect(page).toHaveURL(/\/anonym$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rapportera anonymt');
    await expectAccessible(page, 'anonymous form, first question');
  });

  await test.step('"Ja" to acute danger shows 112 and the security function before anything else', async () => {
    await page.getByRole('radio', { name: 'Ja' }).check();
    const alert = page.locator('#acute-help');
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(alert).toBeFocused();
    await expect(alert.getByRole('link', { name: 'Ring 112' })).toHaveAttribute('href', 'tel:112');
    await expect(page.getByRole('button', { name: 'Nästa' })).toHaveCount(0);
    await expectAccessible(page, 'acute danger');
    await page.getByRole('radio', { name: 'Nej' }).check();
    await next(page, 'Vad gäller det?');
  });

  await test.step('one thing at a time, with nothing lost when a step is incomplete', async () => {
    await page.getByRole('button', { name: 'Nästa' }).click();
    await expect(page.getByText('Välj ett av alternativen.').first()).toBeVisible();
    await page.getByRole('radio', { name: 'Påverkan/incident' }).check();
    await choose(page, 'Vilken händelse passar bäst?', 'Hot (direkt/förtäckt)');
    await expect(page.getByText('Hot mot dig, rakt ut eller antytt.')).toBeVisible();
    await next(page, 'Vad hände?');
    await choose(page, 'Var hände det?', 'Parkeringsövervakning');
    await page.getByRole('textbox', { name: 'Beskriv vad som hände' }).fill(description);
    // a reload keeps the draft (sessionStorage) and the step
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Beskriv vad som hände' })).toHaveValue(
      description,
    );
    await expect(page.getByText('Vi har fyllt i det du skrev tidigare')).toBeVisible();
    await next(page, 'Mer information');
    await choose(page, 'I vilken situation hände det?', 'Förrättning/tillsyn/kontroll');
    await next(page, 'Bilagor');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'hotbrev.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await expect(page.getByText('hotbrev.pdf')).toBeVisible();
    await next(page, 'Vem du är');
    await expect(page.getByText('Du rapporterar anonymt.')).toBeVisible();
    await next(page, 'Granska och skicka');
    const summary = page.locator('dl.summary');
    await expect(summary).toContainText('Hot (direkt/förtäckt)');
    await expect(summary).toContainText('Parkeringsövervakning');
    await expect(summary).toContainText(description);
    await expectAccessible(page, 'summary');
  });

  let code = '';
  await test.step('the receipt code is shown once and must be confirmed as saved', async () => {
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tack – rapporten är skickad');
    // shown as 1234 5678 / 9012 3456 (two groups per line), read out digit by digit
    const pairs = await page.locator('.code .pair').allTextContents();
    expect(pairs).toHaveLength(2);
    for (const pair of pairs) expect(pair.trim()).toMatch(/^\d{4}\s+\d{4}$/);
    code = pairs.join('').replace(/\s/g, '');
    expect(code).toMatch(/^\d{16}$/);
    await expect(page.getByText('Koden visas bara nu.')).toBeVisible();
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(code);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(code);
    await expectAccessible(page, 'receipt');

    await page.getByRole('button', { name: 'Klar' }).click();
    await expect(page).toHaveURL(/\/anonym\/kvitto$/);
    await expect(page.getByText('Kryssa i att du har sparat koden först.')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Jag har sparat koden' })).toBeFocused();
    await page.getByRole('checkbox', { name: 'Jag har sparat koden' }).check();
    await page.getByRole('button', { name: 'Klar' }).click();
    await expect(page).toHaveURL(/\/anonym\/logga-in$/);
  });

  await test.step('a wrong code is refused; the right one, typed with dashes, opens the report', async () => {
    const field = page.getByRole('textbox', { name: 'Kod (16 siffror)' });
    const wrongCheck = code.slice(0, -1) + String((Number(code.slice(-1)) + 1) % 10);
    await field.fill(wrongCheck);
    await page.getByRole('button', { name: 'Öppna rapporten' }).click();
    await expect(page.getByText('Någon siffra verkar vara fel.')).toBeVisible();

    await field.fill(code.replace(/(\d{4})(?=\d)/g, '$1-'));
    await page.getByRole('button', { name: 'Öppna rapporten' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Din rapport VRN-\d{4}-\d+$/);
    await expect(page.getByText('Registrerad', { exact: true })).toBeVisible();
    await expect(page.getByText(description)).toBeVisible();
    await expect(page.getByText('hotbrev.pdf')).toBeVisible();
    await expect(page.getByText('inga lagstadgade tidsgränser')).toBeVisible();
    await expectAccessible(page, 'anonymous report view');
  });

  await test.step('the reporter adds information and signs out of the report', async () => {
    await page.getByRole('textbox', { name: 'Ditt meddelande' }).fill('Han kom tillbaka i dag.');
    await page.getByRole('button', { name: 'Skicka meddelandet' }).click();
    await expect(page.locator('ol.thread')).toContainText('Han kom tillbaka i dag.');
    await expect(
      page.getByRole('status').filter({ hasText: 'Meddelandet är skickat.' }),
    ).toHaveCount(1);
    await page.getByRole('button', { name: 'Logga ut från rapporten' }).click();
    await expect(page.getByText('Du har loggat ut från rapporten.')).toBeVisible();
    await page.goto('/anonym/rapport');
    await expect(page).toHaveURL(/\/anonym\/logga-in\?status=avslutad$/);
  });
});

test('an employee files a confidential bribery report and follows it in Mina rapporter', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const description = `En leverantör erbjöd mig presentkort mot att godkänna en faktura ${Date.now()}.`;
  await login(page, 'medarbetare');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.getByRole('link', { name: 'Rapportera' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rapportera');
  await expectAccessible(page, 'signed-in form');

  await page.getByRole('radio', { name: 'Nej' }).check();
  await next(page, 'Vad gäller det?');
  await page.getByRole('radio', { name: 'Visselblåsning' }).check();
  await choose(page, 'Vilken händelse passar bäst?', 'Korruptionsförsök/otillbörligt erbjudande');
  await next(page, 'Vad hände?');
  await choose(page, 'Var hände det?', 'Parkeringsövervakning');
  await page.getByRole('textbox', { name: 'Beskriv vad som hände' }).fill(description);
  await next(page, 'Mer information');
  await next(page, 'Bilagor');
  await next(page, 'Vem du är');
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByText('Välj ett av alternativen.')).toBeVisible();
  await page.getByRole('radio', { name: 'Konfidentiell' }).check();
  await expectAccessible(page, 'confidentiality step');
  await next(page, 'Granska och skicka');
  await expect(page.locator('dl.summary')).toContainText('Konfidentiell');
  await page.getByRole('button', { name: 'Skicka rapporten' }).click();

  await expect(page.getByText(/Din rapport är skickad och har ärendenummer VRN-/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Rapport VRN-/);
  await expect(
    page.getByText('Du ska få en bekräftelse på att rapporten tagits emot senast'),
  ).toBeVisible();
  await expectAccessible(page, 'my report');

  await nav.getByRole('link', { name: 'Mina rapporter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mina rapporter');
  const item = page.locator('.report-list li').filter({ hasText: 'Korruptionsförsök' }).first();
  await expect(item).toContainText('Registrerad');
  await expect(item).toContainText('Bekräftelse senast');
  await expectAccessible(page, 'Mina rapporter');
  await item.getByRole('link').click();
  await expect(page.getByText(description)).toBeVisible();
});
