import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Värn user's account at the identity provider: issuer + subject (`sub`), the only stable,
 * unique pair an IdP promises (a username or an e-mail address can be renamed or reused). The
 * first single sign-on creates the user and this link; later sign-ins find the user by it.
 */
@Entity('oidc_identities')
export class OidcIdentityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  lastLoginAt: Date | null;
}
