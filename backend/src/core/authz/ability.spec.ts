import { asSubject as subject, defineAbilityFor } from './ability';
import type { AuthUser, Role } from './roles';

function user(roles: Array<[Role, string[]]>, extra: Partial<AuthUser> = {}): AuthUser {
  return {
    id: 'u-self',
    username: 'self',
    displayName: 'Self',
    unitId: 'unit-a',
    mustChangePassword: false,
    sessionId: 's',
    roles: roles.map(([role, unitIds], i) => ({
      assignmentId: `ra${i}`,
      role,
      unitId: unitIds[0],
      unitIds,
    })),
    ...extra,
  };
}

describe('defineAbilityFor', () => {
  const admin = defineAbilityFor(user([['administrator', ['root', 'unit-a', 'unit-b']]]));

  it('lets an administrator manage users only inside the scope', () => {
    expect(admin.can('update', subject('User', { id: 'u2', unitId: 'unit-b' }))).toBe(true);
    expect(admin.can('update', subject('User', { id: 'u3', unitId: 'elsewhere' }))).toBe(false);
  });

  it('never lets an administrator read case content or reporter identity', () => {
    expect(admin.can('read', 'ReporterIdentity')).toBe(false);
    expect(admin.can('read', 'Case', 'content')).toBe(false);
    expect(admin.can('read', 'Case', 'reporter')).toBe(false);
  });

  it('does not let an administrator edit their own account or grant themselves roles', () => {
    expect(admin.can('update', subject('User', { id: 'u-self', unitId: 'unit-a' }))).toBe(false);
    expect(
      admin.can('create', subject('RoleAssignment', { userId: 'u-self', unitId: 'unit-a' })),
    ).toBe(false);
    expect(admin.can('create', subject('RoleAssignment', { userId: 'u2', unitId: 'unit-a' }))).toBe(
      true,
    );
  });

  it('lets an administrator create units only below units in scope', () => {
    expect(admin.can('create', subject('OrgUnit', { parentId: 'unit-a' }))).toBe(true);
    expect(admin.can('create', subject('OrgUnit', { parentId: 'other' }))).toBe(false);
  });

  it('gives an employee their profile and the unit tree, nothing else', () => {
    const a = defineAbilityFor(user([['medarbetare', ['unit-a']]]));
    expect(a.can('read', 'Me')).toBe(true);
    expect(a.can('read', 'OrgUnit')).toBe(true);
    expect(a.can('read', 'User')).toBe(false);
    expect(a.can('read', 'AuditLog')).toBe(false);
  });

  it('lets an auditor read the audit log and people in scope, but change nothing', () => {
    const a = defineAbilityFor(user([['internrevisor', ['root', 'unit-a']]]));
    expect(a.can('read', 'AuditLog')).toBe(true);
    expect(a.can('read', subject('User', { id: 'x', unitId: 'unit-a' }))).toBe(true);
    expect(a.can('update', subject('User', { id: 'x', unitId: 'unit-a' }))).toBe(false);
    expect(a.can('create', 'OrgUnit')).toBe(false);
    expect(a.can('read', 'ReporterIdentity')).toBe(false);
  });

  it('lets a manager see people in the unit subtree only', () => {
    const a = defineAbilityFor(user([['chef', ['dept', 'unit-a']]]));
    expect(a.can('read', subject('User', { id: 'x', unitId: 'unit-a' }))).toBe(true);
    expect(a.can('read', subject('User', { id: 'x', unitId: 'unit-z' }))).toBe(false);
    expect(a.can('read', 'AuditLog')).toBe(false);
  });

  it('restricts a user who must change their password to their profile', () => {
    const a = defineAbilityFor(user([['administrator', ['root']]], { mustChangePassword: true }));
    expect(a.can('update', 'Me')).toBe(true);
    expect(a.can('read', 'OrgUnit')).toBe(false);
    expect(a.can('read', 'User')).toBe(false);
  });
});
