import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Long-lived application secrets (e.g. the HMAC keys for receipt codes and reporter tags),
 * generated once and stored wrapped by the master key, so rotating the master key re-wraps them
 * without changing them (what they keyed stays findable).
 */
@Entity('app_secrets')
export class AppSecretEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  wrappedKey: string;

  @Column({ type: Date })
  createdAt: Date;
}
