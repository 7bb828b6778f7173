import { Injectable } from '@nestjs/common';
import { pathOfUnit, type SqlCondition } from '../../core/authz/casl-sql';
import { Db } from '../../core/database/db';
import { rawRows } from '../../core/database/raw';
import { escapeLike, keysetAfter } from '../../core/database/sql';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
import { SupplierEntity } from '../../suppliers/entities/supplier.entity';
import { UserEntity } from '../../users/entities/user.entity';
import { MANAGERS_OVER_UNIT_SQL, type DateKeyset } from '../keyset-cursor';
import { GiftEntryEntity, type GiftEntryStatus } from './entities/gift-entry.entity';

/** Column expressions for CASL conditions on GiftEntry (alias `g`). */
export const GIFT_COLUMNS = {
  id: 'g.id',
  userId: 'g."userId"',
  unitId: 'g."unitId"',
  unitPath: pathOfUnit('g."unitId"', 'org_units'),
};

/** An entry with the names it shows and its unit's path (for the row check). */
export type GiftRow = GiftEntryEntity & {
  userName: string;
  unitName: string;
  unitPath: string;
  supplierName: string | null;
  decidedByName: string | null;
};

export interface GiftSearch {
  access: SqlCondition;
  userId?: string;
  status?: GiftEntryStatus;
  after?: DateKeyset;
  limit: number;
}

@Injectable()
export class GiftsRepository {
  constructor(private readonly db: Db) {}

  private get entries() {
    return this.db.repo(GiftEntryEntity);
  }

  private withNames(qb: ReturnType<typeof this.entries.createQueryBuilder>) {
    return qb
      .innerJoin(UserEntity, 'gu', 'gu.id = g."userId"')
      .innerJoin(OrgUnitEntity, 'unit', 'unit.id = g."unitId"')
      .leftJoin(SupplierEntity, 'sup', 'sup.id = g."supplierId"')
      .leftJoin(UserEntity, 'dec', 'dec.id = g."decidedBy"')
      .addSelect('gu."displayName"', 'userName')
      .addSelect('unit.name', 'unitName')
      .addSelect('unit.path', 'unitPath')
      .addSelect('sup.name', 'supplierName')
      .addSelect('dec."displayName"', 'decidedByName');
  }

  private rows(res: { entities: GiftEntryEntity[]; raw: Record<string, string | null>[] }) {
    return res.entities.map((e, i): GiftRow =>
      Object.assign(e, {
        userName: res.raw[i]['userName'] as string,
        unitName: res.raw[i]['unitName'] as string,
        unitPath: res.raw[i]['unitPath'] as string,
        supplierName: res.raw[i]['supplierName'] ?? null,
        decidedByName: res.raw[i]['decidedByName'] ?? null,
      }),
    );
  }

  async findById(id: string): Promise<GiftRow | null> {
    const qb = this.withNames(this.entries.createQueryBuilder('g')).where('g.id = :id', { id });
    return this.rows(await qb.getRawAndEntities())[0] ?? null;
  }

  /** One page, newest received first (receivedOn, id), filtered in SQL by the caller's rules. */
  async search(s: GiftSearch): Promise<GiftRow[]> {
    const qb = this.entries.createQueryBuilder('g').where(`(${s.access.sql})`, s.access.params);
    if (s.userId) qb.andWhere('g."userId" = :userId', { userId: s.userId });
    if (s.status) qb.andWhere('g.status = :status', { status: s.status });
    if (s.after)
      qb.andWhere(keysetAfter(this.db.engine, 'g."receivedOn"', 'g.id', '<'), {
        afterKey: s.after.key,
        afterId: s.after.id,
      });
    this.withNames(qb).orderBy('g."receivedOn"', 'DESC').addOrderBy('g.id', 'DESC').limit(s.limit);
    return this.rows(await qb.getRawAndEntities());
  }

  async insert(row: GiftEntryEntity): Promise<void> {
    await this.entries.insert(row);
  }

  /** Records the decision if the entry still waits for one; false when someone was first. */
  async decide(
    id: string,
    patch: Pick<GiftEntryEntity, 'decision' | 'decisionMotivation' | 'decidedBy' | 'decidedAt'>,
  ): Promise<boolean> {
    const res = await this.entries
      .createQueryBuilder()
      .update(GiftEntryEntity)
      .set({ ...patch, status: 'beslutad' })
      .where('id = :id', { id })
      .andWhere('status = :waiting', { waiting: 'vantar_beslut' })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** The unit of an active user (the entry's unit). */
  async unitOfUser(userId: string): Promise<string | null> {
    const u = await this.db.repo(UserEntity).findOne({
      where: { id: userId },
      select: { id: true, unitId: true },
    });
    return u?.unitId ?? null;
  }

  async supplier(
    id: string,
  ): Promise<{ id: string; name: string; organisationNumber: string } | null> {
    return this.db.repo(SupplierEntity).findOne({
      where: { id },
      select: { id: true, name: true, organisationNumber: true },
    });
  }

  /**
   * Suppliers for the giver field: by exact organisation number, or by the start of the name
   * (case-insensitive via the stored lower-cased search text). Only id and name leave here.
   */
  async suppliersMatching(q: { organisationNumber?: string; namePrefix?: string }, limit: number) {
    const qb = this.db
      .repo(SupplierEntity)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .addSelect('s.name', 'name');
    if (q.organisationNumber)
      qb.where('s."organisationNumber" = :nr', { nr: q.organisationNumber });
    else
      qb.where(`s."searchText" LIKE :prefix ESCAPE '\\'`, {
        prefix: `${escapeLike((q.namePrefix ?? '').toLocaleLowerCase('sv'))}%`,
      });
    return qb
      .orderBy('s.name')
      .addOrderBy('s.id')
      .limit(limit)
      .getRawMany<{ id: string; name: string }>();
  }

  /** The managers (chef) over a unit, except one person: they are told of a B entry. */
  async managersOver(unitId: string, exceptUserId: string): Promise<string[]> {
    const rows = await rawRows<{ userId: string }>(this.db.manager(), MANAGERS_OVER_UNIT_SQL, {
      unitId,
      except: exceptUserId,
      active: true,
    });
    return rows.map((r) => r.userId);
  }
}
