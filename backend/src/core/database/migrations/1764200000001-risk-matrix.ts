import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { cols } from './column-types';

/**
 * The default 5×5 as it was when this migration was written (a copy, not an import: a migration
 * must give the same version 1 whenever it runs, even after the domain default changes).
 */
const DEFAULT_5X5 = {
  likelihood: [
    {
      level: 1,
      label: 'Mycket låg',
      description: 'Inga tecken; inträffar mer sällan än en gång på tio år.',
    },
    {
      level: 2,
      label: 'Låg',
      description: 'Enstaka tecken.',
    },
    {
      level: 3,
      label: 'Medel',
      description: 'Har hänt här eller hos jämförbara verksamheter.',
    },
    {
      level: 4,
      label: 'Hög',
      description: 'Inträffar årligen eller tydliga tecken finns.',
    },
    {
      level: 5,
      label: 'Mycket hög',
      description: 'Pågår eller inträffar flera gånger per år.',
    },
  ],
  consequence: [
    {
      level: 1,
      label: 'Försumbar',
      description: 'Ingen märkbar påverkan.',
    },
    {
      level: 2,
      label: 'Lindrig',
      description: 'Mindre försening eller kostnad.',
    },
    {
      level: 3,
      label: 'Måttlig',
      description: 'Märkbar förlust, skada för en medarbetare, uppmärksamhet i lokala medier.',
    },
    {
      level: 4,
      label: 'Allvarlig',
      description: 'Allvarlig skada, betydande missbruk av skattemedel, polisärende.',
    },
    {
      level: 5,
      label: 'Mycket allvarlig',
      description:
        'Hot mot liv, systematisk kapning av ett avtal eller beslut, stor ekonomisk förlust.',
    },
  ],
  bands: [
    {
      band: 'lag',
      label: 'Låg',
      colour: '#2e7d32',
      colourName: 'grön',
      guidance: 'Acceptera, övervaka.',
      reviewIntervalDays: 365,
    },
    {
      band: 'medel',
      label: 'Medel',
      colour: '#f9a825',
      colourName: 'gul',
      guidance: 'Åtgärdsplan inom året.',
      reviewIntervalDays: 180,
    },
    {
      band: 'hog',
      label: 'Hög',
      colour: '#ef6c00',
      colourName: 'orange',
      guidance: 'Åtgärd och kontroll i internkontrollplanen.',
      reviewIntervalDays: 90,
    },
    {
      band: 'mycket_hog',
      label: 'Mycket hög',
      colour: '#c62828',
      colourName: 'röd',
      guidance: 'Omedelbar åtgärd, rapport till nämnd.',
      reviewIntervalDays: 90,
    },
  ],
  cells: [
    ['lag', 'lag', 'lag', 'lag', 'medel'],
    ['lag', 'lag', 'medel', 'medel', 'hog'],
    ['lag', 'medel', 'medel', 'hog', 'hog'],
    ['lag', 'medel', 'hog', 'hog', 'mycket_hog'],
    ['medel', 'hog', 'hog', 'mycket_hog', 'mycket_hog'],
  ],
  maxConsequenceFloor: 'medel',
};

/**
 * Versioned risk matrices (domain.md §6). A save never overwrites: it adds the next version, so
 * an old assessment can always be shown with the matrix it was made with. Version 1 is the
 * default 5×5, so every database — fresh or demo — has a current matrix.
 */
export class RiskMatrix1764200000001 implements MigrationInterface {
  name = 'RiskMatrix1764200000001';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'risk_matrix_versions',
        columns: [
          c.id(),
          c.int('version'),
          c.text('definition'),
          c.time('createdAt'),
          c.ref('createdBy', true),
        ],
        indices: [
          new TableIndex({
            name: 'ux_risk_matrix_versions_version',
            columnNames: ['version'],
            isUnique: true,
          }),
        ],
      }),
    );
    await qr.manager
      .createQueryBuilder()
      .insert()
      .into('risk_matrix_versions')
      .values({
        id: randomUUID(),
        version: 1,
        definition: JSON.stringify(DEFAULT_5X5),
        createdAt: new Date(),
        createdBy: null,
      })
      .execute();
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('risk_matrix_versions');
  }
}
