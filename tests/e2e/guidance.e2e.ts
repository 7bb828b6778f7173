import { expect, test } from '@playwright/test';
import { pdf } from '../../backend/src/testing/file-fixtures';
import { expectAccessible, login } from './fixtures';

const GIFTS = '/stodmaterial/gavor-representation-och-uppvaktning';

test('an employee finds the bribery article by "mutor" and confirms the gift guideline', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await login(page, 'medarbetare');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Stödmaterial' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stödmaterial');
  await expect(page.getByRole('heading', { level: 2, name: 'Mutor' })).toBeVisible();
  await expectAccessible(page, 'guidance library');

  await page.getByRole('searchbox', { name: 'Sök i stödmaterialet' }).fill('mutor');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page).toHaveURL(/q=mutor/);
  const results = page.getByRole('list').filter({ has: page.locator('mark') });
  await expect(results.getByRole('link').first()).toHaveText('Mutbrott i klartext');
  // the excerpt marks the word forms that matched
  await expect(results.locator('mark').first()).toHaveText(/^mut/i);
  await expectAccessible(page, 'guidance search');

  await page.goto(GIFTS);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Gåvor, representation och uppvaktning',
  );
  await expect(page.getByText('Den här riktlinjen ska du läsa')).toBeVisible();
  await expectAccessible(page, 'gift guideline');
  await page.getByRole('button', { name: 'Jag har läst och förstått' }).click();
  await expect(page.getByText(/Du har bekräftat att du läst och förstått version 1/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Jag har läst och förstått' })).toHaveCount(0);
  // focus moved to the confirmation (the button it was on is gone)
  await expect(page.locator('#ack-state')).toBeFocused();
  // every published version is listed, the shipped one without an author
  await page.getByRole('link', { name: 'Versionshistorik' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Versionshistorik');
  await expect(page.getByRole('cell', { name: 'Levererat med Värn' })).toBeVisible();
  await expectAccessible(page, 'version history');
});

test('a manager sees who in the subtree has confirmed the gift guideline and reminds the rest', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await login(page, 'chef');
  await page.goto(GIFTS);
  await page.getByRole('link', { name: 'Vilka har bekräftat?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Läst och förstått – täckning');
  // Parkering och trafikövervakning: seven people, some confirmed in the demo
  await expect(page.getByText(/\d av 7 \(\d+ %\)/)).toBeVisible();
  const missing = page.getByRole('table');
  await expect(missing.getByRole('cell', { name: 'Mikael Johansson' })).toBeVisible();
  // nobody outside the manager's subtree
  await expect(missing.getByRole('cell', { name: 'Erik Andersson' })).toHaveCount(0);
  await expect(missing.getByRole('cell', { name: 'Elin Svensson' })).toHaveCount(0);
  await expectAccessible(page, 'coverage');
  await page.getByRole('button', { name: /Påminn dem som inte bekräftat/ }).click();
  await expect(page.getByText(/Påminnelse skickad till \d+ personer/).first()).toBeVisible();
  await expectAccessible(page, 'coverage after reminder');
});

test('an administrator publishes a new version, and the history shows what changed', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await login(page, 'admin');
  await page.goto('/stodmaterial/mutbrott-i-klartext');
  await page.getByRole('link', { name: 'Redigera' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redigera artikel');
  const body = page.getByRole('textbox', { name: 'Text (Markdown)' });
  await expect(body).not.toHaveValue('');
  await body.fill(
    `${await body.inputValue()}\n## Nytt avsnitt\n\nEn ny mening <script>alert(1)</script>.\n`,
  );
  await page.getByRole('button', { name: 'Uppdatera förhandsgranskningen' }).click();
  const preview = page.locator('.preview');
  await expect(preview.getByRole('heading', { name: 'Nytt avsnitt' })).toBeVisible();
  await expect(preview.locator('script')).toHaveCount(0);
  await expectAccessible(page, 'guidance editor');
  // an attachment: type checked by content on the server, listed for readers
  await page.getByLabel('Lägg till en bilaga (PDF, PNG eller JPEG)').setInputFiles({
    name: 'Checklista mutor.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('Checklista'),
  });
  await expect(page.getByText(/^Checklista mutor\.pdf \(/)).toBeVisible();
  await page.getByRole('button', { name: 'Spara utkast' }).click();
  await expect(page.getByText('Du redigerar ett utkast. Läsarna ser version 1')).toBeVisible();
  await page.getByRole('textbox', { name: /Vad har ändrats/ }).fill('Nytt avsnitt');
  await page.getByRole('button', { name: 'Publicera ny version' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mutbrott i klartext');
  await expect(page.getByText('Version 2', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Checklista mutor.pdf' })).toBeVisible();
  await page.getByRole('link', { name: 'Versionshistorik' }).click();
  await expect(page.getByText(/Version 1 → 2: tillagda rader \d+/)).toBeVisible();
  await expect(page.locator('.diff ins').filter({ hasText: 'Nytt avsnitt' })).toBeVisible();
  await expectAccessible(page, 'version diff');
});
