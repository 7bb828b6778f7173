import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Marks a role assignment as managed by single sign-on: it came from OIDC_ROLE_MAP and is
 * replaced at every sign-in. Roles an administrator granted in Värn have no row here and are left
 * alone. Revoking the assignment in Värn deletes this row with it (foreign key, cascade).
 */
@Entity('oidc_role_grants')
export class OidcRoleGrantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  assignmentId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;
}
