import type { UnitDto } from '../../core/api/models';

export interface UnitNode {
  unit: UnitDto;
  /** Depth in the tree the user sees (roots are 0). */
  level: number;
  children: UnitNode[];
}

/**
 * Builds the tree from the API's flat list. Units whose parent is not in the list (the user sees
 * only part of the organisation) become roots. Sibling order is kept as the server sent it.
 */
export function buildUnitTree(units: readonly UnitDto[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) nodes.set(unit.id, { unit, level: 0, children: [] });
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id);
    if (!node) continue;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const setLevel = (node: UnitNode, level: number): void => {
    node.level = level;
    node.children.forEach((child) => setLevel(child, level + 1));
  };
  roots.forEach((root) => setLevel(root, 0));
  return roots;
}

/** The tree as a flat list in display order (parents before children). */
export function flattenTree(roots: readonly UnitNode[]): UnitNode[] {
  const out: UnitNode[] = [];
  const walk = (node: UnitNode): void => {
    out.push(node);
    node.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

/** The ids of a unit and everything below it. */
export function subtreeIds(units: readonly UnitDto[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (!unit.parentId) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit.id);
    children.set(unit.parentId, list);
  }
  const ids = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop() as string;
    if (ids.has(id)) continue;
    ids.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return ids;
}

export interface UnitOption {
  id: string;
  name: string;
  level: number;
  active: boolean;
  /** Materialised path: what the abilities' scope conditions check (`unitPath`, `parentPath`). */
  path: string;
}

/** Options for a unit picker, in tree order with their level for indentation. */
export function unitOptions(units: readonly UnitDto[]): UnitOption[] {
  return flattenTree(buildUnitTree(units)).map((node) => ({
    id: node.unit.id,
    name: node.unit.name,
    level: node.level,
    active: node.unit.active,
    path: node.unit.path,
  }));
}
