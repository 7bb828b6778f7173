import { Column, Entity, PrimaryColumn } from 'typeorm';

export const GIFT_ENTRY_STATUSES = ['vantar_beslut', 'beslutad', 'registrerad'] as const;
export type GiftEntryStatus = (typeof GIFT_ENTRY_STATUSES)[number];

/**
 * An entry in the gift register (gåvoregistret): what a person was offered, by whom, and what
 * the guide said. Outcome B waits for the manager's decision (`vantar_beslut` → `beslutad`);
 * other outcomes are recorded as they are (`registrerad`). `unitId` is the person's unit when
 * the entry was made: the managers over it decide.
 */
@Entity('gift_entries')
export class GiftEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  @Column({ type: 'varchar', length: 200 })
  giverName: string;

  @Column({ type: 'varchar', length: 11, nullable: true })
  giverOrganisationNumber: string | null;

  /** The supplier of the register the giver is, when known. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  supplierId: string | null;

  /** GIFT_RELATIONS: the giver's relation to the unit. */
  @Column({ type: 'varchar', length: 20 })
  relation: string;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  /** Whole kronor. */
  @Column({ type: 'integer' })
  estimatedValue: number;

  @Column({ type: 'varchar', length: 10 })
  receivedOn: string;

  @Column({ type: 'varchar', length: 1 })
  outcome: string;

  @Column({ type: 'integer' })
  guideVersion: number;

  /** JSON: the answers on the path, in order ([{ question, answer }]). */
  @Column({ type: 'text' })
  guidePath: string;

  /** Comma-separated guide flags (giver_has_interest, …). */
  @Column({ type: 'varchar', length: 200 })
  guideFlags: string;

  @Column({ type: 'varchar', length: 20 })
  status: GiftEntryStatus;

  @Column({ type: 'varchar', length: 20, nullable: true })
  decision: string | null;

  @Column({ type: 'text', nullable: true })
  decisionMotivation: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ type: Date, nullable: true })
  decidedAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;
}
