import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { cols } from './column-types';

/**
 * Scheduled jobs under a database lease (`job_leases`), in-app notifications (`notifications`)
 * and the e-mail outbox (`outbox`). See core/jobs and core/notify.
 */
export class JobsNotify1764100000000 implements MigrationInterface {
  name = 'JobsNotify1764100000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);

    await qr.createTable(
      new Table({
        name: 'job_leases',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          // "<instance id>/<random>" of the run that holds the lease; null when free
          c.str('holder', 100, true),
          c.time('leasedUntil', true),
          // the job is due when now >= nextRunAt (start of its next interval)
          c.time('nextRunAt'),
          c.time('lastRunAt', true),
          c.time('lastFinishedAt', true),
          // 'ok' | 'failed'
          c.str('lastResult', 10, true),
          // error name/code only, never data
          c.str('lastError', 300, true),
          c.int('runs'),
          c.int('failures'),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'notifications',
        columns: [
          c.id(),
          c.ref('userId'),
          c.str('kind', 64),
          // JSON of ids, dates and short codes only (NotificationService enforces it)
          c.text('params'),
          c.str('link', 300),
          c.time('createdAt'),
          c.time('readAt', true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          // the user's list, newest first (keyset on createdAt, id)
          new TableIndex({
            name: 'ix_notifications_user_created',
            columnNames: ['userId', 'createdAt', 'id'],
          }),
          // the unread count
          new TableIndex({ name: 'ix_notifications_user_read', columnNames: ['userId', 'readAt'] }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'outbox',
        columns: [
          c.id(),
          // the recipient; the address is read from users.email when the message is sent
          c.ref('userId'),
          c.str('template', 64),
          c.str('link', 300),
          // 'pending' | 'sent' | 'failed' (gave up) | 'skipped' (no address, inactive user)
          c.str('status', 10),
          c.time('createdAt'),
          c.time('nextAttemptAt'),
          c.time('sentAt', true),
          c.int('attempts'),
          c.str('lastError', 300, true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({ name: 'ix_outbox_due', columnNames: ['status', 'nextAttemptAt'] }),
          new TableIndex({ name: 'ix_outbox_user', columnNames: ['userId', 'status'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['outbox', 'notifications', 'job_leases']) await qr.dropTable(t);
  }
}
