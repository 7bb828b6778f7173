import { describeEachEngine, TestApp, uniq } from './testing/test-app';

/**
 * API answers hold personal data (lists of people, the audit log). A browser must not keep them:
 * on a shared computer the next person, or anyone reading the disk cache, would find them after
 * the previous person signed out.
 */
describeEachEngine('API responses are never cached', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  it('signed-in answers, errors and sign-in itself carry Cache-Control: no-store', async () => {
    const root = await t.unit(uniq('Förvaltning'));
    const admin = await t.user(uniq('admin'), root, [['administrator', root]]);
    const agent = await t.login(admin.username);
    for (const path of ['/api/me', '/api/users', '/api/audit-log', '/api/units']) {
      const res = await agent.get(path).expect(200);
      expect([path, res.headers['cache-control']]).toEqual([path, 'no-store']);
    }
    const anonymous = await t.http().get('/api/users').expect(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ username: admin.username, password: 'fel-lösenord-här' })
      .expect(401);
    expect(login.headers['cache-control']).toBe('no-store');
  });
});
