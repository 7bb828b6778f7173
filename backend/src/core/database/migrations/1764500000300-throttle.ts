import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cols } from './column-types';

/**
 * The throttle counters in the database (core/throttle), so that sign-in and the public report
 * routes are throttled across every instance. Times are epoch milliseconds (BIGINT on both
 * engines). No index besides the key: every hit is a primary-key upsert, and the sweep of
 * expired rows (a few minutes apart) may scan a table that holds one row per live client.
 */
export class Throttle1764500000300 implements MigrationInterface {
  name = 'Throttle1764500000300';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'throttle_hits',
        columns: [
          { ...c.str('key', 64), isPrimary: true },
          c.int('hits'),
          { name: 'windowEndsAt', type: 'bigint', isNullable: false },
          { name: 'blockedUntil', type: 'bigint', isNullable: false },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('throttle_hits');
  }
}
