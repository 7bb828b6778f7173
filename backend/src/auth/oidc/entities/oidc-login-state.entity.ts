import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A sign-in in progress at the IdP: what the callback needs to finish it (PKCE verifier, nonce,
 * where to go afterwards). In the database, not in one instance's memory, so the callback may
 * reach another instance than the start did. Keyed by the SHA-256 of the `state`, whose value only
 * the browser holds (cookie `varn_oidc`); deleted when used, and worthless after `expiresAt`.
 */
@Entity('oidc_login_states')
export class OidcLoginStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  stateHash: string;

  @Column({ type: 'varchar', length: 128 })
  nonce: string;

  @Column({ type: 'varchar', length: 128 })
  codeVerifier: string;

  /** A path inside Värn (checked when stored). */
  @Column({ type: 'varchar', length: 500 })
  returnTo: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  expiresAt: Date;
}
