import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { cols } from './column-types';

const fk = (name: string, column: string, table: string, cascade = true) => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: cascade ? 'CASCADE' : undefined,
});

/**
 * Reports and cases (issue 6): cases with their sealed content, messages and notes, actions,
 * identity requests, receipt sessions, the de-identified incident facts, and the wrapped
 * application secrets (HMAC keys for receipt codes and reporter tags).
 */
export class Cases1764300000000 implements MigrationInterface {
  name = 'Cases1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    const date = (name: string, nullable = true) => c.str(name, 10, nullable);
    await qr.createTable(
      new Table({
        name: 'app_secrets',
        columns: [
          { name: 'name', type: 'varchar', length: '60', isPrimary: true },
          c.str('wrappedKey', 200),
          c.time('createdAt'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'cases',
        columns: [
          c.id(),
          c.str('reference', 20),
          c.int('year'),
          c.int('seqNo'),
          c.str('track', 20),
          c.str('category', 60),
          c.str('irregularityKind', 60, true),
          c.str('confidentiality', 20),
          c.str('status', 30),
          c.ref('unitId'),
          c.ref('assigneeId', true),
          c.ref('routedAwayFrom', true),
          c.str('reporterTag', 64, true),
          c.str('receiptHash', 64, true),
          c.time('receivedAt'),
          date('acknowledgementDueOn'),
          date('feedbackDueOn'),
          c.time('ackEndedAt', true),
          c.str('ackEndKind', 10, true),
          c.str('ackWaiverReason', 40, true),
          c.time('feedbackEndedAt', true),
          c.str('feedbackEndKind', 10, true),
          c.str('feedbackWaiverReason', 40, true),
          date('nextDueOn'),
          c.time('ackReminderAt', true),
          c.time('ackEscalatedAt', true),
          c.time('feedbackReminderAt', true),
          c.time('feedbackEscalatedAt', true),
          c.int('severityLikelihood', true),
          c.int('severityConsequence', true),
          c.int('severityScore', true),
          c.str('severityBand', 40, true),
          c.int('matrixVersion', true),
          c.time('triagedAt', true),
          c.ref('supplierId', true),
          c.time('closedAt', true),
          c.str('closingCode', 40, true),
          c.bool('legalHold'),
          date('purgeDueOn'),
          c.time('purgedAt', true),
          c.str('wrappedKey', 200, true),
          c.text('contentSealed', true),
          c.text('identitySealed', true),
          c.time('lastReporterActivityAt', true),
          c.time('createdAt'),
          c.time('updatedAt'),
          c.int('version'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_cases_reference',
            columnNames: ['reference'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ux_cases_year_seq',
            columnNames: ['year', 'seqNo'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ux_cases_receipt',
            columnNames: ['receiptHash'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_cases_received', columnNames: ['receivedAt', 'id'] }),
          new TableIndex({ name: 'ix_cases_unit', columnNames: ['unitId', 'receivedAt', 'id'] }),
          new TableIndex({ name: 'ix_cases_next_due', columnNames: ['nextDueOn', 'id'] }),
          new TableIndex({ name: 'ix_cases_status', columnNames: ['status', 'receivedAt'] }),
          new TableIndex({ name: 'ix_cases_reporter', columnNames: ['reporterTag'] }),
          new TableIndex({ name: 'ix_cases_assignee', columnNames: ['assigneeId'] }),
          new TableIndex({ name: 'ix_cases_purge', columnNames: ['purgeDueOn'] }),
        ],
        foreignKeys: [fk('fk_cases_unit', 'unitId', 'org_units', false)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'case_messages',
        columns: [
          c.id(),
          c.ref('caseId'),
          c.str('kind', 20),
          c.ref('authorId', true),
          c.text('bodySealed', true),
          c.time('createdAt'),
          c.time('readAt', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_case_messages_case', columnNames: ['caseId', 'createdAt'] }),
        ],
        foreignKeys: [fk('fk_case_messages_case', 'caseId', 'cases')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'case_actions',
        columns: [
          c.id(),
          c.ref('caseId'),
          c.str('type', 40),
          date('occurredOn', false),
          c.text('detailsSealed', true),
          c.time('createdAt'),
          c.ref('createdBy'),
        ],
        indices: [
          new TableIndex({ name: 'ix_case_actions_case', columnNames: ['caseId', 'createdAt'] }),
        ],
        foreignKeys: [fk('fk_case_actions_case', 'caseId', 'cases')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'identity_requests',
        columns: [
          c.id(),
          c.ref('caseId'),
          c.ref('requestedBy'),
          c.text('motivationSealed', true),
          c.str('status', 10),
          c.ref('decidedBy', true),
          c.time('decidedAt', true),
          c.text('decisionSealed', true),
          c.time('createdAt'),
        ],
        indices: [
          new TableIndex({
            name: 'ix_identity_requests_case',
            columnNames: ['caseId', 'requestedBy'],
          }),
          new TableIndex({
            name: 'ix_identity_requests_status',
            columnNames: ['status', 'createdAt'],
          }),
        ],
        foreignKeys: [fk('fk_identity_requests_case', 'caseId', 'cases')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'receipt_sessions',
        columns: [
          { name: 'tokenHash', type: 'varchar', length: '64', isPrimary: true },
          c.ref('caseId'),
          c.time('createdAt'),
          c.time('idleExpiresAt'),
          c.time('absoluteExpiresAt'),
        ],
        indices: [
          new TableIndex({ name: 'ix_receipt_sessions_case', columnNames: ['caseId'] }),
          new TableIndex({ name: 'ix_receipt_sessions_idle', columnNames: ['idleExpiresAt'] }),
        ],
        foreignKeys: [fk('fk_receipt_sessions_case', 'caseId', 'cases')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'incident_facts',
        columns: [
          c.id(),
          c.str('track', 20),
          c.str('category', 60),
          c.str('severityBand', 40, true),
          c.ref('departmentId'),
          c.str('quarter', 7),
        ],
        indices: [
          new TableIndex({
            name: 'ix_incident_facts_quarter',
            columnNames: ['quarter', 'category'],
          }),
          new TableIndex({
            name: 'ix_incident_facts_department',
            columnNames: ['departmentId', 'quarter'],
          }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'incident_facts',
      'receipt_sessions',
      'identity_requests',
      'case_actions',
      'case_messages',
      'cases',
      'app_secrets',
    ])
      await qr.dropTable(t);
  }
}
