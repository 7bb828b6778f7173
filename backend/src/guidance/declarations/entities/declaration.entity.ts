import { Column, Entity, PrimaryColumn } from 'typeorm';

export const DECLARATION_STATUSES = ['inlamnad', 'beslutad'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/**
 * A jävs- och intressedeklaration (domain.md §7). Never edited by its declarant: a new
 * declaration supersedes it (`supersededBy`), and the versions of one series share `seriesId`.
 * `validThrough` is `declarationValidity(signedOn)`'s last valid day, stored so that coverage and
 * reminders are computed in SQL. The manager's decision is recorded on the row itself.
 */
@Entity('declarations')
export class DeclarationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  seriesId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  /** The declarant's unit when signing: the managers over it decide. */
  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  /** DECLARATION_TYPES */
  @Column({ type: 'varchar', length: 20 })
  type: string;

  @Column({ type: 'varchar', length: 10 })
  signedOn: string;

  @Column({ type: Date })
  signedAt: Date;

  @Column({ type: 'varchar', length: 10 })
  validThrough: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  roleTitle: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  caseReference: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  caseDescription: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  partyName: string | null;

  @Column({ type: 'varchar', length: 11, nullable: true })
  partyOrganisationNumber: string | null;

  /** JAV_GROUNDS: the declarant's own assessment of the ground (or `inget`). */
  @Column({ type: 'varchar', length: 30 })
  claimedGround: string;

  @Column({ type: 'text', nullable: true })
  ownAssessment: string | null;

  /** JAV_HANDLING proposed by the declarant. */
  @Column({ type: 'varchar', length: 20 })
  proposedHandling: string;

  @Column({ type: 'varchar', length: 20 })
  status: DeclarationStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  supersededBy: string | null;

  @Column({ type: Date, nullable: true })
  supersededAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  decisionHandling: string | null;

  @Column({ type: 'text', nullable: true })
  decisionMotivation: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ type: Date, nullable: true })
  decidedAt: Date | null;

  /** The renewal reminder step already sent for this row (due_soon, overdue). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  reminderStep: string | null;
}
