import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Lower-case login name; unique. */
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** Lower-cased "name username email" (JavaScript's Unicode lower-casing, so Å/Ä/Ö match on SQLite too). */
  @Column({ type: 'varchar', length: 600 })
  searchText: string;

  /** Home unit (where the person works). Scope of administration over this user. */
  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  @Column({ type: 'boolean' })
  active: boolean;

  /** argon2id PHC string; null for accounts that sign in another way (SSO, later). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: Date, nullable: true })
  passwordChangedAt: Date | null;

  /** Set when an administrator sets a password: the user must choose their own at next sign-in. */
  @Column({ type: 'boolean' })
  mustChangePassword: boolean;

  @Column({ type: 'integer' })
  failedLoginCount: number;

  @Column({ type: Date, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: Date, nullable: true })
  lastLoginAt: Date | null;

  /** The sign-in before the latest one: what the user is shown to spot a login that was not theirs. */
  @Column({ type: Date, nullable: true })
  previousLoginAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
