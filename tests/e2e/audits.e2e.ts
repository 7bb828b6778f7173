import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expect,
  request as apiRequest,
  test,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
} from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login } from './fixtures';

/**
 * Contract follow-up (issue 8) in a real browser: a controller starts the default checklist on a
 * class A contract, records a deviation with a photo, raises a finding and assigns a corrective
 * action; a second controller's concurrent edit of the same item gets the conflict message; the
 * controller and a manager sign off; the finding feeds the contract's risk and closes after
 * verification; the PDF report downloads.
 *
 * The demo has one controller and its manager heads another subtree, so the test makes a second
 * controller (same scope as the demo one) and a manager over the contract's unit through the
 * admin API, as employee.e2e.ts does.
 */
const CONTROLLER2 = { username: 'e2e.kalle', displayName: 'Kalle Kontroll' };
const CHEF2 = { username: 'e2e.maria', displayName: 'Maria Chefsson' };
const START_PASSWORD = 'Tillfälligt Startlösen 8841';
const PASSWORD = 'Granskning Lingon Fyrtorn 73';
const PNG = join(__dirname, 'files', 'id06-stickprov.png');
const DEVIATION_ITEM = 'D15';
const CONFLICT_ITEM = 'C11';

interface PlanItem {
  contractId: string;
  contractTitle: string;
  unitId: string;
  followUpClass: string;
  openAuditId: string | null;
}

async function signedIn(
  baseURL: string | undefined,
  username: string,
  password: string,
): Promise<APIRequestContext> {
  const context = await apiRequest.newContext({ baseURL });
  const response = await context.post('/api/auth/login', { data: { username, password } });
  expect(response.status(), `sign-in as ${username}`).toBe(200);
  return context;
}

/** An account made by the administrator, with its first password already replaced. */
async function makeUser(
  baseURL: string | undefined,
  admin: APIRequestContext,
  user: { username: string; displayName: string },
  role: string,
  unitId: string,
): Promise<void> {
  const created = await admin.post('/api/users', {
    data: { ...user, unitId, initialPassword: START_PASSWORD },
  });
  // a retry of the file finds the account made by the first attempt, password already changed
  if (created.status() === 409) return;
  expect(created.status(), `create ${user.username}`).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const granted = await admin.post(`/api/users/${id}/roles`, { data: { role, unitId } });
  expect(granted.status(), `role ${role}`).toBe(201);
  const session = await signedIn(baseURL, user.username, START_PASSWORD);
  const changed = await session.post('/api/me/password', {
    data: { currentPassword: START_PASSWORD, newPassword: PASSWORD },
  });
  expect(changed.status()).toBe(204);
  await session.dispose();
}

let contract: PlanItem;

test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  // a class A contract of the demo controller's scope that has no audit under way
  const controller = await signedIn(baseURL, 'controller', DEMO_PASSWORD);
  const today = new Date();
  const inAYear = new Date(today.getTime() + 400 * 86_400_000);
  const plan = await controller.get(
    `/api/audit-plan?from=${today.toISOString().slice(0, 10)}&to=${inAYear.toISOString().slice(0, 10)}`,
  );
  expect(plan.status()).toBe(200);
  const items = ((await plan.json()) as { items: PlanItem[] }).items;
  const candidate = items.find((p) => p.followUpClass === 'A' && !p.openAuditId);
  expect(candidate, 'a class A contract without an open audit').toBeTruthy();
  contract = candidate!;
  // the demo controller's own scope, for the second controller
  const me = (await (await controller.get('/api/me')).json()) as {
    roles: { role: string; unitId: string }[];
  };
  const scope = me.roles.find((r) => r.role === 'avtalscontroller')!.unitId;
  await controller.dispose();

  const admin = await signedIn(baseURL, 'admin', DEMO_PASSWORD);
  await makeUser(baseURL, admin, CONTROLLER2, 'avtalscontroller', scope);
  await makeUser(baseURL, admin, CHEF2, 'chef', contract.unitId);
  await admin.dispose();
});

/** The answer group of one checklist item. */
function item(page: Page, id: string) {
  return page.locator(`[data-item="${id}"]`);
}

async function answer(page: Page, id: string, label: string): Promise<void> {
  await item(page, id).getByText(label, { exact: true }).click();
  await expect(item(page, id).getByRole('radio', { name: label })).toBeChecked();
}

/** Opens a select with the keyboard and picks an option (waits for the list to close). */
async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option }).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toContainText('Alla ändringar sparade');
}

async function openAs(browser: Browser, username: string, password: string, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username, password);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Granskning:');
  return { context, page };
}

test('a controller runs the default checklist on a class A contract to sign-off, finding, risk and report', async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  await login(page, 'controller');

  await test.step('the plan: list and month calendar, reached from the menu', async () => {
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Avtalsuppföljning' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Avtalsuppföljning');
    await expect(page.getByRole('heading', { name: 'Uppföljningsplan' })).toBeVisible();
    await expect(page.getByText(/^Försenade: \d+/)).toBeVisible();
    await expectAccessible(page, 'audit plan (list)');
    await page.getByRole('button', { name: 'Kalender' }).click();
    await expect(page.getByRole('button', { name: 'Kalender' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expectAccessible(page, 'audit plan (calendar)');
  });

  await test.step('start the default checklist from the contract page', async () => {
    await page.goto(`/avtal/${contract.contractId}`);
    const panel = page.getByTestId('contract-follow-up');
    await expect(panel.getByText('Nästa granskning')).toBeVisible();
    await panel.getByRole('button', { name: 'Starta granskning' }).click();
    await expect(panel.getByTestId('start-checklist')).toContainText(
      'Checklista för avtalsuppföljning',
    );
    await expectAccessible(page, 'contract page with the start form');
    await panel.getByRole('button', { name: 'Starta', exact: true }).click();
    await expect(page).toHaveURL(/\/uppfoljning\/granskningar\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `Granskning: ${contract.contractTitle}`,
    );
    await expect(page.getByText('0 av 28 kontrollpunkter besvarade')).toBeVisible();
    for (const code of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])
      await expect(
        page.getByRole('heading', { level: 2, name: new RegExp(`^${code}\\. `) }),
      ).toBeVisible();
    await expectAccessible(page, 'audit page');
  });
  const auditUrl = new URL(page.url()).pathname;
  const auditId = auditUrl.split('/').pop()!;

  // the second controller opens the same audit now, before the first one answers C11
  const second = await openAs(browser, CONTROLLER2.username, PASSWORD, auditUrl);

  await test.step('a deviation with a photo becomes a finding with a corrective action', async () => {
    await answer(page, DEVIATION_ITEM, 'Avvikelse');
    await saved(page);
    const d15 = item(page, DEVIATION_ITEM);
    await d15.getByText('Vägledning och underlag som förväntas').click();
    await expect(d15.getByText('Underlag:')).toBeVisible();
    await d15.getByLabel('Anteckning om underlaget').fill('Två av fem personer saknade ID06-kort.');
    await d15.getByLabel('Kontrollerad datum').fill(new Date().toISOString().slice(0, 10));
    await d15.getByLabel('Kontrollerad datum').blur();
    await d15.getByTestId(`file-${DEVIATION_ITEM}`).setInputFiles(PNG);
    await expect(d15.getByRole('link', { name: 'id06-stickprov.png' })).toBeVisible();
    await saved(page);

    await d15.getByRole('button', { name: 'Skapa avvikelse' }).click();
    await d15.getByText('Väsentlig', { exact: true }).click();
    await d15.getByLabel('Beskrivning av avvikelsen').fill('Personal utan ID06 på arbetsplatsen.');
    await d15.getByLabel('Underlag', { exact: true }).fill('Stickprov med foto, se bilaga.');
    await d15.getByRole('button', { name: 'Spara avvikelse' }).click();
    await expect(d15.getByText('Avvikelse registrerad')).toBeVisible();

    const finding = page.locator('[data-finding]');
    await expect(finding).toHaveCount(1);
    await finding.getByRole('button', { name: 'Lägg till åtgärd' }).click();
    await finding.getByLabel('Vad ska göras').fill('Leverantören visar ID06 för all personal');
    // the owner is the second controller: nobody verifies an action of their own
    await finding.getByTestId('action-owner-search').fill('Kalle');
    await choose(page, finding.getByTestId('action-owner'), /Kalle Kontroll/);
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await finding.getByLabel('Klart senast').fill(due);
    await finding.getByLabel('Klart senast').blur();
    await choose(page, finding.getByLabel('Beslut', { exact: true }), 'Varning');
    await finding.getByLabel('Beslutsfattare').fill('Anna Berg, förvaltningschef');
    await finding.getByRole('button', { name: 'Spara åtgärd' }).click();
    await expect(finding.getByText('Leverantören visar ID06 för all personal')).toBeVisible();
    await expect(finding.getByText('Varning – Anna Berg, förvaltningschef')).toBeVisible();
    await expectAccessible(page, 'audit page with a finding');
  });

  await test.step("a second controller's concurrent edit gets the conflict message", async () => {
    await answer(page, CONFLICT_ITEM, 'Uppfyllt');
    await item(page, CONFLICT_ITEM).getByLabel('Anteckning om underlaget').fill('Alla anmälda.');
    await item(page, CONFLICT_ITEM).getByLabel('Anteckning om underlaget').blur();
    await saved(page);

    const other = second.page;
    await answer(other, CONFLICT_ITEM, 'Ej kontrollerat');
    const conflict = item(other, CONFLICT_ITEM).getByRole('alert');
    await expect(conflict).toContainText('Sofia Nilsson sparade den här kontrollpunkten');
    await expect(conflict).toContainText('Alla anmälda.');
    await expect(conflict).toContainText('Uppfyllt');
    await expect(conflict).toContainText('Ej kontrollerat');
    await expectAccessible(other, 'conflict message');
    await conflict.getByRole('button', { name: 'Behåll den andras version' }).click();
    await expect(item(other, CONFLICT_ITEM).getByRole('radio', { name: 'Uppfyllt' })).toBeChecked();
    await second.context.close();
  });

  await test.step('every item answered, the controller signs', async () => {
    const ids = await page
      .locator('[data-item]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-item')!));
    expect(ids).toHaveLength(28);
    for (const id of ids) {
      if (id === DEVIATION_ITEM || id === CONFLICT_ITEM) continue;
      await answer(page, id, id.startsWith('G') ? 'Ej tillämpligt' : 'Uppfyllt');
    }
    await saved(page);
    await expect(page.getByText('28 av 28 kontrollpunkter besvarade')).toBeVisible();
    await page.getByRole('button', { name: 'Signera granskningen' }).click();
    await expect(page.getByText(/^Signerad av Sofia Nilsson/)).toBeVisible();
    await expect(page.getByTestId('audit-status')).toHaveText('Klar, väntar på signering');
  });

  await test.step('a manager over the unit signs: the audit is read-only', async () => {
    const chef = await openAs(browser, CHEF2.username, PASSWORD, auditUrl);
    await expect(chef.page.getByText('Klass A-avtal: granskningen signeras')).toBeVisible();
    await chef.page.getByRole('button', { name: 'Signera granskningen' }).click();
    await expect(chef.page.getByTestId('audit-status')).toHaveText('Signerad');
    await expect(chef.page.getByText(/^Signerad av Maria Chefsson/)).toBeVisible();
    await expectAccessible(chef.page, 'signed audit (manager)');
    await chef.context.close();

    await page.reload();
    await expect(page.getByTestId('audit-status')).toHaveText('Signerad');
    await expect(
      page.getByText('Granskningen är signerad och kan inte längre ändras.'),
    ).toBeVisible();
    await expect(item(page, 'A1').getByRole('radio', { name: 'Uppfyllt' })).toBeDisabled();
    await expect(page.locator('input[type=file]')).toHaveCount(0);
  });

  await test.step("the finding feeds the contract's risk", async () => {
    const finding = page.locator('[data-finding]');
    await finding.getByRole('button', { name: 'Koppla till risk' }).click();
    // with the keyboard: an empty select's label lies over it
    await choose(page, finding.getByTestId('finding-risk-likelihood'), /^4 – /);
    await choose(page, finding.getByTestId('finding-risk-consequence'), /^4 – /);
    await finding.getByRole('button', { name: 'Spara riskbedömning' }).click();
    const link = finding.getByRole('link', { name: 'Kopplad till avtalets risk – öppna risken' });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/\/risker\/[0-9a-f-]{36}$/);
    await expect(page.getByText('4 × 4 = 16').first()).toBeVisible();
    await page.goBack();
    await expect(page.getByTestId('audit-status')).toHaveText('Signerad');
  });

  await test.step('the finding closes after the action is done and verified', async () => {
    const finding = page.locator('[data-finding]');
    await expect(finding.getByTestId('finding-status')).toHaveText('Öppen');
    await finding.getByLabel('Leverantörens svar').fill('ID06 utfärdat för alla, lista bifogad.');
    await finding.getByRole('button', { name: 'Markera som åtgärdad' }).click();
    await expect(finding.getByText('Åtgärdad, väntar på verifiering')).toBeVisible();
    await finding.getByRole('button', { name: 'Verifiera åtgärden' }).click();
    await expect(finding.getByTestId('finding-status')).toHaveText('Stängd');
    await expect(finding.getByText('Verifierad', { exact: true })).toBeVisible();
    await expectAccessible(page, 'closed finding');
  });

  await test.step('the PDF report downloads', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByTestId('report-pdf').click();
    const download = await downloading;
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 4).toString('latin1')).toBe('%PDF');
    const direct = await page.request.get(`/api/audits/${auditId}/report.pdf`);
    expect(direct.headers()['content-type']).toContain('application/pdf');
  });
});

test('findings list, my actions and checklists are reachable and accessible', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'controller');
  await page.goto('/uppfoljning/avvikelser');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Avvikelser och åtgärder');
  await expectAccessible(page, 'findings');
  await page.getByRole('button', { name: 'Mina åtgärder' }).click();
  await expect(page.getByText(/^Åtgärder där du är ansvarig: \d+/)).toBeVisible();
  await expectAccessible(page, 'my actions');

  await page.goto('/uppfoljning/checklistor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checklistor');
  await page.getByRole('link', { name: /Checklista för avtalsuppföljning, version 1/ }).click();
  await expect(
    page.getByRole('heading', { name: 'H. Jäv och otillåten påverkan i avtalsförvaltningen' }),
  ).toBeVisible();
  await expectAccessible(page, 'checklist version');

  // a new version: the editor is used with the keyboard (move an item, add one)
  await page.getByRole('link', { name: 'Skapa ny version' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ny version (2) av checklistan');
  const down = page.getByRole('button', { name: 'Flytta punkt 1 ned' });
  await down.focus();
  await page.keyboard.press('Enter');
  // focus follows the item to its new place
  await expect(page.getByRole('button', { name: 'Flytta punkt 2 ned' })).toBeFocused();
  await page.getByRole('button', { name: 'Lägg till kontrollpunkt i avsnitt H' }).click();
  await page.getByRole('button', { name: 'Publicera version' }).click();
  await expect(page.getByText('Kontrollpunkt 29 (avsnitt H) saknar Fråga.')).toBeVisible();
  await expectAccessible(page, 'checklist editor with issues');
  const last = page.locator('[data-item]').last();
  await last.getByLabel('Fråga').fill('Leverantörens kontaktperson är densamma som i avtalet');
  await last
    .getByLabel('Vägledning')
    .fill('Jämför avtalets kontaktperson med den som faktiskt svarar.');
  await last.getByLabel('Förväntat underlag').fill('Anteckning från uppföljningsmötet.');
  await page.getByRole('button', { name: 'Publicera version' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Checklista för avtalsuppföljning, version 2',
  );
  await expect(
    page.getByText('Leverantörens kontaktperson är densamma som i avtalet'),
  ).toBeVisible();
});

test('item H28: an influence attempt becomes a prefilled report; the audit only notes that one was made', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await login(page, 'controller');
  const list = (await (await page.request.get('/api/audits?status=pagaende')).json()) as {
    items: { id: string; supplierName: string }[];
  };
  const audit = list.items[0];
  expect(audit, 'an ongoing demo audit').toBeTruthy();
  await page.goto(`/uppfoljning/granskningar/${audit.id}`);
  const h28 = item(page, 'H28');
  // the declarations of those doing the follow-up: status only
  await expect(h28.getByText('Jävsdeklarationer för dem som deltar i uppföljningen')).toBeVisible();
  await h28.getByRole('button', { name: 'Rapportera påverkansförsök' }).click();

  await expect(page).toHaveURL(/\/rapportera$/);
  await expect(page.getByText('Vi har fyllt i det du skrev tidigare')).toBeVisible();
  const next = async (heading: string) => {
    await page.getByRole('button', { name: 'Nästa' }).click();
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeFocused();
  };
  await page.getByRole('radio', { name: 'Nej' }).check();
  await next('Vad gäller det?');
  await expect(page.getByRole('radio', { name: 'Påverkan/incident' })).toBeChecked();
  await next('Vad hände?');
  const description = page.getByRole('textbox', { name: 'Beskriv vad som hände' });
  await expect(description).toHaveValue(new RegExp(audit.supplierName));
  await description.press('End');
  await description.pressSequentially('Leverantören erbjöd middag mot ett mildare omdöme.');
  await next('Mer information');
  await next('Bilagor');
  await next('Vem du är');
  await page.getByRole('radio', { name: 'Konfidentiell' }).check();
  await next('Granska och skicka');
  await expect(page.locator('dl.summary')).toContainText('Korruptionsförsök');
  await page.getByRole('button', { name: 'Skicka rapporten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Rapport VRN-/);

  // back at the audit, the report is noted — when, nothing about what
  await page.goto(`/uppfoljning/granskningar/${audit.id}`);
  await expect(h28.getByText(/En rapport om påverkansförsök gjordes \d{4}-/)).toBeVisible();
  await expectAccessible(page, 'audit with an influence report noted');
  const detail = (await (await page.request.get(`/api/audits/${audit.id}`)).json()) as {
    influenceReports: { itemId: string; recordedAt: string }[];
  };
  expect(detail.influenceReports.map((r) => r.itemId)).toEqual(['H28']);
  expect(Object.keys(detail.influenceReports[0]).sort()).toEqual(['itemId', 'recordedAt']);
});
