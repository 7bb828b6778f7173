import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../core/authz/roles';

/** A role held over a unit subtree. A user may hold several. */
@Entity('role_assignments')
export class RoleAssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  /** Root of the subtree the role applies to. */
  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;
}
