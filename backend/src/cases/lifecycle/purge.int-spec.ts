import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalDate } from '../../core/domain/local-date';
import { FileStore } from '../../core/files/file-store';
import { JobScheduler } from '../../core/jobs/job-scheduler';
import * as fx from '../../testing/file-fixtures';
import { describeEachEngine, TEST_PASSWORD, TestApp, TestUnit, uniq } from '../../testing/test-app';
import type { UserEntity } from '../../users/entities/user.entity';
import { SEALED, type CaseContent, type SealedIdentity } from '../case-content';
import { CaseVault } from '../case-vault';
import { CasesRepository } from '../cases.repository';
import { generateReceiptCode } from '../domain/receipt-code';
import { CaseActionEntity } from '../entities/case-action.entity';
import { CaseMessageEntity } from '../entities/case-message.entity';
import { CaseEntity } from '../entities/case.entity';
import { IdentityRequestEntity } from '../entities/identity-request.entity';
import { IncidentFactEntity } from '../entities/incident-fact.entity';
import { ReceiptSessionEntity } from '../entities/receipt-session.entity';
import { LifecycleRepository } from './lifecycle.repository';
import { PURGE_JOB } from './purge.job';
import { PurgeService } from './purge.service';

const SECRET = 'Mutförsök på Kvarngatan 12 av firman Exempelbygg';
const NOTE = 'Intern anteckning: kontakta säkerhetschefen';
const MOTIVATION = 'Behöver höra anmälaren som vittne';

interface ClosedOpts {
  closedAt?: Date;
  purgeDueOn: string;
  legalHold?: boolean;
  status?: CaseEntity['status'];
}

/** Every file under a directory (recursively). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((e) => join(dir, e))
    .filter((p) => statSync(p).isFile());
}

describeEachEngine('Case purge (retention)', (engine) => {
  let t: TestApp;
  let filesDir: string;
  let unit: TestUnit;
  let handler: UserEntity;
  let custodian: UserEntity;
  let reporter: UserEntity;
  let purge: PurgeService;
  let vault: CaseVault;

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'varn-purge-files-'));
    t = await TestApp.start(engine, { FILES_DIR: filesDir });
    const root = await t.unit(uniq('Förvaltning'));
    unit = await t.unit(uniq('Enhet'), root);
    handler = await t.user(uniq('h'), unit, [['handlaggare', root]]);
    custodian = await t.user(uniq('id'), unit, [['identitetsansvarig', root]]);
    reporter = await t.user(uniq('rep'), unit, [['medarbetare', unit]]);
    purge = t.app.get(PurgeService);
    vault = t.app.get(CaseVault);
  });
  afterAll(async () => {
    await t.stop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  /**
   * A closed case with everything a purge must shred: sealed content and identity, a reporter
   * tag and a receipt hash, a message, a note, an action, a decided identity request, a live
   * receipt session, an attachment under the case key — and its de-identified fact.
   */
  async function closedCase(o: ClosedOpts) {
    const cases = t.app.get(CasesRepository);
    const closedAt = o.closedAt ?? new Date('2024-01-10T10:00:00Z');
    const receivedAt = new Date(closedAt.getTime() - 30 * 86_400_000);
    const { key, wrapped } = vault.newCaseKey();
    const id = randomUUID();
    const identity: SealedIdentity = {
      userId: reporter.id,
      displayName: reporter.displayName,
      username: reporter.username,
      email: reporter.email,
      unitName: unit.name,
    };
    const content: CaseContent = {
      description: SECRET,
      intake: { acuteDanger: false },
      welfare: null,
      summary: 'Åtgärdat',
      legalHoldReason: o.legalHold ? 'Pågående rättegång' : null,
    };
    const messageId = randomUUID();
    const noteId = randomUUID();
    const actionId = randomUUID();
    const requestId = randomUUID();
    const factId = randomUUID();
    const code = generateReceiptCode();
    const row = await t.db.transaction(async () => {
      const ref = await cases.nextReference(2024);
      const c: CaseEntity = {
        id,
        ...ref,
        track: 'paverkan',
        category: 'korruptionsforsok',
        irregularityKind: null,
        confidentiality: 'confidential',
        status: o.status ?? 'avslutad',
        unitId: unit.id,
        assigneeId: handler.id,
        routedAwayFrom: null,
        reporterTag: await vault.reporterTag(reporter.id),
        receiptHash: await vault.receiptHash(code),
        receivedAt,
        acknowledgementDueOn: null,
        feedbackDueOn: null,
        ackEndedAt: null,
        ackEndKind: null,
        ackWaiverReason: null,
        feedbackEndedAt: null,
        feedbackEndKind: null,
        feedbackWaiverReason: null,
        nextDueOn: null,
        ackReminderAt: null,
        ackEscalatedAt: null,
        feedbackReminderAt: null,
        feedbackEscalatedAt: null,
        severityLikelihood: 3,
        severityConsequence: 4,
        severityScore: 12,
        severityBand: 'hog',
        matrixVersion: 1,
        triagedAt: receivedAt,
        supplierId: null,
        closedAt,
        closingCode: 'atgardat',
        legalHold: o.legalHold ?? false,
        purgeDueOn: o.purgeDueOn,
        purgedAt: null,
        wrappedKey: wrapped,
        contentSealed: vault.seal(key, id, SEALED.content, { ...content, factId }),
        identitySealed: vault.seal(key, id, SEALED.identity, identity),
        lastReporterActivityAt: receivedAt,
        createdAt: receivedAt,
        updatedAt: closedAt,
        version: 5,
      };
      await cases.insert(c);
      await t.db.repo(CaseMessageEntity).insert([
        {
          id: messageId,
          caseId: id,
          kind: 'to_reporter',
          authorId: handler.id,
          bodySealed: vault.seal(key, id, SEALED.message(messageId), 'Tack, vi utreder.'),
          createdAt: receivedAt,
          readAt: null,
        },
        {
          id: noteId,
          caseId: id,
          kind: 'note',
          authorId: handler.id,
          bodySealed: vault.seal(key, id, SEALED.message(noteId), NOTE),
          createdAt: receivedAt,
          readAt: null,
        },
      ]);
      await t.db.repo(CaseActionEntity).insert({
        id: actionId,
        caseId: id,
        type: 'polisanmalan',
        occurredOn: '2023-12-20',
        detailsSealed: vault.seal(key, id, SEALED.action(actionId), { reference: '5000-K123-24' }),
        createdAt: receivedAt,
        createdBy: handler.id,
      });
      await t.db.repo(IdentityRequestEntity).insert({
        id: requestId,
        caseId: id,
        requestedBy: handler.id,
        motivationSealed: vault.seal(key, id, SEALED.identityMotivation(requestId), MOTIVATION),
        status: 'approved',
        decidedBy: custodian.id,
        decidedAt: receivedAt,
        decisionSealed: vault.seal(key, id, SEALED.identityDecision(requestId), 'Godkänt'),
        createdAt: receivedAt,
      });
      await t.db.repo(ReceiptSessionEntity).insert({
        tokenHash: createHash('sha256').update(randomUUID()).digest('hex'),
        caseId: id,
        createdAt: t.clock.now(),
        idleExpiresAt: new Date(t.clock.now().getTime() + 30 * 60_000),
        absoluteExpiresAt: new Date(t.clock.now().getTime() + 4 * 3_600_000),
      });
      await t.db.repo(IncidentFactEntity).insert({
        id: factId,
        track: 'paverkan',
        category: 'korruptionsforsok',
        severityBand: 'hog',
        departmentId: unit.id,
        quarter: '2023-Q4',
      });
      return c;
    });
    const file = await t.app.get(FileStore).put(fx.pdf(SECRET), {
      declaredName: 'kvitto-mutforsok.pdf',
      allowedTypes: ['pdf'],
      ownerType: 'case',
      ownerId: id,
      dataKey: key,
      createdBy: handler.id,
    });
    return { row, key, code, fileId: file.id, factId, messageId, noteId, actionId, requestId };
  }

  const load = (id: string) => t.dataSource.getRepository(CaseEntity).findOneByOrFail({ id });

  /** The case's sealed values, opened with its (unwrapped) key — throws if anything is gone. */
  async function openAll(id: string) {
    const row = await load(id);
    const key = vault.keyOf(row);
    if (!key) return null;
    const msgs = await t.dataSource.getRepository(CaseMessageEntity).findBy({ caseId: id });
    return {
      content: vault.open<CaseContent>(key, id, SEALED.content, row.contentSealed),
      identity: vault.open<SealedIdentity>(key, id, SEALED.identity, row.identitySealed),
      messages: msgs.map((m) => vault.open<string>(key, id, SEALED.message(m.id), m.bodySealed)),
    };
  }

  /** Every stored byte that could hold the case's data, for a "nothing changed" comparison. */
  async function snapshot(id: string) {
    const q = (table: string) =>
      t.dataSource.query(
        `SELECT * FROM ${table} WHERE "${table === 'cases' ? 'id' : 'caseId'}" = ${engine === 'postgres' ? '$1' : '?'}`,
        [id],
      );
    return JSON.stringify({
      cases: await q('cases'),
      messages: await q('case_messages'),
      actions: await q('case_actions'),
      requests: await q('identity_requests'),
      sessions: await q('receipt_sessions'),
      files: await t.app.get(FileStore).idsOf('case', id),
    });
  }

  it('a dry run lists what is due on the date and changes nothing', async () => {
    const due = await closedCase({ purgeDueOn: '2026-01-10' });
    const later = await closedCase({ purgeDueOn: '2027-06-01' });
    const held = await closedCase({ purgeDueOn: '2026-01-10', legalHold: true });
    const before = await Promise.all([due, later, held].map((c) => snapshot(c.row.id)));
    const diskBefore = filesUnder(filesDir).length;
    const auditBefore = (await t.auditActions()).length;

    const report = await purge.run({ asOf: '2026-03-02' as LocalDate, dryRun: true, via: 'cli' });
    expect(report.dryRun).toBe(true);
    const refs = report.cases.map((c) => c.reference);
    expect(refs).toContain(due.row.reference);
    expect(refs).not.toContain(later.row.reference);
    expect(refs).not.toContain(held.row.reference);
    expect(report.cases.find((c) => c.id === due.row.id)).toEqual({
      id: due.row.id,
      reference: due.row.reference,
      purgeDueOn: '2026-01-10',
    });
    // as of a later date, the later case is listed too
    const ahead = await purge.run({ asOf: '2027-06-01' as LocalDate, dryRun: true, via: 'cli' });
    expect(ahead.cases.map((c) => c.reference)).toContain(later.row.reference);
    expect(ahead.cases.map((c) => c.reference)).not.toContain(held.row.reference);

    expect(await Promise.all([due, later, held].map((c) => snapshot(c.row.id)))).toEqual(before);
    expect(filesUnder(filesDir)).toHaveLength(diskBefore);
    expect(await t.auditActions()).toHaveLength(auditBefore);
    expect((await openAll(due.row.id))?.content?.description).toBe(SECRET);
  });

  it('purges what is due: key destroyed, content, identity, messages, actions, requests and files unreadable; fact and tombstone remain', async () => {
    const due = await closedCase({ purgeDueOn: '2026-02-01' });
    const notYet = await closedCase({ purgeDueOn: '2026-03-03' });
    const filesBefore = filesUnder(filesDir);
    expect(filesBefore.length).toBeGreaterThan(0);

    t.clock.set(new Date('2026-03-02T09:00:00Z'));
    const report = await purge.run({ via: 'cli' }); // as of today (2 March)
    expect(report.asOf).toBe('2026-03-02');
    expect(report.cases.map((c) => c.reference)).toContain(due.row.reference);
    expect(report.cases.map((c) => c.reference)).not.toContain(notYet.row.reference);
    expect(report.filesDestroyed).toBeGreaterThanOrEqual(1);

    const row = await load(due.row.id);
    expect(row).toMatchObject({
      status: 'gallrad',
      wrappedKey: null,
      contentSealed: null,
      identitySealed: null,
      receiptHash: null,
      reporterTag: null,
      // the tombstone: reference, codes, dates and unit
      reference: due.row.reference,
      track: 'paverkan',
      category: 'korruptionsforsok',
      closingCode: 'atgardat',
      unitId: unit.id,
      purgeDueOn: '2026-02-01',
    });
    expect(row.purgedAt?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(vault.keyOf(row)).toBeNull();
    expect(await openAll(due.row.id)).toBeNull();
    // the old key no longer opens anything either: every sealed column is empty
    const msgs = await t.dataSource.getRepository(CaseMessageEntity).findBy({ caseId: row.id });
    expect(msgs.map((m) => m.bodySealed)).toEqual([null, null]);
    const actions = await t.dataSource.getRepository(CaseActionEntity).findBy({ caseId: row.id });
    expect(actions.map((a) => a.detailsSealed)).toEqual([null]);
    const reqs = await t.dataSource.getRepository(IdentityRequestEntity).findBy({ caseId: row.id });
    expect(reqs.map((r) => [r.motivationSealed, r.decisionSealed, r.status])).toEqual([
      [null, null, 'approved'],
    ]);
    expect(await t.dataSource.getRepository(ReceiptSessionEntity).countBy({ caseId: row.id })).toBe(
      0,
    );
    // the attachment: row and content gone
    expect(await t.app.get(FileStore).idsOf('case', row.id)).toEqual([]);
    await expect(t.app.get(FileStore).open(due.fileId, due.key)).rejects.toMatchObject({
      code: 'not_found',
    });
    // one attachment per purged case (the first test's due case is purged too), content gone from disk
    expect(report.filesDestroyed).toBe(report.cases.length);
    expect(filesUnder(filesDir).length).toBe(filesBefore.length - report.filesDestroyed);
    // the de-identified fact stays for the statistics
    expect(
      await t.dataSource.getRepository(IncidentFactEntity).findOneBy({ id: due.factId }),
    ).toMatchObject({ category: 'korruptionsforsok', quarter: '2023-Q4' });

    // the case not yet due is untouched
    expect((await openAll(notYet.row.id))?.content?.description).toBe(SECRET);
    expect(await t.app.get(FileStore).idsOf('case', notYet.row.id)).toEqual([notYet.fileId]);

    // audited per case, by the system, with the reference and counts only
    const audit = await t.auditEntries({ objectId: row.id });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([['case.purged', null]]);
    expect(JSON.parse(audit[0].details)).toEqual({
      reference: row.reference,
      purgeDueOn: '2026-02-01',
      asOf: '2026-03-02',
      via: 'cli',
      messages: 2,
      actions: 1,
      identityRequests: 1,
    });

    // nothing of the content remains anywhere in the case tables
    const dump = JSON.stringify(
      await Promise.all(
        ['cases', 'case_messages', 'case_actions', 'identity_requests'].map((tb) =>
          t.dataSource.query(`SELECT * FROM ${tb}`),
        ),
      ),
    );
    expect(dump).not.toContain(SECRET);

    // a second run finds nothing more to do
    const again = await purge.run({ via: 'cli' });
    expect(again.cases.map((c) => c.id)).not.toContain(row.id);
    expect((await t.auditEntries({ objectId: row.id })).length).toBe(1);
  });

  it('the API shows a tombstone; the reporter and the receipt code no longer find the case', async () => {
    const c = await closedCase({ purgeDueOn: '2026-02-15' });
    const control = await closedCase({ purgeDueOn: '2027-02-15' });
    const h = await t.login(handler.username, TEST_PASSWORD);
    const before = (await h.get(`/api/cases/${c.row.id}`).expect(200)).body as {
      description: string;
    };
    expect(before.description).toBe(SECRET);
    const rep = await t.login(reporter.username, TEST_PASSWORD);
    const mineBefore = (await rep.get('/api/reports/mine').expect(200)).body as {
      items: Array<{ id: string }>;
    };
    expect(mineBefore.items.map((i) => i.id)).toEqual(
      expect.arrayContaining([c.row.id, control.row.id]),
    );
    await t.http().post('/api/public/session').send({ receiptCode: c.code }).expect(200);

    await purge.run({ asOf: '2026-03-02' as LocalDate, via: 'cli' });

    const tomb = (await h.get(`/api/cases/${c.row.id}`).expect(200)).body as Record<
      string,
      unknown
    >;
    expect(tomb).toMatchObject({
      reference: c.row.reference,
      status: 'gallrad',
      category: 'korruptionsforsok',
      description: null,
      intake: null,
      summary: null,
      reporter: null,
      messages: [],
      notes: [],
      actions: [],
      attachments: [],
      allowedStatuses: [],
    });
    expect(tomb['purgedAt']).toEqual(expect.any(String));
    expect(JSON.stringify(tomb)).not.toContain(SECRET);
    expect(JSON.stringify(tomb)).not.toContain(NOTE);
    // the case not due is still whole
    expect(
      ((await h.get(`/api/cases/${control.row.id}`).expect(200)).body as { description: string })
        .description,
    ).toBe(SECRET);

    const mineAfter = (await rep.get('/api/reports/mine').expect(200)).body as {
      items: Array<{ id: string }>;
    };
    expect(mineAfter.items.map((i) => i.id)).not.toContain(c.row.id);
    expect(mineAfter.items.map((i) => i.id)).toContain(control.row.id);
    await t.http().post('/api/public/session').send({ receiptCode: c.code }).expect(401);
    await t.http().post('/api/public/session').send({ receiptCode: control.code }).expect(200);
  });

  it('a legal hold pauses the purge; released, the original date applies at once', async () => {
    const held = await closedCase({ purgeDueOn: '2025-12-01', legalHold: true });
    const r1 = await purge.run({ asOf: '2026-03-02' as LocalDate, via: 'job' });
    expect(r1.cases.map((c) => c.id)).not.toContain(held.row.id);
    expect((await openAll(held.row.id))?.content?.description).toBe(SECRET);
    expect(await t.app.get(FileStore).idsOf('case', held.row.id)).toEqual([held.fileId]);

    await t.db.transaction(() =>
      t.app.get(CasesRepository).touch(held.row.id, { legalHold: false }),
    );
    const r2 = await purge.run({ asOf: '2026-03-02' as LocalDate, via: 'job' });
    expect(r2.cases.map((c) => c.id)).toContain(held.row.id);
    expect(await openAll(held.row.id)).toBeNull();
  });

  it('never purges an open or reopened case, whatever its purge date', async () => {
    const reopened = await closedCase({ purgeDueOn: '2025-01-01', status: 'under_bedomning' });
    const r = await purge.run({ asOf: '2026-03-02' as LocalDate, via: 'job' });
    expect(r.cases.map((c) => c.id)).not.toContain(reopened.row.id);
    expect((await load(reopened.row.id)).wrappedKey).not.toBeNull();
  });

  it('destroys the files a crashed run left behind (purged case, files not yet destroyed)', async () => {
    const c = await closedCase({ purgeDueOn: '2026-01-01' });
    // the transaction of a purge committed, then the process died before the files went
    await t.db.transaction(async () => {
      const lifecycle = t.app.get(LifecycleRepository);
      expect(await lifecycle.purgeCase(c.row.id, '2026-03-02' as LocalDate, t.clock.now())).toBe(
        true,
      );
      await lifecycle.shredChildren(c.row.id);
    });
    expect(await t.app.get(FileStore).idsOf('case', c.row.id)).toEqual([c.fileId]);
    const r = await purge.run({ asOf: '2026-03-02' as LocalDate, via: 'job' });
    expect(r.cases.map((x) => x.id)).not.toContain(c.row.id);
    expect(r.filesDestroyed).toBeGreaterThanOrEqual(1);
    expect(await t.app.get(FileStore).idsOf('case', c.row.id)).toEqual([]);
  });

  it('runs daily as the scheduled job, purging what is due that day', async () => {
    const c = await closedCase({ purgeDueOn: '2026-09-15' });
    t.clock.set(new Date('2026-09-14T12:00:00Z'));
    expect((await t.app.get(JobScheduler).runDue())[PURGE_JOB]).toBe('ran');
    expect((await load(c.row.id)).status).toBe('avslutad');
    // the next day's interval starts at midnight UTC: 02:05 on the 15th in Stockholm
    t.clock.set(new Date('2026-09-15T00:05:00Z'));
    expect((await t.app.get(JobScheduler).runDue())[PURGE_JOB]).toBe('ran');
    const row = await load(c.row.id);
    expect(row.status).toBe('gallrad');
    const audit = await t.auditEntries({ objectId: c.row.id, action: 'case.purged' });
    expect(JSON.parse(audit[0].details)).toMatchObject({ via: 'job', asOf: '2026-09-15' });
  });
});
