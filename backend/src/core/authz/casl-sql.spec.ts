import Database from 'better-sqlite3';
import { createMongoAbility } from '@casl/ability';
import { AppAbility, defineAbilityFor } from './ability';
import { accessibleWhere, ColumnMap, pathColumn, pathOfUnit } from './casl-sql';
import type { AuthUser, Role } from './roles';

function user(roles: Array<[Role, string]>): AuthUser {
  return {
    id: 'me',
    username: 'me',
    displayName: 'Me',
    unitId: 'a',
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

// root ─┬─ a ── a1
//       ├─ a_          ("_" and "%" are LIKE wildcards: they must match only themselves)
//       ├─ a%
//       ├─ ab
//       └─ b
const UNITS: Array<[string, string | null, string]> = [
  ['root', null, '/root/'],
  ['a', 'root', '/root/a/'],
  ['a1', 'a', '/root/a/a1/'],
  ['a_', 'root', '/root/a_/'],
  ['a%', 'root', '/root/a%/'],
  ['ab', 'root', '/root/ab/'],
  ['b', 'root', '/root/b/'],
];
const USERS: Array<[string, string]> = [
  ['me', 'a'],
  ['u1', 'a1'],
  ['u2', 'b'],
  ['u3', 'ab'],
  ['u4', 'a_'],
  ['u5', 'a%'],
];

const USER_COLUMNS: ColumnMap = {
  id: 'u.id',
  unitId: 'u."unitId"',
  unitPath: pathOfUnit('u."unitId"', 'org_units'),
};
const UNIT_COLUMNS: ColumnMap = {
  id: 'u.id',
  parentId: 'u."parentId"',
  path: pathColumn('u.path'),
  parentPath: pathOfUnit('u."parentId"', 'org_units'),
};

/** Runs the translated condition against real SQLite tables. */
function visible(
  ability: AppAbility,
  action: 'read' | 'update' | 'create',
  table: 'users' | 'org_units',
): string[] {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE org_units (id TEXT PRIMARY KEY, parentId TEXT, path TEXT)');
  db.exec('CREATE TABLE users (id TEXT PRIMARY KEY, unitId TEXT)');
  const insUnit = db.prepare('INSERT INTO org_units VALUES (?, ?, ?)');
  UNITS.forEach((r) => insUnit.run(...r));
  const insUser = db.prepare('INSERT INTO users VALUES (?, ?)');
  USERS.forEach((r) => insUser.run(...r));
  const { sql, params } = accessibleWhere(
    ability,
    action,
    table === 'users' ? 'User' : 'OrgUnit',
    table === 'users' ? USER_COLUMNS : UNIT_COLUMNS,
  );
  // expand TypeORM-style ":...name" (arrays) and ":name" params for a raw SQLite check
  const values: unknown[] = [];
  const raw = sql.replace(
    /:(\.\.\.)?(p_casl_[0-9a-f]+)/g,
    (_m, spread: string | undefined, name: string) => {
      const v = params[name];
      if (spread) {
        (v as unknown[]).forEach((x) => values.push(x));
        return (v as unknown[]).map(() => '?').join(', ');
      }
      values.push(v);
      return '?';
    },
  );
  return (
    db.prepare(`SELECT id FROM ${table} u WHERE ${raw} ORDER BY id`).all(...values) as Array<{
      id: string;
    }>
  ).map((r) => r.id);
}

describe('accessibleWhere', () => {
  it('denies everything when no rule allows', () => {
    expect(visible(defineAbilityFor(user([['medarbetare', '/root/a/']])), 'read', 'users')).toEqual(
      [],
    );
  });

  it('filters by the unit subtree, a path prefix whose size does not depend on the tree', () => {
    const a = defineAbilityFor(user([['chef', '/root/a/']]));
    expect(visible(a, 'read', 'users')).toEqual(['me', 'u1']);
    const sql = accessibleWhere(a, 'read', 'User', USER_COLUMNS);
    expect(Object.values(sql.params)).toEqual(['/root/a/%']);
  });

  it('escapes LIKE wildcards in the prefix', () => {
    expect(visible(defineAbilityFor(user([['chef', '/root/a_/']])), 'read', 'users')).toEqual([
      'u4',
    ]);
    expect(visible(defineAbilityFor(user([['chef', '/root/a%/']])), 'read', 'users')).toEqual([
      'u5',
    ]);
  });

  it('unions rules from several roles', () => {
    expect(
      visible(
        defineAbilityFor(
          user([
            ['chef', '/root/a/a1/'],
            ['internrevisor', '/root/b/'],
          ]),
        ),
        'read',
        'users',
      ),
    ).toEqual(['u1', 'u2']);
  });

  it('applies inverted rules (an administrator cannot update themselves)', () => {
    expect(
      visible(defineAbilityFor(user([['administrator', '/root/a/']])), 'update', 'users'),
    ).toEqual(['u1']);
  });

  it('filters units by their own path and by their parent’s path', () => {
    const admin = defineAbilityFor(user([['administrator', '/root/a/']]));
    expect(visible(admin, 'update', 'org_units')).toEqual(['a', 'a1']);
    expect(visible(admin, 'create', 'org_units')).toEqual(['a1']);
  });

  it('gives the same SQL text for the same rules (prepared statements are reused)', () => {
    const a = defineAbilityFor(user([['chef', '/root/a/']]));
    const first = accessibleWhere(a, 'read', 'User', USER_COLUMNS);
    const again = accessibleWhere(
      defineAbilityFor(user([['chef', '/root/a/']])),
      'read',
      'User',
      USER_COLUMNS,
    );
    expect(again.sql).toBe(first.sql);
    // another scope binds another name: two conditions in one query cannot clash
    const other = accessibleWhere(
      defineAbilityFor(user([['chef', '/root/b/']])),
      'read',
      'User',
      USER_COLUMNS,
    );
    expect(Object.keys(other.params)).not.toEqual(Object.keys(first.params));
  });

  it('keeps one translation per ability, action, subject and column map — never shared across them', () => {
    const chefA = defineAbilityFor(user([['chef', '/root/a/']]));
    const chefB = defineAbilityFor(user([['chef', '/root/b/']]));
    const first = accessibleWhere(chefA, 'read', 'User', USER_COLUMNS);
    expect(accessibleWhere(chefA, 'read', 'User', USER_COLUMNS)).toBe(first);
    expect(Object.isFrozen(first.params)).toBe(true);
    // another ability, action, subject or column map is translated on its own
    expect(Object.values(accessibleWhere(chefB, 'read', 'User', USER_COLUMNS).params)).toEqual([
      '/root/b/%',
    ]);
    expect(accessibleWhere(chefA, 'update', 'User', USER_COLUMNS).sql).toBe('1 = 0');
    expect(accessibleWhere(chefA, 'read', 'OrgUnit', UNIT_COLUMNS).sql).not.toBe(first.sql);
    const otherColumns = { ...USER_COLUMNS, unitPath: pathColumn('x.path') };
    expect(accessibleWhere(chefA, 'read', 'User', otherColumns).sql).toContain('x.path LIKE');
    // the first ability's entry is unchanged by the others
    expect(accessibleWhere(chefA, 'read', 'User', USER_COLUMNS)).toBe(first);
    expect(Object.values(first.params)).toEqual(['/root/a/%']);
  });

  it('refuses a condition field without a column mapping instead of widening access', () => {
    expect(() =>
      accessibleWhere(defineAbilityFor(user([['chef', '/root/a/']])), 'read', 'User', {
        id: 'id',
        unitId: 'u."unitId"',
      }),
    ).toThrow(/unitPath/);
  });

  it('refuses any pattern but a subtree prefix, and any other operator on a path field', () => {
    const rules = (conditions: Record<string, unknown>) =>
      createMongoAbility([{ action: 'read', subject: 'User', conditions }]) as AppAbility;
    for (const conditions of [
      { unitPath: { $regex: '/root/a/' } }, // not anchored
      { unitPath: { $regex: '^/root/.*/' } }, // not a literal prefix
      { unitPath: { $regex: '^/root/a/', $options: 'i' } },
      { unitPath: { $in: ['/root/a/'] } },
      { unitPath: '/root/a/' },
    ]) {
      expect(() => accessibleWhere(rules(conditions), 'read', 'User', USER_COLUMNS)).toThrow(
        /accessibleWhere/,
      );
    }
  });
});
