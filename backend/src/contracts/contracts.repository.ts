import { Injectable } from '@nestjs/common';
import { pathOfUnit, type SqlCondition } from '../core/authz/casl-sql';
import { Db } from '../core/database/db';
import { escapeLike, keysetAfter } from '../core/database/sql';
import { OrgUnitEntity } from '../org/entities/org-unit.entity';
import { SupplierEntity } from '../suppliers/entities/supplier.entity';
import { UserEntity } from '../users/entities/user.entity';
import type { ContractSort, ContractStatus } from './dto/contract.dto';
import { ContractSubcontractorEntity } from './entities/contract-subcontractor.entity';
import { ContractEntity } from './entities/contract.entity';

/** Column expressions for CASL conditions on Contract (see core/authz/casl-sql.ts). */
export const CONTRACT_COLUMNS = {
  id: 'c.id',
  unitId: 'c."unitId"',
  unitPath: pathOfUnit('c."unitId"', 'org_units'),
};

/** A position in a sorted list: the sort key's value and the id of the last row shown. */
export interface Keyset {
  value: string | number;
  id: string;
}

export interface ContractSearch {
  access: SqlCondition;
  q?: string;
  sector?: string;
  followUpClass?: string;
  /** Path of the unit whose subtree is asked for. */
  unitPath?: string;
  supplierId?: string;
  status?: ContractStatus;
  chainWarning?: boolean;
  /** Today (YYYY-MM-DD) for `status`. */
  today: string;
  sort: ContractSort;
  order: 'asc' | 'desc';
  after?: Keyset;
  limit: number;
}

/** A contract with the names a list shows. */
export type ContractRow = ContractEntity & {
  supplierName: string;
  supplierOrganisationNumber: string;
  unitName: string;
  ownerName: string | null;
};

@Injectable()
export class ContractsRepository {
  constructor(private readonly db: Db) {}

  private get contracts() {
    return this.db.repo(ContractEntity);
  }
  private get subs() {
    return this.db.repo(ContractSubcontractorEntity);
  }

  /** One contract with its unit's path (for the row check) and the names it shows. */
  async findById(id: string): Promise<(ContractRow & { unitPath: string }) | null> {
    const res = await this.withNames(this.contracts.createQueryBuilder('c'))
      .addSelect('unit.path', 'unitPath')
      .where('c.id = :id', { id })
      .getRawAndEntities();
    const e = res.entities[0];
    if (!e) return null;
    const raw = res.raw[0] as Record<string, string | null>;
    return Object.assign(e, this.names(raw), { unitPath: raw['unitPath'] as string });
  }

  /** The path of a unit, or null when it does not exist. */
  async unitPath(unitId: string): Promise<string | null> {
    const u = await this.db.repo(OrgUnitEntity).findOne({
      where: { id: unitId },
      select: { id: true, path: true },
    });
    return u?.path ?? null;
  }

  /** Every unit (id, name, path) — for matching the import's `Enhet` column. */
  async units(): Promise<Array<{ id: string; name: string; path: string; active: boolean }>> {
    const rows = await this.db.repo(OrgUnitEntity).find();
    return rows.map((u) => ({ id: u.id, name: u.name, path: u.path, active: u.active }));
  }

  async supplierExists(id: string): Promise<boolean> {
    return (await this.db.repo(SupplierEntity).countBy({ id })) > 0;
  }

  /** Supplier ids by organisation number, for the numbers given (one query). */
  async suppliersByNumber(numbers: readonly string[]): Promise<Map<string, string>> {
    if (!numbers.length) return new Map();
    const rows = await this.db
      .repo(SupplierEntity)
      .createQueryBuilder('s')
      .select(['s.id', 's.organisationNumber'])
      .where('s."organisationNumber" IN (:...numbers)', { numbers: [...numbers] })
      .getMany();
    return new Map(rows.map((s) => [s.organisationNumber, s.id]));
  }

  async activeUserExists(id: string): Promise<boolean> {
    return (await this.db.repo(UserEntity).countBy({ id, active: true })) > 0;
  }

  /** The diarienummer among `numbers` that are taken (by another contract than `exceptId`). */
  async diarienummerTaken(numbers: readonly string[], exceptId?: string): Promise<Set<string>> {
    if (!numbers.length) return new Set();
    const rows = await this.contracts
      .createQueryBuilder('c')
      .select(['c.id', 'c.diarienummer'])
      .where('c.diarienummer IN (:...numbers)', { numbers: [...numbers] })
      .getMany();
    return new Set(rows.filter((r) => r.id !== exceptId).map((r) => r.diarienummer));
  }

  async insert(c: ContractEntity, subs: ContractSubcontractorEntity[]): Promise<void> {
    await this.contracts.insert(c);
    if (subs.length) await this.subs.insert(subs);
  }

  async update(id: string, patch: Partial<ContractEntity>): Promise<void> {
    await this.contracts.update({ id }, patch);
  }

  async replaceSubcontractors(id: string, subs: ContractSubcontractorEntity[]): Promise<void> {
    await this.subs.delete({ contractId: id });
    if (subs.length) await this.subs.insert(subs);
  }

  subcontractorsOf(contractId: string): Promise<ContractSubcontractorEntity[]> {
    return this.subs.find({ where: { contractId }, order: { position: 'ASC' } });
  }

  /** Subcontractors of many contracts (one query), for the export. */
  async subcontractorsOfMany(ids: readonly string[]): Promise<ContractSubcontractorEntity[]> {
    if (!ids.length) return [];
    return this.subs
      .createQueryBuilder('s')
      .where('s."contractId" IN (:...ids)', { ids: [...ids] })
      .orderBy('s."contractId"')
      .addOrderBy('s.position')
      .getMany();
  }

  /**
   * One page of contracts in keyset order (sort key, then id), filtered in SQL by the caller's
   * abilities and the filters. `total` counts every match when asked for.
   */
  async search(
    s: ContractSearch,
    withTotal: boolean,
  ): Promise<{ rows: ContractRow[]; total: number | null }> {
    const qb = this.contracts.createQueryBuilder('c').where(`(${s.access.sql})`, s.access.params);
    if (s.q) {
      qb.andWhere(
        `(c."searchText" LIKE :q ESCAPE '\\' OR EXISTS (SELECT 1 FROM suppliers qs WHERE qs.id = c."supplierId" AND qs."searchText" LIKE :q ESCAPE '\\'))`,
        { q: `%${escapeLike(s.q.toLocaleLowerCase('sv'))}%` },
      );
    }
    if (s.sector) qb.andWhere('c.sector = :sector', { sector: s.sector });
    if (s.followUpClass) qb.andWhere('c."followUpClass" = :cls', { cls: s.followUpClass });
    if (s.supplierId) qb.andWhere('c."supplierId" = :supplierId', { supplierId: s.supplierId });
    if (s.unitPath) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM org_units fu WHERE fu.id = c."unitId" AND fu.path LIKE :unitPrefix ESCAPE '\\')`,
        { unitPrefix: `${escapeLike(s.unitPath)}%` },
      );
    }
    if (s.status === 'upcoming') qb.andWhere('c."startDate" > :today', { today: s.today });
    if (s.status === 'active')
      qb.andWhere('c."startDate" <= :today AND c."endDate" >= :today', { today: s.today });
    if (s.status === 'ended') qb.andWhere('c."endDate" < :today', { today: s.today });
    if (s.chainWarning !== undefined)
      qb.andWhere(s.chainWarning ? 'c."chainWarningCount" > 0' : 'c."chainWarningCount" = 0');
    const total = withTotal ? await qb.clone().getCount() : null;

    const col = `c."${s.sort}"`;
    const cmp = s.order === 'desc' ? '<' : '>';
    if (s.after) {
      qb.andWhere(keysetAfter(this.db.engine, col, 'c.id', cmp), {
        afterKey: s.after.value,
        afterId: s.after.id,
      });
    }
    const dir = s.order === 'desc' ? 'DESC' : 'ASC';
    this.withNames(qb).orderBy(col, dir).addOrderBy('c.id', dir).limit(s.limit);
    const res = await qb.getRawAndEntities();
    const rows = res.entities.map((e, i) =>
      Object.assign(e, this.names(res.raw[i] as Record<string, string | null>)),
    );
    return { rows, total };
  }

  /** Contracts whose responsible unit is `unitId` (keeps the unit in use). */
  async countInUnit(unitId: string): Promise<number> {
    return this.contracts.countBy({ unitId });
  }

  /** Titles of the contracts among `ids` that the condition lets through (audit log labels). */
  async titlesVisible(
    ids: readonly string[],
    access: SqlCondition,
  ): Promise<Array<{ id: string; title: string; diarienummer: string }>> {
    if (!ids.length) return [];
    return this.contracts
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('c.title', 'title')
      .addSelect('c.diarienummer', 'diarienummer')
      .where(`(${access.sql})`, access.params)
      .andWhere('c.id IN (:...ids)', { ids: [...ids] })
      .getRawMany();
  }

  private withNames<T extends ReturnType<typeof this.contracts.createQueryBuilder>>(qb: T): T {
    qb.innerJoin(SupplierEntity, 'sup', 'sup.id = c."supplierId"')
      .innerJoin(OrgUnitEntity, 'unit', 'unit.id = c."unitId"')
      .leftJoin(UserEntity, 'owner', 'owner.id = c."ownerId"')
      .addSelect('sup.name', 'supplierName')
      .addSelect('sup."organisationNumber"', 'supplierOrganisationNumber')
      .addSelect('unit.name', 'unitName')
      .addSelect('owner."displayName"', 'ownerName');
    return qb;
  }

  private names(raw: Record<string, string | null>) {
    return {
      supplierName: raw['supplierName'] as string,
      supplierOrganisationNumber: raw['supplierOrganisationNumber'] as string,
      unitName: raw['unitName'] as string,
      ownerName: raw['ownerName'] ?? null,
    };
  }
}
