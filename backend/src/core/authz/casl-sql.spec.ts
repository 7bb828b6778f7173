import Database from 'better-sqlite3';
import { defineAbilityFor } from './ability';
import { accessibleWhere } from './casl-sql';
import type { AuthUser, Role } from './roles';

function user(roles: Array<[Role, string[]]>): AuthUser {
  return {
    id: 'me',
    username: 'me',
    displayName: 'Me',
    unitId: 'a',
    mustChangePassword: false,
    sessionId: 's',
    roles: roles.map(([role, unitIds], i) => ({
      assignmentId: `r${i}`,
      role,
      unitId: unitIds[0],
      unitIds,
    })),
  };
}

/** Runs the translated condition against a real SQLite table and compares with CASL itself. */
function visibleIds(u: AuthUser, action: 'read' | 'update'): string[] {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE users (id TEXT, unitId TEXT)');
  const rows = [
    ['me', 'a'],
    ['u1', 'a'],
    ['u2', 'b'],
    ['u3', 'c'],
  ];
  const insert = db.prepare('INSERT INTO users VALUES (?, ?)');
  rows.forEach((r) => insert.run(...r));
  const { sql, params } = accessibleWhere(defineAbilityFor(u), action, 'User', {
    id: 'id',
    unitId: '"unitId"',
  });
  // expand TypeORM-style ":...name" (arrays) and ":name" params for a raw SQLite check
  const values: unknown[] = [];
  const raw = sql.replace(
    /:(\.\.\.)?(p_casl_\d+)/g,
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
    db.prepare(`SELECT id FROM users WHERE ${raw} ORDER BY id`).all(...values) as Array<{
      id: string;
    }>
  ).map((r) => r.id);
}

describe('accessibleWhere', () => {
  it('denies everything when no rule allows', () => {
    expect(visibleIds(user([['medarbetare', ['a']]]), 'read')).toEqual([]);
  });

  it('filters by the unit subtree', () => {
    expect(visibleIds(user([['chef', ['a', 'b']]]), 'read')).toEqual(['me', 'u1', 'u2']);
  });

  it('unions rules from several roles', () => {
    expect(
      visibleIds(
        user([
          ['chef', ['a']],
          ['internrevisor', ['c']],
        ]),
        'read',
      ),
    ).toEqual(['me', 'u1', 'u3']);
  });

  it('applies inverted rules (an administrator cannot update themselves)', () => {
    expect(visibleIds(user([['administrator', ['a', 'b']]]), 'update')).toEqual(['u1', 'u2']);
  });

  it('refuses a condition field without a column mapping instead of widening access', () => {
    expect(() =>
      accessibleWhere(defineAbilityFor(user([['chef', ['a']]])), 'read', 'User', { id: 'id' }),
    ).toThrow(/unitId/);
  });
});
