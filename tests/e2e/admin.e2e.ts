import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, login } from './fixtures';

/**
 * The administrator's day: a unit is added, renamed and deactivated; a new person gets an
 * account and a role; that person signs in for the first time and chooses a password; the audit
 * log shows what happened. The new account is homed in HR (Stab), outside "Parkering och
 * trafikövervakning", so the manager journey's count is unaffected.
 */
const UNIT = 'Kommunikation';
const RENAMED = 'Kommunikation och press';
const NEW_USER = {
  username: 'e2e.elsa',
  name: 'Elsa Berglund',
  email: 'elsa.berglund@trafik.example.se',
};
const TEMP_PASSWORD = 'Tillfälligt-Kanotpaddel-7391';
const OWN_PASSWORD = 'Solros Hamnkran Vinterbad 84';

const unitRow = (page: Page, name: string) =>
  page.locator('.row').filter({ has: page.getByText(name, { exact: true }) });

async function openUnitMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Åtgärder för ${name}`, exact: true }).click();
  await expect(page.getByRole('menu')).toBeVisible();
}

test('administrator manages a unit, creates a user with a role; the user chooses a password', async ({
  page,
}) => {
  test.setTimeout(120_000);

  await test.step('organisation: the root cannot be moved, deactivated or deleted', async () => {
    await login(page, 'admin');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisation');
    await openUnitMenu(page, 'Trafikförvaltningen');
    await expect(page.getByRole('menuitem')).toHaveText([
      'Lägg till underenhet',
      'Ändra namn eller typ',
    ]);
    await expectAccessible(page, 'root unit menu open');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
  });

  await test.step('add a unit under Stab through the dialog', async () => {
    await openUnitMenu(page, 'Stab');
    await page.getByRole('menuitem', { name: 'Lägg till underenhet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny enhet under Stab' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Namn')).toBeFocused();
    // an empty name is caught in the browser, next to the field
    await dialog.getByRole('button', { name: 'Lägg till' }).click();
    await expect(dialog.getByLabel('Namn')).toHaveAccessibleDescription('Fyll i det här fältet.');
    await expect(dialog.getByRole('combobox', { name: 'Typ' })).toHaveText('Enhet');
    // only the root is a förvaltning
    await dialog.getByRole('combobox', { name: 'Typ' }).click();
    await expect(page.getByRole('option')).toHaveText(['Avdelning', 'Enhet']);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('option')).toHaveCount(0);
    await expectAccessible(page, 'new unit dialog with an error');
    await dialog.getByLabel('Namn').fill(UNIT);
    await dialog.getByRole('button', { name: 'Lägg till' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${UNIT} är tillagd.`)).toBeVisible();
    await expect(unitRow(page, UNIT)).toContainText('Enhet');
  });

  await test.step('rename it', async () => {
    await openUnitMenu(page, UNIT);
    await page.getByRole('menuitem', { name: 'Ändra namn eller typ' }).click();
    const dialog = page.getByRole('dialog', { name: `Ändra ${UNIT}` });
    await expect(dialog.getByLabel('Namn')).toHaveValue(UNIT);
    await expectAccessible(page, 'edit unit dialog');
    await dialog.getByLabel('Namn').fill(RENAMED);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Ändringarna för ${RENAMED} är sparade.`)).toBeVisible();
    await expect(unitRow(page, RENAMED)).toBeVisible();
    await expect(unitRow(page, UNIT)).toHaveCount(0);
  });

  await test.step('deactivate it: the state is shown as the word "Inaktiv"', async () => {
    await expect(unitRow(page, RENAMED).getByText('Inaktiv', { exact: true })).toHaveCount(0);
    await openUnitMenu(page, RENAMED);
    await page.getByRole('menuitem', { name: 'Inaktivera' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Inaktivera ${RENAMED}?` });
    await expect(confirm).toBeVisible();
    // the safe choice has the focus
    await expect(confirm.getByRole('button', { name: 'Avbryt' })).toBeFocused();
    await expectAccessible(page, 'deactivate confirmation');
    await confirm.getByRole('button', { name: 'Inaktivera' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText(`${RENAMED} är inaktiverad.`)).toBeVisible();
    await expect(unitRow(page, RENAMED).getByText('Inaktiv', { exact: true })).toBeVisible();
    await openUnitMenu(page, RENAMED);
    await expect(page.getByRole('menuitem', { name: 'Aktivera' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'organisation with an inactive unit');
  });

  await test.step('create a user with a temporary password', async () => {
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Användare' })
      .click();
    await page.getByRole('link', { name: 'Ny användare' }).click();
    await expect(page).toHaveURL(/\/admin\/anvandare\/ny$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ny användare');

    // nothing filled in: every required field says so, and focus goes to the first one
    await page.getByRole('button', { name: 'Skapa användare' }).click();
    await expect(page.getByLabel('Användarnamn')).toBeFocused();
    await expect(page.getByLabel('Användarnamn')).toHaveAccessibleDescription(
      'Fyll i det här fältet.',
    );
    await expectAccessible(page, 'user form with errors');

    await page.getByLabel('Användarnamn').fill(NEW_USER.username);
    await page.getByLabel('Namn', { exact: true }).fill(NEW_USER.name);
    await page.getByLabel('E-post').fill(NEW_USER.email);
    const unit = page.getByRole('combobox', { name: 'Enhet' });
    await unit.click();
    // an inactive unit cannot be anyone's home unit
    await expect(page.getByRole('option', { name: RENAMED })).toHaveCount(0);
    await page.getByRole('option', { name: 'HR', exact: true }).click();
    await expect(unit).toHaveText('HR');
    await page.getByLabel('Tillfälligt lösenord').fill(TEMP_PASSWORD);
    await page.getByRole('button', { name: 'Skapa användare' }).click();

    await expect(page).toHaveURL(/\/admin\/anvandare\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEW_USER.name);
    await expect(page.getByText(`${NEW_USER.name} är skapad.`)).toBeVisible();
    await expect(page.getByText('Måste byta lösenord', { exact: true })).toBeVisible();
    await expect(page.getByText('Personen har inga roller ännu.', { exact: false })).toBeVisible();
  });

  await test.step('grant the role Chef for Stab', async () => {
    const role = page.getByRole('combobox', { name: 'Roll' });
    await role.click();
    await page.getByRole('option', { name: 'Chef', exact: true }).click();
    await page.getByRole('combobox', { name: 'Gäller för enhet' }).click();
    await page.getByRole('option', { name: 'Stab', exact: true }).click();
    await page.getByRole('button', { name: 'Lägg till roll' }).click();
    await expect(page.getByText('Rollen Chef är tillagd.')).toBeVisible();
    const roles = page.getByRole('region', { name: 'Roller' }).getByRole('listitem');
    await expect(roles).toHaveCount(1);
    await expect(roles.first()).toContainText('Chef');
    await expect(roles.first()).toContainText('för Stab');
    await expectAccessible(page, 'user page with a role');
  });

  await test.step('sign out', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await expect(page).toHaveURL(/\/logga-in/);
    await expect(page.getByText('Du är utloggad.')).toBeVisible();
  });

  await test.step('the new user must choose an own password at first sign-in', async () => {
    await login(page, NEW_USER.username, TEMP_PASSWORD);
    await expect(page).toHaveURL(/\/byt-losenord$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välj ett eget lösenord');
    // nothing else is offered until the password is changed
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
    await page.goto('/min-sida');
    await expect(page).toHaveURL(/\/byt-losenord$/);
    await expectAccessible(page, 'forced password change');

    // on this page the current password is the temporary one, and the label says so
    await page.getByLabel('Tillfälligt lösenord').fill(TEMP_PASSWORD);
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('för kort');
    await page.getByLabel('Upprepa det nya lösenordet').fill('för kort');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await expect(page.getByLabel('Nytt lösenord', { exact: true })).toHaveAccessibleDescription(
      'Lösenordet måste ha minst 12 tecken.',
    );
    await expect(page).toHaveURL(/\/byt-losenord$/);
    await expectAccessible(page, 'forced password change with a too short password');

    await page.getByLabel('Nytt lösenord', { exact: true }).fill(OWN_PASSWORD);
    await page.getByLabel('Upprepa det nya lösenordet').fill(OWN_PASSWORD);
    await page.getByRole('button', { name: 'Byt lösenord' }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Välkommen, ${NEW_USER.name}`);
    await expect(page.getByText('Lösenordet är bytt.')).toBeVisible();
    const roles = page.getByRole('region', { name: 'Dina roller' });
    await expect(roles.getByRole('listitem')).toHaveCount(1);
    await expect(roles.getByRole('listitem')).toContainText(['Chef']);
    await expect(roles.getByRole('listitem')).toContainText(['för Stab']);
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link')).toHaveText([
      'Start',
      'Rapportera',
      'Mina rapporter',
      'Min sida',
      'Stödmaterial',
      'Gåvor och förmåner',
      'Jäv och intressen',
      'Leverantörer',
      'Avtal',
      'Riskregister',
      'Avtalsuppföljning',
      'Översikt',
      'Händelsestatistik',
      'Användare',
      'Riskmatris',
    ]);
    await expectAccessible(page, 'start page of the new manager');
  });

  await test.step('the audit log shows the account and the role being created', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    // sign-out loads the login page afresh: wait for it before navigating on
    await expect(page).toHaveURL(/\/logga-in\?anledning=utloggad$/);
    await login(page, 'admin');
    await page.goto('/granskningslogg');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Granskningslogg');
    const actions = page.getByRole('table').getByRole('row').locator('td:nth-child(3)');
    await expect(actions.first()).toBeVisible();
    const labels = await actions.allTextContents();
    for (const label of [
      'Användare skapad',
      'Roll tilldelad',
      'Lösenord bytt',
      'Enhet skapad',
      'Enhet ändrad',
      'Enhet inaktiverad',
    ]) {
      expect(
        labels.map((l) => l.trim()),
        label,
      ).toContain(label);
    }
    // no raw action codes anywhere in the table
    expect(labels.filter((l) => /^[a-z_]+\.[a-z_]+$/.test(l.trim()))).toEqual([]);
    await expectAccessible(page, 'audit log');
  });
});
