import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRoutes } from './testing/routes';
import { describeEachEngine, TestApp } from './testing/test-app';

interface OpenApiOperation {
  summary?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
}

/** Bodies cut off mid-way, as a flaky network or a hand-written client sends them. */
const MALFORMED = ['{"username": "chef", "pass', '{"username":', '{', '[1,', 'nul'];

/** Routes of every kind: public, signed-in, with parameters, unknown. */
const BODY_ROUTES: Array<['post' | 'patch' | 'put' | 'delete', string]> = [
  ['post', '/api/auth/login'],
  ['post', '/api/auth/logout'],
  ['post', '/api/me/password'],
  ['post', '/api/units'],
  ['patch', '/api/units/8a1c9f4e-5d0b-4c57-9a55-0f6b7b3a0c11'],
  ['post', '/api/users'],
  ['put', '/api/nope'],
];

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
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|SyntaxError|position/);
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

  it('documents, per operation, the session cookie, a summary and the 401/403 the guard gives', async () => {
    const doc = (await t.http().get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, OpenApiOperation>>;
      components: { securitySchemes: Record<string, { in: string; name: string }> };
    };
    expect(doc.components.securitySchemes['session']).toMatchObject({
      in: 'cookie',
      name: 'varn_session',
    });
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect({ route: r.key, documented: !!op }).toEqual({ route: r.key, documented: true });
      if (!op) continue;
      expect(op.summary).toBeTruthy();
      const has4xx = Object.keys(op.responses).filter((s) => /^4\d\d$/.test(s));
      expect({ route: r.key, has4xx: has4xx.length > 0 }).toEqual({ route: r.key, has4xx: true });
      if (r.isPublic) {
        expect({ route: r.key, security: op.security }).toEqual({ route: r.key, security: [] });
      } else {
        expect({ route: r.key, security: op.security }).toEqual({
          route: r.key,
          security: [{ session: [] }],
        });
        expect(op.responses['401']).toBeDefined();
      }
    }
  });

  it('serves the OpenAPI document and the explorer', async () => {
    const doc = await t.http().get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/auth/login');
    await t.http().get('/api/docs/').expect(200).expect('content-type', /html/);
  });
});

describeEachEngine('Malformed JSON while the UI is served', (engine) => {
  // With a built UI, the static-files module's error handler used to turn every body-parser
  // error on an /api route into 404 "Cannot POST …".
  let t: TestApp;
  let ui: string;
  beforeAll(async () => {
    ui = mkdtempSync(join(tmpdir(), 'varn-ui-'));
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Värn</title>');
    t = await TestApp.start(engine, { STATIC_DIR: ui });
  });
  afterAll(async () => {
    await t.stop();
    rmSync(ui, { recursive: true, force: true });
  });

  it('serves the UI (so this suite tests the served configuration)', async () => {
    await t.http().get('/org').expect(200).expect('content-type', /html/);
  });

  it.each(BODY_ROUTES)('%s %s: malformed JSON is 400 problem+json', async (method, path) => {
    for (const body of MALFORMED) {
      const res = await t.http()[method](path).set('content-type', 'application/json').send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'bad_request', instance: path });
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('answers a body over the limit with 413 on a served-UI app too', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'x', password: 'y'.repeat(200_000) })
      .expect(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('still answers unknown API routes with 404 problem+json', async () => {
    const res = await t.http().get('/api/nope').expect(404);
    expect(res.body.code).toBe('not_found');
  });
});

describeEachEngine('API explorer in production', (engine) => {
  it('is off by default: /api/docs and /api/openapi.json answer 404 problem+json', async () => {
    const t = await TestApp.start(engine, { NODE_ENV: 'production' });
    try {
      for (const path of ['/api/openapi.json', '/api/docs', '/api/docs/']) {
        const res = await t.http().get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      await t.http().get('/api/health').expect(200);
    } finally {
      await t.stop();
    }
  });

  it('is served when VARN_API_DOCS=true', async () => {
    const t = await TestApp.start(engine, { NODE_ENV: 'production', VARN_API_DOCS: 'true' });
    try {
      const doc = await t.http().get('/api/openapi.json').expect(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      await t.http().get('/api/docs/').expect(200).expect('content-type', /html/);
    } finally {
      await t.stop();
    }
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
