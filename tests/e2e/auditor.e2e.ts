import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

/** Labels of the sign-in group ("Inloggning") in the audit log's action column. */
const SIGN_IN_LABELS = [
  'Inloggning',
  'Misslyckad inloggning',
  'Kontot låstes',
  'Utloggning',
  'Lösenord bytt',
  'Misslyckat lösenordsbyte',
];
const PAGE_SIZE = 50;
/** More than a page of failed sign-ins, so that "Visa fler" is needed whatever ran before. */
const FAILED_LOGINS = PAGE_SIZE + 5;

test('internal auditor filters sign-in events, pages back and verifies the log chain', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await login(page, 'revisor');

  // failed sign-ins for a name that does not exist (the e2e server allows 1000 a minute)
  for (let i = 0; i < FAILED_LOGINS; i += 10) {
    const batch = Array.from({ length: Math.min(10, FAILED_LOGINS - i) }, () =>
      page.request.post('/api/auth/login', {
        data: { username: 'finns.inte.e2e', password: 'inte-rätt-lösenord' },
      }),
    );
    for (const response of await Promise.all(batch)) expect(response.status()).toBe(401);
  }

  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Granskningslogg' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Granskningslogg');
  const table = page.getByRole('table', { name: 'Granskningslogg, nyaste först' });
  const rows = table.locator('tbody tr');
  const actions = rows.locator('td:nth-child(3)');
  await expect(rows.first()).toBeVisible();

  await test.step('filter on sign-in events', async () => {
    await page.getByRole('combobox', { name: 'Händelse' }).click();
    await page.getByRole('option', { name: 'Alla: Inloggning' }).click();
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await expect(page.getByText(`Visade poster: ${PAGE_SIZE}`, { exact: true })).toBeVisible();
    await expect(rows).toHaveCount(PAGE_SIZE);
    await expect(actions.first()).toHaveText('Misslyckad inloggning');
    const labels = (await actions.allTextContents()).map((l) => l.trim());
    expect(labels.filter((l) => !SIGN_IN_LABELS.includes(l))).toEqual([]);
    await expectAccessible(page, 'audit log filtered on sign-in');
  });

  await test.step('"Visa fler" loads older sign-in events and nothing else', async () => {
    await page.getByRole('button', { name: 'Visa fler' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(PAGE_SIZE);
    const shown = await rows.count();
    await expect(page.getByText(`Visade poster: ${shown}`, { exact: true })).toBeVisible();
    const labels = (await actions.allTextContents()).map((l) => l.trim());
    // older entries include the sign-ins of the seeded accounts, not only the failed attempts
    expect(labels).toContain('Inloggning');
    expect(labels.filter((l) => !SIGN_IN_LABELS.includes(l))).toEqual([]);
    await expectAccessible(page, 'audit log after "Visa fler"');
  });

  await test.step('the chain check reports how many entries it checked', async () => {
    const shown = await rows.count();
    await page.getByRole('button', { name: 'Kontrollera loggkedjan' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Loggkedjan är obruten.' });
    await expect(result).toHaveText(/Loggkedjan är obruten\. Kontrollerade poster: \d+\./);
    const checked = Number(/poster: (\d+)/.exec((await result.textContent()) ?? '')?.[1]);
    // every entry is checked: at least all the sign-in events shown, plus the demo seeding
    expect(checked).toBeGreaterThan(shown);
    await expectAccessible(page, 'audit log after the chain check');
  });
});
