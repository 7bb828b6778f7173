import { HttpStatus, Injectable } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import { AuditService } from '../core/audit/audit.service';
import { AppAbility, asSubject } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import type { AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { CreateUnitDto, UnitDto, UpdateUnitDto } from './dto/unit.dto';
import { OrgUnitEntity } from './entities/org-unit.entity';
import { newUnit, unitPath } from './new-unit';
import { OrgRepository, UNIT_COLUMNS } from './org.repository';
import { UnitUsageRegistry } from './unit-usage.registry';
import { ADVISORY_LOCKS } from '../core/database/advisory-locks';

/** Sub-units keep a unit in use; the tree is readable by everyone, so this kind is always named. */
const CHILDREN_USAGE = { kind: 'children', label: 'underenheter' } as const;

/**
 * PostgreSQL advisory lock for changes that read or rewrite materialised paths (create below,
 * move, (de)activate a subtree, delete). Under READ COMMITTED two of them could otherwise work
 * from each other's stale paths (a cycle, a subtree left under its old path) or lock the same
 * rows in opposite orders. Taken first in the transaction; renames do not need it. The audit
 * entries are written last, at commit (AuditService), so their order here does not matter.
 */
const ORG_TREE_LOCK = ADVISORY_LOCKS.orgTree;

function toDto(u: OrgUnitEntity): UnitDto {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    parentId: u.parentId,
    path: u.path,
    depth: u.depth,
    active: u.active,
  };
}

@Injectable()
export class OrgService {
  constructor(
    private readonly units: OrgRepository,
    private readonly usage: UnitUsageRegistry,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(ability: AppAbility): Promise<UnitDto[]> {
    const visible = await this.units.listVisible(
      accessibleWhere(ability, 'read', 'OrgUnit', UNIT_COLUMNS),
    );
    return treeOrder(visible).map(toDto);
  }

  async create(dto: CreateUnitDto, user: AuthUser, ability: AppAbility): Promise<UnitDto> {
    return this.db.transaction(async () => {
      await this.db.lock(ORG_TREE_LOCK);
      const parent = await this.units.findById(dto.parentId);
      if (!parent)
        throw Problem.badRequest('Den överordnade enheten finns inte.', 'validation_failed', [
          { field: 'parentId', messages: ['not_found'] },
        ]);
      assertKind(dto.kind, false);
      ForbiddenError.from(ability).throwUnlessCan(
        'create',
        asSubject('OrgUnit', { parentId: parent.id, parentPath: parent.path }),
      );
      if (!parent.active)
        throw Problem.conflict('Det går inte att skapa en enhet under en inaktiv enhet.');
      const name = dto.name.trim();
      if (await this.units.siblingNameTaken(parent.id, name))
        throw Problem.conflict(`Det finns redan en enhet som heter "${name}" på samma nivå.`);
      const unit = await this.units.insert(
        newUnit({ name, kind: dto.kind, parent }, this.clock.now()),
      );
      const id = unit.id;
      await this.audit.record({
        action: 'unit.created',
        actor: user,
        objectType: 'OrgUnit',
        objectId: id,
        details: { name, kind: dto.kind, parentId: parent.id },
      });
      return toDto(unit);
    });
  }

  async update(
    id: string,
    dto: UpdateUnitDto,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<UnitDto> {
    return this.db.transaction(async () => {
      if (dto.parentId !== undefined) await this.db.lock(ORG_TREE_LOCK);
      const unit = await this.load(id, 'update', ability);
      const now = this.clock.now();
      const changes: Record<string, unknown> = {};
      if (dto.name !== undefined && dto.name.trim() !== unit.name) {
        const name = dto.name.trim();
        if (await this.units.siblingNameTaken(unit.parentId, name, unit.id))
          throw Problem.conflict(`Det finns redan en enhet som heter "${name}" på samma nivå.`);
        changes['name'] = { from: unit.name, to: name };
        unit.name = name;
      }
      if (dto.kind !== undefined && dto.kind !== unit.kind) {
        assertKind(dto.kind, unit.parentId === null);
        changes['kind'] = { from: unit.kind, to: dto.kind };
        unit.kind = dto.kind;
      }
      if (Object.keys(changes).length) {
        await this.units.update(unit.id, { name: unit.name, kind: unit.kind, updatedAt: now });
        await this.audit.record({
          action: 'unit.updated',
          actor: user,
          objectType: 'OrgUnit',
          objectId: unit.id,
          details: changes,
        });
      }
      if (dto.parentId !== undefined && dto.parentId !== unit.parentId) {
        await this.move(unit, dto.parentId, user, ability, now);
      }
      return toDto((await this.units.findById(unit.id))!);
    });
  }

  private async move(
    unit: OrgUnitEntity,
    newParentId: string,
    user: AuthUser,
    ability: AppAbility,
    now: Date,
  ): Promise<void> {
    if (!unit.parentId)
      throw Problem.conflict('Förvaltningen (roten) kan inte flyttas.', 'root_unit');
    const parent = await this.units.findById(newParentId);
    if (!parent)
      throw Problem.badRequest('Den nya överordnade enheten finns inte.', 'validation_failed', [
        { field: 'parentId', messages: ['not_found'] },
      ]);
    // moving into the subtree requires the right to create below the new parent
    ForbiddenError.from(ability).throwUnlessCan(
      'create',
      asSubject('OrgUnit', { parentId: parent.id, parentPath: parent.path }),
    );
    if (parent.path.startsWith(unit.path))
      throw Problem.conflict('En enhet kan inte flyttas in under sig själv.', 'unit_cycle');
    if (!parent.active)
      throw Problem.conflict('Det går inte att flytta en enhet in under en inaktiv enhet.');
    if (await this.units.siblingNameTaken(parent.id, unit.name, unit.id))
      throw Problem.conflict(
        `Det finns redan en enhet som heter "${unit.name}" under den nya enheten.`,
      );
    const newPath = unitPath(parent, unit.id);
    await this.units.update(unit.id, { parentId: parent.id, updatedAt: now });
    await this.units.movePaths(unit.path, newPath, parent.depth + 1 - unit.depth, now);
    await this.audit.record({
      action: 'unit.moved',
      actor: user,
      objectType: 'OrgUnit',
      objectId: unit.id,
      details: { from: unit.parentId, to: parent.id },
    });
  }

  async setActive(
    id: string,
    active: boolean,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<UnitDto> {
    return this.db.transaction(async () => {
      await this.db.lock(ORG_TREE_LOCK);
      const unit = await this.load(id, 'update', ability);
      const now = this.clock.now();
      if (active) {
        if (unit.parentId) {
          const parent = await this.units.findById(unit.parentId);
          if (parent && !parent.active)
            throw Problem.conflict('Aktivera först den överordnade enheten.');
        }
        if (!unit.active) {
          await this.units.update(unit.id, { active: true, updatedAt: now });
          await this.audit.record({
            action: 'unit.activated',
            actor: user,
            objectType: 'OrgUnit',
            objectId: unit.id,
          });
        }
      } else {
        if (!unit.parentId)
          throw Problem.conflict('Förvaltningen (roten) kan inte inaktiveras.', 'root_unit');
        const n = await this.units.setActiveForSubtree(unit.path, false, now);
        if (n > 0)
          await this.audit.record({
            action: 'unit.deactivated',
            actor: user,
            objectType: 'OrgUnit',
            objectId: unit.id,
            details: { units: n },
          });
      }
      return toDto((await this.units.findById(unit.id))!);
    });
  }

  async delete(id: string, user: AuthUser, ability: AppAbility): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.lock(ORG_TREE_LOCK);
      const unit = await this.load(id, 'delete', ability);
      if (!unit.parentId)
        throw Problem.conflict('Förvaltningen (roten) kan inte tas bort.', 'root_unit');
      // which kinds keep it in use, never how many rows, and only kinds the reader may see
      const children = await this.units.countChildren(unit.id);
      const usage = await this.usage.check(unit.id, ability);
      const visible = [...(children ? [CHILDREN_USAGE] : []), ...usage.visible];
      if (children || usage.inUse) {
        throw new Problem(
          HttpStatus.CONFLICT,
          'unit_in_use',
          visible.length
            ? `Enheten används (${visible.map((k) => k.label).join(', ')}) och kan inte tas bort. Inaktivera den i stället.`
            : 'Enheten används och kan inte tas bort. Inaktivera den i stället.',
          { inUse: visible.map((k) => k.kind) },
        );
      }
      await this.units.delete(unit.id);
      await this.audit.record({
        action: 'unit.deleted',
        actor: user,
        objectType: 'OrgUnit',
        objectId: unit.id,
        details: { name: unit.name },
      });
    });
  }

  subtreeIds(id: string): Promise<string[]> {
    return this.units.subtreeIds(id);
  }

  /** Name, status and path of a unit (the path is what abilities check), or null. */
  async find(
    id: string,
  ): Promise<{ id: string; name: string; active: boolean; path: string } | null> {
    const u = await this.units.findById(id);
    return u ? { id: u.id, name: u.name, active: u.active, path: u.path } : null;
  }

  async nameOf(id: string): Promise<string | null> {
    return (await this.units.findById(id))?.name ?? null;
  }

  private async load(
    id: string,
    action: 'update' | 'delete',
    ability: AppAbility,
  ): Promise<OrgUnitEntity> {
    const unit = await this.units.findById(id);
    if (!unit) throw Problem.notFound('Enheten');
    ForbiddenError.from(ability).throwUnlessCan(action, asSubject('OrgUnit', unit));
    return unit;
  }
}

/** Only the root is a förvaltning; every unit below it is an avdelning or an enhet. */
function assertKind(kind: string, isRoot: boolean): void {
  if ((kind === 'forvaltning') !== isRoot) {
    throw Problem.badRequest(
      isRoot
        ? 'Förvaltningen (roten) måste ha typen förvaltning.'
        : 'Bara roten är en förvaltning. Välj avdelning eller enhet.',
      'validation_failed',
      [{ field: 'kind', messages: ['invalid_kind'] }],
    );
  }
}

/** Depth-first order: each parent followed by its children, siblings by name (sv collation). */
export function treeOrder<T extends { id: string; parentId: string | null; name: string }>(
  units: T[],
): T[] {
  const children = new Map<string | null, T[]>();
  for (const u of units) {
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  const collator = new Intl.Collator('sv');
  const out: T[] = [];
  const ids = new Set(units.map((u) => u.id));
  const visit = (parent: string | null) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => collator.compare(a.name, b.name))) {
      out.push(u);
      visit(u.id);
    }
  };
  visit(null);
  // units whose parent is not in the list (should not happen) still appear, at the end
  for (const u of units) if (u.parentId && !ids.has(u.parentId)) out.push(u);
  return out;
}
