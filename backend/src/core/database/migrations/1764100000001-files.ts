import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { cols } from './column-types';

/** Encrypted attachments (core/files); the content itself lives in FILES_DIR. */
export class Files1764100000001 implements MigrationInterface {
  name = 'Files1764100000001';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'files',
        columns: [
          c.id(),
          c.str('ownerType', 40),
          c.str('ownerId', 64),
          c.text('nameSealed'),
          c.str('mediaType', 100),
          c.int('size'),
          c.str('sha256Sealed', 200),
          c.str('wrappedKey', 200, true),
          c.str('storageKey', 64),
          c.time('createdAt'),
          c.ref('createdBy', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_files_owner', columnNames: ['ownerType', 'ownerId'] }),
          new TableIndex({ name: 'ux_files_storage', columnNames: ['storageKey'], isUnique: true }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('files');
  }
}
