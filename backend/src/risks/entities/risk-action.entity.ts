import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An action (åtgärd) on a risk: what is to be done, by whom, by when, and how far it has come. */
@Entity('risk_actions')
export class RiskActionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  riskId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 10 })
  dueDate: string;

  /** A RISK_ACTION_STATUSES code. */
  @Column({ type: 'varchar', length: 20 })
  status: string;

  /** The reminders job's step for `dueDate`: null, 'due_soon' or 'overdue'. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  reminderStep: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
