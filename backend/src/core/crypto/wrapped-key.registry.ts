import { Injectable } from '@nestjs/common';

/**
 * A column that stores data keys wrapped by the master key. Features register theirs (the files
 * table does; cases will) so that `varn rotate-master-key` re-wraps every one of them without
 * core knowing the features.
 */
export interface WrappedKeyColumn {
  /** Stable name for reports, e.g. `files`. */
  readonly name: string;
  readonly table: string;
  /** Primary-key column (a unique, sortable string such as a UUID). */
  readonly idColumn: string;
  /** Column holding "v2.<kid>.…" (or legacy "v1.…"); null means the key was destroyed. */
  readonly wrappedKeyColumn: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/i;

@Injectable()
export class WrappedKeyRegistry {
  private readonly columns: WrappedKeyColumn[] = [];

  register(column: WrappedKeyColumn): void {
    for (const id of [column.table, column.idColumn, column.wrappedKeyColumn])
      if (!IDENTIFIER.test(id)) throw new Error(`wrapped-key column: bad SQL identifier "${id}"`);
    if (this.columns.some((c) => c.name === column.name))
      throw new Error(`wrapped-key column "${column.name}" is registered twice`);
    this.columns.push(column);
  }

  all(): readonly WrappedKeyColumn[] {
    return this.columns;
  }
}
