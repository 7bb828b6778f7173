import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cols, fk, ix } from './column-types';

/**
 * The risk register (issue 7): risks, their assessments (history: one row per (re)assessment),
 * acceptances and actions. The heatmap and the as-of register find each risk's newest assessment
 * up to a date through `ix_risk_assessments_asof` (riskId, validFrom, seq).
 */
export class Risks1764300000050 implements MigrationInterface {
  name = 'Risks1764300000050';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'risks',
        columns: [
          c.id(),
          c.str('subjectKind', 20),
          c.ref('contractId', true),
          c.ref('supplierId', true),
          c.str('processCode', 40, true),
          c.ref('unitId'),
          c.str('category', 40),
          c.str('title', 200),
          c.text('description'),
          c.ref('ownerId'),
          c.int('currentSeq'),
          c.str('nextReviewDate', 10),
          c.str('reviewReminderStep', 20, true),
          c.time('createdAt'),
          c.ref('createdBy'),
          c.time('updatedAt'),
        ],
        indices: [
          ix('ix_risks_unit', ['unitId', 'id']),
          ix('ix_risks_owner', ['ownerId', 'id']),
          ix('ix_risks_contract', ['contractId']),
          ix('ix_risks_supplier', ['supplierId']),
          ix('ix_risks_review', ['nextReviewDate', 'id']),
        ],
        foreignKeys: [
          fk('fk_risks_contract', 'contractId', 'contracts'),
          fk('fk_risks_supplier', 'supplierId', 'suppliers'),
          fk('fk_risks_unit', 'unitId', 'org_units'),
          fk('fk_risks_owner', 'ownerId', 'users'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'risk_assessments',
        columns: [
          c.id(),
          c.ref('riskId'),
          c.int('seq'),
          c.time('validFrom'),
          c.int('matrixVersion'),
          c.int('inherentLikelihood', true),
          c.int('inherentConsequence', true),
          c.int('inherentScore', true),
          c.str('inherentBand', 20),
          c.str('inherentExplanation', 120),
          c.text('existingControls', true),
          c.int('residualLikelihood', true),
          c.int('residualConsequence', true),
          c.int('residualScore', true),
          c.str('residualBand', 20),
          c.str('residualExplanation', 120),
          c.str('treatment', 20, true),
          c.str('nextReviewDate', 10),
          c.ref('assessedBy'),
        ],
        indices: [
          ix('ux_risk_assessments_seq', ['riskId', 'seq'], true),
          ix('ix_risk_assessments_asof', ['riskId', 'validFrom', 'seq']),
        ],
        foreignKeys: [fk('fk_risk_assessments_risk', 'riskId', 'risks', true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'risk_acceptances',
        columns: [
          c.id(),
          c.ref('riskId'),
          c.int('assessmentSeq'),
          c.int('residualLikelihood', true),
          c.int('residualConsequence', true),
          c.str('residualBand', 20),
          c.text('motivation'),
          c.str('acceptedOn', 10),
          c.str('expiresOn', 10),
          c.ref('acceptedBy'),
          c.time('createdAt'),
        ],
        indices: [ix('ix_risk_acceptances_risk', ['riskId', 'createdAt'])],
        foreignKeys: [fk('fk_risk_acceptances_risk', 'riskId', 'risks', true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'risk_actions',
        columns: [
          c.id(),
          c.ref('riskId'),
          c.str('title', 300),
          c.ref('ownerId'),
          c.str('dueDate', 10),
          c.str('status', 20),
          c.str('reminderStep', 20, true),
          c.time('createdAt'),
          c.time('updatedAt'),
        ],
        indices: [
          ix('ix_risk_actions_risk', ['riskId', 'dueDate']),
          ix('ix_risk_actions_owner', ['ownerId', 'dueDate']),
          ix('ix_risk_actions_due', ['status', 'dueDate', 'id']),
        ],
        foreignKeys: [
          fk('fk_risk_actions_risk', 'riskId', 'risks', true),
          fk('fk_risk_actions_owner', 'ownerId', 'users'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('risk_actions');
    await qr.dropTable('risk_acceptances');
    await qr.dropTable('risk_assessments');
    await qr.dropTable('risks');
  }
}
