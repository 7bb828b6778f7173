import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One saved version of the gift guide's rules ("Får jag ta emot detta?"). Rows are only ever
 * added: the current rules are the highest version; register entries name the version they were
 * evaluated with.
 */
@Entity('gift_guide_versions')
export class GiftGuideVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('ux_gift_guide_versions_version', { unique: true })
  @Column({ type: 'integer' })
  version: number;

  /** The whole rule set as JSON (`GiftGuideRules` of domain/gift-guide.ts). */
  @Column({ type: 'text' })
  definition: string;

  @Column({ type: Date })
  createdAt: Date;

  /** Null for version 1, created by the migration. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;
}
