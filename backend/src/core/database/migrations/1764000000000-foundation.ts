import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { cols } from './column-types';

/** Organisation, people, roles, sessions and the audit log. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);

    await qr.createTable(
      new Table({
        name: 'org_units',
        columns: [
          c.id(),
          c.str('name', 200),
          c.str('kind', 20),
          c.ref('parentId', true),
          c.str('path', 1000),
          c.int('depth'),
          c.bool('active'),
          c.time('createdAt'),
          c.time('updatedAt'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['parentId'],
            referencedTableName: 'org_units',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({ name: 'ix_org_units_path', columnNames: ['path'] }),
          new TableIndex({ name: 'ix_org_units_parent', columnNames: ['parentId'] }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.str('username', 64),
          c.str('displayName', 200),
          c.str('email', 254, true),
          c.str('searchText', 600),
          c.ref('unitId'),
          c.bool('active'),
          c.str('passwordHash', 255, true),
          c.time('passwordChangedAt', true),
          c.bool('mustChangePassword'),
          c.int('failedLoginCount'),
          c.time('lockedUntil', true),
          c.time('lastLoginAt', true),
          c.time('previousLoginAt', true),
          c.time('createdAt'),
          c.time('updatedAt'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['unitId'],
            referencedTableName: 'org_units',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({ name: 'ux_users_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'ix_users_unit', columnNames: ['unitId'] }),
          new TableIndex({ name: 'ix_users_display_name', columnNames: ['displayName'] }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'role_assignments',
        columns: [
          c.id(),
          c.ref('userId'),
          c.str('role', 32),
          c.ref('unitId'),
          c.time('createdAt'),
          c.ref('createdBy', true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['unitId'],
            referencedTableName: 'org_units',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({
            name: 'ux_role_assignments',
            columnNames: ['userId', 'role', 'unitId'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_role_assignments_unit', columnNames: ['unitId'] }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { name: 'tokenHash', type: 'varchar', length: '64', isPrimary: true },
          c.str('id', 36),
          c.ref('userId'),
          c.str('authMethod', 32),
          c.time('createdAt'),
          c.time('lastSeenAt'),
          c.time('idleExpiresAt'),
          c.time('absoluteExpiresAt'),
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
          new TableIndex({ name: 'ux_sessions_id', columnNames: ['id'], isUnique: true }),
          new TableIndex({ name: 'ix_sessions_user', columnNames: ['userId'] }),
          new TableIndex({ name: 'ix_sessions_idle', columnNames: ['idleExpiresAt'] }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          {
            name: 'seq',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          c.time('occurredAt'),
          c.ref('actorId', true),
          c.str('actorName', 64, true),
          c.str('action', 64),
          c.str('objectType', 40, true),
          c.str('objectId', 64, true),
          c.str('outcome', 10),
          c.text('details'),
          c.str('prevHash', 64),
          c.str('hash', 64),
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_occurred', columnNames: ['occurredAt'] }),
          new TableIndex({ name: 'ix_audit_action', columnNames: ['action'] }),
          new TableIndex({ name: 'ix_audit_actor', columnNames: ['actorId'] }),
          new TableIndex({ name: 'ix_audit_object', columnNames: ['objectType', 'objectId'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'sessions', 'role_assignments', 'users', 'org_units']) {
      await qr.dropTable(t);
    }
  }
}
