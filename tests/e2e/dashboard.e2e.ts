import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectAccessible, login } from './fixtures';

/** A dashboard panel by its heading. */
function panel(page: Page, heading: string | RegExp): Locator {
  return page.getByRole('region', { name: heading });
}

/** Generates the committee report in the chosen format and returns the downloaded file. */
async function downloadReport(
  page: Page,
  format: 'PDF' | 'Excel',
): Promise<{ name: string; bytes: Buffer; contentType: string }> {
  const report = panel(page, 'Rapport till nämnd');
  await report.getByRole('radio', { name: new RegExp(`^${format}`) }).check();
  const response = page.waitForResponse((r) => r.url().includes('/api/committee-report'));
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Skapa rapporten' }).click();
  const answer = await response;
  expect(answer.status()).toBe(200);
  const file = await download;
  const path = await file.path();
  return {
    name: file.suggestedFilename(),
    bytes: await readFile(path),
    contentType: answer.headers()['content-type'] ?? '',
  };
}

test('a manager opens Översikt, reads the heatmap as a grid and a table, and drills from a red cell to the risk', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await login(page, 'chef');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Översikt' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Översikt');
  await expect(page).toHaveTitle(/Översikt/);
  await expect(page.getByText(/läget per \d{4}-\d{2}-\d{2}/)).toBeVisible();

  // each cell of the heatmap shows its count and band name; the demo's very high risk is in 5 × 5
  const heatmap = panel(page, 'Riskkarta, nettorisk');
  const red = heatmap.getByRole('button', {
    name: /^[1-9]\d* risker, sannolikhet 5, konsekvens 5, Mycket hög$/,
  });
  await expect(red).toBeVisible();
  await expect(red).toContainText('Mycket hög');
  await expect(panel(page, 'Risker per riskklass').getByRole('link')).toHaveCount(5);
  await expectAccessible(page, 'dashboard');

  await test.step('every chart has a table view with the same numbers', async () => {
    await heatmap.getByRole('radio', { name: 'Tabell' }).click();
    const table = heatmap.getByRole('table', { name: /^Riskkarta för .*, nettorisk/ });
    await expect(table).toBeVisible();
    const redRow = table.getByRole('row').filter({ hasText: /^\s*5\s*5\s*25\s*Mycket hög/ });
    await expect(redRow.getByRole('link')).toHaveText(/^[1-9]\d*$/);

    const riskTrend = panel(page, 'Riskutveckling, åtta kvartal');
    await riskTrend.getByRole('radio', { name: 'Tabell' }).click();
    // a header row and eight quarters
    await expect(riskTrend.getByRole('table').getByRole('row')).toHaveCount(9);

    const incidents = panel(page, 'Rapporterade händelser, åtta kvartal');
    await incidents.getByRole('radio', { name: 'Tabell' }).click();
    // wait for the table to be drawn before reading it (allInnerTexts does not wait)
    await expect(incidents.getByRole('table').locator('tbody td')).toHaveCount(8);
    const counts = await incidents.getByRole('table').locator('tbody td').allInnerTexts();
    expect(counts).toHaveLength(8);
    // a suppressed quarter shows "< 5" (or "skyddat"), never a count from 1 to 4
    for (const c of counts) expect(c.trim()).toMatch(/^(0|[5-9]|\d{2,}|< 5|skyddat)$/);
    await expectAccessible(page, 'dashboard as tables');
    await heatmap.getByRole('radio', { name: 'Karta' }).click();
  });

  await test.step('the red cell opens the register filtered to it, and the risk can be accepted there', async () => {
    await red.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/risker\?.*likelihood=5.*consequence=5/);
    await expect(page.getByText(/Visar riskerna i cellen/)).toBeVisible();
    const first = page.getByRole('table').getByRole('link').first();
    const title = await first.innerText();
    await first.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('5 × 5 = 25 → Mycket hög').first()).toBeVisible();
    // accepting it with an expiry is the journey of risks.e2e.ts (same cell, same risk)
    await expect(page.getByRole('heading', { name: 'Acceptans' })).toBeVisible();
  });
});

test('a manager downloads the committee report as PDF and as XLSX', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'chef');
  await page.goto('/oversikt');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Översikt');

  // the header's link moves focus to the report form
  await page.getByRole('link', { name: 'Rapport till nämnd' }).click();
  const report = panel(page, 'Rapport till nämnd');
  await expect(report).toBeFocused();
  await expect(report.getByLabel('Från och med')).toHaveValue(/^\d{4}-01-01$/);
  await expect(report.getByLabel('Till och med')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);

  await test.step('a period that ends before it starts is refused in the form', async () => {
    const from = report.getByLabel('Från och med');
    const previous = await from.inputValue();
    await from.fill('2099-01-01');
    await from.blur();
    await report.getByRole('button', { name: 'Skapa rapporten' }).click();
    await expect(report.getByRole('alert')).toHaveText(/Från-datumet ligger efter till-datumet/);
    await from.fill(previous);
    await from.blur();
    await expect(report.getByRole('alert')).toHaveCount(0);
  });

  await test.step('PDF', async () => {
    const pdf = await downloadReport(page, 'PDF');
    expect(pdf.contentType).toContain('application/pdf');
    expect(pdf.name).toMatch(/^namndrapport-.+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    // the file stays behind a link of its own, for a second download or a screen reader
    await expect(page.getByRole('link', { name: 'Ladda ner PDF igen' })).toHaveAttribute(
      'download',
      pdf.name,
    );
    await expect(page.getByText(`Rapporten är klar: ${pdf.name}`)).toBeVisible();
    await expectAccessible(page, 'committee report ready');
  });

  await test.step('XLSX', async () => {
    const xlsx = await downloadReport(page, 'Excel');
    expect(xlsx.contentType).toContain(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.name).toMatch(/^namndrapport-.+\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

test('a controller and an auditor read Översikt for their scope; only the auditor sees incidents', async ({
  page,
}) => {
  test.setTimeout(60_000);
  for (const [username, incidents] of [
    ['controller', false],
    ['revisor', true],
  ] as const) {
    await login(page, username);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Översikt' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Översikt');
    await expect(panel(page, 'Riskkarta, nettorisk').getByRole('button').first()).toBeVisible();
    await expect(panel(page, 'Rapporterade händelser, åtta kvartal')).toHaveCount(
      incidents ? 1 : 0,
    );
    await expectAccessible(page, `dashboard of ${username}`);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await expect(page).toHaveURL(/logga-in/);
  }
});

test('the dashboard is not offered to staff, and its page refuses them', async ({ page }) => {
  await login(page, 'medarbetare');
  await expect(
    page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Översikt' }),
  ).toHaveCount(0);
  await page.goto('/oversikt');
  await expect(page).toHaveURL(/ingen-behorighet/);
});
