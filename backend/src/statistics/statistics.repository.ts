import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../core/authz/casl-sql';
import { Db } from '../core/database/db';
import { escapeLike } from '../core/database/sql';
import { IncidentFactEntity } from '../cases/entities/incident-fact.entity';
import type { Atom } from './small-cells';

/** Column expressions for CASL conditions on IncidentStatistics (the fact's department `d`). */
export const STATISTICS_COLUMNS = { departmentPath: 'd.path' };

export interface AtomQuery {
  access: SqlCondition;
  from: string;
  to: string;
  /** Only departments at or below the unit with this path. */
  underPath?: string;
}

@Injectable()
export class StatisticsRepository {
  constructor(private readonly db: Db) {}

  /** The atoms of the request: one grouped query over the facts the caller may see. */
  async atoms(q: AtomQuery): Promise<Atom[]> {
    const qb = this.db
      .repo(IncidentFactEntity)
      .createQueryBuilder('f')
      .innerJoin('org_units', 'd', 'd.id = f."departmentId"')
      .select('f.category', 'category')
      .addSelect('f."departmentId"', 'departmentId')
      .addSelect('f.quarter', 'quarter')
      .addSelect('COUNT(1)', 'count')
      .where(`(${q.access.sql})`, q.access.params)
      .andWhere('f.quarter >= :from AND f.quarter <= :to', { from: q.from, to: q.to });
    if (q.underPath)
      qb.andWhere(`d.path LIKE :under ESCAPE '\\'`, { under: `${escapeLike(q.underPath)}%` });
    const rows = await qb
      .groupBy('f.category')
      .addGroupBy('f."departmentId"')
      .addGroupBy('f.quarter')
      .getRawMany<{
        category: string;
        departmentId: string;
        quarter: string;
        count: string | number;
      }>();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /**
   * The departments to show as columns: every avdelning the caller may see (below `underPath`),
   * and any other unit that facts were counted on (a förvaltning without departments), by name.
   */
  async departments(
    access: SqlCondition,
    underPath: string | undefined,
    alsoIds: string[],
  ): Promise<Array<{ id: string; name: string }>> {
    const qb = this.db
      .repo(IncidentFactEntity)
      .manager.createQueryBuilder()
      .select('d.id', 'id')
      .addSelect('d.name', 'name')
      .from('org_units', 'd')
      .where(`(${access.sql})`, access.params)
      .andWhere(
        alsoIds.length ? `(d.kind = 'avdelning' OR d.id IN (:...also))` : `d.kind = 'avdelning'`,
        { also: alsoIds },
      );
    if (underPath)
      qb.andWhere(`d.path LIKE :under ESCAPE '\\'`, { under: `${escapeLike(underPath)}%` });
    return qb.orderBy('d.name', 'ASC').addOrderBy('d.id', 'ASC').getRawMany();
  }

  async unitPath(id: string): Promise<string | null> {
    const row = await this.db
      .repo(IncidentFactEntity)
      .manager.createQueryBuilder()
      .select('u.path', 'path')
      .from('org_units', 'u')
      .where('u.id = :id', { id })
      .getRawOne<{ path: string }>();
    return row?.path ?? null;
  }
}
