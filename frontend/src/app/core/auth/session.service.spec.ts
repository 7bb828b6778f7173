import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { demoAccount, demoUnit, demoUnitPath, demoUser } from '../../../testing/abilities';
import type { MeDto } from '../api/models';
import { authInterceptor } from '../http/auth.interceptor';
import { as, createAppAbility } from './ability';
import { PageLoader } from './page-loader';
import { SessionService } from './session.service';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('SessionService', () => {
  let session: SessionService;
  let http: HttpTestingController;
  const page = { replace: vi.fn<(url: string) => void>() };

  beforeEach(() => {
    page.replace.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: PureAbility, useFactory: createAppAbility },
        { provide: PageLoader, useValue: page },
      ],
    });
    session = TestBed.inject(SessionService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function restoreWith(me: MeDto, rules: unknown[]): Promise<void> {
    const done = session.restore();
    http.expectOne('/api/me').flush(me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await done;
  }

  /** Signs in as a demo account, with the profile and rules the backend really gives it. */
  function restoreAs(name: Parameters<typeof demoAccount>[0]): Promise<void> {
    const { me, rules } = demoAccount(name);
    return restoreWith(me, rules);
  }

  it('gives an employee Start, reporting, their own reports and Min sida — nothing more', async () => {
    await restoreAs('medarbetare');
    expect(session.signedIn()).toBe(true);
    expect(session.nav().map((e) => e.path)).toEqual([
      '/',
      '/rapportera',
      '/mina-rapporter',
      '/min-sida',
      '/stodmaterial',
      '/gavor',
      '/jav',
    ]);
  });

  it('gives an administrator organisation, users, the risk matrix and the audit log', async () => {
    await restoreAs('admin');
    expect(session.nav().map((e) => e.path)).toEqual([
      '/',
      '/rapportera',
      '/mina-rapporter',
      '/min-sida',
      '/stodmaterial',
      '/gavor',
      '/jav',
      '/admin/organisation',
      '/admin/anvandare',
      '/admin/riskmatris',
      '/granskningslogg',
    ]);
  });

  it('gives an auditor the registers, statistics, users, the risk matrix and the audit log but not the organisation or cases', async () => {
    await restoreAs('revisor');
    expect(session.nav().map((e) => e.path)).toEqual([
      '/',
      '/rapportera',
      '/mina-rapporter',
      '/min-sida',
      '/stodmaterial',
      '/gavor',
      '/jav',
      '/leverantorer',
      '/avtal',
      '/risker',
      '/uppfoljning',
      '/oversikt',
      '/statistik',
      '/admin/anvandare',
      '/admin/riskmatris',
      '/granskningslogg',
    ]);
  });

  it('gives a controller the supplier register, and no administration', async () => {
    await restoreAs('controller');
    expect(session.nav().map((e) => e.path)).toContain('/leverantorer');
    expect(session.nav().map((e) => e.path)).not.toContain('/admin/anvandare');
    expect(session.can('create', 'Supplier')).toBe(true);
    expect(session.nav().map((e) => e.path)).toContain('/avtal');
    expect(session.can('create', 'Contract')).toBe(true);
  });

  it('gives an administrator nothing in the supplier register', async () => {
    await restoreAs('admin');
    expect(session.can('read', 'Supplier')).toBe(false);
    expect(session.can('read', 'Contract')).toBe(false);
  });

  /** A user row as the pages check it: with the materialised path of its unit. */
  const userRow = (username: string) => {
    const user = demoUser(username);
    return { ...user, unitPath: demoUnitPath(user.unitId) };
  };

  it("checks rows against a manager's scope: his department's people only, read only", async () => {
    await restoreAs('chef'); // chef of Parkering och trafikövervakning
    expect(session.can('read', as('User', userRow('anna.persson')))).toBe(true);
    expect(session.can('read', as('User', userRow('helena.nordin')))).toBe(false); // HR, Stab
    expect(session.can('update', as('User', userRow('anna.persson')))).toBe(false);
    // a row without the fields the rules check is denied (fail closed)
    expect(session.can('read', as('User', { id: 'user-anna.persson' }))).toBe(false);
  });

  it('checks rows against the scope and the inverted self rule', async () => {
    await restoreAs('admin'); // administrator of the whole organisation
    const anna = userRow('anna.persson');
    const self = userRow('admin');
    expect(session.can('update', as('User', anna))).toBe(true);
    expect(session.can('update', as('User', self))).toBe(false);
    const stab = demoUnit('stab');
    expect(session.can('create', as('OrgUnit', { parentId: stab.id, parentPath: stab.path }))).toBe(
      true,
    );
    const grant = (user: typeof anna) =>
      as('RoleAssignment', { userId: user.id, unitId: user.unitId, unitPath: user.unitPath });
    expect(session.can('create', grant(anna))).toBe(true);
    expect(session.can('create', grant(self))).toBe(false);
  });

  it('treats 401 from GET /api/me at startup as "not signed in" without asking for rules', async () => {
    const done = session.restore();
    http
      .expectOne('/api/me')
      .flush(
        { status: 401, code: 'unauthenticated', title: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await done;
    await tick();
    http.expectNone('/api/me/abilities');
    expect(session.signedIn()).toBe(false);
    expect(session.nav()).toEqual([]);
  });

  it('offers no navigation while a temporary password must be replaced', async () => {
    await restoreAs('revisor-temporary-password');
    expect(session.signedIn()).toBe(true);
    expect(session.mustChangePassword()).toBe(true);
    expect(session.nav()).toEqual([]);
  });

  it('offers no navigation while a second factor is owed, even with full rules', async () => {
    const { me, rules } = demoAccount('handlaggare');
    await restoreWith({ ...me, secondFactor: 'pending' }, rules);
    expect(session.signedIn()).toBe(true);
    expect(session.secondFactor()).toBe('pending');
    expect(session.secondFactorOutstanding()).toBe(true);
    expect(session.nav()).toEqual([]);
  });

  it('offers navigation again once the second factor is given', async () => {
    const { me, rules } = demoAccount('handlaggare');
    await restoreWith({ ...me, secondFactor: 'done' }, rules);
    expect(session.secondFactorOutstanding()).toBe(false);
    expect(session.nav().map((e) => e.path)).toContain('/arenden');
  });

  it('forgets user and rules on clear()', async () => {
    await restoreAs('admin');
    session.clear();
    expect(session.signedIn()).toBe(false);
    expect(session.nav()).toEqual([]);
    expect(session.can('read', 'AuditLog')).toBe(false);
  });

  it('signs out with a fresh page load of the login page, so no service keeps anything', async () => {
    await restoreAs('admin');
    const done = session.logout();
    http.expectOne({ method: 'POST', url: '/api/auth/logout' }).flush(null);
    await done;
    expect(page.replace).toHaveBeenCalledExactlyOnceWith('/logga-in?anledning=utloggad');
    // nothing of the old session is shown while the new page loads
    expect(session.signedIn()).toBe(false);
    expect(session.can('read', 'AuditLog')).toBe(false);
  });

  it('leaves the page all the same when the session had already ended (401)', async () => {
    await restoreAs('medarbetare');
    const done = session.logout();
    http
      .expectOne('/api/auth/logout')
      .flush({ code: 'unauthenticated' }, { status: 401, statusText: 'Unauthorized' });
    await done;
    expect(page.replace).toHaveBeenCalledExactlyOnceWith('/logga-in?anledning=utloggad');
  });

  it('stays signed in, and says so, when the server could not end the session', async () => {
    await restoreAs('medarbetare');
    const done = session.logout();
    http.expectOne('/api/auth/logout').error(new ProgressEvent('error'));
    await expect(done).rejects.toBeTruthy();
    expect(page.replace).not.toHaveBeenCalled();
    expect(session.signedIn()).toBe(true);
  });

  it('loads the login page afresh when the session has ended, with the way back', async () => {
    await restoreAs('medarbetare');
    session.ended('/admin/anvandare?q=anna');
    expect(page.replace).toHaveBeenCalledExactlyOnceWith(
      '/logga-in?anledning=avslutad&returnUrl=%2Fadmin%2Fanvandare%3Fq%3Danna',
    );
    expect(session.signedIn()).toBe(false);
  });
});
