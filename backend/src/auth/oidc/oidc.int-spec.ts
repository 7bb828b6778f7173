import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RoleAssignmentEntity } from '../../users/entities/role-assignment.entity';
import { UserEntity } from '../../users/entities/user.entity';
import {
  describeEachEngine,
  sessionCookie,
  TEST_PASSWORD,
  TestApp,
  TestUnit,
  uniq,
} from '../../testing/test-app';
import { OidcIdentityEntity } from './entities/oidc-identity.entity';
import { OidcLoginStateEntity } from './entities/oidc-login-state.entity';
import { OidcRoleGrantEntity } from './entities/oidc-role-grant.entity';

/**
 * Single sign-on against a real OpenID Connect provider: tools/oidc-dev-provider.mjs
 * (oidc-provider) in its own Node process on loopback, driven with plain HTTP requests the way a
 * browser would — follow the redirects, post the login form. No part of openid-client is mocked.
 */
const ROOT = resolve(__dirname, '../../../..');
const PROVIDER = join(ROOT, 'tools/oidc-dev-provider.mjs');
const PORTS = [3410, 3411, 3412, 3413, 3414, 3415, 3416, 3417, 3418, 3419];
const CLIENT_ID = 'varn-test';
const CLIENT_SECRET = 'varn-test-secret-0123456789';
const REDIRECT_URI = 'http://localhost:3000/api/auth/oidc/callback';
const IDP_PASSWORD = 'kommun-sso-2026';

/** Whether oidc-provider can be loaded at all here (else the suite is skipped, saying why). */
const probe = spawnSync(
  process.execPath,
  [
    '-e',
    "import('oidc-provider').then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); })",
  ],
  { cwd: ROOT, encoding: 'utf8', timeout: 20_000 },
);
const canStart = probe.status === 0;

interface IdpAccount {
  name: string;
  email?: string;
  groups: string[];
  amr?: string[];
}

/** The provider process, its accounts file (read again at every sign-in) and its issuer URL. */
class Idp {
  private accounts: Record<string, IdpAccount> = {};
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly issuer: string,
  ) {}

  static async start(): Promise<Idp> {
    const dir = mkdtempSync(join(tmpdir(), 'varn-oidc-'));
    const file = join(dir, 'accounts.json');
    writeFileSync(file, '{}');
    let lastError = '';
    for (const port of PORTS) {
      const child = spawn(
        process.execPath,
        [
          PROVIDER,
          '--port',
          String(port),
          '--client-id',
          CLIENT_ID,
          '--client-secret',
          CLIENT_SECRET,
          '--redirect-uri',
          REDIRECT_URI,
          '--accounts',
          file,
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const issuer = await new Promise<string | null>((done) => {
        let err = '';
        const timer = setTimeout(() => done(null), 15_000);
        child.stdout.on('data', (b: Buffer) => {
          const m = /oidc-dev-provider ready (\S+)/.exec(b.toString());
          if (m) {
            clearTimeout(timer);
            done(m[1]);
          }
        });
        child.stderr.on('data', (b: Buffer) => (err += b.toString()));
        child.on('exit', () => {
          clearTimeout(timer);
          lastError = err;
          done(null);
        });
      });
      if (issuer) return new Idp(child, dir, issuer);
      child.kill();
    }
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `the OIDC provider did not start on any of ports ${PORTS.join(', ')}: ${lastError}`,
    );
  }

  /** Adds or replaces accounts (a test changes someone's groups this way). */
  set(username: string, account: IdpAccount): void {
    this.accounts[username] = account;
    writeFileSync(join(this.dir, 'accounts.json'), JSON.stringify(this.accounts));
  }

  stop(): void {
    this.child.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A browser's cookies at the IdP: enough of RFC 6265 for one host. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now(),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('Single sign-on with OpenID Connect', () => {
  if (!canStart) {
    describe.skip(`skipped: the OIDC provider (oidc-provider) cannot start here: ${probe.stderr}`, () => {
      it('needs oidc-provider', () => undefined);
    });
    return;
  }

  let idp: Idp;
  beforeAll(async () => {
    idp = await Idp.start();
  });
  afterAll(() => idp?.stop());

  describeEachEngine('OIDC sign-in, just-in-time provisioning, role mapping', (engine) => {
    let t: TestApp;
    // the mapping names units by their path of names; the units are made after the app starts
    const rootName = uniq('SSO-förvaltning');
    const childName = 'Parkering';
    let root: TestUnit;
    let child: TestUnit;

    const roleMap = () => [
      { group: 'g-handlaggare', role: 'handlaggare', unit: rootName },
      { group: 'g-chef', role: 'chef', unit: `${rootName}/${childName}` },
      { group: 'g-chef', role: 'medarbetare', unit: `${rootName}/${childName}` },
      { group: 'g-admin', role: 'administrator', unit: rootName },
      { group: 'g-saknad', role: 'chef', unit: `${rootName}/Finns inte` },
    ];
    const oidcEnv = (extra: Record<string, string> = {}) => ({
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: REDIRECT_URI,
      OIDC_SCOPES: 'openid profile email groups',
      OIDC_ROLE_MAP: JSON.stringify(roleMap()),
      OIDC_TRUST_AMR: 'true',
      ...extra,
    });

    beforeAll(async () => {
      t = await TestApp.start(engine, oidcEnv());
      root = await t.unit(rootName);
      child = await t.unit(childName, root);
    });
    afterAll(() => t.stop());

    /** An IdP account of this test, with a fresh username. */
    const account = (groups: string[], extra: Partial<IdpAccount> = {}) => {
      const username = uniq('sso');
      idp.set(username, {
        name: `Test ${username}`,
        email: `${username}@kommun.example`,
        groups,
        ...extra,
      });
      return username;
    };

    /** GET /api/auth/oidc/start on the app: the IdP URL and the browser's state cookie. */
    const start = async (app: TestApp, returnUrl?: string) => {
      const res = await app
        .http()
        .get('/api/auth/oidc/start')
        .query(returnUrl ? { returnUrl } : {})
        .expect(302);
      const stateCookie = ([] as string[])
        .concat(res.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('varn_oidc='))!;
      expect(stateCookie).toBeDefined();
      return { location: res.headers['location'], stateCookie };
    };

    /**
     * At the IdP, as a browser: the authorization URL, the login form, the redirects, until the
     * IdP sends the browser to Värn's callback. Returns that callback URL (path and query).
     */
    const atIdp = async (authUrl: string, username: string, opts: { abort?: boolean } = {}) => {
      const jar = new Jar();
      const get = async (url: string) => {
        const r = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
        jar.take(r);
        return r;
      };
      let r = await get(authUrl);
      let loc = new URL(r.headers.get('location')!, idp.issuer).toString();
      expect(loc).toMatch(/\/interaction\//);
      r = await get(loc);
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('name="password"');
      r = await fetch(`${loc}/${opts.abort ? 'abort' : 'login'}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password: IDP_PASSWORD }).toString(),
      });
      jar.take(r);
      // follow the provider's own redirects until one leaves it for Värn
      for (let i = 0; i < 10; i++) {
        expect([302, 303]).toContain(r.status);
        loc = new URL(r.headers.get('location')!, idp.issuer).toString();
        if (loc.startsWith(REDIRECT_URI)) return loc.slice('http://localhost:3000'.length);
        r = await get(loc);
      }
      throw new Error('the IdP never sent the browser back');
    };

    /** The whole flow: start → IdP → callback. Returns the callback's answer. */
    const signIn = async (app: TestApp, username: string, returnUrl?: string) => {
      const s = await start(app, returnUrl);
      const callback = await atIdp(s.location, username);
      return app.http().get(callback).set('Cookie', s.stateCookie.split(';')[0]).expect(302);
    };

    const userOf = (username: string) =>
      t.dataSource.getRepository(UserEntity).findOneBy({ username });
    const rolesOf = async (userId: string) =>
      (await t.dataSource.getRepository(RoleAssignmentEntity).findBy({ userId }))
        .map(
          (a) =>
            `${a.role}@${a.unitId === root.id ? 'root' : a.unitId === child.id ? 'child' : a.unitId}`,
        )
        .sort();

    it('says which sign-in methods are on (public)', async () => {
      const res = await t.http().get('/api/auth/methods').expect(200);
      expect(res.body).toEqual({ local: true, oidc: true });
    });

    it('signs in with code + PKCE, creates the user just in time from the mapping, and the session works', async () => {
      const username = account(['g-chef', 'andra-gruppen']);
      const s = await start(t, '/arenden?flik=mina');
      // the IdP is asked for a code with PKCE (S256), a state and a nonce
      const auth = new URL(s.location);
      expect(auth.origin).toBe(idp.issuer);
      expect(auth.searchParams.get('response_type')).toBe('code');
      expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
      expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(auth.searchParams.get('state')).toBeTruthy();
      expect(auth.searchParams.get('nonce')).toBeTruthy();
      // the state cookie: httpOnly, Lax (it must survive the IdP's cross-site redirect back)
      const attrs = s.stateCookie.split(';').map((a) => a.trim().toLowerCase());
      expect(attrs).toEqual(
        expect.arrayContaining(['httponly', 'samesite=lax', 'path=/api/auth/oidc']),
      );
      // the verifier is held server-side, keyed by the state's hash, never the state itself
      const pending = await t.dataSource.getRepository(OidcLoginStateEntity).find();
      expect(pending.some((p) => p.stateHash === auth.searchParams.get('state'))).toBe(false);

      const callback = await atIdp(s.location, username);
      const res = await t
        .http()
        .get(callback)
        .set('Cookie', s.stateCookie.split(';')[0])
        .expect(302);
      expect(res.headers['location']).toBe('/arenden?flik=mina');
      const cookie = ([] as string[])
        .concat(res.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('varn_session='))!;
      expect(cookie.toLowerCase()).toContain('samesite=strict');
      expect(cookie.toLowerCase()).toContain('httponly');

      const me = await t.http().get('/api/me').set('Cookie', sessionCookie(res)).expect(200);
      expect(me.body).toMatchObject({ username, displayName: `Test ${username}` });

      const user = (await userOf(username))!;
      expect(user).toMatchObject({ unitId: child.id, passwordHash: null, active: true });
      expect(user.email).toBe(`${username}@kommun.example`);
      expect(await rolesOf(user.id)).toEqual(['chef@child', 'medarbetare@child']);
      const link = await t.dataSource
        .getRepository(OidcIdentityEntity)
        .findOneBy({ userId: user.id });
      expect(link).toMatchObject({ issuer: idp.issuer, subject: username });
      expect(
        await t.dataSource.getRepository(OidcRoleGrantEntity).countBy({ userId: user.id }),
      ).toBe(2);

      const login = await t.auditEntries({ actorName: username, action: 'auth.login' });
      expect(login).toHaveLength(1);
      expect(JSON.parse(login[0].details)).toEqual({ method: 'oidc', idpSecondFactor: false });
      const created = await t.auditEntries({ objectId: user.id, action: 'user.created' });
      expect(JSON.parse(created[0].details)).toMatchObject({ source: 'oidc', unitId: child.id });
      expect(await t.auditEntries({ objectId: user.id, action: 'role.granted' })).toHaveLength(2);
      // the state was used up
      expect(
        await t.dataSource
          .getRepository(OidcLoginStateEntity)
          .countBy({ returnTo: '/arenden?flik=mina' }),
      ).toBe(0);
    });

    it('a second sign-in finds the same user by issuer + subject, and a role change at the IdP counts', async () => {
      const username = account(['g-handlaggare']);
      expect((await signIn(t, username)).headers['location']).toBe('/');
      const user = (await userOf(username))!;
      expect(await rolesOf(user.id)).toEqual(['handlaggare@root']);
      // a role an administrator granted in Värn is not the IdP's to take away
      await t.db.transaction(() =>
        t.dataSource.getRepository(RoleAssignmentEntity).insert({
          id: crypto.randomUUID(),
          userId: user.id,
          role: 'internrevisor',
          unitId: root.id,
          createdAt: t.clock.now(),
          createdBy: null,
        }),
      );

      idp.set(username, { name: 'Nytt Namn', groups: ['g-chef'] });
      const res = await signIn(t, username);
      expect(res.status).toBe(302);
      expect(res.headers['location']).toBe('/');
      expect(await t.dataSource.getRepository(UserEntity).countBy({ username })).toBe(1);
      expect(await rolesOf(user.id)).toEqual([
        'chef@child',
        'internrevisor@root',
        'medarbetare@child',
      ]);
      expect((await userOf(username))!.displayName).toBe('Nytt Namn');
      const revoked = await t.auditEntries({ objectId: user.id, action: 'role.revoked' });
      expect(revoked.map((e) => JSON.parse(e.details) as Record<string, unknown>)).toEqual([
        expect.objectContaining({ role: 'handlaggare', source: 'oidc' }),
      ]);
      // and the new roles are what the session can do: a chef of the child unit
      const me = await t.http().get('/api/me').set('Cookie', sessionCookie(res)).expect(200);
      expect(JSON.stringify(me.body)).toContain('chef');
    });

    it('refuses a user deactivated in Värn, at the next sign-in', async () => {
      const username = account(['g-handlaggare']);
      await signIn(t, username);
      const user = (await userOf(username))!;
      await t.db.transaction(() =>
        t.dataSource.getRepository(UserEntity).update({ id: user.id }, { active: false }),
      );
      const res = await signIn(t, username);
      expect(res.headers['location']).toBe('/logga-in?fel=account_disabled');
      expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('varn_session=');
      const failed = await t.auditEntries({ objectId: user.id, action: 'auth.login_failed' });
      expect(JSON.parse(failed[0].details)).toEqual({ method: 'oidc', reason: 'account_disabled' });
      // still deactivated: the IdP does not switch a person back on
      expect((await userOf(username))!.active).toBe(false);
    });

    it('refuses a person none of whose groups is mapped, and creates no user', async () => {
      const username = account(['intranat', 'G-HANDLAGGARE', 'g-saknad']);
      const res = await signIn(t, username);
      expect(res.headers['location']).toBe('/logga-in?fel=oidc_no_role');
      expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('varn_session=');
      expect(await userOf(username)).toBeNull();
    });

    it('refuses a known user who lost every mapped group, and removes their SSO roles', async () => {
      const username = account(['g-handlaggare']);
      const first = await signIn(t, username);
      const user = (await userOf(username))!;
      idp.set(username, { name: 'x', groups: ['intranat'] });
      const res = await signIn(t, username);
      expect(res.headers['location']).toBe('/logga-in?fel=oidc_no_role');
      expect(await rolesOf(user.id)).toEqual([]);
      // the earlier session now has no role at all
      const me = await t.http().get('/api/me').set('Cookie', sessionCookie(first)).expect(200);
      expect(me.body.roles).toEqual([]);
    });

    it('never removes the last active administrator role, also when the IdP takes the group away', async () => {
      const username = account(['g-admin']);
      await signIn(t, username);
      const user = (await userOf(username))!;
      expect(await rolesOf(user.id)).toEqual(['administrator@root']);
      idp.set(username, { name: 'x', groups: ['g-handlaggare'] });
      await signIn(t, username);
      // the only administrator: the role stays, beside the newly mapped one
      expect(await rolesOf(user.id)).toEqual(['administrator@root', 'handlaggare@root']);
      // with another active administrator, the IdP's change goes through
      await t.user(uniq('admin'), root, [['administrator', root]]);
      await signIn(t, username);
      expect(await rolesOf(user.id)).toEqual(['handlaggare@root']);
    });

    it('refuses a tampered state, a callback without this browser’s state cookie, and a replayed callback', async () => {
      const username = account(['g-handlaggare']);
      const s = await start(t);
      const callback = await atIdp(s.location, username);
      const cookie = s.stateCookie.split(';')[0];

      const tampered = callback.replace(/state=([^&]+)/, 'state=AAAA$1');
      let res = await t.http().get(tampered).set('Cookie', cookie).expect(302);
      expect(res.headers['location']).toBe('/logga-in?fel=oidc_state');

      // login CSRF: the attacker's callback URL opened in another browser
      res = await t.http().get(callback).expect(302);
      expect(res.headers['location']).toBe('/logga-in?fel=oidc_state');
      res = await t.http().get(callback).set('Cookie', 'varn_oidc=someone-elses-state').expect(302);
      expect(res.headers['location']).toBe('/logga-in?fel=oidc_state');

      // the tampered attempt used the state up: even the genuine callback is refused now
      res = await t.http().get(callback).set('Cookie', cookie).expect(302);
      expect(res.headers['location']).toBe('/logga-in?fel=oidc_state');
      expect(await userOf(username)).toBeNull();

      // a successful callback cannot be replayed
      const s2 = await start(t);
      const cb2 = await atIdp(s2.location, username);
      const c2 = s2.stateCookie.split(';')[0];
      await t
        .http()
        .get(cb2)
        .set('Cookie', c2)
        .expect(302, /^Found. Redirecting to \/$/);
      res = await t.http().get(cb2).set('Cookie', c2).expect(302);
      expect(res.headers['location']).toBe('/logga-in?fel=oidc_state');
      const failed = await t.auditEntries({ action: 'auth.login_failed' });
      expect(failed.some((e) => JSON.parse(e.details).reason === 'oidc_state')).toBe(true);
    });

    it('refuses an expired sign-in, and one cancelled at the IdP', async () => {
      const username = account(['g-handlaggare']);
      const s = await start(t);
      const callback = await atIdp(s.location, username);
      t.clock.advance(11 * 60_000);
      let res = await t.http().get(callback).set('Cookie', s.stateCookie.split(';')[0]).expect(302);
      expect(res.headers['location']).toBe('/logga-in?fel=oidc_state');

      const s2 = await start(t);
      const cancelled = await atIdp(s2.location, username, { abort: true });
      expect(cancelled).toContain('error=access_denied');
      res = await t.http().get(cancelled).set('Cookie', s2.stateCookie.split(';')[0]).expect(302);
      expect(res.headers['location']).toBe('/logga-in?fel=oidc_cancelled');
    });

    it('does not redirect to another site after signing in (returnUrl)', async () => {
      const username = account(['g-handlaggare']);
      const res = await signIn(t, username, '//evil.example/x');
      expect(res.headers['location']).toBe('/');
    });

    it('passes the IdP’s second factor (amr) on to the session when OIDC_TRUST_AMR is on', async () => {
      const username = account(['g-handlaggare'], { amr: ['pwd', 'otp'] });
      expect((await signIn(t, username)).headers['location']).toBe('/');
      const login = await t.auditEntries({ actorName: username, action: 'auth.login' });
      expect(JSON.parse(login[0].details)).toEqual({ method: 'oidc', idpSecondFactor: true });
    });

    it('with LOCAL_LOGIN=off refuses password sign-in (403) and says so to the sign-in page', async () => {
      const off = await TestApp.start(
        engine,
        oidcEnv({ LOCAL_LOGIN: 'off', OIDC_TRUST_AMR: 'false' }),
      );
      try {
        const unit = await off.unit(uniq('Rot'));
        const u = await off.user(uniq('lokal'), unit);
        const res = await off
          .http()
          .post('/api/auth/login')
          .send({ username: u.username, password: TEST_PASSWORD })
          .expect(403);
        expect(res.body).toMatchObject({ code: 'password_login_disabled' });
        // the same answer for a name that does not exist: it tells nothing about accounts
        const none = await off
          .http()
          .post('/api/auth/login')
          .send({ username: 'finns-inte', password: 'x' })
          .expect(403);
        expect(none.body.code).toBe('password_login_disabled');
        expect(res.headers['set-cookie']).toBeUndefined();
        expect((await off.http().get('/api/auth/methods').expect(200)).body).toEqual({
          local: false,
          oidc: true,
        });
        // single sign-on still works; and without OIDC_TRUST_AMR the IdP's otp is not taken
        const sub = account(['g-handlaggare'], { amr: ['pwd', 'otp'] });
        const offRoot = await off.unit(rootName);
        await off.unit(childName, offRoot);
        expect((await signIn(off, sub)).headers['location']).toBe('/');
        const login = await off.auditEntries({ actorName: sub, action: 'auth.login' });
        expect(JSON.parse(login[0].details)).toEqual({ method: 'oidc', idpSecondFactor: false });
      } finally {
        await off.stop();
      }
    });

    it('without OIDC configured: methods say so, and start/callback go back to the sign-in page', async () => {
      const plain = await TestApp.start(engine);
      try {
        expect((await plain.http().get('/api/auth/methods').expect(200)).body).toEqual({
          local: true,
          oidc: false,
        });
        let res = await plain.http().get('/api/auth/oidc/start').expect(302);
        expect(res.headers['location']).toBe('/logga-in?fel=oidc_disabled');
        res = await plain.http().get('/api/auth/oidc/callback?code=x&state=y').expect(302);
        expect(res.headers['location']).toBe('/logga-in?fel=oidc_disabled');
      } finally {
        await plain.stop();
      }
    });

    it('answers an unreachable IdP with a way back, not a 5xx', async () => {
      const down = await TestApp.start(engine, oidcEnv({ OIDC_ISSUER: 'http://127.0.0.1:9' }));
      try {
        const res = await down.http().get('/api/auth/oidc/start').expect(302);
        expect(res.headers['location']).toBe('/logga-in?fel=oidc_unavailable');
      } finally {
        await down.stop();
      }
    });
  });
});
