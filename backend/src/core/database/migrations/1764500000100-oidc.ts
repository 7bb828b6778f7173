import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cols, fk, ix } from './column-types';

/** Single sign-on (ADR 0016): IdP identities, SSO-managed role assignments, sign-ins in progress. */
export class Oidc1764500000100 implements MigrationInterface {
  name = 'Oidc1764500000100';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'oidc_identities',
        columns: [
          c.id(),
          c.str('issuer', 500),
          c.str('subject', 255),
          c.ref('userId'),
          c.time('createdAt'),
          c.time('lastLoginAt', true),
        ],
        indices: [
          ix('ux_oidc_identities_sub', ['issuer', 'subject'], true),
          ix('ix_oidc_identities_user', ['userId']),
        ],
        foreignKeys: [fk('fk_oidc_identities_user', 'userId', 'users', true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'oidc_role_grants',
        columns: [c.id('assignmentId'), c.ref('userId')],
        indices: [ix('ix_oidc_role_grants_user', ['userId'])],
        foreignKeys: [
          fk('fk_oidc_role_grants_assignment', 'assignmentId', 'role_assignments', true),
          fk('fk_oidc_role_grants_user', 'userId', 'users', true),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'oidc_login_states',
        columns: [
          { ...c.str('stateHash', 64), isPrimary: true },
          c.str('nonce', 128),
          c.str('codeVerifier', 128),
          c.str('returnTo', 500),
          c.time('createdAt'),
          c.time('expiresAt'),
        ],
        indices: [ix('ix_oidc_login_states_expires', ['expiresAt'])],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('oidc_login_states');
    await qr.dropTable('oidc_role_grants');
    await qr.dropTable('oidc_identities');
  }
}
