import { rulesToQuery } from '@casl/ability/extra';
import { createHash } from 'node:crypto';
import { escapeLike } from '../database/sql';
import type { AppAbility, Action, SubjectType } from './ability';
import { prefixOf } from './subtree';

export interface SqlCondition {
  /** A boolean SQL expression with named parameters (":p_…"), ready for a TypeORM where. */
  sql: string;
  params: Record<string, unknown>;
}

type Query = Record<string, unknown>;

/**
 * A condition field that holds a unit's materialised path (`unitPath`, `path`, `parentPath`):
 * the only operator allowed on it is the anchored prefix made by `within` (subtree.ts), which
 * becomes `LIKE 'prefix%'` through `like`.
 */
export interface PathColumn {
  /** SQL for "the path starts with the LIKE pattern bound as `param`" (escape character `\`). */
  readonly like: (param: string) => string;
}

/** Column map entry for a path stored in this row's own column (e.g. `u.path`). */
export function pathColumn(column: string): PathColumn {
  return { like: (p) => `${column} LIKE ${p} ESCAPE '\\'` };
}

/**
 * Column map entry for the path of the unit the row points to with `idColumn`: a correlated
 * `EXISTS` that looks the unit up by its primary key, so the condition's size does not depend on
 * the subtree's, and the database walks the listed rows (stopping early under a `LIMIT`) instead
 * of probing them once per unit of a large subtree — see ADR 0010 for the measurements.
 */
export function pathOfUnit(idColumn: string, unitsTable: string): PathColumn {
  return {
    like: (p) =>
      `EXISTS (SELECT 1 FROM ${unitsTable} casl_unit WHERE casl_unit.id = ${idColumn} AND casl_unit.path LIKE ${p} ESCAPE '\\')`,
  };
}

export type ColumnMap = Record<string, string | PathColumn>;

/**
 * Translates the user's CASL rules for (action, subject) into a SQL condition, so lists are
 * filtered in the database by exactly the rules that guard single rows.
 *
 * `columns` maps the condition fields used in ability.ts to SQL column expressions
 * (e.g. { unitId: 'u."unitId"' }). A field without a mapping is a programming error and
 * throws: silently dropping a condition would widen access.
 */
export function accessibleWhere(
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  columns: ColumnMap,
): SqlCondition {
  // Abilities are memoised and never mutated after they are built (ability.ts), so the
  // translation of one ability's rules for (action, subject, column map) never changes: keep it
  // with the ability, and it goes when the ability does.
  let perAbility = translations.get(ability);
  if (!perAbility)
    translations.set(ability, (perAbility = new Map<string, WeakMap<ColumnMap, SqlCondition>>()));
  const key = `${action}\u0000${subject}`;
  let perColumns = perAbility.get(key);
  if (!perColumns) perAbility.set(key, (perColumns = new WeakMap<ColumnMap, SqlCondition>()));
  let found = perColumns.get(columns);
  if (!found) {
    const built = translateRules(ability, action, subject, columns);
    found = Object.freeze({ sql: built.sql, params: Object.freeze(built.params) });
    perColumns.set(columns, found);
  }
  return found;
}

const translations = new WeakMap<AppAbility, Map<string, WeakMap<ColumnMap, SqlCondition>>>();

function translateRules(
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  columns: ColumnMap,
): SqlCondition {
  const query = rulesToQuery(ability, action, subject, (rule) =>
    rule.inverted ? { $nor: [rule.conditions ?? {}] } : (rule.conditions ?? {}),
  ) as Query | null;
  if (query === null) return { sql: '1 = 0', params: {} };
  const params: Record<string, unknown> = {};
  const sql = translate(query, columns, params);
  return { sql: sql || '1 = 1', params };
}

/**
 * Binds a value under a name derived from the value itself: the same rules give the same SQL text
 * on every request, so the driver's prepared-statement cache (keyed by the text) hits instead of
 * preparing every list query anew and evicting everyone else's statements; and two conditions
 * combined in one query can never bind different values under one name.
 */
function param(params: Record<string, unknown>, value: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 20);
  const name = `p_casl_${digest}`;
  params[name] = value;
  return `:${name}`;
}

function translate(query: Query, columns: ColumnMap, params: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === '$or' || key === '$and') {
      const subs = (value as Query[])
        .map((q) => translate(q, columns, params))
        .map((s) => s || '1 = 1');
      if (!subs.length) parts.push(key === '$or' ? '1 = 0' : '1 = 1');
      else parts.push(`(${subs.join(key === '$or' ? ' OR ' : ' AND ')})`);
    } else if (key === '$nor') {
      const subs = (value as Query[])
        .map((q) => translate(q, columns, params))
        .map((s) => s || '1 = 1');
      parts.push(`NOT (${subs.join(' OR ')})`);
    } else if (key.startsWith('$')) {
      throw new Error(`accessibleWhere: unsupported operator ${key}`);
    } else {
      parts.push(fieldCondition(key, value, columns, params));
    }
  }
  return parts.join(' AND ');
}

function fieldCondition(
  field: string,
  value: unknown,
  columns: ColumnMap,
  params: Record<string, unknown>,
): string {
  const mapped = columns[field];
  if (!mapped) throw new Error(`accessibleWhere: no column mapped for condition field "${field}"`);
  if (typeof mapped !== 'string') return pathCondition(field, value, mapped, params);
  const col = mapped;
  if (value === null) return `${col} IS NULL`;
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
    return `${col} = ${param(params, value)}`;
  }
  const ops = Object.entries(value as Record<string, unknown>).map(([op, v]) => {
    switch (op) {
      case '$eq':
        return v === null ? `${col} IS NULL` : `${col} = ${param(params, v)}`;
      case '$ne':
        return v === null
          ? `${col} IS NOT NULL`
          : `(${col} IS NULL OR ${col} <> ${param(params, v)})`;
      case '$in':
        return (v as unknown[]).length
          ? `${col} IN (${param(params, v).replace(/^:(.*)$/, ':...$1')})`
          : '1 = 0';
      case '$nin':
        return (v as unknown[]).length
          ? `${col} NOT IN (${param(params, v).replace(/^:(.*)$/, ':...$1')})`
          : '1 = 1';
      case '$regex':
        return pathColumn(col).like(likeParam(field, v, params));
      default:
        throw new Error(`accessibleWhere: unsupported operator ${op} on ${field}`);
    }
  });
  return ops.length === 1 ? ops[0] : `(${ops.join(' AND ')})`;
}

/** A path field accepts only `{ $regex: <prefix made by within()> }`; anything else throws. */
function pathCondition(
  field: string,
  value: unknown,
  column: PathColumn,
  params: Record<string, unknown>,
): string {
  const ops = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  if (ops.length !== 1 || ops[0] !== '$regex')
    throw new Error(`accessibleWhere: path field "${field}" takes only a subtree prefix`);
  return column.like(likeParam(field, (value as { $regex: unknown }).$regex, params));
}

function likeParam(field: string, pattern: unknown, params: Record<string, unknown>): string {
  const prefix = prefixOf(pattern);
  if (prefix === null)
    throw new Error(`accessibleWhere: unsupported pattern on ${field} (only subtree prefixes)`);
  return param(params, `${escapeLike(prefix)}%`);
}
