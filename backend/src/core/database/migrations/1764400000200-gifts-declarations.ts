import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { DEFAULT_GIFT_GUIDE_RULES } from '../../../guidance/domain/gift-guide.rules';
import { cols, fk, ix } from './column-types';

/**
 * The gift decision guide's rule versions, the gift register and jäv/interest declarations
 * (issue 9, domain.md §7).
 *
 * - `gift_guide_versions`: every saved rule set (rows are only added); version 1 is the domain
 *   default, whose every path to every outcome is asserted in gift-guide.spec.ts (the
 *   integration test checks that the stored version 1 is exactly that default).
 * - `gift_entries`: a gift register entry of a person (their unit at the time), with the guide's
 *   outcome, version and path; a B entry waits for the manager's decision.
 * - `declarations` + `declaration_interests`: a declaration is never changed by its declarant;
 *   a new one supersedes it (`supersededBy`), the versions of one series share `seriesId`.
 *   `validThrough` (declarationValidity) is stored so coverage counts run in SQL.
 */
export class GiftsDeclarations1764400000200 implements MigrationInterface {
  name = 'GiftsDeclarations1764400000200';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'gift_guide_versions',
        columns: [
          c.id(),
          c.int('version'),
          c.text('definition'),
          c.time('createdAt'),
          c.ref('createdBy', true),
        ],
        indices: [ix('ux_gift_guide_versions_version', ['version'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'gift_entries',
        columns: [
          c.id(),
          c.ref('userId'),
          c.ref('unitId'),
          c.str('giverName', 200),
          c.str('giverOrganisationNumber', 11, true),
          c.ref('supplierId', true),
          c.str('relation', 20),
          c.str('description', 500),
          c.int('estimatedValue'),
          c.str('receivedOn', 10),
          c.str('outcome', 1),
          c.int('guideVersion'),
          c.text('guidePath'),
          c.str('guideFlags', 200),
          c.str('status', 20),
          c.str('decision', 20, true),
          c.text('decisionMotivation', true),
          c.ref('decidedBy', true),
          c.time('decidedAt', true),
          c.time('createdAt'),
        ],
        indices: [
          ix('ix_gift_entries_user', ['userId', 'receivedOn', 'id']),
          ix('ix_gift_entries_unit', ['unitId', 'receivedOn', 'id']),
          ix('ix_gift_entries_received', ['receivedOn', 'id']),
          ix('ix_gift_entries_status', ['status', 'receivedOn']),
        ],
        foreignKeys: [
          fk('fk_gift_entries_user', 'userId', 'users'),
          fk('fk_gift_entries_unit', 'unitId', 'org_units'),
          fk('fk_gift_entries_supplier', 'supplierId', 'suppliers'),
          fk('fk_gift_entries_decided_by', 'decidedBy', 'users'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'declarations',
        columns: [
          c.id(),
          c.ref('seriesId'),
          c.int('version'),
          c.ref('userId'),
          c.ref('unitId'),
          c.str('type', 20),
          c.str('signedOn', 10),
          c.time('signedAt'),
          c.str('validThrough', 10),
          c.str('roleTitle', 200, true),
          c.str('caseReference', 60, true),
          c.str('caseDescription', 300, true),
          c.str('partyName', 200, true),
          c.str('partyOrganisationNumber', 11, true),
          c.str('claimedGround', 30),
          c.text('ownAssessment', true),
          c.str('proposedHandling', 20),
          c.str('status', 20),
          c.ref('supersededBy', true),
          c.time('supersededAt', true),
          c.str('decisionHandling', 20, true),
          c.text('decisionMotivation', true),
          c.ref('decidedBy', true),
          c.time('decidedAt', true),
          c.str('reminderStep', 12, true),
        ],
        indices: [
          ix('ux_declarations_series', ['seriesId', 'version'], true),
          ix('ix_declarations_user', ['userId', 'signedOn', 'id']),
          ix('ix_declarations_unit', ['unitId', 'signedOn', 'id']),
          ix('ix_declarations_signed', ['signedOn', 'id']),
          ix('ix_declarations_current', ['type', 'supersededBy', 'validThrough']),
        ],
        foreignKeys: [
          fk('fk_declarations_user', 'userId', 'users'),
          fk('fk_declarations_unit', 'unitId', 'org_units'),
          fk('fk_declarations_decided_by', 'decidedBy', 'users'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'declaration_interests',
        columns: [
          c.id(),
          c.ref('declarationId'),
          c.int('position'),
          c.str('kind', 40),
          c.str('description', 1000),
          c.str('organisationNumber', 11, true),
          c.str('organisationName', 200, true),
        ],
        indices: [
          ix('ux_declaration_interests_position', ['declarationId', 'position'], true),
          ix('ix_declaration_interests_orgnr', ['organisationNumber']),
        ],
        foreignKeys: [
          fk('fk_declaration_interests_declaration', 'declarationId', 'declarations', true),
        ],
      }),
    );
    await qr.manager
      .createQueryBuilder()
      .insert()
      .into('gift_guide_versions')
      .values({
        id: randomUUID(),
        version: 1,
        definition: JSON.stringify({ ...DEFAULT_GIFT_GUIDE_RULES, version: 1 }),
        createdAt: new Date(),
        createdBy: null,
      })
      .execute();
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('declaration_interests');
    await qr.dropTable('declarations');
    await qr.dropTable('gift_entries');
    await qr.dropTable('gift_guide_versions');
  }
}
