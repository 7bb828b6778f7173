import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const UNIT_KINDS = ['forvaltning', 'avdelning', 'enhet'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * An organisational unit. The tree is stored twice: `parentId` for structure and a materialised
 * `path` ("/rootId/childId/…/ownId/") so a subtree is one indexed prefix query.
 */
@Entity('org_units')
export class OrgUnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: UnitKind;

  @Column({ type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Index()
  @Column({ type: 'varchar', length: 1000 })
  path: string;

  @Column({ type: 'integer' })
  depth: number;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
