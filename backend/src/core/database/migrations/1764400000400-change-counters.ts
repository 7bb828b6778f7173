import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cols } from './column-types';

/** Change counters (core/database/change-counters.ts); the risk register's starts at 0. */
export class ChangeCounters1764400000400 implements MigrationInterface {
  name = 'ChangeCounters1764400000400';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'change_counters',
        columns: [{ ...c.str('name', 40), isPrimary: true }, c.int('value')],
      }),
    );
    await qr.manager
      .createQueryBuilder()
      .insert()
      .into('change_counters')
      .values({ name: 'risk_register', value: 0 })
      .execute();
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('change_counters');
  }
}
