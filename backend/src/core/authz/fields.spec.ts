import { AbilityBuilder, createMongoAbility, ForbiddenError } from '@casl/ability';
import { AppAbility, defineAbilityFor } from './ability';
import { permittedView } from './fields';
import type { AuthUser, Role } from './roles';
import { within } from './subtree';

/** A case as issue 6 will load it: metadata, free text and the reporter's fields. */
const row = {
  id: 'c-1',
  reference: 'VÄRN-2026-0042',
  unitId: 'parkering',
  unitPath: '/root/trafik/parkering/',
  category: 'hot',
  status: 'open',
  receivedAt: '2026-11-03T09:12:00.000Z',
  content: 'En besökare hotade handläggaren efter ett beslut om parkeringstillstånd.',
  reporterName: 'Anna Andersson',
  reporterContact: 'anna@example.se',
  wrappedKey: 'not a response field',
};
const FIELDS = [
  'id',
  'reference',
  'unitId',
  'category',
  'status',
  'receivedAt',
  'content',
  'reporterName',
  'reporterContact',
] as const;
const METADATA = ['id', 'reference', 'unitId', 'category', 'status', 'receivedAt'];

function user(roles: Array<[Role, string]>): AuthUser {
  return {
    id: 'me',
    username: 'me',
    displayName: 'Me',
    unitId: 'trafik',
    mustChangePassword: false,
    sessionId: 's',
    sessionExpiresAt: new Date('2026-12-01T00:00:00Z'),
    roles: roles.map(([role, unitPath], i) => ({
      assignmentId: `r${i}`,
      role,
      unitId: unitPath.split('/').at(-2)!,
      unitPath,
    })),
  };
}

function built(define: (b: AbilityBuilder<AppAbility>) => void): AppAbility {
  const b = new AbilityBuilder<AppAbility>(createMongoAbility);
  define(b);
  return b.build();
}

describe('permittedView', () => {
  it('gives a case handler in scope every response field, and nothing that is not one', () => {
    const view = permittedView(
      defineAbilityFor(user([['handlaggare', '/root/trafik/']])),
      'read',
      'Case',
      row,
      FIELDS,
    );
    expect(Object.keys(view).sort()).toEqual([...FIELDS].sort());
    expect(view).not.toHaveProperty('wrappedKey');
    expect(view).not.toHaveProperty('unitPath');
  });

  it('keeps the reporter out when the rules take those fields away', () => {
    const a = built(({ can, cannot }) => {
      can('read', 'Case', { unitPath: within('/root/trafik/') });
      cannot('read', 'Case', ['reporterName', 'reporterContact']);
    });
    const view = permittedView(a, 'read', 'Case', row, FIELDS);
    expect(view.content).toBe(row.content);
    expect(view).not.toHaveProperty('reporterName');
    expect(view).not.toHaveProperty('reporterContact');
  });

  it('gives a metadata-only grant the metadata, never content or reporter', () => {
    const a = built(({ can }) => {
      can('read', 'Case', METADATA, { unitPath: within('/root/trafik/') });
    });
    expect(Object.keys(permittedView(a, 'read', 'Case', row, FIELDS)).sort()).toEqual(
      [...METADATA].sort(),
    );
  });

  it('refuses a row outside the scope instead of returning an empty object', () => {
    const a = defineAbilityFor(user([['handlaggare', '/root/skola/']]));
    expect(() => permittedView(a, 'read', 'Case', row, FIELDS)).toThrow(ForbiddenError);
  });

  it('refuses a case handler who is also an administrator (separation of duties)', () => {
    const a = defineAbilityFor(
      user([
        ['handlaggare', '/root/trafik/'],
        ['administrator', '/root/'],
      ]),
    );
    expect(() => permittedView(a, 'read', 'Case', row, FIELDS)).toThrow(ForbiddenError);
  });
});
