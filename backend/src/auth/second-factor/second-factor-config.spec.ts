import { ConfigError, loadConfig } from '../../core/config/config';

describe('SECOND_FACTOR_ROLES', () => {
  const load = (v?: string) =>
    loadConfig({ NODE_ENV: 'test', ...(v === undefined ? {} : { SECOND_FACTOR_ROLES: v }) });

  it('defaults to handlers, custodians, controllers and administrators (production enforces)', () => {
    expect(load().secondFactor.roles).toEqual([
      'handlaggare',
      'identitetsansvarig',
      'avtalscontroller',
      'administrator',
    ]);
    expect(load('  ').secondFactor.roles).toHaveLength(4);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        VARN_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
      }).secondFactor.roles,
    ).toHaveLength(4);
  });

  it('takes a comma list and "none"', () => {
    expect(load('administrator, chef').secondFactor.roles).toEqual(['administrator', 'chef']);
    expect(load('none').secondFactor.roles).toEqual([]);
    expect(load('NONE').secondFactor.roles).toEqual([]);
  });

  it('refuses an unknown role (a typo must not drop a role silently)', () => {
    expect(() => load('administratör')).toThrow(ConfigError);
    expect(() => load('controller')).toThrow(/unknown role "controller"/);
  });
});
