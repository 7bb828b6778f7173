import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A named counter that moves on every committed change of some data, so that a result computed
 * from that data can be cached under the counter's value on every instance (the counter is read
 * from the database, so an instance never serves what another instance's write made stale).
 */
@Entity('change_counters')
export class ChangeCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'integer' })
  value: number;
}
