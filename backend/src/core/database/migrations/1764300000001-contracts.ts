import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { cols } from './column-types';

/**
 * The contract register (issue 7): contracts of a responsible unit with their subcontractor
 * chains. Lists can hold 100 000 rows: every filter and sort key has an index ending in `id`, the
 * keyset paging's tie-breaker.
 */
export class Contracts1764300000001 implements MigrationInterface {
  name = 'Contracts1764300000001';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    const ix = (name: string, columnNames: string[]) => new TableIndex({ name, columnNames });
    await qr.createTable(
      new Table({
        name: 'contracts',
        columns: [
          c.id(),
          c.str('title', 200),
          c.str('diarienummer', 40),
          c.ref('supplierId'),
          c.str('sector', 40),
          c.int('annualValue'),
          c.str('startDate', 10),
          c.str('endDate', 10),
          c.ref('unitId'),
          c.ref('ownerId', true),
          c.str('followUpClass', 1),
          c.int('maxSubcontractorTiers'),
          c.text('notes', true),
          c.str('searchText', 300),
          c.int('chainWarningCount'),
          c.time('createdAt'),
          c.ref('createdBy'),
          c.time('updatedAt'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_contracts_diarienummer',
            columnNames: ['diarienummer'],
            isUnique: true,
          }),
          ix('ix_contracts_title', ['title', 'id']),
          ix('ix_contracts_unit', ['unitId', 'title', 'id']),
          ix('ix_contracts_supplier', ['supplierId', 'title', 'id']),
          ix('ix_contracts_sector', ['sector', 'title', 'id']),
          ix('ix_contracts_class', ['followUpClass', 'title', 'id']),
          ix('ix_contracts_end', ['endDate', 'id']),
          ix('ix_contracts_start', ['startDate', 'id']),
          ix('ix_contracts_value', ['annualValue', 'id']),
        ],
        foreignKeys: [
          {
            name: 'fk_contracts_supplier',
            columnNames: ['supplierId'],
            referencedTableName: 'suppliers',
            referencedColumnNames: ['id'],
          },
          {
            name: 'fk_contracts_unit',
            columnNames: ['unitId'],
            referencedTableName: 'org_units',
            referencedColumnNames: ['id'],
          },
          {
            name: 'fk_contracts_owner',
            columnNames: ['ownerId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'contract_subcontractors',
        columns: [
          c.id(),
          c.ref('contractId'),
          c.int('position'),
          c.str('name', 200),
          c.str('organisationNumber', 11),
          c.int('tier'),
          c.str('approvalStatus', 20),
        ],
        indices: [ix('ix_contract_subcontractors_contract', ['contractId', 'position'])],
        foreignKeys: [
          {
            name: 'fk_contract_subcontractors_contract',
            columnNames: ['contractId'],
            referencedTableName: 'contracts',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('contract_subcontractors');
    await qr.dropTable('contracts');
  }
}
