import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An encrypted attachment. The content lives in FILES_DIR under `storageKey` (random, never
 * from the client). Name and SHA-256 are sealed with the file's data key like the content, so
 * that destroying the key (a case purge) leaves nothing that identifies the file; media type
 * and size stay readable for serving it.
 */
@Entity('files')
export class FileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** What the file belongs to, e.g. "case" and the case id. */
  @Column({ type: 'varchar', length: 40 })
  ownerType: string;

  @Column({ type: 'varchar', length: 64 })
  ownerId: string;

  /** Sanitised display name, sealed with the data key (context `file:<id>:name`). */
  @Column({ type: 'text' })
  nameSealed: string;

  /** Media type found in the content (never the client's claim). */
  @Column({ type: 'varchar', length: 100 })
  mediaType: string;

  /** Plaintext size in bytes. */
  @Column({ type: 'integer' })
  size: number;

  /** Hex SHA-256 of the plaintext, sealed with the data key (context `file:<id>:sha256`). */
  @Column({ type: 'varchar', length: 200 })
  sha256Sealed: string;

  /**
   * The file's own data key wrapped by the master key ("v2.<kid>.…"), or null when the caller's
   * data key (e.g. the case's) encrypts it. Re-wrapped by `varn rotate-master-key`.
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  wrappedKey: string | null;

  /** Name of the content file under FILES_DIR (32 random hex characters). */
  @Column({ type: 'varchar', length: 64 })
  storageKey: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;
}
