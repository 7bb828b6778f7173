import { generateOrganisationNumber } from '../domain/organisation-number';
import { ContractEntity } from '../entities/contract.entity';
import { describeEachEngine, TestApp, uniq } from '../../testing/test-app';
import { IMPORT_MAX_ROWS } from './spreadsheet-reader';

const HEADER = [
  'Titel',
  'Diarienummer',
  'Leverantör (organisationsnummer)',
  'Bransch',
  'Årligt värde',
  'Start',
  'Slut',
  'Enhet',
  'Uppföljningsklass',
];
const csv = (rows: string[][]) =>
  Buffer.from('\uFEFF' + rows.map((r) => r.join(';')).join('\r\n') + '\r\n', 'utf8');

/** Large imports: one transaction, one audit entry per row, beyond one INSERT's parameter limit. */
describeEachEngine('Contract import size', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  async function controller() {
    const unit = await t.unit(uniq('Enhet'));
    const user = await t.user(uniq('c'), unit, [['avtalscontroller', unit]]);
    const agent = await t.login(user.username);
    const supplier = await agent
      .post('/api/suppliers')
      .send({
        name: uniq('Leverantör AB'),
        organisationNumber: generateOrganisationNumber(Math.random),
      })
      .expect(201);
    const row = (dnr: string) => [
      'Städning',
      dnr,
      (supplier.body as { organisationNumber: string }).organisationNumber,
      'Städ',
      '100 000',
      '2026-01-01',
      '2027-12-31',
      unit.name,
      'C',
    ];
    return { agent, row };
  }
  const count = () => t.dataSource.getRepository(ContractEntity).count();

  it('imports 3,500 rows in one go with an audit entry for each (over 32,766 bound parameters)', async () => {
    const { agent, row } = await controller();
    const tag = uniq('BIG');
    const rows = [HEADER, ...Array.from({ length: 3500 }, (_, i) => row(`${tag}-${i}`))];
    const before = await count();
    const res = await agent.post('/api/imports/contracts').attach('file', csv(rows), 'avtal.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, created: 3500, errors: [] });
    expect(await count()).toBe(before + 3500);
    const [{ n }] = await t.dataSource.query<Array<{ n: string | number }>>(
      `SELECT COUNT(1) AS n FROM audit_log WHERE action = 'contract.created' AND "objectId" IN (SELECT id FROM contracts WHERE diarienummer LIKE '${tag}-%')`,
    );
    expect(Number(n)).toBe(3500);
  }, 180_000);

  it(`refuses a file of more than ${IMPORT_MAX_ROWS} rows as a whole, writing nothing`, async () => {
    const { agent, row } = await controller();
    const tag = uniq('HUGE');
    const rows = [
      HEADER,
      ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => row(`${tag}-${i}`)),
    ];
    const before = await count();
    const res = await agent.post('/api/imports/contracts').attach('file', csv(rows), 'avtal.csv');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'file', messages: ['too_many_rows'] }]);
    expect(await count()).toBe(before);
  }, 120_000);
});
