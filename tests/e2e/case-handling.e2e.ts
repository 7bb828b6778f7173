import {
  expect,
  request as apiRequest,
  test,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login } from './fixtures';

/**
 * The handler's journey on a confidential bribery report: triage, ask for the identity, the
 * custodian approves, the handler sees the identity, records the police report, acknowledges,
 * gives feedback and closes. The report is filed in the test by the demo employee (API), so the
 * journey does not depend on the demo cases.
 */

const POLICE_REFERENCE = '5000-K987654-26';

async function signedIn(baseURL: string | undefined, username: string): Promise<APIRequestContext> {
  const context = await apiRequest.newContext({ baseURL });
  const response = await context.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  expect(response.status(), `sign-in as ${username}`).toBe(200);
  return context;
}

let reference = '';
let caseId = '';
let reporterName = '';

test.beforeAll(async ({}, testInfo) => {
  const employee = await signedIn(testInfo.project.use.baseURL, 'medarbetare');
  const me = (await (await employee.get('/api/me')).json()) as {
    displayName: string;
    unit: { id: string };
  };
  reporterName = me.displayName;
  const created = await employee.post('/api/reports', {
    data: {
      track: 'visselblasning',
      category: 'korruptionsforsok',
      confidentiality: 'confidential',
      unitId: me.unit.id,
      description:
        'En entreprenör erbjöd mig 20 000 kr kontant för att godkänna en avstängning utan tillstånd.',
      intake: { situation: 'forrattning_tillsyn_kontroll', repeated: false, acuteDanger: false },
    },
  });
  expect(created.status(), 'the employee files a confidential report').toBe(201);
  ({ id: caseId, reference } = (await created.json()) as { id: string; reference: string });
  await employee.dispose();
});

async function openCase(page: Page): Promise<void> {
  await page.goto(`/arenden/${caseId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ärende ${reference}`);
}

test('a handler triages a confidential bribery report, gets the identity approved and closes the case', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await login(page, 'handlaggare');

  await test.step('the inbox lists the new case; the reference search finds it', async () => {
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Ärenden' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ärenden');
    await page.getByRole('searchbox', { name: 'Ärendenummer' }).fill(reference);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`q=${reference}`));
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await expect(row).toContainText('Visselblåsning');
    await expect(row).toContainText('Korruptionsförsök');
    await expect(row).toContainText('Registrerad');
    await expect(row).toContainText(/Senast|Snart/);
    await expectAccessible(page, 'inbox filtered on a reference');
    await row.getByRole('link', { name: reference }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ärende ${reference}`);
  });

  await test.step('the case shows the report, the timers in words and no identity', async () => {
    await expect(page.getByText('En entreprenör erbjöd mig 20 000 kr')).toBeVisible();
    await expect(page.getByText('Syns aldrig för rapportören', { exact: false })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Bekräftelse av mottagande' })).toContainText(
      /Senast|Snart/,
    );
    await expect(page.getByText(reporterName)).toHaveCount(0);
    await expectAccessible(page, 'case page');
  });

  await test.step('triage: severity on the risk matrix and assigned to me', async () => {
    await page.getByRole('combobox', { name: 'Sannolikhet' }).click();
    await page.getByRole('option', { name: /^3 –/ }).click();
    await page.getByRole('combobox', { name: 'Konsekvens' }).click();
    await page.getByRole('option', { name: /^4 –/ }).click();
    await expect(page.getByText(/Riskvärde 12 \(3 × 4\): riskklass Hög/)).toBeVisible();
    await page.getByRole('combobox', { name: 'Handläggare' }).click();
    await page.getByRole('option', { name: /\(du\)/ }).click();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Under bedömning' }).click();
    await page.getByRole('button', { name: 'Spara bedömning' }).click();
    await expect(page.getByText('Bedömningen är sparad.')).toBeVisible();
    const overview = page.getByRole('region', { name: 'Översikt' });
    await expect(overview).toContainText('= 12 (Hög)');
    await expect(page.getByText('Status: Under bedömning')).toBeVisible();
  });

  await test.step('the handler asks to see the identity, with a motivation', async () => {
    await page.getByRole('button', { name: 'Begär att få se identiteten' }).click();
    await page.getByRole('button', { name: 'Skicka begäran' }).click();
    const motivation = page.getByRole('textbox', { name: 'Motivering' });
    await expect(motivation).toBeFocused();
    await motivation.fill('Rapportören behöver höras som vittne i polisens förundersökning.');
    await page.getByRole('button', { name: 'Skicka begäran' }).click();
    await expect(
      page.getByText('Din begäran väntar på beslut av identitetsansvarig.'),
    ).toBeVisible();
    await expectAccessible(page, 'identity requested');
  });

  await test.step('the custodian sees the request and the identity, not the case, and approves', async () => {
    const context = await browser.newContext();
    const custodian = await context.newPage();
    await login(custodian, 'identitet');
    await custodian
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Identitetsbegäran' })
      .click();
    await expect(custodian.getByRole('heading', { level: 1 })).toHaveText('Identitetsbegäran');
    const pending = custodian.getByRole('region', { name: 'Väntar på beslut' });
    await expect(pending).toContainText('Rapportören behöver höras som vittne');
    await expectAccessible(custodian, 'custodian list');
    await pending.getByRole('link', { name: new RegExp(reference) }).click();
    await expect(custodian.getByRole('heading', { level: 1 })).toContainText(reference);
    await expect(custodian.getByText(reporterName)).toBeVisible();
    await expect(custodian.getByText('En entreprenör erbjöd mig')).toHaveCount(0);
    await expect(custodian.locator('a[href^="/arenden"]')).toHaveCount(0);
    await expectAccessible(custodian, 'custodian request page');

    await custodian.getByRole('button', { name: 'Spara beslut' }).click();
    await expect(custodian.getByText('Välj godkänn eller avslå.')).toBeVisible();
    await custodian.getByRole('radio', { name: /Godkänn/ }).check();
    await custodian
      .getByRole('textbox', { name: 'Motivering' })
      .fill('Behövs för förundersökningen; uppgiften lämnas bara till handläggaren.');
    await custodian.getByRole('button', { name: 'Spara beslut' }).click();
    await expect(custodian.getByText('Begäran är godkänd.')).toBeVisible();
    await expect(custodian.getByRole('region', { name: 'Beslut' })).toContainText('Godkänd');
    await context.close();
  });

  await test.step('the handler now sees the identity; the view is logged', async () => {
    await openCase(page);
    await expect(page.getByText('Din begäran är godkänd.')).toBeVisible();
    await page.getByRole('button', { name: 'Visa identitet' }).click();
    const identity = page.getByRole('region', { name: 'Rapportörens identitet' });
    await expect(identity).toContainText(reporterName);
    await expect(identity).toContainText('Varje visning av identiteten loggas.');
    await expectAccessible(page, 'identity shown');
  });

  await test.step('a police report with its reference number is recorded', async () => {
    await page.getByRole('button', { name: 'Registrera åtgärd' }).click();
    await page.getByRole('combobox', { name: 'Åtgärd' }).click();
    await page.getByRole('option', { name: 'Polisanmälan' }).click();
    await page.getByRole('textbox', { name: 'Polisens diarienummer' }).fill(POLICE_REFERENCE);
    await page.getByRole('button', { name: 'Spara åtgärd' }).click();
    await expect(page.getByText('Åtgärden är registrerad.')).toBeVisible();
    const actions = page.getByRole('table', { name: 'Åtgärder i ärendet' });
    await expect(actions).toContainText('Polisanmälan');
    await expect(actions).toContainText(POLICE_REFERENCE);
  });

  await test.step('closing is explained as blocked while the legal timers run', async () => {
    const close = page.getByRole('region', { name: 'Avsluta ärendet' });
    await expect(close).toContainText('Bekräftelsen är varken skickad eller avstådd.');
    await expect(close.getByRole('button', { name: 'Avsluta ärendet' })).toHaveCount(0);
  });

  await test.step('the handler acknowledges receipt', async () => {
    const ack = page.getByRole('group', { name: 'Bekräftelse av mottagande' });
    await ack.getByRole('button', { name: 'Bekräfta eller avstå' }).click();
    await ack
      .getByRole('textbox', { name: 'Meddelande till rapportören' })
      .fill('Tack för din rapport. Vi har tagit emot den och utreder saken.');
    await ack.getByRole('button', { name: 'Skicka bekräftelse' }).click();
    await expect(page.getByText('Bekräftelsen är skickad.')).toBeVisible();
    await expect(ack).toContainText(/Klar \d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole('region', { name: 'Meddelanden med rapportören' })).toContainText(
      'Tack för din rapport.',
    );
  });

  await test.step('the handler gives feedback', async () => {
    const feedback = page.getByRole('group', { name: 'Återkoppling' });
    await feedback.getByRole('button', { name: 'Återkoppla eller avstå' }).click();
    await feedback.getByRole('button', { name: 'Skicka återkoppling' }).click();
    // empty feedback is refused in the form; the field says why and gets the focus
    await expect(feedback.getByText('Fyll i det här fältet.')).toBeVisible();
    await expect(
      feedback.getByRole('textbox', { name: 'Återkoppling till rapportören' }),
    ).toBeFocused();
    await feedback
      .getByRole('textbox', { name: 'Återkoppling till rapportören' })
      .fill('Händelsen är polisanmäld och entreprenörens avtal granskas.');
    await feedback.getByRole('button', { name: 'Skicka återkoppling' }).click();
    await expect(page.getByText('Återkopplingen är skickad.')).toBeVisible();
    await expect(feedback).toContainText(/Klar \d{4}-\d{2}-\d{2}/);
    await expectAccessible(page, 'timers ended');
  });

  await test.step('the handler closes the case after confirming', async () => {
    const close = page.getByRole('region', { name: 'Avsluta ärendet' });
    await close.getByRole('combobox', { name: 'Avslutskod' }).click();
    await page.getByRole('option', { name: 'Överlämnat till polis' }).click();
    await close
      .getByRole('textbox', { name: 'Sammanfattning' })
      .fill('Polisanmält; avtalet med entreprenören granskas av avtalscontroller.');
    await close.getByRole('button', { name: 'Avsluta ärendet' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Avsluta ${reference}?` });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, 'close confirmation');
    await dialog.getByRole('button', { name: 'Avsluta', exact: true }).click();
    await expect(page.getByText('Ärendet är avslutat.')).toBeVisible();
    await expect(close).toContainText('Överlämnat till polis');
    await expect(page.getByText('Status: Avslutad')).toBeVisible();
    await expectAccessible(page, 'closed case');
  });
});
