import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sign-off of an audit in one role (`avtalscontroller` or `chef`); one per role. */
@Entity('audit_sign_offs')
export class AuditSignOffEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  auditId: string;

  @Column({ type: 'varchar', length: 20 })
  role: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: Date })
  signedAt: Date;
}
