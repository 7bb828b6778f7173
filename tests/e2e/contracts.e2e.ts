import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectAccessible, login } from './fixtures';

const HEADER = [
  'Titel',
  'Diarienummer',
  'Leverantör (organisationsnummer)',
  'Bransch',
  'Årligt värde',
  'Start',
  'Slut',
  'Enhet',
  'Uppföljningsklass',
];

/** A spreadsheet as a controller would save it from Excel (dates as date cells). */
async function workbook(rows: Array<Array<string | number | Date>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Avtal');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('a controller imports contracts from a spreadsheet; a broken file shows its row errors and writes nothing', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await login(page, 'controller');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Avtal' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Avtalsregister');
  await expect(page.getByRole('table', { name: 'Avtal som matchar sökningen' })).toBeVisible();
  await expectAccessible(page, 'contract list');

  // a supplier of the demo register (the import looks suppliers up by organisation number)
  const suppliers = (await (await page.request.get('/api/suppliers?pageSize=1')).json()) as {
    items: Array<{ organisationNumber: string }>;
  };
  const orgnr = suppliers.items[0].organisationNumber;
  const stamp = Date.now();
  const good = [
    [
      `E2E Vinterväghållning ${stamp}`,
      `E2E ${stamp}/1`,
      orgnr,
      'Transport',
      1_200_000,
      new Date(Date.UTC(2026, 0, 1)),
      new Date(Date.UTC(2028, 11, 31)),
      'Avtalsuppföljning',
      'B',
    ],
    [
      `E2E Lokalvård ${stamp}`,
      `E2E ${stamp}/2`,
      orgnr,
      'Städ',
      '450 000',
      '2026-02-01',
      '2027-01-31',
      'Upphandling',
      'C',
    ],
  ];

  await test.step('a broken file: every error is listed by row and column, nothing can be imported', async () => {
    await page.getByRole('link', { name: 'Importera' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importera från kalkylblad');
    const broken = [
      good[0],
      [
        `E2E Trasig ${stamp}`,
        `E2E ${stamp}/3`,
        orgnr,
        'Städ',
        'mycket',
        '2026-02-30',
        '2027-01-31',
        'Finns inte',
        'D',
      ],
    ];
    await page.getByLabel('Fil (CSV eller XLSX)').setInputFiles({
      name: 'trasig.xlsx',
      mimeType: XLSX,
      buffer: await workbook(broken),
    });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    const errors = page.getByRole('alert').filter({ hasText: 'fel måste rättas' });
    await expect(errors).toContainText('Rad 3, kolumn ”Årligt värde”');
    await expect(errors).toContainText('Rad 3, kolumn ”Start”: datumet ska skrivas ÅÅÅÅ-MM-DD');
    await expect(errors).toContainText('Rad 3, kolumn ”Enhet”: enheten finns inte');
    await expect(errors).toContainText('Rad 3, kolumn ”Uppföljningsklass”');
    await expect(page.getByRole('button', { name: /^Importera \d+ rader$/ })).toBeDisabled();
    await expectAccessible(page, 'import preview with errors');
  });

  await test.step('the corrected spreadsheet is previewed and imported', async () => {
    await page.getByLabel('Fil (CSV eller XLSX)').setInputFiles({
      name: 'avtal.xlsx',
      mimeType: XLSX,
      buffer: await workbook(good),
    });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await expect(page.getByText('2 rader kan importeras.')).toBeVisible();
    const preview = page.getByRole('table', { name: 'Förhandsgranskning av filens rader' });
    await expect(preview).toContainText(`E2E Vinterväghållning ${stamp}`);
    await expect(preview).toContainText('2026-01-01 – 2028-12-31');
    await expectAccessible(page, 'import preview');
    await page.getByRole('button', { name: 'Importera 2 rader' }).click();
    await expect(page.getByText('Klart: 2 rader importerades.')).toBeVisible();
  });

  await test.step('the imported contract is in the register with its follow-up cadence', async () => {
    await page.getByRole('status').getByRole('link', { name: 'Till avtalsregistret' }).click();
    await page.getByRole('searchbox', { name: 'Sök' }).fill(`E2E Vinterväghållning ${stamp}`);
    const table = page.getByRole('table', { name: 'Avtal som matchar sökningen' });
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await table.getByRole('link', { name: `E2E Vinterväghållning ${stamp}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `E2E Vinterväghållning ${stamp}`,
    );
    await expect(page.getByText('Uppföljning var 12:e månad (1 gånger per år).')).toBeVisible();
    await expectAccessible(page, 'contract detail');
  });
});

test('a contract with a chain deeper than allowed is warned on its page', async ({ page }) => {
  await login(page, 'controller');
  await page.goto('/avtal');
  await page.getByRole('combobox', { name: 'Underleverantörskedja' }).click();
  await page.getByRole('option', { name: 'Med varningar' }).click();
  const table = page.getByRole('table', { name: 'Avtal som matchar sökningen' });
  await expect(table.locator('tbody tr').first()).toContainText('varning');
  await table.locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByText('Varningar för underleverantörskedjan')).toBeVisible();
  await expectAccessible(page, 'contract with chain warnings');
});
