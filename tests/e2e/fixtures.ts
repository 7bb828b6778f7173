/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'varn-demo-2026';

/** Signs in through the login page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).not.toHaveURL(/logga-in/);
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the current page and fails on any violation. */
export async function expectAccessible(page: Page, context = ''): Promise<void> {
  await page.waitForLoadState('networkidle');
  // let finite animations end first: a message fading in has too little contrast half-way
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity,
      ),
  );
  // Material's snackbar holds its message (with the Stäng button) in an aria-hidden element for
  // ~150 ms before moving it into its live region and dropping aria-hidden: wait for the move,
  // so axe judges the snackbar as people meet it, not its hand-over
  await page.waitForFunction(
    () => !document.querySelector('.mat-mdc-snack-bar-container [aria-hidden="true"] button'),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations ${context} on ${page.url()}`).toEqual([]);
}
