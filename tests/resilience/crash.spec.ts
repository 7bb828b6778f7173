import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freshPostgresDatabase } from '../../backend/src/testing/test-app';

/**
 * Crash consistency: the built server (dist/backend/main.js) is killed with SIGKILL in the middle
 * of a burst of concurrent anonymous report submissions, case messages and audit answers. After a
 * restart, every request that got a 2xx is present and readable (decrypted), and the audit chain
 * verifies — on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'backend', 'main.js');
const CLI = join(ROOT, 'dist', 'backend', 'cli.js');
const run = promisify(execFile);
const PASSWORD = 'varn-demo-2026';

const ENGINES: Array<'sqlite' | 'postgres'> = process.env['TEST_DATABASE_URL']
  ? ['sqlite', 'postgres']
  : ['sqlite'];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

class Server {
  private child: ChildProcess | null = null;
  constructor(
    readonly env: Record<string, string>,
    readonly base: string,
  ) {}

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    this.child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const until = Date.now() + 90_000;
    for (;;) {
      try {
        const r = await fetch(`${this.base}/api/health`);
        if (r.ok) return;
      } catch {
        // not listening yet
      }
      if (this.child.exitCode !== null) throw new Error(`server exited: ${err.slice(-2000)}`);
      if (Date.now() > until) throw new Error(`server did not start: ${err.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

interface Session {
  cookie: string;
}

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  session?: Session,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(session ? { cookie: session.cookie } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

async function signIn(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie };
}

describe.each(ENGINES)('Crash consistency [%s]', (engine) => {
  let dir: string;
  let server: Server;
  let dropDb = async () => {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'varn-crash-'));
    let databaseUrl = `sqlite:${join(dir, 'varn.db')}`;
    if (engine === 'postgres') {
      const fresh = await freshPostgresDatabase('varn_crash');
      databaseUrl = fresh.url;
      dropDb = fresh.drop;
    }
    const port = await freePort();
    server = new Server(
      {
        NODE_ENV: 'development',
        VARN_DEMO: 'true',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        FILES_DIR: join(dir, 'files'),
        VARN_MASTER_KEY: randomBytes(32).toString('base64'),
        STATIC_DIR: 'none',
        LOG_LEVEL: 'error',
        JOBS_ENABLED: 'false',
        // handler and controller sign in with the password only (ADR 0017)
        SECOND_FACTOR_ROLES: 'none',
        LOGIN_RATE_PER_MINUTE: '100000',
        PUBLIC_REPORT_RATE_PER_MINUTE: '100000',
        PUBLIC_SESSION_RATE_PER_MINUTE: '100000',
        PUBLIC_RATE_PER_MINUTE: '100000',
      },
      `http://127.0.0.1:${port}`,
    );
    await server.start();
  }, 120_000);

  afterAll(async () => {
    await server.kill();
    await dropDb();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every answered write after SIGKILL in the middle of a burst, and the audit chain verifies', async () => {
    const base = server.base;
    const handler = await signIn(base, 'handlaggare');
    const controller = await signIn(base, 'controller');
    const intake = (await call(base, 'GET', '/api/public/intake')).json as {
      units: Array<{ id: string }>;
    };
    const unitId = intake.units[intake.units.length - 1].id;

    // cases the handler can write to, and an ongoing audit with its items' versions
    const inbox = (await call(base, 'GET', '/api/cases?limit=50', undefined, handler)).json as {
      items: Array<{ id: string; status: string }>;
    };
    const cases = inbox.items.filter((c) => c.status !== 'avslutad' && c.status !== 'gallrad');
    expect(cases.length).toBeGreaterThan(0);
    const audits = (await call(base, 'GET', '/api/audits?status=pagaende', undefined, controller))
      .json as { items: Array<{ id: string }> };
    expect(audits.items.length).toBeGreaterThan(0);
    const auditId = audits.items[0].id;
    const audit = (await call(base, 'GET', `/api/audits/${auditId}`, undefined, controller))
      .json as { answers: Array<{ itemId: string; version: number }> };

    type Done =
      | { kind: 'report'; code: string; marker: string }
      | {
          kind: 'message';
          caseId: string;
          marker: string;
        }
      | { kind: 'answer'; itemId: string; marker: string; version: number };
    const done: Done[] = [];
    const burst: Array<Promise<void>> = [];
    const swallow = () => undefined; // a request cut by the kill is simply not acknowledged
    for (let i = 0; i < 40; i++) {
      const marker = `krasch-${randomUUID()}`;
      burst.push(
        call(base, 'POST', '/api/public/reports', {
          track: 'paverkan',
          category: 'hot',
          description: `Hot mot inspektör ${marker}`,
          unitId,
        })
          .then((r) => {
            if (r.status === 201 || r.status === 200)
              done.push({
                kind: 'report',
                code: (r.json as { receiptCode: string }).receiptCode,
                marker,
              });
          })
          .catch(swallow),
      );
    }
    for (let i = 0; i < 40; i++) {
      const marker = `krasch-${randomUUID()}`;
      const caseId = cases[i % cases.length].id;
      burst.push(
        call(base, 'POST', `/api/cases/${caseId}/messages`, { body: `Fråga ${marker}` }, handler)
          .then((r) => {
            if (r.status === 200) done.push({ kind: 'message', caseId, marker });
          })
          .catch(swallow),
      );
    }
    for (const a of audit.answers) {
      const marker = `krasch-${randomUUID()}`;
      burst.push(
        call(
          base,
          'PUT',
          `/api/audits/${auditId}/answers/${a.itemId}`,
          { answer: 'uppfyllt', note: marker, version: a.version },
          controller,
        )
          .then((r) => {
            if (r.status === 200)
              done.push({
                kind: 'answer',
                itemId: a.itemId,
                marker,
                version: (r.json as { version: number }).version,
              });
          })
          .catch(swallow),
      );
    }
    // kill it while the burst is in flight: once a quarter of the writes have been answered
    const total = burst.length;
    let settled = false;
    void Promise.all(burst).then(() => (settled = true));
    const until = Date.now() + 10_000;
    while (!settled && done.length < total / 4 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 5));
    await server.kill();
    await Promise.all(burst);
    const acknowledged = done.length;

    await server.start();
    const handler2 = await signIn(base, 'handlaggare');
    const controller2 = await signIn(base, 'controller');
    const missing: string[] = [];
    const auditAfter = (await call(base, 'GET', `/api/audits/${auditId}`, undefined, controller2))
      .json as { answers: Array<{ itemId: string; note: string; version: number }> };
    const caseBodies = new Map<string, string>();
    for (const d of done) {
      if (d.kind === 'report') {
        const res = await fetch(`${base}/api/public/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ receiptCode: d.code }),
        });
        const cookie = res.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ');
        const report = await call(base, 'GET', '/api/public/report', undefined, { cookie });
        if (
          res.status !== 200 ||
          report.status !== 200 ||
          !JSON.stringify(report.json).includes(d.marker)
        )
          missing.push(`report ${d.marker}`);
      } else if (d.kind === 'message') {
        if (!caseBodies.has(d.caseId)) {
          const c = await call(base, 'GET', `/api/cases/${d.caseId}`, undefined, handler2);
          expect(c.status).toBe(200);
          caseBodies.set(d.caseId, JSON.stringify(c.json));
        }
        if (!caseBodies.get(d.caseId)!.includes(d.marker)) missing.push(`message ${d.marker}`);
      } else {
        const a = auditAfter.answers.find((x) => x.itemId === d.itemId);
        if (!a || a.note !== d.marker || a.version !== d.version)
          missing.push(`answer ${d.itemId}`);
      }
    }
    expect(missing).toEqual([]);
    // the cut really was in the middle: some writes answered, not every one
    expect(acknowledged).toBeGreaterThan(0);

    // the chain of the audit log is intact after the crash
    const verify = await run(process.execPath, [CLI, 'verify-audit-log'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...server.env },
    });
    expect(verify.stdout).toContain('chain intact');
    // and the lists read without error
    expect((await call(base, 'GET', '/api/cases?limit=50', undefined, handler2)).status).toBe(200);
    console.log(
      `crash [${engine}]: ${acknowledged} of ${total} writes answered before SIGKILL; all present after restart`,
    );
  }, 240_000);
});
