import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { packedRulesFor } from '../../../testing/abilities';
import type { MeDto } from '../api/models';
import { UsersService } from '../../admin/users/users.service';
import { AuditService } from '../../audit/audit.service';
import { authInterceptor } from '../http/auth.interceptor';
import { as, createAppAbility } from './ability';
import { SessionService } from './session.service';

const ME: MeDto = {
  id: 'me-1',
  username: 'anna',
  displayName: 'Anna Andersson',
  email: null,
  unit: { id: 'u-root', name: 'Trafikförvaltningen' },
  roles: [],
  mustChangePassword: false,
  lastLoginAt: null,
  sessionExpiresAt: '2026-11-25T08:00:00.000Z',
  sessionIdleMinutes: 30,
};

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('SessionService', () => {
  let session: SessionService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: PureAbility, useFactory: createAppAbility },
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

  it('gives an employee only Start and Min sida', async () => {
    await restoreWith(ME, packedRulesFor({ userId: ME.id }));
    expect(session.signedIn()).toBe(true);
    expect(session.nav().map((e) => e.path)).toEqual(['/', '/min-sida']);
  });

  it('gives an administrator organisation, users and the audit log', async () => {
    await restoreWith(ME, packedRulesFor({ userId: ME.id, admin: ['/u-root/'] }));
    expect(session.nav().map((e) => e.path)).toEqual([
      '/',
      '/min-sida',
      '/admin/organisation',
      '/admin/anvandare',
      '/granskningslogg',
    ]);
  });

  it('gives an auditor users and the audit log but not the organisation', async () => {
    await restoreWith(ME, packedRulesFor({ userId: ME.id, auditor: ['/u-root/'] }));
    expect(session.nav().map((e) => e.path)).toEqual([
      '/',
      '/min-sida',
      '/admin/anvandare',
      '/granskningslogg',
    ]);
  });

  it('checks rows against the scope and the inverted self rule', async () => {
    await restoreWith(ME, packedRulesFor({ userId: ME.id, admin: ['/u-root/u-a/'] }));
    const inA = { unitId: 'u-a1', unitPath: '/u-root/u-a/u-a1/' };
    expect(session.can('update', as('User', { id: 'x', ...inA }))).toBe(true);
    expect(session.can('update', as('User', { id: 'x', unitPath: '/u-root/u-b/' }))).toBe(false);
    // a sibling whose id merely starts like the scope's is outside it
    expect(session.can('update', as('User', { id: 'x', unitPath: '/u-root/u-ab/' }))).toBe(false);
    // a row without the path field is denied (fail closed)
    expect(session.can('update', as('User', { id: 'x', unitId: 'u-a' }))).toBe(false);
    expect(session.can('update', as('User', { id: ME.id, ...inA }))).toBe(false);
    expect(session.can('create', as('OrgUnit', { parentPath: '/u-root/u-a/' }))).toBe(true);
    expect(session.can('create', as('OrgUnit', { parentPath: '/u-root/' }))).toBe(false);
    expect(session.can('create', as('RoleAssignment', { userId: ME.id, ...inA }))).toBe(false);
    expect(session.can('create', as('RoleAssignment', { userId: 'x', ...inA }))).toBe(true);
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
    await restoreWith(
      { ...ME, mustChangePassword: true },
      packedRulesFor({ userId: ME.id, admin: ['/u-root/'], mustChangePassword: true }),
    );
    expect(session.signedIn()).toBe(true);
    expect(session.mustChangePassword()).toBe(true);
    expect(session.nav()).toEqual([]);
  });

  it('forgets user and rules on clear()', async () => {
    await restoreWith(ME, packedRulesFor({ userId: ME.id, admin: ['/u-root/'] }));
    session.clear();
    expect(session.signedIn()).toBe(false);
    expect(session.nav()).toEqual([]);
    expect(session.can('read', 'AuditLog')).toBe(false);
  });

  it("makes services forget the previous user's lists and filters on sign-out", async () => {
    await restoreWith(ME, packedRulesFor({ userId: ME.id, admin: ['/u-root/'] }));
    const users = TestBed.inject(UsersService);
    const audit = TestBed.inject(AuditService);
    const search = users.search({ q: 'anna' });
    http
      .expectOne((r) => r.url === '/api/users')
      .flush({
        items: [{ id: 'u-1' }],
        total: 1,
        page: 1,
        pageSize: 25,
      });
    await search;
    audit.check.set({ ok: true, checked: 12 });
    expect(users.page()?.total).toBe(1);

    session.clear();
    expect(users.page()).toBeNull();
    expect(users.query().q).toBeUndefined();
    expect(audit.check()).toBeNull();
    expect(audit.loaded()).toBe(false);
  });
});
