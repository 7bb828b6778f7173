import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import type { Role } from '../core/authz/roles';
import { ManualClock } from '../core/clock/clock';
import { AppConfig, loadConfig } from '../core/config/config';
import { openDatabase } from '../core/database/data-source';
import { Db } from '../core/database/db';
import { AuditEntryEntity } from '../core/audit/entities/audit-entry.entity';
import { OrgUnitEntity, UnitKind } from '../org/entities/org-unit.entity';
import { newUnit } from '../org/new-unit';
import { RoleAssignmentEntity } from '../users/entities/role-assignment.entity';
import { UserEntity } from '../users/entities/user.entity';
import { newUser, searchTextOf } from '../users/new-user';
import * as argon2 from 'argon2';

export type Engine = 'sqlite' | 'postgres';

/** The engines to run integration tests on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const ENGINES: Engine[] = process.env['TEST_DATABASE_URL']
  ? ['sqlite', 'postgres']
  : ['sqlite'];

/**
 * `describe` for every engine. Without TEST_DATABASE_URL the PostgreSQL block is registered as
 * skipped, so the test report says plainly that it did not run.
 */
export function describeEachEngine(name: string, fn: (engine: Engine) => void): void {
  for (const engine of ENGINES) describe(`${name} [${engine}]`, () => fn(engine));
  if (!ENGINES.includes('postgres')) {
    describe.skip(`${name} [postgres] — skipped: TEST_DATABASE_URL is not set`, () => {
      it('needs PostgreSQL', () => undefined);
    });
  }
}

export const TEST_PASSWORD = 'prov-lösenord-för-test-1';

/** A short unique suffix for names and usernames (lower-case, valid in usernames). */
export function uniq(prefix = 'x'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** The session cookie pair ("varn_session=…") from a login response, for raw requests. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const c = list.find((h) => h.startsWith('varn_session='));
  if (!c) throw new Error(`no varn_session cookie in ${JSON.stringify(raw)}`);
  return c.split(';')[0];
}

let passwordHash: Promise<string> | null = null;

export interface TestUnit {
  id: string;
  name: string;
  path: string;
  depth: number;
}

/**
 * An empty PostgreSQL database of its own on the server of TEST_DATABASE_URL (the role needs
 * CREATEDB), and how to drop it again.
 */
export async function freshPostgresDatabase(
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env['TEST_DATABASE_URL'];
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export class TestApp {
  private constructor(
    readonly app: NestExpressApplication,
    readonly dataSource: DataSource,
    readonly clock: ManualClock,
    readonly config: AppConfig,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  /**
   * `sameDatabaseAs`: a second instance on another app's database (several instances on one
   * database, e.g. the job lease); the database belongs to, and is dropped by, the first app.
   */
  static async start(
    engine: Engine,
    env: Record<string, string> = {},
    opts: { sameDatabaseAs?: TestApp } = {},
  ): Promise<TestApp> {
    const shared = opts.sameDatabaseAs?.config.database.url;
    // a file, not :memory:, so that the read-only connection sees what the writer commits (ADR 0008)
    const dir = engine === 'sqlite' && !shared ? mkdtempSync(join(tmpdir(), 'varn-test-')) : null;
    const removeDir = () => dir && rmSync(dir, { recursive: true, force: true });
    // also when a suite fails before stop()
    if (dir) process.once('exit', removeDir);
    let databaseUrl = shared ?? `sqlite:${dir}/test.db`;
    let drop = (): Promise<void> => {
      removeDir();
      process.removeListener('exit', removeDir);
      return Promise.resolve();
    };
    if (engine === 'postgres' && !shared) {
      const fresh = await freshPostgresDatabase('varn_t');
      databaseUrl = fresh.url;
      drop = fresh.drop;
    }
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      VARN_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
      STATIC_DIR: 'none',
      LOG_LEVEL: 'error',
      // tests sign in many times from one address; the throttle has its own test
      LOGIN_RATE_PER_MINUTE: '100000',
      // the same for the public report routes (their throttle has its own test in cases/reports)
      PUBLIC_REPORT_RATE_PER_MINUTE: '100000',
      PUBLIC_SESSION_RATE_PER_MINUTE: '100000',
      PUBLIC_RATE_PER_MINUTE: '100000',
      DB_POOL_SIZE: '4',
      // the second factor has its own suite (auth/second-factor); elsewhere a password signs in
      SECOND_FACTOR_ROLES: 'none',
      ...env,
    });
    const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
    const dataSource = await openDatabase(config.database);
    const app = await createApp(config, { clock, dataSource, logger: false });
    return new TestApp(app, dataSource, clock, config, drop);
  }

  async stop(): Promise<void> {
    await this.app.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.dropDatabase();
  }

  http(): TestAgent {
    return request(this.app.getHttpServer());
  }

  /** A cookie-keeping client, signed in as the given user. */
  async login(username: string, password = TEST_PASSWORD): Promise<TestAgent> {
    const agent = request.agent(this.app.getHttpServer());
    const res = await agent.post('/api/auth/login').send({ username, password });
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return agent;
  }

  // ---- factories: write directly, fast, no shared state between tests ----

  /** The application's unit of work; factories write through it like the services do. */
  get db(): Db {
    return this.app.get(Db);
  }

  private async write(fn: () => Promise<unknown>): Promise<void> {
    await this.db.transaction(fn);
  }

  async unit(
    name: string,
    parent: TestUnit | null = null,
    kind: UnitKind = parent ? 'enhet' : 'forvaltning',
  ): Promise<TestUnit> {
    const u = newUnit({ name, kind, parent }, this.clock.now());
    await this.write(() => this.db.repo(OrgUnitEntity).insert(u));
    return { id: u.id, name, path: u.path, depth: u.depth };
  }

  /** A user with the test password and the given roles (each over a unit subtree). */
  async user(
    username: string,
    unit: TestUnit,
    roles: Array<[Role, TestUnit]> = [],
    extra: Partial<UserEntity> = {},
  ): Promise<UserEntity> {
    passwordHash ??= argon2.hash(TEST_PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    const now = this.clock.now();
    const user: UserEntity = {
      ...newUser(
        {
          username,
          displayName: extra.displayName ?? `Test ${username}`,
          unitId: unit.id,
          passwordHash: await passwordHash,
        },
        this.clock.now(),
      ),
      ...extra,
    };
    user.searchText = searchTextOf(user);
    await this.write(() => this.db.repo(UserEntity).insert(user));
    for (const [role, scope] of roles) {
      await this.write(() =>
        this.db.repo(RoleAssignmentEntity).insert({
          id: randomUUID(),
          userId: user.id,
          role,
          unitId: scope.id,
          createdAt: now,
          createdBy: null,
        }),
      );
    }
    return user;
  }

  /** Audit-log rows about one object (or all rows), in order. */
  async auditEntries(
    where: { objectId?: string; action?: string; actorName?: string } = {},
  ): Promise<AuditEntryEntity[]> {
    return this.dataSource.getRepository(AuditEntryEntity).find({ where, order: { seq: 'ASC' } });
  }

  /** Audit-log actions in order (for asserting what was recorded). */
  async auditActions(): Promise<string[]> {
    const rows = await this.dataSource.query('SELECT action FROM audit_log ORDER BY seq');
    return (rows as Array<{ action: string }>).map((r) => r.action);
  }
}
