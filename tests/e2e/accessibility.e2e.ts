import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login } from './fixtures';

test('login page passes axe and works by keyboard alone', async ({ page }) => {
  await page.goto('/logga-in');
  await expectAccessible(page, 'login');
  await page.getByLabel('Användarnamn').focus();
  await page.keyboard.type('revisor');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Lösenord', { exact: true })).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
});

test('wrong password gives a clear message and keeps the username', async ({ page }) => {
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill('chef');
  await page.getByLabel('Lösenord', { exact: true }).fill('inte-rätt-lösenord');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('alert')).toContainText('Fel användarnamn eller lösenord');
  await expect(page.getByLabel('Användarnamn')).toHaveValue('chef');
});

test('the skip link is the first thing the keyboard reaches and moves focus to the content', async ({
  page,
}) => {
  await login(page, 'chef');
  // a fresh page load: focus starts at the top of the document
  await page.goto('/min-sida');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min sida');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
});

test('English can be chosen and is remembered; Swedish is the default', async ({ page }) => {
  await login(page, 'admin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: /main/i }).getByRole('link').nth(3)).toHaveText(
    'My page',
  );
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page, 'english start page');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
});

test('after navigating, focus moves to the new page heading so screen readers announce it', async ({
  page,
}) => {
  await login(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Granskningslogg' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('the focused page heading draws no ring; keyboard focus on links and buttons still does', async ({
  page,
}) => {
  await login(page, 'admin');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  const outline = (el: Element) => getComputedStyle(el).outlineStyle;
  // reach the link by keyboard, as a keyboard user does: its ring is drawn (Riskmatris is the
  // entry before it)
  await nav.getByRole('link', { name: 'Riskmatris' }).focus();
  await page.keyboard.press('Tab');
  const link = nav.getByRole('link', { name: 'Granskningslogg' });
  await expect(link).toBeFocused();
  expect(await link.evaluate(outline)).toBe('solid');

  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Granskningslogg');
  await expect(heading).toBeFocused();
  // after a keyboard navigation the heading matches :focus-visible, yet shows no ring
  expect(await heading.evaluate((h) => h.matches(':focus-visible'))).toBe(true);
  expect(await heading.evaluate(outline)).toBe('none');

  // the next Tab lands on something interactive, and that has its ring again
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  expect(await focused.evaluate((el) => el.matches('a, button, input, [tabindex="0"]'))).toBe(true);
  expect(await focused.evaluate(outline)).toBe('solid');
});

test('unknown pages show a helpful 404 that passes axe', async ({ page }) => {
  await login(page, 'medarbetare');
  await page.goto('/finns-inte-alls');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sidan finns inte');
  await expectAccessible(page, '404');
});

test('the browser loads nothing from outside the server', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:')
      outside.push(r.url());
  });
  await login(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Organisation' })
    .click();
  await page.waitForLoadState('networkidle');
  expect(outside).toEqual([]);
});
