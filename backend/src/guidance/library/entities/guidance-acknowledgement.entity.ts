import { Column, Entity, PrimaryColumn } from 'typeorm';

/** "Läst och förstått": one person confirmed one published version of an article. */
@Entity('guidance_acknowledgements')
export class GuidanceAcknowledgementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) articleId: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: Date }) acknowledgedAt: Date;
}
