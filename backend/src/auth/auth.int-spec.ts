import { createMongoAbility, subject } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import type { RawRuleOf } from '@casl/ability';
import type { AppAbility } from '../core/authz/ability';
import { UserEntity } from '../users/entities/user.entity';
import {
  describeEachEngine,
  sessionCookie,
  TEST_PASSWORD,
  TestApp,
  TestUnit,
  uniq,
} from '../testing/test-app';

const MIN = 60_000;
const NEW_PASSWORD = 'gurka-trappa-solsken-moln-7';

describeEachEngine('Auth: login, lockout, sessions, me', (engine) => {
  let t: TestApp;
  let root: TestUnit;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());
  beforeEach(async () => {
    root = await t.unit(uniq('Rot'));
  });

  const login = (username: string, password = TEST_PASSWORD) =>
    t.http().post('/api/auth/login').send({ username, password });

  describe('login and the session cookie', () => {
    it('sets an HttpOnly, SameSite=Strict, Path=/ cookie that is not Secure over plain http (COOKIE_SECURE=auto)', async () => {
      const u = await t.user(uniq('anna'), root);
      const res = await login(u.username).expect(200);
      const cookie = ([] as string[])
        .concat(res.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('varn_session='))!;
      expect(cookie).toBeDefined();
      const attrs = cookie.split(';').map((a) => a.trim().toLowerCase());
      expect(attrs).toContain('httponly');
      expect(attrs).toContain('samesite=strict');
      expect(attrs).toContain('path=/');
      expect(attrs).not.toContain('secure');
      expect(res.body).toMatchObject({ id: u.id, username: u.username, mustChangePassword: false });
      // the token is opaque and long; the cookie value is not the session id
      expect(sessionCookie(res).length).toBeGreaterThan('varn_session='.length + 40);
    });

    it('marks the cookie Secure when COOKIE_SECURE=always', async () => {
      const secureApp = await TestApp.start(engine, { COOKIE_SECURE: 'always' });
      try {
        const unit = await secureApp.unit(uniq('Rot'));
        const u = await secureApp.user(uniq('sec'), unit);
        const res = await secureApp
          .http()
          .post('/api/auth/login')
          .send({ username: u.username, password: TEST_PASSWORD })
          .expect(200);
        const cookie = ([] as string[])
          .concat(res.headers['set-cookie'] as unknown as string[])
          .find((c) => c.startsWith('varn_session='))!;
        const attrs = cookie.split(';').map((a) => a.trim().toLowerCase());
        expect(attrs).toContain('secure');
        expect(attrs).toContain('httponly');
        expect(attrs).toContain('samesite=strict');
      } finally {
        await secureApp.stop();
      }
    });

    it('accepts the username case-insensitively and records auth.login', async () => {
      const u = await t.user(uniq('berit'), root);
      await login(u.username.toUpperCase()).expect(200);
      const entries = await t.auditEntries({ actorName: u.username, action: 'auth.login' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actorId: u.id,
        objectType: 'Session',
        outcome: 'success',
      });
    });

    it('answers a wrong password and an unknown user with the same 401 invalid_credentials', async () => {
      const u = await t.user(uniq('cecilia'), root);
      const wrong = await login(u.username, 'fel-lösenord-helt-och-hållet').expect(401);
      const unknown = await login(uniq('finns-inte'), 'fel-lösenord-helt-och-hållet').expect(401);
      expect(wrong.headers['set-cookie']).toBeUndefined();
      expect(wrong.body.code).toBe('invalid_credentials');
      expect(unknown.body.code).toBe('invalid_credentials');
      expect(unknown.body.detail).toBe(wrong.body.detail);
      expect(unknown.body.status).toBe(wrong.body.status);
    });

    it('does not write the attempted username of an unknown user anywhere in the audit log', async () => {
      const ghost = uniq('spokanvandare');
      const before = (await t.auditEntries()).length;
      await login(ghost, 'ett-lösenord-som-inte-stämmer').expect(401);
      const rows = await t.dataSource.query('SELECT * FROM audit_log');
      expect(rows.length).toBe(before + 1);
      expect(JSON.stringify(rows)).not.toContain(ghost);
      expect(JSON.stringify(rows)).not.toContain('ett-lösenord-som-inte-stämmer');
      const last = (await t.auditEntries({ action: 'auth.login_failed' })).pop()!;
      expect(last).toMatchObject({
        actorId: null,
        actorName: null,
        objectId: null,
        outcome: 'failure',
      });
      expect(JSON.parse(last.details)).toEqual({ reason: 'unknown_user' });
    });

    it('refuses an inactive user with 403 account_disabled only when the password is right', async () => {
      const u = await t.user(uniq('dora'), root, [], { active: false });
      const wrong = await login(u.username, 'inte-rätt-lösenord-alls').expect(401);
      expect(wrong.body.code).toBe('invalid_credentials');
      const right = await login(u.username).expect(403);
      expect(right.body.code).toBe('account_disabled');
      expect(right.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('lockout', () => {
    it('locks after 5 failures, refuses the right password while locked, and lifts after 15 min — answering exactly as for an unknown username', async () => {
      const u = await t.user(uniq('erik'), root);
      // what an unknown username gets: the locked account must look the same
      const unknown = await login(uniq('finns-inte'), 'fel-lösenord-nummer-1').expect(401);
      const neutral = (r: { status: number; body: Record<string, unknown>; headers: object }) => ({
        status: r.status,
        code: r.body['code'],
        detail: r.body['detail'],
        keys: Object.keys(r.body).sort(),
        retryAfter: (r.headers as Record<string, unknown>)['retry-after'],
      });
      for (let i = 1; i <= 4; i++) {
        const r = await login(u.username, `fel-lösenord-nummer-${i}`).expect(401);
        expect(r.body.code).toBe('invalid_credentials');
      }
      const locking = await login(u.username, 'fel-lösenord-nummer-5').expect(401);
      expect(neutral(locking)).toEqual(neutral(unknown));
      expect(await t.auditEntries({ objectId: u.id, action: 'auth.lockout' })).toHaveLength(1);

      t.clock.advance(5 * MIN);
      // the right password is refused while locked, with the same answer
      const stillLocked = await login(u.username).expect(401);
      expect(neutral(stillLocked)).toEqual(neutral(unknown));
      expect(stillLocked.headers['set-cookie']).toBeUndefined();
      const refused = (
        await t.auditEntries({ objectId: u.id, action: 'auth.login_failed' })
      ).pop()!;
      expect(JSON.parse(refused.details)).toEqual({ reason: 'locked' });

      t.clock.advance(10 * MIN + 1000);
      // the failure counter was reset by the lockout: one more mistake is an ordinary 401
      await login(u.username, 'fel-igen-efter-låset').expect(401);
      const ok = await login(u.username).expect(200);
      expect(ok.body.id).toBe(u.id);

      const actions = (await t.auditEntries({ objectId: u.id })).map((e) => e.action);
      expect(actions).toEqual([
        'auth.login_failed',
        'auth.login_failed',
        'auth.login_failed',
        'auth.login_failed',
        'auth.login_failed',
        'auth.lockout',
        'auth.login_failed', // refused while locked
        'auth.login_failed', // after the lock
      ]);
      const lockedAttempt = (await t.auditEntries({ objectId: u.id }))[6];
      expect(lockedAttempt.outcome).toBe('denied');
      expect(JSON.parse(lockedAttempt.details)).toEqual({ reason: 'locked' });
      expect(await t.auditEntries({ actorName: u.username, action: 'auth.login' })).toHaveLength(1);
    });

    it('a successful login resets the failure counter', async () => {
      const u = await t.user(uniq('frida'), root);
      for (let i = 0; i < 4; i++) await login(u.username, `fel-lösenord-${i}`).expect(401);
      await login(u.username).expect(200);
      for (let i = 0; i < 4; i++) await login(u.username, `fel-lösenord-igen-${i}`).expect(401);
      await login(u.username).expect(200);
    });
  });

  describe('logout and expiry', () => {
    it('logout answers 204, clears the cookie, and the old cookie is refused', async () => {
      const u = await t.user(uniq('gustav'), root);
      const res = await login(u.username).expect(200);
      const cookie = sessionCookie(res);
      await t.http().get('/api/me').set('Cookie', cookie).expect(200);
      const out = await t.http().post('/api/auth/logout').set('Cookie', cookie).expect(204);
      expect(String(out.headers['set-cookie'])).toMatch(/varn_session=;.*Expires=Thu, 01 Jan 1970/);
      const after = await t.http().get('/api/me').set('Cookie', cookie).expect(401);
      expect(after.body.code).toBe('unauthenticated');
      expect(await t.auditEntries({ actorName: u.username, action: 'auth.logout' })).toHaveLength(
        1,
      );
    });

    it('logout without a session is harmless', async () => {
      await t.http().post('/api/auth/logout').expect(204);
    });

    it('expires a session after 30 idle minutes', async () => {
      const u = await t.user(uniq('hanna'), root);
      const agent = await t.login(u.username);
      t.clock.advance(29 * MIN);
      await agent.get('/api/me').expect(200);
      t.clock.advance(31 * MIN);
      const res = await agent.get('/api/me').expect(401);
      expect(res.body.code).toBe('unauthenticated');
    });

    it('slides the idle expiry with activity, but writes lastSeenAt at most once a minute', async () => {
      const u = await t.user(uniq('ivar'), root);
      const agent = await t.login(u.username);
      const start = t.clock.now();

      t.clock.advance(30_000);
      const early = await agent.get('/api/me/sessions').expect(200);
      expect(early.body[0].lastSeenAt).toBe(start.toISOString());

      t.clock.advance(40_000);
      const touched = await agent.get('/api/me/sessions').expect(200);
      expect(touched.body[0].lastSeenAt).toBe(t.clock.now().toISOString());

      for (let i = 0; i < 6; i++) {
        t.clock.advance(20 * MIN);
        await agent.get('/api/me').expect(200);
      }
      // two hours after sign-in, still alive; idle for 31 minutes, gone
      t.clock.advance(31 * MIN);
      await agent.get('/api/me').expect(401);
    });

    it('ends a session 12 hours after sign-in however active it is', async () => {
      const u = await t.user(uniq('jonna'), root);
      const agent = await t.login(u.username);
      const me = await agent.get('/api/me').expect(200);
      expect(me.body.sessionExpiresAt).toBe(
        new Date(t.clock.now().getTime() + 12 * 60 * MIN).toISOString(),
      );
      for (let i = 1; i < 36; i++) {
        t.clock.advance(20 * MIN);
        await agent.get('/api/me').expect(200);
      }
      t.clock.advance(20 * MIN); // exactly 12 h
      await agent.get('/api/me').expect(401);
    });

    it('refuses the session of a user who has been deactivated since sign-in', async () => {
      const u = await t.user(uniq('kalle'), root);
      const agent = await t.login(u.username);
      await t.dataSource.query(
        `UPDATE users SET active = ${engine === 'postgres' ? 'false' : '0'} WHERE id = '${u.id}'`,
      );
      await agent.get('/api/me').expect(401);
    });
  });

  describe('me', () => {
    it('returns the profile with the home unit and roles with unit names', async () => {
      const dept = await t.unit(uniq('Avdelning'), root, 'avdelning');
      const unit = await t.unit(uniq('Enhet'), dept);
      const u = await t.user(
        uniq('lisa'),
        unit,
        [
          ['chef', dept],
          ['medarbetare', unit],
        ],
        { displayName: 'Lisa Ängström', email: 'lisa@example.se' },
      );
      const agent = await t.login(u.username);
      const res = await agent.get('/api/me').expect(200);
      expect(res.body).toMatchObject({
        id: u.id,
        username: u.username,
        displayName: 'Lisa Ängström',
        email: 'lisa@example.se',
        unit: { id: unit.id, name: unit.name },
        mustChangePassword: false,
        sessionIdleMinutes: 30,
      });
      expect(res.body.roles).toHaveLength(2);
      expect(res.body.roles).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ role: 'chef', unitId: dept.id, unitName: dept.name }),
          expect.objectContaining({ role: 'medarbetare', unitId: unit.id, unitName: unit.name }),
        ]),
      );
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
    });

    it('requires a session', async () => {
      const res = await t.http().get('/api/me').expect(401);
      expect(res.body.code).toBe('unauthenticated');
      await t.http().get('/api/me').set('Cookie', 'varn_session=not-a-real-token').expect(401);
    });

    it('returns packed CASL rules that rebuild the same ability on the client', async () => {
      const dept = await t.unit(uniq('Avdelning'), root, 'avdelning');
      const other = await t.unit(uniq('Annan'), root, 'avdelning');
      const employee = await t.user(uniq('mona'), dept, [['medarbetare', dept]]);
      const admin = await t.user(uniq('nils'), dept, [['administrator', dept]]);

      const abilityOf = async (username: string): Promise<AppAbility> => {
        const res = await (await t.login(username)).get('/api/me/abilities').expect(200);
        expect(Array.isArray(res.body.rules)).toBe(true);
        return createMongoAbility<AppAbility>(
          unpackRules(res.body.rules as PackRule<RawRuleOf<AppAbility>>[]),
        );
      };

      const e = await abilityOf(employee.username);
      expect(e.can('read', 'Me')).toBe(true);
      expect(e.can('read', 'OrgUnit')).toBe(true);
      expect(e.can('read', 'User')).toBe(false);
      expect(e.can('read', 'AuditLog')).toBe(false);

      const a = await abilityOf(admin.username);
      expect(a.can('read', 'User')).toBe(true);
      expect(a.can('read', 'AuditLog')).toBe(true);
      // conditions survive packing: scope is the department subtree, a prefix of unit paths
      const row = (id: string, unit: { id: string; path: string }) =>
        subject('User', { id, unitId: unit.id, unitPath: unit.path }) as never;
      expect(a.can('update', row(employee.id, dept))).toBe(true);
      expect(a.can('update', row('x', other))).toBe(false);
      expect(a.can('update', row(admin.id, dept))).toBe(false);
      // a row without the unit's path is denied (fail closed)
      expect(a.can('update', subject('User', { id: 'x', unitId: dept.id }) as never)).toBe(false);
      // the rules name the scope's root, not every unit below it
      const sub = await t.unit(uniq('Enhet'), dept, 'enhet');
      expect(a.can('update', row('x', sub))).toBe(true);
    });
  });

  describe('password change', () => {
    it('refuses a wrong current password with 400 wrong_password on currentPassword', async () => {
      const u = await t.user(uniq('olle'), root);
      const agent = await t.login(u.username);
      const res = await agent
        .post('/api/me/password')
        .send({ currentPassword: 'inte-det-gamla-lösenordet', newPassword: NEW_PASSWORD })
        .expect(400);
      expect(res.body.code).toBe('wrong_password');
      expect(res.body.errors[0].field).toBe('currentPassword');
      // nothing changed: the old password still works, the new one does not
      await login(u.username).expect(200);
      await login(u.username, NEW_PASSWORD).expect(401);
    });

    it.each([
      ['too_short', () => 'kort-ord-1'],
      ['common', () => 'password1234'],
      ['contains_username', (username: string) => `${username}-och-en-lång-fras`],
      ['same_as_current', () => TEST_PASSWORD],
    ])('enforces the policy: %s → 400 password_policy', async (reason, make) => {
      const u = await t.user(uniq('pia'), root);
      const agent = await t.login(u.username);
      const res = await agent
        .post('/api/me/password')
        .send({ currentPassword: TEST_PASSWORD, newPassword: make(u.username) })
        .expect(400);
      expect(res.body.code).toBe('password_policy');
      expect(res.body.errors[0].field).toBe('newPassword');
      expect(res.body.errors[0].messages).toContain(reason);
      expect(res.body.detail).toBeTruthy();
      await login(u.username).expect(200);
    });

    it('locks the account and ends every session after 5 wrong current passwords (a stolen session cannot guess it)', async () => {
      const u = await t.user(uniq('gissa'), root);
      const agent = await t.login(u.username);
      for (let i = 0; i < 4; i++) {
        const res = await agent
          .post('/api/me/password')
          .send({ currentPassword: `fel-${i}-lösenord`, newPassword: NEW_PASSWORD });
        expect(res.status).toBe(400);
      }
      const fifth = await agent
        .post('/api/me/password')
        .send({ currentPassword: 'fel-5-lösenord', newPassword: NEW_PASSWORD });
      expect(fifth.status).toBe(429);
      expect(fifth.body.code).toBe('account_locked');
      await agent.get('/api/me').expect(401);
      // sign-in does not say that the account is locked (nor that it exists): the neutral 401
      const signIn = await login(u.username).expect(401);
      expect(signIn.body.code).toBe('invalid_credentials');
      expect(await t.auditActions()).toContain('auth.lockout');
    });

    it('one lockout, whichever route counted the failures: sign-in failures also end open sessions', async () => {
      const u = await t.user(uniq('ettlas'), root);
      const open = await t.login(u.username);
      // failures from both routes count together
      for (let i = 0; i < 2; i++)
        await open
          .post('/api/me/password')
          .send({ currentPassword: `fel-${i}-lösenord`, newPassword: NEW_PASSWORD })
          .expect(400);
      for (let i = 0; i < 2; i++) await login(u.username, `fel-${i}-lösenord`).expect(401);
      const fifth = await login(u.username, 'fel-5-lösenord').expect(401);
      expect(fifth.body.code).toBe('invalid_credentials');
      expect(fifth.body.retryAfterSeconds).toBeUndefined();
      // the same consequence as a lockout from wrong current passwords: signed out everywhere
      await open.get('/api/me').expect(401);
      const lockout = await t.auditEntries({ objectId: u.id, action: 'auth.lockout' });
      expect(lockout).toHaveLength(1);
      expect(JSON.parse(lockout[0].details)).toMatchObject({ sessionsRevoked: 1 });
    });

    it('while the account is locked, changing the password checks no password, not even the right one', async () => {
      const u = await t.user(uniq('lastbyte'), root);
      const agent = await t.login(u.username);
      await t.dataSource
        .getRepository(UserEntity)
        .update(u.id, { lockedUntil: new Date(t.clock.now().getTime() + 10 * MIN) });
      const res = await agent
        .post('/api/me/password')
        .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
        .expect(429);
      expect(res.body).toMatchObject({ code: 'account_locked', retryAfterSeconds: 10 * 60 });
      t.clock.advance(11 * MIN);
      // the password did not change
      await login(u.username, NEW_PASSWORD).expect(401);
      await login(u.username).expect(200);
    });

    it('shows the previous sign-in, not the current one, as the last login', async () => {
      const u = await t.user(uniq('tidigare'), root);
      const first = await t.login(u.username);
      expect((await first.get('/api/me').expect(200)).body.lastLoginAt).toBeNull();
      const firstAt = t.clock.now().toISOString();
      t.clock.advance(60 * MIN);
      const second = await t.login(u.username);
      expect((await second.get('/api/me').expect(200)).body.lastLoginAt).toBe(firstAt);
    });

    it('changes the password (204), revokes the other sessions and keeps the current one', async () => {
      const u = await t.user(uniq('rut'), root);
      const current = await t.login(u.username);
      const other = await t.login(u.username);
      await other.get('/api/me').expect(200);
      await current
        .post('/api/me/password')
        .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);
      await other.get('/api/me').expect(401);
      await current.get('/api/me').expect(200);
      const sessions = await current.get('/api/me/sessions').expect(200);
      expect(sessions.body).toHaveLength(1);
      expect(sessions.body[0].current).toBe(true);
      await login(u.username).expect(401);
      await login(u.username, NEW_PASSWORD).expect(200);
      const entry = (await t.auditEntries({ objectId: u.id, action: 'auth.password_changed' }))[0];
      expect(JSON.parse(entry.details)).toEqual({ otherSessionsRevoked: 1 });
      expect(JSON.stringify(await t.auditEntries({ objectId: u.id }))).not.toContain(NEW_PASSWORD);
    });

    it('restricts a user who must change the password to their profile until they do', async () => {
      const u = await t.user(uniq('sara'), root, [['medarbetare', root]], {
        mustChangePassword: true,
      });
      const agent = await t.login(u.username);
      const me = await agent.get('/api/me').expect(200);
      expect(me.body.mustChangePassword).toBe(true);
      const denied = await agent.get('/api/units').expect(403);
      expect(denied.body.code).toBe('forbidden');
      await agent
        .post('/api/me/password')
        .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);
      await agent.get('/api/units').expect(200);
      expect((await agent.get('/api/me').expect(200)).body.mustChangePassword).toBe(false);
    });
  });

  describe('my sessions', () => {
    it('lists my sessions, marks the current one, and revokes another', async () => {
      const u = await t.user(uniq('tore'), root);
      const a = await t.login(u.username);
      t.clock.advance(2 * MIN);
      const b = await t.login(u.username);
      const list = await a.get('/api/me/sessions').expect(200);
      expect(list.body).toHaveLength(2);
      expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
      for (const s of list.body) {
        expect(Object.keys(s).sort()).toEqual([
          'authMethod',
          'createdAt',
          'current',
          'id',
          'lastSeenAt',
        ]);
        expect(s.authMethod).toBe('password');
      }
      const fromB = await b.get('/api/me/sessions').expect(200);
      const bId = fromB.body.find((s: { current: boolean }) => s.current).id as string;
      const aId = list.body.find((s: { current: boolean }) => s.current).id as string;
      expect(bId).not.toBe(aId);

      await a.delete(`/api/me/sessions/${bId}`).expect(204);
      await b.get('/api/me').expect(401);
      await a.get('/api/me').expect(200);
      expect(await t.auditEntries({ objectId: bId, action: 'session.revoked' })).toHaveLength(1);
    });

    it("answers 404 for someone else's session and leaves it alone", async () => {
      const u1 = await t.user(uniq('ulla'), root);
      const u2 = await t.user(uniq('vera'), root);
      const a = await t.login(u1.username);
      const b = await t.login(u2.username);
      const bId = (await b.get('/api/me/sessions').expect(200)).body[0].id as string;
      const res = await a.delete(`/api/me/sessions/${bId}`).expect(404);
      expect(res.body.code).toBe('not_found');
      await b.get('/api/me').expect(200);
      await a.delete('/api/me/sessions/not-a-uuid').expect(400);
    });
  });
});
