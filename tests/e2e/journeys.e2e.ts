import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  expect,
  request as apiRequest,
  test,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login } from './fixtures';
import { E2E_DATABASE, E2E_MASTER_KEY } from './playwright.config';

/**
 * The journeys that cross roles: an anonymous reporter and a handler talk through the case
 * (question, answer), and the retention purge, run as of a date past retention, leaves a
 * tombstone while the statistics stay the same.
 */

const ROOT = join(__dirname, '..', '..');

async function signedIn(baseURL: string | undefined, username: string): Promise<APIRequestContext> {
  const context = await apiRequest.newContext({ baseURL });
  const response = await context.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  expect(response.status(), `sign-in as ${username}`).toBe(200);
  return context;
}

async function openCaseByReference(page: Page, reference: string): Promise<void> {
  await page.goto(`/arenden?q=${encodeURIComponent(reference)}`);
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ärende ${reference}`);
}

test('an anonymous reporter reads the handler’s question with the receipt code and answers it', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const question = 'Vilken dag och vid vilken tid kom mannen till kontoret?';
  const answer = 'Det var tisdagen den 3 november vid tretiden, efter lunch.';

  // the report itself is filed through the public API (the form has its own journey)
  const anonymous = await apiRequest.newContext({ baseURL });
  const created = await anonymous.post('/api/public/reports', {
    data: {
      track: 'paverkan',
      category: 'hot',
      description: 'En besökare hotade att skada mig om jag inte drog tillbaka ett föreläggande.',
      unitId: (
        (await (await anonymous.get('/api/public/intake')).json()) as {
          units: Array<{ id: string }>;
        }
      ).units[0].id,
    },
  });
  expect(created.status()).toBe(201);
  const { receiptCode } = (await created.json()) as { receiptCode: string };
  const session = await anonymous.post('/api/public/session', { data: { receiptCode } });
  const { reference } = (await session.json()) as { reference: string };
  await anonymous.dispose();

  await test.step('the handler asks the reporter a question', async () => {
    await login(page, 'handlaggare');
    await openCaseByReference(page, reference);
    const thread = page.getByRole('region', { name: 'Meddelanden med rapportören' });
    await thread.getByRole('textbox', { name: 'Nytt meddelande till rapportören' }).fill(question);
    await thread.getByRole('button', { name: 'Skicka till rapportören' }).click();
    await expect(thread).toContainText(question);
  });

  await test.step('the reporter returns with the code, reads the question and answers', async () => {
    const reporter = await browser.newContext({ locale: 'sv-SE' });
    const anon = await reporter.newPage();
    await anon.goto('/anonym/logga-in');
    await anon.getByRole('textbox', { name: 'Kod (16 siffror)' }).fill(receiptCode);
    await anon.getByRole('button', { name: 'Öppna rapporten' }).click();
    await expect(anon.getByRole('heading', { level: 1 })).toHaveText(`Din rapport ${reference}`);
    await expect(anon.locator('ol.thread')).toContainText(question);
    await expectAccessible(anon, 'anonymous report with a question');
    await anon.getByRole('textbox', { name: 'Ditt meddelande' }).fill(answer);
    await anon.getByRole('button', { name: 'Skicka meddelandet' }).click();
    await expect(anon.locator('ol.thread')).toContainText(answer);
    await reporter.close();
  });

  await test.step('the handler sees the answer in the case', async () => {
    await page.reload();
    await expect(page.getByRole('region', { name: 'Meddelanden med rapportören' })).toContainText(
      answer,
    );
  });
});

test('the purge, run as of a date past retention, makes a case unreadable while the statistics remain', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const handler = await signedIn(baseURL, 'handlaggare');
  // the closed demo case whose retention runs out first (cases already due were taken by the
  // purge job when the server started), and the statistics of the handler's scope
  const closed = (await (await handler.get('/api/cases?status=avslutad&limit=100')).json()) as {
    items: Array<{ id: string; reference: string }>;
  };
  let target: { id: string; reference: string; purgeDueOn: string } | undefined;
  for (const c of closed.items) {
    const detail = (await (await handler.get(`/api/cases/${c.id}`)).json()) as {
      purgeDueOn: string | null;
      legalHold: boolean;
    };
    if (
      detail.purgeDueOn &&
      !detail.legalHold &&
      (!target || detail.purgeDueOn < target.purgeDueOn)
    )
      target = { ...c, purgeDueOn: detail.purgeDueOn };
  }
  expect(target, 'the demo has a closed case that is not under legal hold').toBeDefined();
  const statsBefore = await (await handler.get('/api/heatmaps/incidents?by=quarter')).text();

  await login(page, 'handlaggare');
  await openCaseByReference(page, target!.reference);
  await expect(page.getByText(/gallrades/)).toHaveCount(0);

  await test.step('npm run varn -- purge --as-of <its purge date> purges it', () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'dist/backend/cli.js'), 'purge', '--as-of', target!.purgeDueOn],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          NODE_ENV: 'development',
          DATABASE_URL: `sqlite:${E2E_DATABASE}`,
          VARN_MASTER_KEY: E2E_MASTER_KEY,
          LOG_LEVEL: 'error',
        },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(target!.reference);
  });

  await test.step('the case is a tombstone: status Gallrad, no content', async () => {
    await page.reload();
    await expect(page.getByText(/Personuppgifterna i ärendet gallrades/)).toBeVisible();
    const detail = (await (await handler.get(`/api/cases/${target!.id}`)).json()) as {
      status: string;
      description: string | null;
    };
    expect(detail.status).toBe('gallrad');
    expect(detail.description ?? null).toBeNull();
    await expectAccessible(page, 'purged case');
  });

  await test.step('the statistics are unchanged', async () => {
    expect(await (await handler.get('/api/heatmaps/incidents?by=quarter')).text()).toBe(
      statsBefore,
    );
  });
  await handler.dispose();
});
