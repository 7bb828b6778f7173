import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '../../core/authz/roles';
import type { OidcRoleMapping } from '../../core/config/config';
import { DEMO_ORG, type DemoUnit } from '../../demo/demo-data';
import DEMO_ROLE_MAP from './demo-role-map.json';
import { loadConfig } from '../../core/config/config';
import {
  amrHasSecondFactor,
  claimValues,
  mapClaims,
  resolveUnit,
  safeReturnTo,
  usernameFor,
} from './claim-mapping';

const MAP: OidcRoleMapping[] = [
  { group: 'varn-handlaggare', role: 'handlaggare', unit: 'Förvaltningen' },
  { group: 'varn-chef-p', role: 'chef', unit: 'Förvaltningen/Parkering' },
  { group: 'varn-chef-p', role: 'medarbetare', unit: 'Förvaltningen/Parkering' },
  { group: 'ekonomi', claim: 'department', role: 'internrevisor', unit: 'Förvaltningen' },
  { group: 'varn-handlaggare', role: 'handlaggare', unit: 'Förvaltningen' },
];

describe('claim mapping (OIDC_ROLE_MAP)', () => {
  it('gives the roles of every matching group, in the order of the mapping, once each', () => {
    expect(mapClaims({ groups: ['x', 'varn-chef-p', 'varn-handlaggare'] }, 'groups', MAP)).toEqual([
      { role: 'handlaggare', unit: 'Förvaltningen' },
      { role: 'chef', unit: 'Förvaltningen/Parkering' },
      { role: 'medarbetare', unit: 'Förvaltningen/Parkering' },
    ]);
  });

  it('gives nothing for groups that are not mapped, a missing claim, or a near miss in case', () => {
    expect(mapClaims({ groups: ['intranät'] }, 'groups', MAP)).toEqual([]);
    expect(mapClaims({}, 'groups', MAP)).toEqual([]);
    expect(mapClaims({ groups: ['Varn-Handlaggare'] }, 'groups', MAP)).toEqual([]);
  });

  it('reads the configured groups claim, a single string, and a nested (dotted) claim', () => {
    expect(mapClaims({ roles: 'varn-handlaggare' }, 'roles', MAP)).toHaveLength(1);
    expect(mapClaims({ groups: ['varn-handlaggare'] }, 'roles', MAP)).toEqual([]);
    expect(
      mapClaims({ realm_access: { roles: ['varn-handlaggare'] } }, 'realm_access.roles', MAP),
    ).toEqual([{ role: 'handlaggare', unit: 'Förvaltningen' }]);
  });

  it('matches an entry with "claim" against that claim, not the groups', () => {
    expect(mapClaims({ department: 'ekonomi' }, 'groups', MAP)).toEqual([
      { role: 'internrevisor', unit: 'Förvaltningen' },
    ]);
    expect(mapClaims({ groups: ['ekonomi'] }, 'groups', MAP)).toEqual([]);
  });

  it('ignores values that are not strings (a strange token grants nothing)', () => {
    expect(claimValues({ groups: [1, null, { a: 'varn-handlaggare' }] }, 'groups')).toEqual([]);
    expect(claimValues({ groups: { 0: 'varn-handlaggare' } }, 'groups')).toEqual([]);
    // no prototype walk: "constructor" is not a claim
    expect(claimValues({}, 'constructor')).toEqual([]);
  });
});

describe('resolveUnit', () => {
  const units = [
    { id: '11111111-1111-4111-8111-111111111111', name: 'Förvaltningen', parentId: null },
    {
      id: '22222222-2222-4222-8222-222222222222',
      name: 'Parkering',
      parentId: '11111111-1111-4111-8111-111111111111',
    },
    {
      id: '33333333-3333-4333-8333-333333333333',
      name: 'HR',
      parentId: '22222222-2222-4222-8222-222222222222',
    },
    {
      id: '44444444-4444-4444-8444-444444444444',
      name: 'HR',
      parentId: '11111111-1111-4111-8111-111111111111',
    },
    {
      id: '55555555-5555-4555-8555-555555555555',
      name: 'Dubbel',
      parentId: '11111111-1111-4111-8111-111111111111',
    },
    {
      id: '66666666-6666-4666-8666-666666666666',
      name: 'Dubbel',
      parentId: '11111111-1111-4111-8111-111111111111',
    },
  ];
  it('finds a unit by its id or by its path of names (case and spacing do not matter)', () => {
    expect(resolveUnit('22222222-2222-4222-8222-222222222222', units)).toBe(units[1].id);
    expect(resolveUnit('Förvaltningen / parkering / HR', units)).toBe(units[2].id);
    expect(resolveUnit('förvaltningen/HR', units)).toBe(units[3].id);
    expect(resolveUnit('Förvaltningen', units)).toBe(units[0].id);
  });
  it('finds nothing for a missing path, an unknown id, or a path that fits two units', () => {
    expect(resolveUnit('HR', units)).toBeNull(); // not from the root
    expect(resolveUnit('Förvaltningen/Saknas', units)).toBeNull();
    expect(resolveUnit('99999999-9999-4999-8999-999999999999', units)).toBeNull();
    expect(resolveUnit('Förvaltningen/Dubbel', units)).toBeNull();
    expect(resolveUnit(' / ', units)).toBeNull();
  });
});

describe('amrHasSecondFactor', () => {
  it('counts a possession or biometric method, or "mfa"; a password alone does not count', () => {
    expect(amrHasSecondFactor(['pwd', 'otp'])).toBe(true);
    expect(amrHasSecondFactor(['mfa'])).toBe(true);
    expect(amrHasSecondFactor(['hwk', 'pin'])).toBe(true);
    expect(amrHasSecondFactor(['pwd'])).toBe(false);
    expect(amrHasSecondFactor(['pwd', 'kba'])).toBe(false);
    expect(amrHasSecondFactor('otp')).toBe(false);
    expect(amrHasSecondFactor(undefined)).toBe(false);
  });
});

describe('usernameFor and safeReturnTo', () => {
  it('takes the username claim, lower-cased, or the part before "@", else a stable sso- name', () => {
    expect(usernameFor('Anna.Persson', 'https://idp', 's1')).toBe('anna.persson');
    expect(usernameFor('anna.persson@kommun.se', 'https://idp', 's1')).toBe('anna.persson');
    const fallback = usernameFor('å', 'https://idp', 's1');
    expect(fallback).toMatch(/^sso-[0-9a-f]{12}$/);
    expect(usernameFor(undefined, 'https://idp', 's1')).toBe(fallback);
    expect(usernameFor(undefined, 'https://idp', 's2')).not.toBe(fallback);
  });
  it('keeps a path inside Värn and turns anything else into "/"', () => {
    expect(safeReturnTo('/arenden?x=1')).toBe('/arenden?x=1');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'x',
      '/a\nb',
      42,
      undefined,
    ])
      expect(safeReturnTo(bad)).toBe('/');
  });
});

describe('OIDC configuration', () => {
  const base = {
    NODE_ENV: 'test',
    OIDC_ISSUER: 'https://idp.kommun.example',
    OIDC_CLIENT_ID: 'varn',
    OIDC_CLIENT_SECRET: 's3cret',
    OIDC_REDIRECT_URI: 'https://varn.kommun.example/api/auth/oidc/callback',
    OIDC_ROLE_MAP: JSON.stringify([{ group: 'g', role: 'handlaggare', unit: 'Rot' }]),
  };
  it('is off without OIDC_ISSUER, and LOCAL_LOGIN=off then refuses to start', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).oidc).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'test', LOCAL_LOGIN: 'off' })).toThrow(
      /LOCAL_LOGIN=off needs/,
    );
  });
  it('reads a complete configuration, with LOCAL_LOGIN=off allowed', () => {
    const c = loadConfig({ ...base, LOCAL_LOGIN: 'off', OIDC_TRUST_AMR: 'true' });
    expect(c.localLogin).toBe(false);
    expect(c.oidc).toMatchObject({
      issuer: 'https://idp.kommun.example',
      scopes: 'openid profile email',
      groupsClaim: 'groups',
      trustAmr: true,
      allowInsecure: false,
      roleMap: [{ group: 'g', role: 'handlaggare', unit: 'Rot' }],
    });
  });
  it('names every bad variable: unknown role, bad JSON, plain http to a remote issuer, missing client id', () => {
    expect(() =>
      loadConfig({ ...base, OIDC_ROLE_MAP: '[{"group":"g","role":"kung","unit":"Rot"}]' }),
    ).toThrow(/OIDC_ROLE_MAP entry 1/);
    expect(() => loadConfig({ ...base, OIDC_ROLE_MAP: '{nope' })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'http://idp.example' })).toThrow(/https/);
    expect(() => loadConfig({ ...base, OIDC_CLIENT_ID: '' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...base, OIDC_REDIRECT_URI: 'https://x/cb' })).toThrow(
      /OIDC_REDIRECT_URI/,
    );
  });
  it('allows a plain-http loopback issuer outside production only', () => {
    const local = { ...base, OIDC_ISSUER: 'http://127.0.0.1:3001' };
    expect(loadConfig(local).oidc?.allowInsecure).toBe(true);
    expect(() =>
      loadConfig({
        ...local,
        NODE_ENV: 'production',
        VARN_MASTER_KEY: Buffer.alloc(32).toString('base64'),
      }),
    ).toThrow(/OIDC_ISSUER must be https/);
  });
});

describe('the demo’s single sign-on (npm run demo)', () => {
  const units: Array<{ id: string; name: string; parentId: string | null }> = [];
  const walk = (u: DemoUnit, parentId: string | null) => {
    units.push({ id: `id-${u.key}`, name: u.name, parentId });
    for (const c of u.children ?? []) walk(c, `id-${u.key}`);
  };
  walk(DEMO_ORG, null);
  const map = DEMO_ROLE_MAP as OidcRoleMapping[];
  const provider = readFileSync(join(__dirname, '../../../../tools/oidc-dev-provider.mjs'), 'utf8');
  const builtIn = provider.slice(
    provider.indexOf('const BUILT_IN'),
    provider.indexOf('function accounts'),
  );
  const providerGroups = [...builtIn.matchAll(/groups: \['([^']+)'\]/g)].map((m) => m[1]);

  it('maps onto units that exist in the demo organisation, with valid roles', () => {
    expect(map.length).toBeGreaterThan(0);
    for (const m of map) {
      expect({ unit: m.unit, found: resolveUnit(m.unit, units) !== null }).toEqual({
        unit: m.unit,
        found: true,
      });
      expect(ROLES).toContain(m.role);
    }
    // and the demo's own configuration loads
    expect(
      loadConfig({
        NODE_ENV: 'test',
        OIDC_ISSUER: 'http://127.0.0.1:3001',
        OIDC_CLIENT_ID: 'varn',
        OIDC_REDIRECT_URI: 'http://localhost:3000/api/auth/oidc/callback',
        OIDC_ROLE_MAP: JSON.stringify(map),
      }).oidc?.roleMap,
    ).toHaveLength(map.length);
  });

  it('gives every demo IdP account a role except the one meant to be refused', () => {
    expect(providerGroups.length).toBeGreaterThanOrEqual(5);
    const unmapped = providerGroups.filter(
      (g) => !mapClaims({ groups: [g] }, 'groups', map).length,
    );
    expect(unmapped).toEqual(['kommunens-intranat']);
  });
});
