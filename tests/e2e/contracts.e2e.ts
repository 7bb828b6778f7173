import { expect, test, type Page } from '@playwright/test';
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

/** Opens a Material select from the keyboard (as a keyboard user would). */
async function openSelect(page: Page, name: string): Promise<void> {
  const select = page.getByRole('combobox', { name });
  await select.focus();
  await select.press('Enter');
  // by name: the previous select's panel may still be closing (its exit animation)
  await expect(page.getByRole('listbox', { name })).toBeVisible();
}

test('a controller imports contracts from a spreadsheet; a broken file shows its row errors and writes nothing', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await login(page, 'controller');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Avtal', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Avtal');
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

test('a new contract keeps what was typed when its diarienummer is taken, then saves with a subcontractor', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await login(page, 'controller');
  const existing = (await (await page.request.get('/api/contracts?limit=1')).json()) as {
    items: Array<{ diarienummer: string }>;
  };
  await page.goto('/avtal/nytt');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nytt avtal');
  await page.getByRole('button', { name: 'Spara avtalet' }).click();
  await expect(page.getByRole('textbox', { name: 'Titel' })).toBeFocused();
  await expectAccessible(page, 'empty contract form');

  const title = `E2E Snöröjning ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Titel' }).fill(title);
  await page.getByRole('textbox', { name: 'Diarienummer' }).fill(existing.items[0].diarienummer);
  await page.getByRole('combobox', { name: 'Leverantör' }).pressSequentially('Norrlandsbygg');
  await page.getByRole('option', { name: /Norrlandsbygg AB/ }).click();
  await openSelect(page, 'Bransch');
  await page.getByRole('option', { name: 'Bygg och anläggning' }).click();
  await page.getByRole('spinbutton', { name: 'Årligt värde' }).fill('2500000');
  await page.getByLabel('Startdatum').fill('2026-01-01');
  await page.getByLabel('Slutdatum').fill('2027-12-31');
  await openSelect(page, 'Ansvarig enhet');
  await page.getByRole('option', { name: 'Avtalsuppföljning' }).click();
  await openSelect(page, 'Uppföljningsklass');
  await page.getByRole('option', { name: /^B – / }).click();
  await page.getByRole('button', { name: 'Lägg till underleverantör' }).click();
  const sub = page.getByRole('group', { name: 'Underleverantör 1' });
  await sub.getByRole('textbox', { name: 'Namn' }).fill('Markservice Syd HB');
  await sub.getByRole('textbox', { name: 'Organisationsnummer' }).fill('559900-0030');
  await sub.getByRole('spinbutton', { name: 'Led' }).fill('2');
  await page.getByRole('button', { name: 'Spara avtalet' }).click();

  await expect(page.getByText('Diarienumret används redan av ett annat avtal.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Titel' })).toHaveValue(title);
  await expectAccessible(page, 'contract form with a server error');

  await page.getByRole('textbox', { name: 'Diarienummer' }).fill(`E2E ${Date.now()}`);
  await page.getByRole('button', { name: 'Spara avtalet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  // tier 2 where the contract allows 1, and tier 1 missing: both warned
  await expect(page.getByText('Varningar för underleverantörskedjan')).toBeVisible();
  await expect(page.getByText(/Kedjan har 2 led men avtalet tillåter 1/)).toBeVisible();
});
