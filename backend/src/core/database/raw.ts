import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Runs a SELECT written once as text, with TypeORM-style named parameters (`:name`,
 * `:...list`), on `manager`'s connection — without the query builder (which rebuilds and
 * re-escapes the SQL on every call) and without entity hydration. For hot read paths only
 * (the guard's principal, `/api/me`, the users page); convert the values you read with
 * `hydrate`, so booleans and dates come out as the entities would give them on both engines.
 */
export async function rawRows<T>(
  manager: EntityManager,
  sql: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query<T[]>(query, values);
}

const columns = new WeakMap<
  object,
  Map<EntityTarget<ObjectLiteral>, Map<string, ColumnMetadata>>
>();

/**
 * A raw value of `entity.property` converted as TypeORM's hydration converts it (the driver's
 * `prepareHydratedValue`: SQLite's 0/1 and date strings, PostgreSQL's timestamps).
 */
export function hydrate<T>(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  property: string,
  value: unknown,
): T {
  const ds = manager.connection;
  let perEntity = columns.get(ds);
  if (!perEntity)
    columns.set(
      ds,
      (perEntity = new Map<EntityTarget<ObjectLiteral>, Map<string, ColumnMetadata>>()),
    );
  let perProperty = perEntity.get(entity);
  if (!perProperty) perEntity.set(entity, (perProperty = new Map<string, ColumnMetadata>()));
  let column = perProperty.get(property);
  if (!column) {
    column = ds.getMetadata(entity).findColumnWithPropertyName(property);
    if (!column) throw new Error(`hydrate: no column ${property}`);
    perProperty.set(property, column);
  }
  return ds.driver.prepareHydratedValue(value, column) as T;
}
