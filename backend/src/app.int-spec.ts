import { describeEachEngine, TestApp } from './testing/test-app';

describeEachEngine('HTTP basics', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  it('reports health with the database engine, without a session', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: engine });
  });

  it('answers unknown API routes with problem+json 404', async () => {
    const res = await t.http().get('/api/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('rejects malformed JSON with 400 and no stack trace', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":')
      .expect(400);
    expect(res.body.code).toBe('bad_request');
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|SyntaxError/);
  });

  it('rejects bodies over the size limit with 413', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'x', password: 'y'.repeat(200_000) })
      .expect(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('rejects unknown fields and names the bad field', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'a', password: 'b', admin: true })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('admin');
  });

  it('sends strict security headers', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('serves the OpenAPI document and the explorer', async () => {
    const doc = await t.http().get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/auth/login');
    await t.http().get('/api/docs/').expect(200).expect('content-type', /html/);
  });
});

describeEachEngine('HTTP hardening', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine, { LOGIN_RATE_PER_MINUTE: '3' });
  });
  afterAll(() => t.stop());

  it('refuses non-JSON bodies with 415 before parsing them (CSRF via HTML forms)', async () => {
    const res = await t
      .http()
      .post('/api/units')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('name=x&kind=enhet')
      .expect(415);
    expect(res.body.code).toBe('unsupported_media_type');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('sends security headers and a request id even when the body parser refuses the request', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{')
      .expect(400);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('throttles sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ username: `nobody${i}`, password: 'x' })
        ).status,
      );
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const res = await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'x' });
    expect(res.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.detail).toMatch(/försök/);
  });
});
