import { packRules } from '@casl/ability/extra';
import { abilityFor, asSubject as subject, defineAbilityFor } from './ability';
import type { AuthUser, Role } from './roles';

/** A user holding each role over the subtree whose root has the given path. */
function user(roles: Array<[Role, string]>, extra: Partial<AuthUser> = {}): AuthUser {
  return {
    id: 'u-self',
    username: 'self',
    displayName: 'Self',
    unitId: 'unit-a',
    mustChangePassword: false,
    sessionId: 's',
    sessionExpiresAt: new Date('2026-12-01T00:00:00Z'),
    roles: roles.map(([role, unitPath], i) => ({
      assignmentId: `ra${i}`,
      role,
      unitId: unitPath.split('/').at(-2)!,
      unitPath,
    })),
    ...extra,
  };
}

// root ─┬─ a ─── a1
//       ├─ ab          (an id that starts like "a": must not count as inside a)
//       └─ b
const ROOT = '/root/';
const A = '/root/a/';
const A1 = '/root/a/a1/';
const AB = '/root/ab/';
const B = '/root/b/';

const aCase = (unitPath: string) =>
  subject('Case', { id: 'c1', unitId: unitPath.split('/').at(-2), unitPath });

describe('defineAbilityFor', () => {
  const admin = defineAbilityFor(user([['administrator', A]]));

  it('lets an administrator manage users only inside the scope subtree', () => {
    expect(admin.can('update', subject('User', { id: 'u2', unitId: 'a', unitPath: A }))).toBe(true);
    expect(admin.can('update', subject('User', { id: 'u2', unitId: 'a1', unitPath: A1 }))).toBe(
      true,
    );
    expect(admin.can('update', subject('User', { id: 'u3', unitId: 'b', unitPath: B }))).toBe(
      false,
    );
    expect(admin.can('update', subject('User', { id: 'u3', unitId: 'ab', unitPath: AB }))).toBe(
      false,
    );
    expect(admin.can('read', subject('User', { id: 'u3', unitId: 'root', unitPath: ROOT }))).toBe(
      false,
    );
  });

  it('denies a row that does not carry the path its rules check (fail closed)', () => {
    expect(admin.can('read', subject('User', { id: 'u2', unitId: 'a' }))).toBe(false);
    expect(admin.can('update', subject('OrgUnit', { id: 'a', parentId: 'root' }))).toBe(false);
    expect(admin.can('create', subject('OrgUnit', { parentId: 'a' }))).toBe(false);
  });

  it('does not let an administrator edit their own account or grant themselves roles', () => {
    expect(admin.can('update', subject('User', { id: 'u-self', unitId: 'a', unitPath: A }))).toBe(
      false,
    );
    expect(
      admin.can(
        'create',
        subject('RoleAssignment', { userId: 'u-self', unitId: 'a', unitPath: A }),
      ),
    ).toBe(false);
    expect(
      admin.can('create', subject('RoleAssignment', { userId: 'u2', unitId: 'a', unitPath: A })),
    ).toBe(true);
  });

  it('lets an administrator create units only below units in scope, and change only those', () => {
    expect(admin.can('create', subject('OrgUnit', { parentId: 'a1', parentPath: A1 }))).toBe(true);
    expect(admin.can('create', subject('OrgUnit', { parentId: 'b', parentPath: B }))).toBe(false);
    expect(admin.can('update', subject('OrgUnit', { id: 'a', path: A }))).toBe(true);
    expect(admin.can('delete', subject('OrgUnit', { id: 'a1', path: A1 }))).toBe(true);
    expect(admin.can('update', subject('OrgUnit', { id: 'root', path: ROOT }))).toBe(false);
    expect(admin.can('update', subject('OrgUnit', { id: 'ab', path: AB }))).toBe(false);
  });

  it('gives an employee their profile and the unit tree, nothing else', () => {
    const a = defineAbilityFor(user([['medarbetare', A]]));
    expect(a.can('read', 'Me')).toBe(true);
    expect(a.can('read', 'OrgUnit')).toBe(true);
    expect(a.can('read', 'User')).toBe(false);
    expect(a.can('read', 'AuditLog')).toBe(false);
    expect(a.can('read', aCase(A))).toBe(false);
  });

  it('lets an auditor read the audit log and people in scope, but change nothing', () => {
    const a = defineAbilityFor(user([['internrevisor', A]]));
    expect(a.can('read', 'AuditLog')).toBe(true);
    expect(a.can('read', subject('User', { id: 'x', unitId: 'a1', unitPath: A1 }))).toBe(true);
    expect(a.can('read', subject('User', { id: 'x', unitId: 'b', unitPath: B }))).toBe(false);
    expect(a.can('update', subject('User', { id: 'x', unitId: 'a1', unitPath: A1 }))).toBe(false);
    expect(a.can('create', 'OrgUnit')).toBe(false);
  });

  it('lets a manager see people in the unit subtree only', () => {
    const a = defineAbilityFor(user([['chef', A]]));
    expect(a.can('read', subject('User', { id: 'x', unitId: 'a1', unitPath: A1 }))).toBe(true);
    expect(a.can('read', subject('User', { id: 'x', unitId: 'b', unitPath: B }))).toBe(false);
    expect(a.can('read', 'AuditLog')).toBe(false);
  });

  it('restricts a user who must change their password to their profile', () => {
    const a = defineAbilityFor(user([['administrator', ROOT]], { mustChangePassword: true }));
    expect(a.can('update', 'Me')).toBe(true);
    expect(a.can('read', 'OrgUnit')).toBe(false);
    expect(a.can('read', 'User')).toBe(false);
  });

  it('unions the subtrees of several assignments of a role', () => {
    const a = defineAbilityFor(
      user([
        ['chef', A1],
        ['chef', B],
      ]),
    );
    expect(a.can('read', subject('User', { id: 'x', unitId: 'a1', unitPath: A1 }))).toBe(true);
    expect(a.can('read', subject('User', { id: 'x', unitId: 'b', unitPath: B }))).toBe(true);
    expect(a.can('read', subject('User', { id: 'x', unitId: 'a', unitPath: A }))).toBe(false);
  });

  it('keeps the packed rules small whatever the size of the subtree', () => {
    // the rules name the scope's root path only: a scope over 3 units or 30,000 is the same rule
    const packed = JSON.stringify(
      packRules(defineAbilityFor(user([['administrator', ROOT]])).rules),
    );
    // the same rules, word for word, as for a scope over a single leaf unit
    const leaf = JSON.stringify(packRules(defineAbilityFor(user([['administrator', A1]])).rules));
    // … apart from the unit-less audit entries, which only a reader scoped at a root may read
    const rootOnly = JSON.stringify(['read', 'AuditLog', { unitPath: null }]);
    expect(packed).toContain(rootOnly);
    expect(packed.replace(`,${rootOnly}`, '').replaceAll(ROOT, '<scope>')).toBe(
      leaf.replaceAll(A1, '<scope>'),
    );
    expect(packed.length).toBeLessThan(2048);
    // a scope inside a wider scope of the same role adds nothing
    const nested = defineAbilityFor(
      user([
        ['administrator', ROOT],
        ['administrator', A],
      ]),
    );
    expect(JSON.stringify(packRules(nested.rules))).toBe(packed);
  });
});

describe('the audit log by scope', () => {
  it('shows a scoped reader the entries of their subtree, and unit-less entries only at a root', () => {
    const log = (unitPath: string | null) => subject('AuditLog', { seq: 1, unitPath });
    const auditorA = defineAbilityFor(user([['internrevisor', A]]));
    expect(auditorA.can('read', log(A1))).toBe(true);
    expect(auditorA.can('read', log(B))).toBe(false);
    expect(auditorA.can('read', log(null))).toBe(false);
    const adminRoot = defineAbilityFor(user([['administrator', ROOT]]));
    expect(adminRoot.can('read', log(B))).toBe(true);
    expect(adminRoot.can('read', log(null))).toBe(true);
    expect(defineAbilityFor(user([['chef', ROOT]])).can('read', log(A1))).toBe(false);
  });
});

describe('separation of duties (domain.md §1)', () => {
  const handler = defineAbilityFor(user([['handlaggare', A]]));
  const handlerAndAdmin = defineAbilityFor(
    user([
      ['handlaggare', A],
      ['administrator', B],
    ]),
  );
  const handlerAndAuditor = defineAbilityFor(
    user([
      ['handlaggare', A],
      ['internrevisor', ROOT],
    ]),
  );

  it('lets a case handler read the cases of their scope, content included', () => {
    expect(handler.can('read', aCase(A1))).toBe(true);
    expect(handler.can('read', aCase(A1), 'content')).toBe(true);
    expect(handler.can('read', 'Case')).toBe(true);
    expect(handler.can('read', aCase(B))).toBe(false);
  });

  it.each([
    ['administrator', handlerAndAdmin],
    ['internal auditor', handlerAndAuditor],
  ])('denies a case handler who is also %s any read of a case, field-less or not', (_, a) => {
    expect(a.can('read', aCase(A1))).toBe(false);
    expect(a.can('read', aCase(A1), 'content')).toBe(false);
    expect(a.can('read', aCase(A1), 'reporter')).toBe(false);
    expect(a.can('read', 'Case')).toBe(false);
    expect(a.can('read', 'Case', 'content')).toBe(false);
  });

  const identity = (unitPath: string) => subject('ReporterIdentity', { caseId: 'c1', unitPath });
  const custodian = defineAbilityFor(user([['identitetsansvarig', A]]));

  it('lets an identity custodian read the identities of their scope, and no case content', () => {
    expect(custodian.can('read', identity(A1))).toBe(true);
    expect(custodian.can('read', identity(B))).toBe(false);
    expect(custodian.can('read', identity(AB))).toBe(false);
    expect(custodian.can('read', aCase(A1))).toBe(false);
  });

  it.each([
    [
      'administrator',
      handlerAndAdmin,
      [
        ['identitetsansvarig', A],
        ['administrator', B],
      ],
    ],
    [
      'internal auditor',
      handlerAndAuditor,
      [
        ['identitetsansvarig', A],
        ['internrevisor', ROOT],
      ],
    ],
  ] as const)(
    'never lets a holder of the %s role read reporter identities, also as custodian',
    (_, a, custodianRoles) => {
      expect(a.can('read', 'ReporterIdentity')).toBe(false);
      expect(a.can('read', identity(A1))).toBe(false);
      const both = defineAbilityFor(user(custodianRoles.map(([r, p]) => [r, p] as [Role, string])));
      expect(both.can('read', identity(A1))).toBe(false);
      expect(both.can('read', 'ReporterIdentity')).toBe(false);
    },
  );

  it('keeps what the other role gives (the separation is about cases only)', () => {
    expect(
      handlerAndAdmin.can('read', subject('User', { id: 'x', unitId: 'b', unitPath: B })),
    ).toBe(true);
    expect(handlerAndAuditor.can('read', 'AuditLog')).toBe(true);
  });
});

describe('abilityFor (memoised)', () => {
  it('serves the same ability for the same user, roles and scope paths', () => {
    const u = user([['administrator', A]]);
    expect(abilityFor(u)).toBe(abilityFor({ ...u, sessionId: 'another session' }));
  });

  it('follows a moved scope root at once: the new path counts, the old one grants nothing', () => {
    const before = user([['administrator', A]]);
    // unit a (the scope root) is moved below b: its path and every path below it change
    const after = user([['administrator', '/root/b/a/']]);
    const moved = subject('User', { id: 'x', unitId: 'a1', unitPath: '/root/b/a/a1/' });
    expect(abilityFor(after).can('update', moved)).toBe(true);
    // the ability built from the old path does not match the moved rows (a stale prefix can only
    // under-grant: no unit's path starts with it any more)
    expect(abilityFor(before).can('update', moved)).toBe(false);
    expect(abilityFor(after)).not.toBe(abilityFor(before));
  });

  it('drops what a revoked role gave on the next build', () => {
    const u = user([
      ['administrator', A],
      ['chef', B],
    ]);
    const revoked = { ...u, roles: u.roles.filter((r) => r.role !== 'administrator') };
    const row = subject('User', { id: 'x', unitId: 'a1', unitPath: A1 });
    expect(abilityFor(u).can('read', row)).toBe(true);
    expect(abilityFor(revoked).can('read', row)).toBe(false);
  });
});
