import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/**
 * One append-only audit-log entry. `hash` = SHA-256(prevHash + canonical JSON of the entry's
 * content); `prevHash` is the previous entry's hash. Rows are never updated or deleted.
 */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq: number;

  @Column({ type: Date })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  /** Username at the time (users can be renamed; the log must stay readable). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actorName: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  objectType: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  objectId: string | null;

  @Column({ type: 'varchar', length: 10 })
  outcome: AuditOutcome;

  /**
   * Materialised path of the unit the entry belongs to (the object's unit when the feature names
   * it, else the actor's home unit), fixed at write time so that a reader scoped to a subtree sees
   * that subtree's entries only (ability.ts, AuditLog). Null for entries without a unit (failed
   * sign-ins of unknown names, jobs, entries written before 1764500000400): only readers scoped
   * at a root see those. Part of the hash when set, so moving an entry between scopes breaks the
   * chain.
   */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  unitPath: string | null;

  /** Extra facts as canonical JSON. Never secrets, never confidential free text. */
  @Column({ type: 'text' })
  details: string;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
