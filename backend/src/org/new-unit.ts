import { randomUUID } from 'node:crypto';
import type { OrgUnitEntity, UnitKind } from './entities/org-unit.entity';

/** The parent fields a child's path and depth are built from. */
export type ParentUnit = Pick<OrgUnitEntity, 'id' | 'path' | 'depth'>;

/** Materialised path of unit `id`: the parent's path (`/` for the root) followed by `id/`. */
export function unitPath(parent: Pick<OrgUnitEntity, 'path'> | null, id: string): string {
  return `${parent?.path ?? '/'}${id}/`;
}

/**
 * A new, active unit row: the root when `parent` is null, else a child of `parent`. The one
 * place where ids, paths and depths of new units are built (API, CLI bootstrap, demo seed, tests).
 */
export function newUnit(
  fields: { name: string; kind: UnitKind; parent: ParentUnit | null },
  now: Date,
): OrgUnitEntity {
  const id = randomUUID();
  return {
    id,
    name: fields.name,
    kind: fields.kind,
    parentId: fields.parent?.id ?? null,
    path: unitPath(fields.parent, id),
    depth: fields.parent ? fields.parent.depth + 1 : 0,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
}
