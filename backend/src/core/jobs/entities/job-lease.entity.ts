import { Column, Entity, PrimaryColumn } from 'typeorm';

export type JobResult = 'ok' | 'failed';

/**
 * One row per scheduled job: who holds its lease and until when, when it is next due, and how
 * its last run ended. A run starts only by taking the lease with one conditional UPDATE, so with
 * several instances on one database each interval runs once (see JobScheduler).
 */
@Entity('job_leases')
export class JobLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  /** The run holding the lease ("<instance>/<random>"); null when free. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  holder: string | null;

  /** A holder that crashed loses the lease at this time. */
  @Column({ type: Date, nullable: true })
  leasedUntil: Date | null;

  /** Start of the next interval: the job is due when now >= nextRunAt. */
  @Column({ type: Date })
  nextRunAt: Date;

  @Column({ type: Date, nullable: true })
  lastRunAt: Date | null;

  @Column({ type: Date, nullable: true })
  lastFinishedAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  lastResult: JobResult | null;

  /** The error's name or code, never data from the job. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  @Column({ type: 'integer' })
  runs: number;

  @Column({ type: 'integer' })
  failures: number;
}
