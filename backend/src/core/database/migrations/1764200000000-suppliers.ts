import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { cols } from './column-types';

/** The supplier register (issue 7): suppliers and their ticked red flags. */
export class Suppliers1764200000000 implements MigrationInterface {
  name = 'Suppliers1764200000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'suppliers',
        columns: [
          c.id(),
          c.str('name', 200),
          c.str('organisationNumber', 11),
          c.str('address', 500, true),
          c.str('contactName', 200, true),
          c.str('contactEmail', 254, true),
          c.str('contactPhone', 40, true),
          c.str('beneficialOwner', 200, true),
          c.text('notes', true),
          c.str('searchText', 600),
          c.int('flagCount'),
          c.bool('indepthCheckRequired'),
          c.time('createdAt'),
          c.ref('createdBy'),
          c.time('updatedAt'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_suppliers_orgnr',
            columnNames: ['organisationNumber'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_suppliers_name', columnNames: ['name', 'id'] }),
          new TableIndex({
            name: 'ix_suppliers_indepth',
            columnNames: ['indepthCheckRequired', 'name'],
          }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'supplier_flags',
        columns: [
          c.id(),
          c.ref('supplierId'),
          c.str('code', 60),
          c.text('evidence'),
          c.time('tickedAt'),
          c.ref('tickedBy'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_supplier_flags_code',
            columnNames: ['supplierId', 'code'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_supplier_flags_code', columnNames: ['code'] }),
        ],
        foreignKeys: [
          {
            name: 'fk_supplier_flags_supplier',
            columnNames: ['supplierId'],
            referencedTableName: 'suppliers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('supplier_flags');
    await qr.dropTable('suppliers');
  }
}
