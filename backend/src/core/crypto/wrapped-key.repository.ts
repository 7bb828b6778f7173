import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import type { WrappedKeyColumn } from './wrapped-key.registry';

/**
 * The SQL of a master-key rotation over a registered column. Table and column names come from
 * code (checked as identifiers by the registry) and are quoted by the driver; values are bound.
 */
@Injectable()
export class WrappedKeyRepository {
  constructor(private readonly db: Db) {}

  /** Rows after `afterId` (in id order) whose wrapped key is not under `currentKid`. */
  async pendingBatch(
    c: WrappedKeyColumn,
    currentKid: string,
    afterId: string,
    limit: number,
  ): Promise<Array<{ id: string; wrapped: string }>> {
    const [t, id, wk] = this.names(c);
    const p = this.placeholders(3);
    const rows: Array<{ id: string; wrapped: string }> = await this.db
      .manager()
      .query(
        `SELECT ${id} AS id, ${wk} AS wrapped FROM ${t} WHERE ${wk} IS NOT NULL AND ${wk} NOT LIKE ${p[0]} AND ${id} > ${p[1]} ORDER BY ${id} LIMIT ${p[2]}`,
        [`v2.${currentKid}.%`, afterId, limit],
      );
    return rows.map((r) => ({ id: String(r.id), wrapped: String(r.wrapped) }));
  }

  /**
   * Replaces one wrapped key if it is still the one that was read (a key destroyed or replaced
   * meanwhile is left alone). Must run inside `db.transaction`; true when the row was updated.
   */
  async replace(c: WrappedKeyColumn, id: string, from: string, to: string): Promise<boolean> {
    const [t, idc, wk] = this.names(c);
    const p = this.placeholders(3);
    const sql = `UPDATE ${t} SET ${wk} = ${p[0]} WHERE ${idc} = ${p[1]} AND ${wk} = ${p[2]}`;
    const runner = this.db.manager().queryRunner;
    if (!this.db.inTransaction || !runner) throw new Error('replace() outside a transaction');
    const res = await runner.query(sql, [to, id, from], true);
    return (res.affected ?? 0) > 0;
  }

  /** How many wrapped keys the column holds under `kid`, and in total. */
  async counts(c: WrappedKeyColumn, kid: string): Promise<{ current: number; total: number }> {
    const [t, , wk] = this.names(c);
    const p = this.placeholders(1);
    const rows: Array<{ current: number | string | null; total: number | string }> = await this.db
      .manager()
      .query(
        `SELECT SUM(CASE WHEN ${wk} LIKE ${p[0]} THEN 1 ELSE 0 END) AS current, COUNT(${wk}) AS total FROM ${t}`,
        [`v2.${kid}.%`],
      );
    return { current: Number(rows[0]?.current ?? 0), total: Number(rows[0]?.total ?? 0) };
  }

  private names(c: WrappedKeyColumn): [string, string, string] {
    const escape = (n: string) => this.db.dataSource.driver.escape(n);
    return [escape(c.table), escape(c.idColumn), escape(c.wrappedKeyColumn)];
  }

  private placeholders(n: number): string[] {
    return Array.from({ length: n }, (_, i) => (this.db.engine === 'postgres' ? `$${i + 1}` : '?'));
  }
}
