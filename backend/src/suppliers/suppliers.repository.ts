import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../core/authz/casl-sql';
import { Db } from '../core/database/db';
import { escapeLike } from '../core/database/sql';
import { UserEntity } from '../users/entities/user.entity';
import type { SupplierSort } from './dto/supplier.dto';
import { SupplierFlagEntity } from './entities/supplier-flag.entity';
import { SupplierEntity } from './entities/supplier.entity';

export interface SupplierSearch {
  access: SqlCondition;
  q?: string;
  indepthCheck?: boolean;
  flagged?: boolean;
  flag?: string;
  sort: SupplierSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Column expressions for CASL conditions on Supplier (see core/authz/casl-sql.ts). */
export const SUPPLIER_COLUMNS = { id: 's.id' };

export type FlagRow = SupplierFlagEntity & { tickedByName: string | null };

@Injectable()
export class SuppliersRepository {
  constructor(private readonly db: Db) {}

  private get suppliers() {
    return this.db.repo(SupplierEntity);
  }
  private get flags() {
    return this.db.repo(SupplierFlagEntity);
  }

  findById(id: string): Promise<SupplierEntity | null> {
    return this.suppliers.findOneBy({ id });
  }

  async organisationNumberTaken(orgnr: string, exceptId?: string): Promise<boolean> {
    const row = await this.suppliers.findOne({
      where: { organisationNumber: orgnr },
      select: { id: true },
    });
    return !!row && row.id !== exceptId;
  }

  async insert(s: SupplierEntity): Promise<void> {
    await this.suppliers.insert(s);
  }

  async update(id: string, patch: Partial<SupplierEntity>): Promise<void> {
    await this.suppliers.update({ id }, patch);
  }

  /** One page of suppliers, filtered in SQL by the caller's abilities and the search. */
  async search(s: SupplierSearch): Promise<{ rows: SupplierEntity[]; total: number }> {
    const qb = this.suppliers.createQueryBuilder('s').where(`(${s.access.sql})`, s.access.params);
    if (s.q) {
      qb.andWhere(`s."searchText" LIKE :q ESCAPE '\\'`, {
        q: `%${escapeLike(s.q.toLocaleLowerCase('sv'))}%`,
      });
    }
    if (s.indepthCheck !== undefined)
      qb.andWhere('s."indepthCheckRequired" = :indepth', { indepth: s.indepthCheck });
    if (s.flagged !== undefined) qb.andWhere(s.flagged ? 's."flagCount" > 0' : 's."flagCount" = 0');
    if (s.flag) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM supplier_flags f WHERE f."supplierId" = s.id AND f.code = :flag)',
        { flag: s.flag },
      );
    }
    const dir = s.order === 'desc' ? 'DESC' : 'ASC';
    qb.orderBy(`s."${s.sort}"`, dir);
    if (s.sort !== 'name') qb.addOrderBy('s.name', 'ASC');
    qb.addOrderBy('s.id', 'ASC').offset(s.offset).limit(s.limit);
    const rows = await qb.getMany();
    // a page that is not full tells the total without a count query
    const total =
      rows.length < s.limit && (rows.length > 0 || s.offset === 0)
        ? s.offset + rows.length
        : await qb.clone().orderBy().offset(undefined).limit(undefined).getCount();
    return { rows, total };
  }

  /** Names and numbers of the suppliers among `ids` that the condition lets through (one query). */
  async namesVisible(
    ids: readonly string[],
    access: SqlCondition,
  ): Promise<Array<{ id: string; name: string; organisationNumber: string }>> {
    if (!ids.length) return [];
    return this.suppliers
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .addSelect('s.name', 'name')
      .addSelect('s."organisationNumber"', 'organisationNumber')
      .where(`(${access.sql})`, access.params)
      .andWhere('s.id IN (:...ids)', { ids: [...ids] })
      .getRawMany();
  }

  /** The ticked flags of some suppliers, with the name of who ticked each (one query). */
  async flagsOf(supplierIds: string[]): Promise<FlagRow[]> {
    if (!supplierIds.length) return [];
    const res = await this.flags
      .createQueryBuilder('f')
      .leftJoin(UserEntity, 'u', 'u.id = f."tickedBy"')
      .addSelect('u."displayName"', 'tickedByName')
      .where('f."supplierId" IN (:...ids)', { ids: supplierIds })
      .orderBy('f."tickedAt"', 'ASC')
      .addOrderBy('f.code', 'ASC')
      .getRawAndEntities();
    return res.entities.map((e, i) =>
      Object.assign(e, {
        tickedByName: (res.raw[i] as { tickedByName: string | null }).tickedByName ?? null,
      }),
    );
  }

  findFlag(supplierId: string, code: string): Promise<SupplierFlagEntity | null> {
    return this.flags.findOneBy({ supplierId, code });
  }

  async insertFlag(f: SupplierFlagEntity): Promise<void> {
    await this.flags.insert(f);
  }

  async updateFlag(id: string, patch: Partial<SupplierFlagEntity>): Promise<void> {
    await this.flags.update({ id }, patch);
  }

  async deleteFlag(id: string): Promise<void> {
    await this.flags.delete({ id });
  }

  async flagCodesOf(supplierId: string): Promise<string[]> {
    const rows = await this.flags.find({ where: { supplierId }, select: { code: true } });
    return rows.map((r) => r.code);
  }
}
