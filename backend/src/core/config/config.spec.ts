import { ConfigError, loadConfig } from './config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('gives safe defaults for development with a key', () => {
    const c = loadConfig({ VARN_MASTER_KEY: KEY });
    expect(c.port).toBe(3000);
    expect(c.database.type).toBe('sqlite');
    expect(c.session.idleMinutes).toBe(30);
    expect(Object.isFrozen(c.session)).toBe(true);
  });

  it('refuses production without a master key, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/VARN_MASTER_KEY/);
  });

  it('serves the API explorer by default in development, test and demo, not in production', () => {
    expect(loadConfig({ VARN_MASTER_KEY: KEY }).http.apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).http.apiDocs).toBe(true);
    expect(loadConfig({ VARN_MASTER_KEY: KEY, VARN_DEMO: 'true' }).http.apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', VARN_MASTER_KEY: KEY }).http.apiDocs).toBe(false);
  });

  it('serves the API explorer in production only when VARN_API_DOCS=true', () => {
    const prod = { NODE_ENV: 'production', VARN_MASTER_KEY: KEY };
    expect(loadConfig({ ...prod, VARN_API_DOCS: 'true' }).http.apiDocs).toBe(true);
    expect(loadConfig({ ...prod, VARN_API_DOCS: 'false' }).http.apiDocs).toBe(false);
    expect(loadConfig({ VARN_MASTER_KEY: KEY, VARN_API_DOCS: 'false' }).http.apiDocs).toBe(false);
    expect(() => loadConfig({ ...prod, VARN_API_DOCS: 'maybe' })).toThrow(/VARN_API_DOCS/);
  });

  it('names the renamed API_DOCS variable instead of ignoring it', () => {
    expect(() => loadConfig({ VARN_MASTER_KEY: KEY, API_DOCS: 'true' })).toThrow(
      /API_DOCS was renamed to VARN_API_DOCS/,
    );
  });

  it('refuses demo mode in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', VARN_MASTER_KEY: KEY, VARN_DEMO: 'true' }),
    ).toThrow(/VARN_DEMO/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ VARN_MASTER_KEY: 'c2hvcnQ=', PORT: 'eighty', DATABASE_URL: 'mysql://x' });
      fail('expected ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/32 bytes/);
    }
  });

  it('parses a postgres url', () => {
    const c = loadConfig({
      VARN_MASTER_KEY: KEY,
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/varn',
    });
    expect(c.database).toMatchObject({ type: 'postgres', poolSize: 10 });
  });
});
