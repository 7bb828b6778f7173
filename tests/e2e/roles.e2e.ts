import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

/** What each demo account must see in the main navigation — and nothing more. */
const EVERYONE = [
  'Start',
  'Rapportera',
  'Mina rapporter',
  'Min sida',
  'Stödmaterial',
  'Gåvor och förmåner',
  'Jäv och intressen',
];
const NAV: Record<string, string[]> = {
  admin: [...EVERYONE, 'Organisation', 'Användare', 'Riskmatris', 'Granskningslogg'],
  medarbetare: EVERYONE,
  handlaggare: [...EVERYONE, 'Ärenden', 'Händelsestatistik', 'Riskmatris'],
  identitet: [...EVERYONE, 'Identitetsbegäran'],
  controller: [
    ...EVERYONE,
    'Leverantörer',
    'Avtal',
    'Riskregister',
    'Avtalsuppföljning',
    'Översikt',
    'Riskmatris',
  ],
  chef: [
    ...EVERYONE,
    'Leverantörer',
    'Avtal',
    'Riskregister',
    'Avtalsuppföljning',
    'Översikt',
    'Händelsestatistik',
    'Användare',
    'Riskmatris',
  ],
  revisor: [
    ...EVERYONE,
    'Leverantörer',
    'Avtal',
    'Riskregister',
    'Avtalsuppföljning',
    'Översikt',
    'Händelsestatistik',
    'Användare',
    'Riskmatris',
    'Granskningslogg',
  ],
};

const ROLE_LABEL: Record<string, string> = {
  admin: 'Administratör',
  medarbetare: 'Medarbetare',
  handlaggare: 'Handläggare/samordnare',
  identitet: 'Identitetsansvarig',
  controller: 'Avtalscontroller',
  chef: 'Chef',
  revisor: 'Internrevisor',
};

for (const [username, entries] of Object.entries(NAV)) {
  test(`${username}: signs in, sees only their navigation, every page passes axe`, async ({
    page,
  }) => {
    // up to five pages, each checked by axe: more than the default 30 s on a busy 2-core machine
    test.setTimeout(60_000);
    await login(page, username);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
    await expect(page.getByRole('main')).toContainText(ROLE_LABEL[username]);

    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await expect(nav.getByRole('link')).toHaveText(entries);
    await expectAccessible(page, 'start page');

    for (const label of entries.slice(1)) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
      await expect(page).toHaveTitle(new RegExp(label));
      await expectAccessible(page, label);
    }

    // pages outside the role are refused by the client guard as well as the API
    if (!entries.includes('Granskningslogg')) {
      await page.goto('/granskningslogg');
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Granskningslogg');
      const api = await page.request.get('/api/audit-log');
      expect(api.status()).toBe(403);
    }
  });
}

test('signing out ends the session on the server', async ({ page }) => {
  await login(page, 'medarbetare');
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/logga-in/);
  const me = await page.request.get('/api/me');
  expect(me.status()).toBe(401);
});
