import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Covering indexes for the risk heatmap (issue 7, `npm run bench`: 250,000 risks with 1,000,000
 * assessment rows; figures in docs/architecture.md, "Risk heatmap at city size").
 *
 * - `ix_risk_assessments_levels` (riskId, seq, validFrom, the four levels): the heatmap's join to
 *   the current assessment (riskId, seq) and the as-of subquery `MAX(seq) … validFrom <= :asOf`
 *   are answered from the index alone, without reading the wide assessment rows.
 * - `ix_risks_scan` (id, unitId, ownerId, currentSeq): a heatmap over a whole scope reads every
 *   risk's unit (the scope's unit path), owner and current seq; from this index SQLite reads them
 *   in id order, so the assessment lookups above walk their index in the same order instead of
 *   jumping around it (about 2.5× less CPU per heatmap than scanning the table).
 */
export class RiskHeatmapIndexes1764400000300 implements MigrationInterface {
  name = 'RiskHeatmapIndexes1764400000300';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createIndex(
      'risk_assessments',
      new TableIndex({
        name: 'ix_risk_assessments_levels',
        columnNames: [
          'riskId',
          'seq',
          'validFrom',
          'residualLikelihood',
          'residualConsequence',
          'inherentLikelihood',
          'inherentConsequence',
        ],
      }),
    );
    await qr.createIndex(
      'risks',
      new TableIndex({
        name: 'ix_risks_scan',
        columnNames: ['id', 'unitId', 'ownerId', 'currentSeq'],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('risks', 'ix_risks_scan');
    await qr.dropIndex('risk_assessments', 'ix_risk_assessments_levels');
  }
}
