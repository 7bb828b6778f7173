/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { login } from './fixtures';

declare global {
  interface Window {
    /** Every text the page rendered (filled by the init script below). */
    __seen?: string[];
    /** Set by the test in the signed-in page: gone only if the page was really loaded afresh. */
    __signedInPage?: boolean;
  }
}

/**
 * A shared computer: the administrator opens the users list and signs out; a manager signs in.
 * Nothing of the administrator's lists may reach the screen — not from a service that forgot to
 * forget, not for a moment while a page renders. Sign-out loads a fresh page, so the memory of
 * the old one is gone; a MutationObserver records every text the browser rendered afterwards.
 */
test("after sign-out the next person never sees the previous person's lists", async ({ page }) => {
  test.setTimeout(60_000);
  await page.addInitScript(() => {
    window.__seen = [];
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') window.__seen?.push(r.target.textContent ?? '');
        r.addedNodes.forEach((node) => window.__seen?.push(node.textContent ?? ''));
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });

  await login(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Användare' })
    .click();
  const rows = page.getByRole('table', { name: 'Användare' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const adminSees = (await rows.locator('td:first-child').allTextContents()).map((n) => n.trim());

  // from here on, record only what is rendered after signing out
  await page.evaluate(() => {
    window.__seen = [];
    window.__signedInPage = true;
  });
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/\/logga-in\?anledning=utloggad$/);
  await expect(page.getByText('Du är utloggad.')).toBeVisible();
  // a new document: the signed-in page and everything it held are gone
  expect.soft(await page.evaluate(() => window.__signedInPage)).toBeUndefined();

  await page.getByLabel('Användarnamn').fill('chef');
  await page.getByLabel('Lösenord', { exact: true }).fill('varn-demo-2026');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Användare' })
    .click();
  await expect(rows.first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  const chefMay = new Set(
    (
      (await (await page.request.get('/api/users?pageSize=100')).json()) as {
        items: { displayName: string }[];
      }
    ).items.map((u) => u.displayName),
  );
  const adminOnly = adminSees.filter((name) => !chefMay.has(name));
  expect(adminOnly.length).toBeGreaterThan(3);

  const seen = (await page.evaluate(() => window.__seen ?? [])).join('\n');
  expect(seen).toContain('Anna Persson'); // the recorder works: the manager's own list
  expect(adminOnly.filter((name) => seen.includes(name))).toEqual([]);
});
