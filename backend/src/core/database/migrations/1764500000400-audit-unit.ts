import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { cols } from './column-types';

/**
 * The unit an audit-log entry belongs to (`unitPath`, the materialised path of the object's or the
 * actor's unit, written with the entry), so that administrators and auditors scoped to a subtree
 * read that subtree's entries only. Existing entries keep null: their hashes were computed without
 * a unit, and filling it in afterwards would be a change to an append-only log.
 */
export class AuditUnit1764500000400 implements MigrationInterface {
  name = 'AuditUnit1764500000400';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('audit_log', new TableColumn(cols(qr).str('unitPath', 1000, true)));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('audit_log', 'unitPath');
  }
}
