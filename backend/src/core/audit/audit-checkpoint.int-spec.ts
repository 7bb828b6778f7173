import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachEngine, TestApp, uniq } from '../../testing/test-app';
import { JobScheduler } from '../jobs/job-scheduler';
import { AUDIT_CHECKPOINT_JOB, AuditCheckpoints, parseCheckpoints } from './audit-checkpoint';
import { AuditService } from './audit.service';

/** Checkpoints outside the database make the removal of the newest audit entries detectable. */
describeEachEngine('Audit-log checkpoints', (engine) => {
  let t: TestApp;
  let checkpoints: AuditCheckpoints;
  let audit: AuditService;
  let dir: string;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    checkpoints = t.app.get(AuditCheckpoints);
    audit = t.app.get(AuditService);
    dir = mkdtempSync(join(tmpdir(), 'varn-checkpoint-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.stop();
  });

  const record = (n: number) =>
    t.db.transaction(async () => {
      for (let i = 0; i < n; i++)
        await audit.record({ action: 'test.entry', objectType: 'Test', objectId: uniq('o') });
    });
  const maxSeq = async () =>
    Number(
      (
        await t.dataSource.query<Array<{ m: number | string }>>(
          'SELECT MAX(seq) AS m FROM audit_log',
        )
      )[0].m,
    );
  const checkFile = async (file: string) =>
    checkpoints.check(parseCheckpoints(readFileSync(file, 'utf8')));

  it('a removed newest entry is found through the checkpoint, although the shortened chain is intact', async () => {
    const file = join(dir, uniq('cp'), 'checkpoints.jsonl');
    await record(3);
    const first = await checkpoints.writeTo(file);
    expect(first.seq).toBe(await maxSeq());
    // the chain grows past the checkpoint: still fine
    await record(2);
    const second = await checkpoints.writeTo(file);
    expect(second.seq).toBe(first.seq + 2);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await checkFile(file)).toMatchObject({
      ok: true,
      checked: 2,
      newest: { seq: second.seq },
      problems: [],
    });

    // someone with write access to the database removes the newest entry
    await t.dataSource.query(`DELETE FROM audit_log WHERE seq = ${second.seq}`);
    expect((await audit.verify()).ok).toBe(true); // the hash chain alone cannot tell
    const after = await checkFile(file);
    expect(after.ok).toBe(false);
    expect(after.problems).toEqual([
      { line: 2, kind: 'truncated', seq: second.seq, chainEndsAt: second.seq - 1 },
    ]);
    expect(after.newest).toEqual({ seq: first.seq, writtenAt: first.writtenAt });
  });

  it('refuses a checkpoint that is edited, forged or unreadable', async () => {
    await record(1);
    const real = await checkpoints.make();
    const file = join(dir, `${uniq('cp')}.jsonl`);
    const edited = { ...real, seq: real.seq - 1 }; // points at an earlier, existing entry
    const forged = { ...real, sig: 'ab'.repeat(32) };
    writeFileSync(
      file,
      [JSON.stringify(real), JSON.stringify(edited), JSON.stringify(forged), '{not json'].join(
        '\n',
      ),
    );
    const res = await checkFile(file);
    expect(res.problems).toEqual([
      { line: 2, kind: 'bad_signature' },
      { line: 3, kind: 'bad_signature' },
      { line: 4, kind: 'unreadable' },
    ]);
    expect(res.newest?.seq).toBe(real.seq);
  });

  it('an entry replaced at a checkpoint’s place is found (same seq, another hash)', async () => {
    await record(1);
    const c = await checkpoints.make();
    await t.dataSource.query(
      `UPDATE audit_log SET hash = '${'f'.repeat(64)}' WHERE seq = ${c.seq}`,
    );
    const res = await checkpoints.check([{ line: 1, value: c }]);
    expect(res.problems).toEqual([{ line: 1, kind: 'rewritten', seq: c.seq }]);
    await t.dataSource.query(`UPDATE audit_log SET hash = '${c.hash}' WHERE seq = ${c.seq}`);
  });

  it('POSTs the checkpoint as JSON to an http target and fails on a non-2xx answer', async () => {
    const received: unknown[] = [];
    let status = 204;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ type: req.headers['content-type'], body: JSON.parse(body) as unknown });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as { port: number };
      const c = await checkpoints.writeTo(`http://127.0.0.1:${port}/checkpoints`);
      expect(received).toEqual([{ type: 'application/json', body: c }]);
      status = 500;
      await expect(checkpoints.writeTo(`http://127.0.0.1:${port}/checkpoints`)).rejects.toThrow(
        /answered 500/,
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('is a scheduled job only when AUDIT_CHECKPOINT_TARGET is set', async () => {
    expect(t.app.get(JobScheduler).names).not.toContain(AUDIT_CHECKPOINT_JOB);
    const file = join(dir, `${uniq('job')}.jsonl`);
    const other = await TestApp.start(engine, { AUDIT_CHECKPOINT_TARGET: file });
    try {
      expect(other.app.get(JobScheduler).names).toContain(AUDIT_CHECKPOINT_JOB);
    } finally {
      await other.stop();
    }
  });
});
