import { Column, Entity, PrimaryColumn } from 'typeorm';

export const IDENTITY_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type IdentityRequestStatus = (typeof IDENTITY_REQUEST_STATUSES)[number];

/** A handler's motivated request to see a confidential reporter's identity, and its decision. */
@Entity('identity_requests')
export class IdentityRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  caseId: string;

  @Column({ type: 'varchar', length: 36 })
  requestedBy: string;

  /** Sealed under the case key; null once purged. */
  @Column({ type: 'text', nullable: true })
  motivationSealed: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: IdentityRequestStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ type: Date, nullable: true })
  decidedAt: Date | null;

  /** The custodian's motivation, sealed under the case key. */
  @Column({ type: 'text', nullable: true })
  decisionSealed: string | null;

  @Column({ type: Date })
  createdAt: Date;
}
