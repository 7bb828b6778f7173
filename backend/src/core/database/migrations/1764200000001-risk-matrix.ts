import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { DEFAULT_RISK_MATRIX } from '../../../risks/domain/risk-matrix';
import { cols } from './column-types';

/**
 * Versioned risk matrices (domain.md §6). A save never overwrites: it adds the next version, so
 * an old assessment can always be shown with the matrix it was made with. Version 1 is the
 * default 5×5, so every database — fresh or demo — has a current matrix.
 */
export class RiskMatrix1764200000001 implements MigrationInterface {
  name = 'RiskMatrix1764200000001';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'risk_matrix_versions',
        columns: [
          c.id(),
          c.int('version'),
          c.text('definition'),
          c.time('createdAt'),
          c.ref('createdBy', true),
        ],
        indices: [
          new TableIndex({
            name: 'ux_risk_matrix_versions_version',
            columnNames: ['version'],
            isUnique: true,
          }),
        ],
      }),
    );
    await qr.manager
      .createQueryBuilder()
      .insert()
      .into('risk_matrix_versions')
      .values({
        id: randomUUID(),
        version: 1,
        definition: JSON.stringify(DEFAULT_RISK_MATRIX),
        createdAt: new Date(),
        createdBy: null,
      })
      .execute();
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('risk_matrix_versions');
  }
}
