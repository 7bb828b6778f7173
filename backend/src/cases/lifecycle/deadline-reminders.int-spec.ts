import { randomUUID } from 'node:crypto';
import { JobScheduler } from '../../core/jobs/job-scheduler';
import { NotificationEntity } from '../../core/notify/entities/notification.entity';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../../testing/test-app';
import type { UserEntity } from '../../users/entities/user.entity';
import { deadlineColumns } from '../case-timers';
import { CasesRepository } from '../cases.repository';
import type { Track } from '../domain/taxonomy';
import { CaseEntity } from '../entities/case.entity';
import { DEADLINES_JOB, DeadlineReminders } from './deadline-reminders.job';

/** Monday 2 March 2026, 09:00 in Stockholm: the acknowledgement is due on 9 March. */
const RECEIVED = new Date('2026-03-02T08:00:00Z');
/** Noon in Stockholm on a day of March 2026 (UTC+1). */
const march = (day: number) => new Date(Date.UTC(2026, 2, day, 11, 0, 0));

interface CaseOpts {
  track?: Track;
  receivedAt?: Date;
  assigneeId?: string | null;
  routedAwayFrom?: string | null;
  status?: CaseEntity['status'];
  ackEndedAt?: Date | null;
}

describeEachEngine('Case deadlines: reminders and escalation (job)', (engine) => {
  let t: TestApp;
  let unitA1: TestUnit;
  /** Handlers: over department A, over unit A1, over the root; routed-away one over A; in B. */
  let hA: UserEntity;
  let hA1: UserEntity;
  let hRoot: UserEntity;
  let hAway: UserEntity;
  let hB: UserEntity;
  let staff: UserEntity;
  /** Holds the handler role and a role barred from cases (separation of duties). */
  let hChef: UserEntity;

  beforeAll(async () => {
    t = await TestApp.start(engine);
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avdelning A'), root, 'avdelning');
    const b = await t.unit(uniq('Avdelning B'), root, 'avdelning');
    unitA1 = await t.unit(uniq('Enhet A1'), a);
    hA = await t.user(uniq('ha'), a, [['handlaggare', a]]);
    hA1 = await t.user(uniq('ha1'), unitA1, [['handlaggare', unitA1]]);
    hRoot = await t.user(uniq('hroot'), root, [['handlaggare', root]]);
    hAway = await t.user(uniq('haway'), a, [['handlaggare', a]]);
    hB = await t.user(uniq('hb'), b, [['handlaggare', b]]);
    staff = await t.user(uniq('staff'), unitA1, [['medarbetare', unitA1]]);
    hChef = await t.user(uniq('hchef'), root, [
      ['handlaggare', root],
      ['chef', a],
    ]);
  });
  afterAll(() => t.stop());

  /** A case row with its deadline columns as the domain derives them (no content needed here). */
  async function makeCase(o: CaseOpts = {}, unit: TestUnit = unitA1): Promise<CaseEntity> {
    const receivedAt = o.receivedAt ?? RECEIVED;
    const ackEndedAt = o.ackEndedAt ?? null;
    const facts = {
      track: o.track ?? 'visselblasning',
      receivedAt,
      ackEndedAt,
      ackEndKind: ackEndedAt ? ('sent' as const) : null,
      ackWaiverReason: null,
      feedbackEndedAt: null,
      feedbackEndKind: null,
    };
    const repo = t.app.get(CasesRepository);
    const row = await t.db.transaction(async () => {
      const ref = await repo.nextReference(2026);
      const c: CaseEntity = {
        id: randomUUID(),
        ...ref,
        ...facts,
        ...deadlineColumns(facts),
        category: 'hot',
        irregularityKind: null,
        confidentiality: 'anonymous',
        status: o.status ?? 'registrerad',
        unitId: unit.id,
        assigneeId: o.assigneeId ?? null,
        routedAwayFrom: o.routedAwayFrom ?? null,
        reporterTag: null,
        receiptHash: null,
        feedbackWaiverReason: null,
        ackReminderAt: null,
        ackEscalatedAt: null,
        feedbackReminderAt: null,
        feedbackEscalatedAt: null,
        severityLikelihood: null,
        severityConsequence: null,
        severityScore: null,
        severityBand: null,
        matrixVersion: null,
        triagedAt: null,
        supplierId: null,
        closedAt: null,
        closingCode: null,
        legalHold: false,
        purgeDueOn: null,
        purgedAt: null,
        wrappedKey: null,
        contentSealed: null,
        identitySealed: null,
        lastReporterActivityAt: null,
        createdAt: receivedAt,
        updatedAt: receivedAt,
        version: 1,
      };
      await repo.insert(c);
      return c;
    });
    return row;
  }

  /** The notifications about one case: recipient and kind, sorted. */
  async function notified(caseId: string): Promise<Array<[string, string]>> {
    const rows = await t.dataSource.getRepository(NotificationEntity).find({});
    return rows
      .filter((n) => (JSON.parse(n.params) as { caseId?: string }).caseId === caseId)
      .map((n): [string, string] => [n.userId, n.kind])
      .sort((x, y) => (x[0] + x[1]).localeCompare(y[0] + y[1]));
  }
  const sorted = (pairs: Array<[string, string]>) =>
    [...pairs].sort((x, y) => (x[0] + x[1]).localeCompare(y[0] + y[1]));

  async function reload(id: string): Promise<CaseEntity> {
    return t.dataSource.getRepository(CaseEntity).findOneByOrFail({ id });
  }

  const runAt = (at: Date) => t.app.get(DeadlineReminders).run(at);

  it('reminds the assignee inside the window once, then escalates to the other handlers in scope once', async () => {
    const c = await makeCase({ assigneeId: hA.id, routedAwayFrom: hAway.id });
    expect(c.acknowledgementDueOn).toBe('2026-03-09');

    await runAt(march(6)); // 3 days left: not yet (window 2 days)
    expect(await notified(c.id)).toEqual([]);

    await runAt(march(7)); // 2 days left: reminder to the assignee only
    expect(await notified(c.id)).toEqual([[hA.id, 'case.deadline_soon']]);
    const reminded = await reload(c.id);
    expect(reminded.ackReminderAt?.toISOString()).toBe(march(7).toISOString());
    expect(reminded.ackEscalatedAt).toBeNull();
    expect(reminded.version).toBe(1); // job bookkeeping does not cause edit conflicts

    await runAt(march(8));
    await runAt(march(9)); // the due day itself is not missed
    expect(await notified(c.id)).toHaveLength(1);

    await runAt(march(10)); // missed: the other handlers whose scope covers A1 — not B, not the routed-away one
    expect(await notified(c.id)).toEqual(
      sorted([
        [hA.id, 'case.deadline_soon'],
        [hA1.id, 'case.deadline_missed'],
        [hRoot.id, 'case.deadline_missed'],
      ]),
    );
    await runAt(march(11));
    await runAt(march(20));
    expect(await notified(c.id)).toHaveLength(3);

    const audit = await t.auditEntries({ objectId: c.id });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ['case.reminder_sent', null],
      ['case.escalated', null],
    ]);
    expect(JSON.parse(audit[0].details)).toEqual({
      via: 'job',
      kind: 'acknowledgement',
      dueOn: '2026-03-09',
      to: 'assignee',
      recipients: 1,
    });
    expect(JSON.parse(audit[1].details)).toMatchObject({ kind: 'acknowledgement', recipients: 2 });

    // the notification carries ids, the reference, codes and the date only
    const n = await t.dataSource
      .getRepository(NotificationEntity)
      .findOneByOrFail({ userId: hA.id, kind: 'case.deadline_soon' });
    expect(JSON.parse(n.params)).toEqual({
      caseId: c.id,
      reference: c.reference,
      kind: 'acknowledgement',
      dueOn: '2026-03-09',
    });
    expect(n.link).toBe(`/arenden/${c.id}`);
  });

  it('reminds every handler of the scope when nobody is assigned — never the routed-away handler', async () => {
    const c = await makeCase({ routedAwayFrom: hAway.id });
    await runAt(march(8));
    expect(await notified(c.id)).toEqual(
      sorted([
        [hA.id, 'case.deadline_soon'],
        [hA1.id, 'case.deadline_soon'],
        [hRoot.id, 'case.deadline_soon'],
      ]),
    );
    await runAt(march(10));
    const kinds = await notified(c.id);
    expect(kinds.filter(([, k]) => k === 'case.deadline_missed').map(([u]) => u)).toEqual(
      [hA.id, hA1.id, hRoot.id].sort(),
    );
    expect(kinds.map(([u]) => u)).not.toContain(hAway.id);
    expect(kinds.map(([u]) => u)).not.toContain(hB.id);
    expect(kinds.map(([u]) => u)).not.toContain(staff.id);
    // a manager who also holds the handler role may not read cases: told nothing
    expect(kinds.map(([u]) => u)).not.toContain(hChef.id);
  });

  it('tells an assignee who never had the reminder when the deadline is already missed', async () => {
    const c = await makeCase({ assigneeId: hA1.id });
    await runAt(march(12));
    expect(await notified(c.id)).toEqual(
      sorted([
        [hA.id, 'case.deadline_missed'],
        [hA1.id, 'case.deadline_missed'],
        [hAway.id, 'case.deadline_missed'], // not routed away from this case: a handler like the others
        [hRoot.id, 'case.deadline_missed'],
      ]),
    );
    const row = await reload(c.id);
    expect(row.ackReminderAt).not.toBeNull();
    expect(row.ackEscalatedAt).not.toBeNull();
    await runAt(march(13));
    expect(await notified(c.id)).toHaveLength(4);
  });

  it('falls back to the scope when the assignee no longer handles the unit', async () => {
    const c = await makeCase({ assigneeId: hB.id }); // hB's scope is B, not A1
    await runAt(march(8));
    expect((await notified(c.id)).map(([u]) => u)).toEqual(
      [hA.id, hA1.id, hAway.id, hRoot.id].sort(),
    );
  });

  it('follows the feedback timer once the acknowledgement is sent, and leaves ended timers, påverkan and closed cases alone', async () => {
    const ackSent = await makeCase({
      ackEndedAt: new Date('2026-03-03T09:00:00Z'),
      assigneeId: hA.id,
    });
    expect(ackSent.feedbackDueOn).toBe('2026-06-03');
    const paverkan = await makeCase({ track: 'paverkan', assigneeId: hA.id });
    const closed = await makeCase({ status: 'avslutad', assigneeId: hA.id });

    await runAt(march(12));
    expect(await notified(ackSent.id)).toEqual([]);
    expect(await notified(paverkan.id)).toEqual([]);
    expect(await notified(closed.id)).toEqual([]);

    await runAt(new Date('2026-05-19T10:00:00Z')); // 15 days before
    expect(await notified(ackSent.id)).toEqual([]);
    await runAt(new Date('2026-05-20T10:00:00Z')); // 14 days before: the window opens
    expect(await notified(ackSent.id)).toEqual([[hA.id, 'case.deadline_soon']]);
    await runAt(new Date('2026-06-04T10:00:00Z'));
    expect(
      (await notified(ackSent.id)).filter(([, k]) => k === 'case.deadline_missed'),
    ).toHaveLength(3);
    const row = await reload(ackSent.id);
    expect(row.ackReminderAt).toBeNull(); // the acknowledgement was never late
    expect(row.feedbackReminderAt).not.toBeNull();
    expect(row.feedbackEscalatedAt).not.toBeNull();
    expect(await notified(paverkan.id)).toEqual([]);
    expect(await notified(closed.id)).toEqual([]);
  });

  it('does not remind about a deadline met in time (ended between the runs)', async () => {
    const c = await makeCase({ assigneeId: hA.id });
    await t.db.transaction(() =>
      t.app.get(CasesRepository).touch(c.id, {
        ackEndedAt: march(4),
        ackEndKind: 'sent',
        ...deadlineColumns({ ...c, ackEndedAt: march(4), ackEndKind: 'sent' }),
      }),
    );
    await runAt(march(8));
    await runAt(march(12));
    expect(await notified(c.id)).toEqual([]);
  });

  it('runs as the scheduled job: two instances on one database send each reminder once (the lease)', async () => {
    const b = await TestApp.start(engine, {}, { sameDatabaseAs: t });
    try {
      const cases = await Promise.all([
        makeCase({ receivedAt: new Date('2026-04-01T08:00:00Z'), assigneeId: hA.id }),
        makeCase({ receivedAt: new Date('2026-04-01T09:00:00Z') }),
        makeCase({ receivedAt: new Date('2026-04-01T10:00:00Z'), routedAwayFrom: hAway.id }),
      ]);
      const sa = t.app.get(JobScheduler);
      const sb = b.app.get(JobScheduler);
      let ranA = 0;
      let ranB = 0;
      // every 15 minutes from the 6th (before the window) to the 10th (missed), both instances racing
      for (
        let at = new Date('2026-04-06T06:00:00Z').getTime();
        at <= new Date('2026-04-10T06:00:00Z').getTime();
        at += 4 * 3_600_000
      ) {
        t.clock.set(new Date(at));
        b.clock.set(new Date(at));
        // only this job: two instances on ONE SQLite file in ONE process collide on the write
        // lock when other jobs write at the same moment ("database is locked") — a setup that
        // production never has (several instances need PostgreSQL)
        const [oa, ob] = await Promise.all([
          sa.runDue([DEADLINES_JOB]),
          sb.runDue([DEADLINES_JOB]),
        ]);
        if (oa[DEADLINES_JOB] === 'ran') ranA++;
        if (ob[DEADLINES_JOB] === 'ran') ranB++;
        expect([oa[DEADLINES_JOB], ob[DEADLINES_JOB]].filter((o) => o === 'ran')).toHaveLength(1);
      }
      expect(ranA + ranB).toBe(25);
      expect(await notified(cases[0].id)).toEqual(
        sorted([
          [hA.id, 'case.deadline_soon'],
          [hA1.id, 'case.deadline_missed'],
          [hAway.id, 'case.deadline_missed'],
          [hRoot.id, 'case.deadline_missed'],
        ]),
      );
      expect(await notified(cases[1].id)).toHaveLength(8); // 4 handlers × (soon + missed)
      expect(await notified(cases[2].id)).toHaveLength(6); // 3 handlers × (soon + missed)
      for (const c of cases) {
        const actions = (await t.auditEntries({ objectId: c.id })).map((e) => e.action);
        expect(actions).toEqual(['case.reminder_sent', 'case.escalated']);
      }
    } finally {
      await b.stop();
    }
  });
});
