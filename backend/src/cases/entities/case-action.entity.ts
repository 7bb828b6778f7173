import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseActionType } from '../domain/taxonomy';

/** An action recorded on a case (polisanmälan with its reference, skyddsåtgärd, …). */
@Entity('case_actions')
export class CaseActionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  caseId: string;

  @Column({ type: 'varchar', length: 40 })
  type: CaseActionType;

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10 })
  occurredOn: string;

  /** Sealed `{ reference?, note? }`; null once purged. */
  @Column({ type: 'text', nullable: true })
  detailsSealed: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;
}
