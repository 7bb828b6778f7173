import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { SecondFactorEntity } from './entities/second-factor.entity';
import { RecoveryCodeEntity } from './entities/recovery-code.entity';
import { SessionEntity } from '../entities/session.entity';
import { RoleAssignmentEntity } from '../../users/entities/role-assignment.entity';
import { UserEntity } from '../../users/entities/user.entity';
import { SessionService } from '../session.service';
import { describeEachEngine, TEST_PASSWORD, TestApp, TestUnit, uniq } from '../../testing/test-app';
import { totpCode, totpStep } from './totp';
import { listRoutes, type RouteInfo } from '../../testing/routes';
import { SECOND_FACTOR_STEP } from '../../core/authz/decorators';
import { ModulesContainer } from '@nestjs/core';

const STEP_MS = 30_000;

let appRef: TestApp | null = null;
/** The handler function of a listed route (for its metadata). */
function handlerOf(r: RouteInfo): object {
  for (const mod of appRef!.app.get(ModulesContainer).values())
    for (const w of mod.controllers.values()) {
      const type = w.metatype as { name: string; prototype: Record<string, object> } | undefined;
      if (type?.name === r.controller) return type.prototype[r.handler];
    }
  throw new Error(`no controller ${r.controller}`);
}

describeEachEngine('Second factor (TOTP and recovery codes)', (engine) => {
  let t: TestApp;
  let root: TestUnit;
  beforeAll(async () => {
    // production's default roles (handläggare, identitetsansvarig, avtalscontroller, administratör)
    t = await TestApp.start(engine, { SECOND_FACTOR_ROLES: '', LOGIN_MAX_FAILURES: '5' });
    appRef = t;
  });
  afterAll(() => t.stop());
  beforeEach(async () => {
    root = await t.unit(uniq('Rot'));
    // a fresh step for every test, so codes of one test are never "used" in the next
    t.clock.advance(10 * STEP_MS);
  });

  const code = (secret: string, offsetSteps = 0) =>
    totpCode(secret, totpStep(t.clock.now()) + offsetSteps);

  async function signIn(
    username: string,
  ): Promise<{ agent: TestAgent; me: { secondFactor: string } }> {
    const agent = request.agent(t.app.getHttpServer());
    const res = await agent
      .post('/api/auth/login')
      .send({ username, password: TEST_PASSWORD })
      .expect(200);
    return { agent, me: res.body as { secondFactor: string } };
  }

  /** Enrols through the API; returns the secret (as the app would read it) and recovery codes. */
  async function enrol(agent: TestAgent): Promise<{ secret: string; recoveryCodes: string[] }> {
    const start = await agent.post('/api/auth/second-factor/enrol').expect(200);
    const secret = (start.body.secret as string).replace(/\s/g, '');
    const done = await agent
      .post('/api/auth/second-factor/enrol/confirm')
      .send({ code: code(secret) })
      .expect(200);
    return { secret, recoveryCodes: done.body.recoveryCodes as string[] };
  }

  async function handler(): Promise<UserEntity> {
    return t.user(uniq('hand'), root, [['handlaggare', root]]);
  }

  /** A handler who has enrolled, signed out, and signed in again with a password only. */
  async function enrolledHandler() {
    const u = await handler();
    const first = await signIn(u.username);
    const { secret, recoveryCodes } = await enrol(first.agent);
    await first.agent.post('/api/auth/logout').expect(204);
    t.clock.advance(STEP_MS);
    const { agent, me } = await signIn(u.username);
    return { u, agent, me, secret, recoveryCodes };
  }

  it("a handler's password session reads nothing before the code: every route but /api/me and the second factor answers 403 second_factor_required", async () => {
    const u = await handler();
    const { agent, me } = await signIn(u.username);
    expect(me.secondFactor).toBe('enrol');
    for (const [method, path] of [
      ['get', '/api/cases'],
      ['get', '/api/users'],
      ['get', `/api/users/${u.id}`],
      ['get', '/api/units'],
      ['get', '/api/me/sessions'],
      ['get', '/api/me/second-factor'],
      ['get', '/api/audit-log'],
      ['post', '/api/me/password'],
      ['post', '/api/me/second-factor/recovery-codes'],
      ['delete', `/api/users/${u.id}/second-factor`],
    ] as const) {
      const res = await agent[method](path).send(
        method === 'post' ? { currentPassword: TEST_PASSWORD, newPassword: 'x' } : undefined,
      );
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'second_factor_required']);
    }
    // what it may do: read who it is (the UI learns the state), and its (restricted) rules
    const meRes = await agent.get('/api/me').expect(200);
    expect(meRes.body).toMatchObject({ id: u.id, secondFactor: 'enrol' });
    const abilities = await agent.get('/api/me/abilities').expect(200);
    const subjects = (abilities.body.rules as unknown[][]).map((r) => r[1]);
    expect(subjects.flat()).not.toContain('Case');
    expect(subjects.flat()).not.toContain('OrgUnit');
  });

  it('every route that is not public and not a second-factor step refuses such a session (a new route cannot forget it)', async () => {
    const u = await handler();
    const { agent } = await signIn(u.username);
    const steps = new Set([
      'GET /api/me',
      'GET /api/me/abilities',
      'POST /api/auth/second-factor/enrol',
      'POST /api/auth/second-factor/enrol/confirm',
      'POST /api/auth/second-factor/verify',
    ]);
    const routes = listRoutes(t.app).filter((r) => !r.isPublic && !steps.has(r.key));
    expect(routes.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const r of routes) {
      const path = r.path.replace(/:[A-Za-z]+/g, randomUUID());
      const res =
        await agent[r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
      if (res.status !== 403 || res.body.code !== 'second_factor_required')
        wrong.push(`${r.key} → ${res.status} ${res.body.code}`);
    }
    expect(wrong).toEqual([]);
    // and the marked ones are exactly these (a new one is a decision, made here)
    const marked = listRoutes(t.app)
      .filter((r) => Reflect.getMetadata(SECOND_FACTOR_STEP, handlerOf(r)) === true)
      .map((r) => r.key)
      .sort();
    expect(marked).toEqual([...steps].sort());
  });

  it('enrols end to end: secret + QR, confirm with a code from the secret, recovery codes once, the session upgraded with a new token', async () => {
    const u = await handler();
    const { agent } = await signIn(u.username);
    const start = await agent.post('/api/auth/second-factor/enrol').expect(200);
    expect(start.body.otpauthUri).toMatch(
      new RegExp(`^otpauth://totp/.*${u.username}\\?.*secret=[A-Z2-7]+`),
    );
    expect(start.body.otpauthUri).toContain('algorithm=SHA1');
    expect(start.body.otpauthUri).toContain('digits=6');
    expect(start.body.otpauthUri).toContain('period=30');
    expect(start.body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(start.body.qrDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
    const secret = (start.body.secret as string).replace(/\s/g, '');
    expect(start.body.otpauthUri).toContain(`secret=${secret}`);

    // stored sealed: the base32 secret is nowhere in the row
    const row = await t.dataSource
      .getRepository(SecondFactorEntity)
      .findOneByOrFail({ userId: u.id });
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.confirmedAt).toBeNull();

    // not in force before it is confirmed: a wrong code is refused
    await agent
      .post('/api/auth/second-factor/enrol/confirm')
      .send({ code: code(secret, 5) })
      .expect(400)
      .expect((r) => expect(r.body.code).toBe('invalid_code'));
    const oldSession = await t.dataSource
      .getRepository(SessionEntity)
      .findOneByOrFail({ userId: u.id });
    const done = await agent
      .post('/api/auth/second-factor/enrol/confirm')
      .send({ code: code(secret) })
      .expect(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(new Set(done.body.recoveryCodes).size).toBe(10);
    // the token was rotated (same session id) and the method records the factor
    const newSession = await t.dataSource
      .getRepository(SessionEntity)
      .findOneByOrFail({ userId: u.id });
    expect(newSession.id).toBe(oldSession.id);
    expect(newSession.tokenHash).not.toBe(oldSession.tokenHash);
    expect(newSession.authMethod).toBe('password+totp');
    // recovery codes are stored as keyed hashes only
    const stored = await t.dataSource.getRepository(RecoveryCodeEntity).findBy({ userId: u.id });
    expect(stored).toHaveLength(10);
    for (const c of done.body.recoveryCodes as string[])
      expect(JSON.stringify(stored)).not.toContain(c.replace('-', ''));

    // now signed in fully
    const me = await agent.get('/api/me').expect(200);
    expect(me.body.secondFactor).toBe('done');
    await agent.get('/api/cases').expect(200);
    await agent
      .get('/api/me/second-factor')
      .expect(200)
      .expect((r) => expect(r.body).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 }));
    // enrolling again is refused
    await agent.post('/api/auth/second-factor/enrol').expect(409);

    // audited, without secrets or codes
    const entries = await t.auditEntries({ objectId: u.id });
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'second_factor.enrolment_started',
        'auth.second_factor_failed',
        'second_factor.enrolled',
      ]),
    );
    const all = JSON.stringify(entries);
    expect(all).not.toContain(secret);
    for (const c of done.body.recoveryCodes as string[]) expect(all).not.toContain(c);
  });

  it('signs in with a code; the same code (same time step) is refused the second time', async () => {
    const { u, agent, me, secret } = await enrolledHandler();
    expect(me.secondFactor).toBe('pending');
    await agent.get('/api/cases').expect(403);
    const c = code(secret);
    await agent.post('/api/auth/second-factor/verify').send({ code: c }).expect(200);
    await agent.get('/api/cases').expect(200);
    expect((await agent.get('/api/me').expect(200)).body.secondFactor).toBe('done');

    // a second session replays the code within its 30 seconds: refused, also with the window
    const other = await signIn(u.username);
    await other.agent
      .post('/api/auth/second-factor/verify')
      .send({ code: c })
      .expect(400)
      .expect((r) => expect(r.body.code).toBe('invalid_code'));
    // an older step than the last one used is refused too
    await other.agent
      .post('/api/auth/second-factor/verify')
      .send({ code: code(secret, -1) })
      .expect(400);
    // the next step's code works (within the ±1 window)
    await other.agent
      .post('/api/auth/second-factor/verify')
      .send({ code: code(secret, 1) })
      .expect(200);
    const session = (await t.dataSource.getRepository(SessionEntity).findBy({ userId: u.id })).map(
      (s) => s.authMethod,
    );
    expect(session).toEqual(['password+totp', 'password+totp']);
    const actions = (await t.auditEntries({ objectId: u.id })).map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.second_factor_verified')).toHaveLength(2);
  });

  it('accepts a code of the step before and after, not two steps away', async () => {
    const { agent, secret } = await enrolledHandler();
    // away from the step the enrolment used
    t.clock.advance(3 * STEP_MS);
    await agent
      .post('/api/auth/second-factor/verify')
      .send({ code: code(secret, 2) })
      .expect(400);
    await agent
      .post('/api/auth/second-factor/verify')
      .send({ code: code(secret, -2) })
      .expect(400);
    await agent
      .post('/api/auth/second-factor/verify')
      .send({ code: code(secret, -1) })
      .expect(200);
  });

  it('a recovery code works once, in any case and spacing', async () => {
    const { u, agent, recoveryCodes } = await enrolledHandler();
    const rc = recoveryCodes[3];
    await agent
      .post('/api/auth/second-factor/verify')
      .send({ recoveryCode: ` ${rc.toLowerCase()} ` })
      .expect(200)
      .expect((r) => expect(r.body.recoveryCodesLeft).toBe(9));
    await agent.get('/api/cases').expect(200);
    const again = await signIn(u.username);
    await again.agent
      .post('/api/auth/second-factor/verify')
      .send({ recoveryCode: rc })
      .expect(400)
      .expect((r) => expect(r.body.code).toBe('invalid_code'));
    // another of the codes still works
    await again.agent
      .post('/api/auth/second-factor/verify')
      .send({ recoveryCode: recoveryCodes[4] })
      .expect(200);
    const sessions = await t.dataSource.getRepository(SessionEntity).findBy({ userId: u.id });
    expect(sessions.map((s) => s.authMethod).sort()).toEqual([
      'password+recovery',
      'password+recovery',
    ]);
    const actions = (await t.auditEntries({ objectId: u.id })).map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.recovery_code_used')).toHaveLength(2);
  });

  it('regenerating recovery codes needs a current code; the old codes stop working', async () => {
    const { u, agent, secret, recoveryCodes } = await enrolledHandler();
    await agent
      .post('/api/auth/second-factor/verify')
      .send({ code: code(secret) })
      .expect(200);
    // the code just used cannot be used again to regenerate
    await agent
      .post('/api/me/second-factor/recovery-codes')
      .send({ code: code(secret) })
      .expect(400);
    t.clock.advance(STEP_MS);
    const res = await agent
      .post('/api/me/second-factor/recovery-codes')
      .send({ code: code(secret) })
      .expect(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    const next = await signIn(u.username);
    await next.agent
      .post('/api/auth/second-factor/verify')
      .send({ recoveryCode: recoveryCodes[0] })
      .expect(400);
    await next.agent
      .post('/api/auth/second-factor/verify')
      .send({ recoveryCode: res.body.recoveryCodes[0] })
      .expect(200);
  });

  it('wrong codes count toward the account lockout: the fifth locks the account and ends its sessions', async () => {
    const { u, agent, secret } = await enrolledHandler();
    for (let i = 0; i < 4; i++)
      await agent
        .post('/api/auth/second-factor/verify')
        .send({ code: code(secret, 5) })
        .expect(400);
    const locked = await agent.post('/api/auth/second-factor/verify').send({ code: '000000' });
    expect([locked.status, locked.body.code]).toEqual([429, 'account_locked']);
    // the pending session is gone, and the right password no longer signs in
    await agent.get('/api/me').expect(401);
    await t
      .http()
      .post('/api/auth/login')
      .send({ username: u.username, password: TEST_PASSWORD })
      .expect(401);
    const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: u.id });
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(t.clock.now().getTime());
    const actions = (await t.auditEntries({ objectId: u.id })).map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.second_factor_failed')).toHaveLength(5);
    expect(actions).toContain('auth.lockout');
  });

  it('a right code resets the failure count (wrong codes before it do not add up with later ones)', async () => {
    const { u, agent, secret } = await enrolledHandler();
    for (let i = 0; i < 3; i++)
      await agent
        .post('/api/auth/second-factor/verify')
        .send({ code: code(secret, 5) })
        .expect(400);
    await agent
      .post('/api/auth/second-factor/verify')
      .send({ code: code(secret) })
      .expect(200);
    const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: u.id });
    expect(user.failedLoginCount).toBe(0);
  });

  it('a role not in SECOND_FACTOR_ROLES is not asked (chef, medarbetare), and cannot enrol', async () => {
    const chef = await t.user(uniq('chef'), root, [['chef', root]]);
    const { agent, me } = await signIn(chef.username);
    expect(me.secondFactor).toBe('not_required');
    await agent.get('/api/users').expect(200);
    await agent.post('/api/auth/second-factor/enrol').expect(409);
  });

  it('a role granted mid-session asks for the second factor on the next request', async () => {
    const chef = await t.user(uniq('chef'), root, [['chef', root]]);
    const { agent } = await signIn(chef.username);
    await agent.get('/api/users').expect(200);
    await t.db.transaction(() =>
      t.db.repo(RoleAssignmentEntity).insert({
        id: randomUUID(),
        userId: chef.id,
        role: 'administrator',
        unitId: root.id,
        createdAt: t.clock.now(),
        createdBy: null,
      }),
    );
    const res = await agent.get('/api/users');
    expect([res.status, res.body.code]).toEqual([403, 'second_factor_required']);
    expect((await agent.get('/api/me').expect(200)).body.secondFactor).toBe('enrol');
  });

  it('a session the identity provider vouched for (idpSecondFactor) is not asked', async () => {
    const u = await handler();
    const sessions = t.app.get(SessionService);
    const { token } = await t.db.transaction(() =>
      sessions.start(u.id, 'oidc', { idpSecondFactor: true }),
    );
    const me = await t.http().get('/api/me').set('Cookie', `varn_session=${token}`).expect(200);
    expect(me.body.secondFactor).toBe('done');
    await t.http().get('/api/cases').set('Cookie', `varn_session=${token}`).expect(200);
    // without the claim the same user is asked
    const plain = await t.db.transaction(() => sessions.start(u.id, 'oidc'));
    await t.http().get('/api/cases').set('Cookie', `varn_session=${plain.token}`).expect(403);
  });

  it("an administrator resets a user's second factor: the user enrols again, their sessions end; not outside the scope, not one's own", async () => {
    const { u, agent: userAgent, secret } = await enrolledHandler();
    await userAgent
      .post('/api/auth/second-factor/verify')
      .send({ code: code(secret) })
      .expect(200);

    const admin = await t.user(uniq('adm'), root, [['administrator', root]]);
    const adminSession = await signIn(admin.username);
    const adminFactor = await enrol(adminSession.agent);

    // an administrator of another subtree does not see the user
    const other = await t.unit(uniq('Annan'));
    const outsider = await t.user(uniq('adm2'), other, [['administrator', other]]);
    const out = await signIn(outsider.username);
    await enrol(out.agent);
    await out.agent.delete(`/api/users/${u.id}/second-factor`).expect(404);
    // a handler (no administrator role) may not reset anyone's
    await userAgent.delete(`/api/users/${admin.id}/second-factor`).expect(403);
    // nobody resets their own
    await adminSession.agent.delete(`/api/users/${admin.id}/second-factor`).expect(403);

    // the administrator's user page shows the factor, and no longer after the reset
    const before = await adminSession.agent.get(`/api/users/${u.id}`).expect(200);
    expect(before.body.secondFactorEnrolled).toBe(true);
    await adminSession.agent.delete(`/api/users/${u.id}/second-factor`).expect(204);
    const after = await adminSession.agent.get(`/api/users/${u.id}`).expect(200);
    expect(after.body.secondFactorEnrolled).toBe(false);
    await userAgent.get('/api/me').expect(401);
    const again = await signIn(u.username);
    expect(again.me.secondFactor).toBe('enrol');
    await adminSession.agent.delete(`/api/users/${u.id}/second-factor`).expect(404);
    const actions = (await t.auditEntries({ objectId: u.id })).map((e) => e.action);
    expect(actions).toContain('second_factor.reset');
    void adminFactor;
  });

  it('refuses bad input with 400 problem+json, never 500', async () => {
    const { agent } = await enrolledHandler();
    for (const body of [
      {},
      { code: 'abc' },
      { code: 123 },
      { code: '1'.repeat(50) },
      { code: '123456', recoveryCode: 'X' },
      { extra: 1 },
    ]) {
      const res = await agent.post('/api/auth/second-factor/verify').send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
