import { TableIndex, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Column helpers so one migration runs on SQLite and PostgreSQL: the few types that differ
 * between the engines are chosen here from the runner's driver.
 */
export function cols(qr: QueryRunner) {
  const pg = qr.connection.options.type === 'postgres';
  return {
    id: (name = 'id'): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: '36',
      isPrimary: true,
    }),
    ref: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: '36',
      isNullable: nullable,
    }),
    str: (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: nullable,
    }),
    int: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
    }),
    bool: (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: false }),
    time: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: pg ? 'timestamptz' : 'datetime',
      isNullable: nullable,
    }),
  };
}

/** An index on these columns (unique when asked). */
export function ix(name: string, columnNames: string[], isUnique = false): TableIndex {
  return new TableIndex({ name, columnNames, isUnique });
}

/** A foreign key from `column` to `table.id`, deleting with the parent row when `cascade`. */
export function fk(name: string, column: string, table: string, cascade = false) {
  return {
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    ...(cascade ? { onDelete: 'CASCADE' } : {}),
  };
}
