import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { describeEachEngine, TestApp, uniq } from '../../testing/test-app';
import { JobScheduler } from '../jobs/job-scheduler';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { NotificationService } from './notification.service';
import { OUTBOX_EVERY_MS, OUTBOX_JOB } from './outbox-sender';

interface Received {
  from: string | false;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package). `refuse` answers the next
 * messages' DATA with these reply codes, one per message, before accepting again.
 */
async function startSmtp() {
  const received: Received[] = [];
  const refuse: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const code = refuse.shift();
        if (code) {
          const err = Object.assign(new Error('refused by the test'), { responseCode: code });
          callback(err);
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of a message: headers unfolded, quoted-printable and base64 bodies decoded. */
function decode(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head))
    return `${head}\n\n${Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')}`;
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes = soft.replace(/=([0-9A-F]{2})/gi, (_m, h: string) =>
      String.fromCharCode(parseInt(h, 16)),
    );
    return `${head}\n\n${Buffer.from(bytes, 'latin1').toString('utf8')}`;
  }
  return raw;
}

describeEachEngine('E-mail notifications through the outbox', (engine) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let notify: NotificationService;
  let jobs: JobScheduler;
  const SECRET = 'hemlig_kod_4711';

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await TestApp.start(engine, {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Värn <varn@kommun.example>',
      PUBLIC_URL: 'https://varn.kommun.example/',
    });
    notify = t.app.get(NotificationService);
    jobs = t.app.get(JobScheduler);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  const outbox = (userId: string) =>
    t.dataSource.getRepository(OutboxMessageEntity).findBy({ userId });
  /** Moves the clock into the next interval of the outbox job and runs what is due. */
  async function nextRun() {
    t.clock.advance(OUTBOX_EVERY_MS);
    return (await jobs.runDue())[OUTBOX_JOB];
  }

  it('sends "something to do" and the link, never the parameters or the content', async () => {
    const unit = await t.unit(uniq('Enhet'));
    const anna = await t.user(uniq('anna'), unit, [], {
      email: 'anna.andersson@kommun.example',
      displayName: 'Anna Andersson',
    });
    const noAddress = await t.user(uniq('bo'), unit);
    const inactive = await t.user(uniq('cy'), unit, [], {
      email: 'cy@kommun.example',
      active: false,
    });
    const caseId = randomUUID();
    await t.db.transaction(() =>
      notify.notify([anna.id, noAddress.id, inactive.id], {
        kind: 'case.acknowledgement_due',
        params: { caseId, secret: SECRET, dueAt: '2026-03-09' },
        link: `/arenden/${caseId}`,
      }),
    );
    expect(await outbox(anna.id)).toHaveLength(1);
    expect(await outbox(noAddress.id)).toHaveLength(0);
    expect(await outbox(inactive.id)).toHaveLength(0);

    const before = smtp.received.length;
    expect(await nextRun()).toBe('ran');
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.to).toEqual(['anna.andersson@kommun.example']);
    expect(mail.from).toBe('varn@kommun.example');
    const text = decode(mail.raw);
    expect(text).toContain('Du har något att göra i Värn');
    expect(text).toContain('You have something to do in Värn');
    expect(text).toContain(`https://varn.kommun.example/arenden/${caseId}`);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('2026-03-09');
    expect(text).not.toContain('acknowledgement');
    expect(text).not.toContain('Anna Andersson');
    const [row] = await outbox(anna.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row.sentAt).not.toBeNull();
    // sent once: the next run has nothing to send
    expect(await nextRun()).toBe('ran');
    expect(smtp.received.length).toBe(before + 1);
  });

  it('keeps one e-mail waiting per person, and queues again once it is sent', async () => {
    const unit = await t.unit(uniq('Enhet'));
    const anna = await t.user(uniq('anna'), unit, [], { email: 'anna2@kommun.example' });
    await notify.notify([anna.id], { kind: 'case.assigned', link: '/a' });
    await notify.notify([anna.id], { kind: 'case.reminder', link: '/b' });
    expect(await outbox(anna.id)).toHaveLength(1);
    await nextRun();
    await notify.notify([anna.id], { kind: 'case.escalated', link: '/c' });
    expect((await outbox(anna.id)).map((m) => m.status).sort()).toEqual(['pending', 'sent']);
    await nextRun();
  });

  it('retries with backoff when the SMTP server refuses, and gives up on a permanent refusal', async () => {
    const unit = await t.unit(uniq('Enhet'));
    const anna = await t.user(uniq('anna'), unit, [], { email: 'anna3@kommun.example' });
    const bo = await t.user(uniq('bo'), unit, [], { email: 'bo3@kommun.example' });
    await notify.notify([anna.id], { kind: 'case.assigned', link: '/a' });
    const before = smtp.received.length;

    smtp.refuse.push(451); // "try again later"
    await nextRun();
    let [row] = await outbox(anna.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/451/);
    expect(row.lastError).not.toMatch(/anna3/);
    expect(row.nextAttemptAt.getTime()).toBe(t.clock.now().getTime() + 60_000);
    expect(smtp.received.length).toBe(before);

    // within the same interval the job does not run again; the next run comes before the
    // backoff (1 minute) has passed: nothing is sent; the one after sends it
    expect((await jobs.runDue())[OUTBOX_JOB]).toBe('not_due');
    expect(await nextRun()).toBe('ran');
    expect(smtp.received.length).toBe(before);
    expect(await nextRun()).toBe('ran');
    [row] = await outbox(anna.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([['anna3@kommun.example']]);

    // 550: the address is refused for good
    await notify.notify([bo.id], { kind: 'case.assigned', link: '/a' });
    smtp.refuse.push(550);
    await nextRun();
    const [failed] = await outbox(bo.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/550/);
  });

  it('skips a person whose address was removed before sending', async () => {
    const unit = await t.unit(uniq('Enhet'));
    const anna = await t.user(uniq('anna'), unit, [], { email: 'anna4@kommun.example' });
    await notify.notify([anna.id], { kind: 'case.assigned', link: '/a' });
    await t.db.transaction(() =>
      t.db
        .manager()
        .query(
          engine === 'postgres'
            ? 'UPDATE users SET email = NULL WHERE id = $1'
            : 'UPDATE users SET email = NULL WHERE id = ?',
          [anna.id],
        ),
    );
    const before = smtp.received.length;
    await nextRun();
    expect(smtp.received.length).toBe(before);
    expect((await outbox(anna.id))[0]).toMatchObject({
      status: 'skipped',
      lastError: 'no_address',
    });
  });
});
