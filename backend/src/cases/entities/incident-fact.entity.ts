import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A de-identified fact about a triaged case, for statistics and the incident heatmap. It has no
 * case id, no person, no date finer than a quarter and a random id, so nothing in it joins back
 * to a case; it survives the purge. (The case keeps the fact's id only inside its sealed content,
 * to update the fact on reclassification, and loses it with the purge.)
 */
@Entity('incident_facts')
export class IncidentFactEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  track: string;

  @Column({ type: 'varchar', length: 60 })
  category: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  severityBand: string | null;

  /** The unit at department (avdelning) level — or the förvaltning when there is none. */
  @Column({ type: 'varchar', length: 36 })
  departmentId: string;

  /** `2026-Q1` */
  @Column({ type: 'varchar', length: 7 })
  quarter: string;
}
