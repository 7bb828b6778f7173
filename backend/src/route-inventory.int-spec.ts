import { listRoutes } from './testing/routes';
import { TestApp } from './testing/test-app';

/**
 * Default-deny, enforced: every route is either explicitly public or carries a policy.
 * (Model: twenty's lint rule "rest-api-methods-should-be-guarded".)
 */
describe('route inventory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start('sqlite');
  });
  afterAll(() => t.stop());

  it('finds the routes', () => {
    expect(listRoutes(t.app).length).toBeGreaterThan(15);
  });

  it('has no route without @Public() or @CheckPolicy()', () => {
    const unguarded = listRoutes(t.app).filter((r) => !r.isPublic && !r.policy);
    expect(unguarded.map((r) => `${r.key} (${r.controller}.${r.handler})`)).toEqual([]);
  });

  it('has exactly the intended public routes', () => {
    const pub = listRoutes(t.app)
      .filter((r) => r.isPublic)
      .map((r) => r.key);
    expect(pub.sort()).toEqual(
      [
        'GET /api/health',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        // single sign-on (auth/oidc): which methods are on, and the redirects of the code flow
        'GET /api/auth/methods',
        'GET /api/auth/oidc/start',
        'GET /api/auth/oidc/callback',
        // anonymous reporting (cases/reports): throttled per address, no account
        'GET /api/public/intake',
        'POST /api/public/reports',
        'POST /api/public/session',
        'DELETE /api/public/session',
        'GET /api/public/report',
        'POST /api/public/report/messages',
        'POST /api/public/report/attachments',
      ].sort(),
    );
  });
});
