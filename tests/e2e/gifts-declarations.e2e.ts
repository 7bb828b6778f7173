import { expect, request, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login } from './fixtures';

/** Answers the gift guide's current question and waits for the next heading to take focus. */
async function answer(page: Page, choice: 'Ja' | 'Nej'): Promise<void> {
  const group = page.locator('mat-radio-group');
  await group.getByRole('radio', { name: choice, exact: true }).check();
  await page.getByRole('button', { name: 'Nästa fråga' }).click();
}

async function next(page: Page, heading: string): Promise<void> {
  await page.getByRole('button', { name: 'Nästa', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeFocused();
}

/** A supplier with contracts in the demo controller's scope that nobody has declared yet. */
async function undeclaredSupplier(baseURL: string) {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', {
    data: { username: 'controller', password: DEMO_PASSWORD },
  });
  expect(res.ok()).toBe(true);
  const page = (await (await api.get('/api/contracts?limit=100&sort=title')).json()) as {
    items: Array<{
      id: string;
      supplierId: string;
      supplierName: string;
      supplierOrganisationNumber: string;
      declaredInterest: boolean;
    }>;
  };
  const flagged = new Set(page.items.filter((c) => c.declaredInterest).map((c) => c.supplierId));
  const c = page.items.find((x) => !flagged.has(x.supplierId));
  if (!c) throw new Error('no undeclared supplier in the demo');
  await api.dispose();
  return c;
}

test('gift guide → report; annual declaration → manager decision → the controller’s flag', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const target = await undeclaredSupplier(baseURL!);
  const what = `Konsertbiljett ${Date.now()}`;

  // --- the employee asks "Får jag ta emot detta?" about a concert ticket from a contractor
  await login(page, 'medarbetare');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.getByRole('link', { name: 'Gåvor och förmåner' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gåvor och förmåner');
  await page.getByLabel('Givare (person eller företag)').first().fill(target.supplierName);
  await page.getByLabel('Vad erbjöds?').first().fill(what);
  await page.getByLabel('Uppskattat värde').first().fill('1200');
  await expectAccessible(page, 'gift guide start');
  await page.getByRole('button', { name: 'Starta gåvoguiden' }).click();
  await expect(
    page.getByRole('heading', { level: 3, name: /Fråga 1: Är det pengar/ }),
  ).toBeFocused();
  await answer(page, 'Nej');
  await expect(page.getByRole('heading', { level: 3, name: /Fråga 2: Har givaren/ })).toBeFocused();
  await expectAccessible(page, 'gift guide question');
  // going back and forth keeps the path
  await page.getByRole('button', { name: 'Tillbaka' }).click();
  await expect(page.getByRole('heading', { level: 3, name: /Fråga 1:/ })).toBeFocused();
  await answer(page, 'Nej');
  await answer(page, 'Ja');
  await expect(page.getByRole('heading', { level: 3, name: /Fråga 3: Deltar du/ })).toBeFocused();
  await answer(page, 'Ja');
  const outcome = page.getByRole('heading', { level: 3, name: /Utfall C:/ });
  await expect(outcome).toHaveText(/Tacka nej och rapportera/);
  await expect(outcome).toBeFocused();
  await expect(page.getByTestId('guide-outcome')).toContainText('Givaren har ett intresse hos dig');
  await expectAccessible(page, 'gift guide outcome');

  // --- … and files the prefilled influence report, reviewing every step
  await page.getByRole('button', { name: 'Rapportera som möjligt påverkansförsök' }).click();
  await expect(page).toHaveURL(/\/rapportera$/);
  await expect(page.getByText('Vi har fyllt i det du skrev tidigare')).toBeVisible();
  await page.getByRole('radio', { name: 'Nej' }).check();
  await next(page, 'Vad gäller det?');
  await expect(page.getByRole('radio', { name: /Påverkan/ }).first()).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Vilken händelse passar bäst?' })).toContainText(
    'Gåva/förmån från part',
  );
  await next(page, 'Vad hände?');
  await expect(page.getByRole('textbox', { name: 'Beskriv vad som hände' })).toHaveValue(
    new RegExp(what),
  );
  await next(page, 'Mer information');
  await next(page, 'Bilagor');
  await next(page, 'Vem du är');
  await page.getByRole('radio', { name: 'Konfidentiell' }).check();
  await next(page, 'Granska och skicka');
  await page.getByRole('button', { name: 'Skicka rapporten' }).click();
  await expect(page.getByText(/Din rapport är skickad och har ärendenummer VRN-/)).toBeVisible();

  // --- the employee files an annual declaration naming a relative's company
  await nav.getByRole('link', { name: 'Jäv och intressen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jäv och intressen');
  await expectAccessible(page, 'my declarations');
  await page.getByRole('link', { name: 'Ny deklaration' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jävs- och intressedeklaration');
  await expect(page.getByRole('radio', { name: /Årlig deklaration/ })).toBeChecked();
  await page.getByLabel('Befattning eller roll').fill('Parkeringsvakt');
  await page.getByRole('button', { name: 'Lägg till ett intresse' }).click();
  await expect(page.getByRole('combobox', { name: 'Typ av intresse' })).toBeFocused();
  await page.getByRole('combobox', { name: 'Typ av intresse' }).click();
  await page.getByRole('option', { name: 'Närståendes intressen' }).click();
  await page.getByLabel('Beskriv intresset').fill('Min syster äger företaget.');
  await page.getByLabel('Företag eller organisation').fill(target.supplierName);
  await page.getByLabel('Organisationsnummer').fill(target.supplierOrganisationNumber);
  await page.getByRole('combobox', { name: 'Din bedömning av jäv' }).click();
  await page.getByRole('option', { name: 'Släktskapsjäv' }).click();
  await page.getByRole('combobox', { name: 'Föreslagen hantering' }).click();
  await page.getByRole('option', { name: 'Avstå från ärendet' }).click();
  // the affirmation is required
  await page.getByRole('button', { name: 'Skicka deklarationen' }).click();
  await expect(page.getByText('Du behöver bekräfta försäkran för att skicka.')).toBeVisible();
  await expectAccessible(page, 'declaration form');
  await page.getByRole('checkbox', { name: /Jag försäkrar/ }).check();
  await page.getByRole('button', { name: 'Skicka deklarationen' }).click();
  await expect(page).toHaveURL(/\/jav\/deklarationer\//);
  const declarationUrl = page.url();
  await expect(
    page.getByText('Väntar på beslut av chefen över medarbetarens enhet.'),
  ).toBeVisible();
  await expectAccessible(page, 'declaration');

  // --- the manager decides on it
  await page.context().clearCookies();
  await login(page, 'chef');
  await page.goto('/jav');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Väntar på ditt beslut' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Vem har en gällande deklaration?' }),
  ).toBeVisible();
  await expectAccessible(page, 'manager declarations');
  await page.goto(declarationUrl);
  await expect(page.getByText('Min syster äger företaget.')).toBeVisible();
  await page.getByRole('button', { name: 'Spara beslutet' }).click();
  await expect(page.getByText('Välj en hantering.')).toBeVisible();
  await page.getByRole('radio', { name: 'Omfördela ärendet' }).check();
  await page.getByLabel('Motivering').fill('Ahmed deltar inte i uppföljningen av avtalet.');
  await expectAccessible(page, 'decision form');
  await page.getByRole('button', { name: 'Spara beslutet' }).click();
  await expect(page.getByTestId('declaration-decision')).toContainText('Omfördela ärendet');

  // --- the declarant sees the decision
  await page.context().clearCookies();
  await login(page, 'medarbetare');
  await page.goto(declarationUrl);
  await expect(page.getByTestId('declaration-decision')).toContainText('Omfördela ärendet');
  await expect(page.getByText('Ahmed deltar inte i uppföljningen av avtalet.')).toBeVisible();

  // --- the controller sees the neutral flag on that supplier's contracts, and nothing more
  await page.context().clearCookies();
  await login(page, 'controller');
  await page.goto(`/avtal/${target.id}`);
  await expect(page.getByTestId('declared-interest')).toHaveText(
    'Deklarerat intresse hos leverantören',
  );
  await expect(page.getByText('Vem och vad visas inte här')).toBeVisible();
  await expect(page.getByText('Min syster')).toHaveCount(0);
  await expect(page.getByText('Ahmed Hassan')).toHaveCount(0);
  await expectAccessible(page, 'contract with flag');
  await page.goto('/avtal');
  await page.getByRole('searchbox', { name: 'Sök' }).fill(target.supplierName);
  await expect(
    page
      .locator('tr')
      .filter({ hasText: target.supplierName })
      .first()
      .getByTestId('declared-interest'),
  ).toBeVisible();
  // the controller has no gift register or declarations of others
  await page.goto('/jav');
  await expect(page.getByRole('heading', { level: 2, name: 'Väntar på ditt beslut' })).toHaveCount(
    0,
  );
});

test('an administrator revises the gift guide: an unreachable question is refused, a text change is a new version', async ({
  page,
}) => {
  await login(page, 'admin');
  await page.goto('/gavor');
  await page.getByRole('link', { name: 'Redigera gåvoguidens regler' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gåvoguidens regler');
  await expect(page.getByText('Du redigerar version 1')).toBeVisible();
  await expectAccessible(page, 'gift guide rules');
  // question 0 "no" straight to outcome A leaves every later question unreachable
  await page.getByTestId('pengar-no').click();
  await page.getByRole('option', { name: /Utfall A:/ }).click();
  await page.getByRole('button', { name: 'Spara som ny version' }).click();
  await expect(page.getByText(/Fråga 1: frågan kan inte nås/)).toBeVisible();
  await expect(page.locator('#rules-problem')).toBeFocused();
  await page.getByRole('button', { name: 'Ångra ändringarna' }).click();
  const help = page.getByRole('textbox', { name: 'Hjälptext' }).first();
  await help.fill('Pengar, presentkort och rabatter tar du aldrig emot – oavsett belopp.');
  await page.getByRole('button', { name: 'Spara som ny version' }).click();
  await expect(page.getByText('Du redigerar version 2')).toBeVisible();
});
