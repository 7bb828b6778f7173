import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A server-side session. The cookie carries a random token; only its SHA-256 is stored, so a
 * database leak does not hand out live sessions. Revoking = deleting the row.
 */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** Public, non-secret id used to list and revoke sessions. */
  @Column({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  /** How the user authenticated: "password" now; "oidc", "password+totp" later. */
  @Column({ type: 'varchar', length: 32 })
  authMethod: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  lastSeenAt: Date;

  @Column({ type: Date })
  idleExpiresAt: Date;

  @Column({ type: Date })
  absoluteExpiresAt: Date;

  /**
   * When this session gave its second factor (a TOTP or recovery code, or the identity provider
   * vouched for one); null for a password-only session. Whether that null matters is decided on
   * every request from the user's roles (SECOND_FACTOR_ROLES), so a role granted mid-session
   * asks for the code at once.
   */
  @Column({ type: Date, nullable: true })
  secondFactorAt?: Date | null;
}
