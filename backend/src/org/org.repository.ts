import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { pathColumn, pathOfUnit, type SqlCondition } from '../core/authz/casl-sql';
import { Db } from '../core/database/db';
import { escapeLike } from '../core/database/sql';
import { OrgUnitEntity } from './entities/org-unit.entity';

/** Column expressions for CASL conditions on OrgUnit (`path`: its own, `parentPath`: its parent's). */
export const UNIT_COLUMNS = {
  id: 'u.id',
  parentId: 'u."parentId"',
  path: pathColumn('u.path'),
  parentPath: pathOfUnit('u."parentId"', 'org_units'),
};

@Injectable()
export class OrgRepository {
  constructor(private readonly db: Db) {}

  private get repo() {
    return this.db.repo(OrgUnitEntity);
  }

  /** Every unit the caller may read (filtered in SQL by the caller's abilities). */
  async listVisible(access: SqlCondition): Promise<OrgUnitEntity[]> {
    return this.repo
      .createQueryBuilder('u')
      .where(access.sql, access.params)
      .orderBy('u.depth', 'ASC')
      .addOrderBy('u.name', 'ASC')
      .getMany();
  }

  /** Names of the given units that the caller may read (one query; for audit-log labels). */
  async namesVisible(
    ids: readonly string[],
    access: SqlCondition,
  ): Promise<Array<{ id: string; name: string }>> {
    if (!ids.length) return [];
    return this.repo
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .addSelect('u.name', 'name')
      .where(`(${access.sql})`, access.params)
      .andWhere('u.id IN (:...ids)', { ids: [...ids] })
      .getRawMany();
  }

  findById(id: string): Promise<OrgUnitEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async countAll(): Promise<number> {
    return this.repo.count();
  }

  /**
   * Whether a sibling already has this name, ignoring case. Compared in JavaScript with Swedish
   * case folding: SQLite's LOWER() only folds ASCII, so "Ärenden" and "ärenden" would differ there.
   */
  async siblingNameTaken(
    parentId: string | null,
    name: string,
    exceptId?: string,
  ): Promise<boolean> {
    const siblings = await this.repo.find({
      select: { id: true, name: true },
      where: parentId ? { parentId } : { parentId: IsNull() },
    });
    const wanted = name.toLocaleLowerCase('sv');
    return siblings.some((s) => s.id !== exceptId && s.name.toLocaleLowerCase('sv') === wanted);
  }

  async countChildren(id: string): Promise<number> {
    return this.repo.countBy({ parentId: id });
  }

  insert(unit: OrgUnitEntity): Promise<OrgUnitEntity> {
    return this.repo.save(unit);
  }

  async update(id: string, patch: Partial<OrgUnitEntity>): Promise<void> {
    await this.repo.update({ id }, patch);
  }

  /** Rewrites the materialised path and depth of a moved subtree in one statement. */
  async movePaths(
    oldPrefix: string,
    newPrefix: string,
    depthDelta: number,
    now: Date,
  ): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(OrgUnitEntity)
      .set({
        path: () => `:newPrefix || SUBSTR("path", ${oldPrefix.length + 1})`,
        depth: () => `"depth" + (:delta)`,
        updatedAt: now,
      })
      .where(`"path" LIKE :like ESCAPE '\\'`, { like: `${escapeLike(oldPrefix)}%` })
      .setParameters({ newPrefix, delta: depthDelta })
      .execute();
  }

  async setActiveForSubtree(pathPrefix: string, active: boolean, now: Date): Promise<number> {
    const res = await this.repo
      .createQueryBuilder()
      .update(OrgUnitEntity)
      .set({ active, updatedAt: now })
      .where(`"path" LIKE :like ESCAPE '\\'`, { like: `${escapeLike(pathPrefix)}%` })
      .andWhere('"active" <> :active', { active })
      .execute();
    return res.affected ?? 0;
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /** Ids of the unit and everything below it. */
  async subtreeIds(id: string): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where(`u.path LIKE (SELECT r.path FROM org_units r WHERE r.id = :id) || '%'`, { id })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
