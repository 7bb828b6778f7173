import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { cols, fk, ix } from './column-types';

/**
 * The second factor (auth/second-factor): TOTP secrets (sealed), recovery codes (keyed hashes),
 * and on each session the moment it gave its second factor.
 */
export class SecondFactor1764500000200 implements MigrationInterface {
  name = 'SecondFactor1764500000200';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'second_factors',
        columns: [
          { ...c.ref('userId'), isPrimary: true },
          c.str('wrappedKey', 200),
          c.str('secretSealed', 200),
          c.time('confirmedAt', true),
          c.int('lastUsedStep', true),
          c.time('createdAt'),
          c.time('updatedAt'),
        ],
        foreignKeys: [fk('fk_second_factors_user', 'userId', 'users', true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'second_factor_recovery_codes',
        columns: [
          c.id(),
          c.ref('userId'),
          c.str('codeHash', 64),
          c.time('usedAt', true),
          c.time('createdAt'),
        ],
        indices: [ix('ux_recovery_codes_user_hash', ['userId', 'codeHash'], true)],
        foreignKeys: [fk('fk_recovery_codes_user', 'userId', 'users', true)],
      }),
    );
    await qr.addColumn('sessions', new TableColumn(c.time('secondFactorAt', true)));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('sessions', 'secondFactorAt');
    await qr.dropTable('second_factor_recovery_codes');
    await qr.dropTable('second_factors');
  }
}
