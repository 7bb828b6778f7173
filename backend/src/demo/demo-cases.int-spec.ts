import type { LocalDate } from '../core/domain/local-date';
import { CASE_STATUSES } from '../cases/domain/case-status';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatReceiptCode, parseReceiptCode } from '../cases/domain/receipt-code';
import { CaseEntity } from '../cases/entities/case.entity';
import { IncidentFactEntity } from '../cases/entities/incident-fact.entity';
import { DeadlineReminders } from '../cases/lifecycle/deadline-reminders.job';
import { PurgeService } from '../cases/lifecycle/purge.service';
import { NotificationEntity } from '../core/notify/entities/notification.entity';
import { describeEachEngine, TestApp } from '../testing/test-app';
import { UserEntity } from '../users/entities/user.entity';
import { DEMO_ALTERNATE_HANDLER, DEMO_RECEIPT_CODE } from './demo-cases';
import { DEMO_PASSWORD } from './demo-data';
import { DemoSeeder } from './demo.seeder';

interface Summary {
  id: string;
  reference: string;
  status: string;
  track: string;
  deadlineState: string | null;
}

describeEachEngine('Demo cases', (engine) => {
  let t: TestApp;
  let all: CaseEntity[];
  beforeAll(async () => {
    t = await TestApp.start(engine);
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
    all = await t.dataSource.getRepository(CaseEntity).find({ order: { receivedAt: 'ASC' } });
  });
  afterAll(() => t.stop());

  it('covers every status and both tracks, through the real services (sealed, numbered)', () => {
    expect(new Set(all.map((c) => c.status))).toEqual(new Set(CASE_STATUSES));
    expect(new Set(all.map((c) => c.track))).toEqual(new Set(['paverkan', 'visselblasning']));
    expect(new Set(all.map((c) => c.confidentiality))).toEqual(
      new Set(['identified', 'confidential', 'anonymous']),
    );
    for (const c of all.filter((x) => x.status !== 'gallrad')) {
      expect(c.wrappedKey).not.toBeNull();
      expect(c.contentSealed).not.toContain('Järntorget');
    }
    expect(new Set(all.map((c) => c.reference)).size).toBe(all.length);
    // received over three years, not all at seeding time
    expect(+all[all.length - 1].receivedAt - +all[0].receivedAt).toBeGreaterThan(
      3 * 365 * 86_400_000,
    );
  });

  it('the demo handler sees deadlines overdue and due soon, and never the report about herself', async () => {
    const karin = await t.login('handlaggare', DEMO_PASSWORD);
    const inbox = (await karin.get('/api/cases').query({ limit: 100 }).expect(200)).body as {
      items: Summary[];
    };
    const jav = all.find((c) => c.routedAwayFrom !== null)!;
    const karinId = (
      await t.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'handlaggare' })
    ).id;
    expect(jav.routedAwayFrom).toBe(karinId);
    expect(inbox.items.map((i) => i.id)).not.toContain(jav.id);
    expect(inbox.items).toHaveLength(all.length - 1);
    await karin.get(`/api/cases/${jav.id}`).expect(404);

    const board = (await karin.get('/api/cases/deadlines').expect(200)).body as {
      items: Array<{ kind: string; state: string }>;
    };
    const kinds = board.items.map((i) => `${i.state}:${i.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'overdue:acknowledgement',
        'overdue:feedback',
        'due_soon:acknowledgement',
        'due_soon:feedback',
      ]),
    );

    // the alternate handler has it
    const alternate = await t.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ username: DEMO_ALTERNATE_HANDLER });
    expect(jav.assigneeId).toBe(alternate.id);
  });

  it('the published receipt code opens the anonymous report with the handler’s question', async () => {
    expect(parseReceiptCode(DEMO_RECEIPT_CODE)).toEqual({ ok: true, code: DEMO_RECEIPT_CODE });
    // the code the README and the demo banner publish is this one
    const root = join(__dirname, '../../..');
    for (const file of ['README.md', 'tools/demo.mjs'])
      expect(readFileSync(join(root, file), 'utf8')).toContain(
        formatReceiptCode(DEMO_RECEIPT_CODE),
      );
    const anon = t.http();
    const res = await anon
      .post('/api/public/session')
      .send({ receiptCode: DEMO_RECEIPT_CODE })
      .expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const view = (await anon.get('/api/public/report').set('Cookie', cookie).expect(200)).body as {
      status: string;
      messages: Array<{ from: string; body: string }>;
    };
    expect(view.status).toBe('under_bedomning');
    expect(view.messages.map((m) => m.from)).toEqual(['handler', 'handler']);
    expect(view.messages[1].body).toContain('brukar ordna sig');
  });

  it('the demo custodian has one pending identity request; the demo employee has reports of their own', async () => {
    const custodian = await t.login('identitet', DEMO_PASSWORD);
    const pending = (
      await custodian.get('/api/identity-requests').query({ status: 'pending' }).expect(200)
    ).body as Array<{ caseReference: string; status: string }>;
    expect(pending).toHaveLength(1);
    expect(pending[0].status).toBe('pending');

    const employee = await t.login('medarbetare', DEMO_PASSWORD);
    const mine = (await employee.get('/api/reports/mine').expect(200)).body as {
      items: Array<{ unreadMessages: number }>;
    };
    expect(mine.items).toHaveLength(2);
  });

  it('two closed cases are due for purging today, the one under legal hold is not; one is already purged', async () => {
    const today = t.app.get(PurgeService).today();
    const dry = await t.app.get(PurgeService).run({ asOf: today, dryRun: true, via: 'cli' });
    expect(dry.cases).toHaveLength(2);
    const held = all.find((c) => c.legalHold)!;
    expect(held.status).toBe('avslutad');
    expect(held.purgeDueOn! <= today).toBe(true);
    expect(dry.cases.map((c) => c.id)).not.toContain(held.id);
    // closed recently: due in the future
    const later = await t.app
      .get(PurgeService)
      .run({ asOf: '2030-01-01' as LocalDate, dryRun: true, via: 'cli' });
    expect(later.cases.length).toBeGreaterThan(dry.cases.length);

    const purged = all.filter((c) => c.status === 'gallrad');
    expect(purged).toHaveLength(1);
    expect(purged[0]).toMatchObject({
      wrappedKey: null,
      contentSealed: null,
      identitySealed: null,
    });
    // every triaged case wrote a de-identified fact, the purged one's included (other demo
    // statistics may add facts of their own)
    expect(await t.dataSource.getRepository(IncidentFactEntity).count()).toBeGreaterThanOrEqual(
      all.filter((c) => c.triagedAt).length,
    );
  });

  it('the deadline job reminds and escalates at once on the overdue demo cases', async () => {
    const r = await t.app.get(DeadlineReminders).run(t.clock.now());
    expect(r.reminders).toBeGreaterThanOrEqual(2);
    expect(r.escalations).toBeGreaterThanOrEqual(2);
    const kinds = (await t.dataSource.getRepository(NotificationEntity).find({})).map(
      (n) => n.kind,
    );
    expect(kinds).toContain('case.deadline_missed');
  });
});

describeEachEngine('Demo cases seeded just after midnight', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start(engine)));
  afterAll(() => t.stop());

  // 00:30 in Stockholm in summer time: a step run "27 days and 3 hours ago" falls on the day
  // before "27 days ago", and a date taken from the latter was refused as in the future
  it('seeds without a date in the future at any hour of the day', async () => {
    t.clock.set(new Date('2026-06-30T22:30:00Z'));
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
    expect(await t.dataSource.getRepository(CaseEntity).count()).toBeGreaterThan(10);
  });
});
