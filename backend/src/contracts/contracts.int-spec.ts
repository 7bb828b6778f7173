import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOrganisationNumber } from './domain/organisation-number';
import { ContractEntity } from './entities/contract.entity';
import { DEMO_PASSWORD } from '../demo/demo-data';
import { DemoSeeder } from '../demo/demo.seeder';
import { SupplierEntity } from '../suppliers/entities/supplier.entity';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../testing/test-app';

interface Summary {
  id: string;
  title: string;
  diarienummer: string;
  unitId: string;
  supplierId: string;
  followUpClass: string;
  followUpIntervalMonths: number;
  annualValue: number;
  chainWarningCount: number;
  status: string;
}
interface Detail extends Summary {
  followUpsPerYear: number;
  maxSubcontractorTiers: number;
  subcontractors: Array<{ id: string; tier: number; organisationNumber: string }>;
  chainWarnings: Array<{ code: string; deepestTier?: number }>;
}
interface Page {
  items: Summary[];
  total: number;
  nextCursor: string | null;
}
interface ImportError {
  row: number;
  column: string;
  code: string;
}

const orgnr = () => generateOrganisationNumber(Math.random);

/** A CSV file as Swedish Excel writes it: UTF-8 with BOM, `;`, CRLF. */
function csv(rows: string[][]): Buffer {
  return Buffer.from('\uFEFF' + rows.map((r) => r.join(';')).join('\r\n') + '\r\n', 'utf8');
}
async function xlsx(rows: Array<Array<string | number | Date>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Avtal');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
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

describeEachEngine('Contract register', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  async function world() {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const b1 = await t.unit(uniq('Enhet B1'), b);
    const as = async (roles: Parameters<TestApp['user']>[2], home = a1) => {
      const u = await t.user(uniq('p'), home, roles);
      return { user: u, agent: await t.login(u.username) };
    };
    const controller = await as([['avtalscontroller', a]]);
    const supplierRes = await controller.agent
      .post('/api/suppliers')
      .send({ name: uniq('Leverantör AB'), organisationNumber: orgnr() })
      .expect(201);
    const supplier = supplierRes.body as { id: string; organisationNumber: string; name: string };
    return {
      root,
      a,
      a1,
      b,
      b1,
      supplier,
      controller,
      controllerB: await as([['avtalscontroller', b]], b1),
      chefA: await as([['chef', a]]),
      chefB: await as([['chef', b]], b1),
      auditor: await as([['internrevisor', a]]),
      admin: await as([['administrator', root]]),
      employee: await as([['medarbetare', a]]),
      handler: await as([['handlaggare', a]]),
    };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const body = (w: World, unit: TestUnit, extra: Record<string, unknown> = {}) => ({
    title: uniq('Städning av förvaltningshuset'),
    diarienummer: uniq('DNR'),
    supplierId: w.supplier.id,
    sector: 'stad',
    annualValue: 1_250_000,
    startDate: '2025-01-01',
    endDate: '2027-12-31',
    unitId: unit.id,
    followUpClass: 'A',
    ...extra,
  });

  async function contractCount(): Promise<number> {
    return t.dataSource.getRepository(ContractEntity).count();
  }

  it('a controller registers a contract in scope: cadence shown, audited, read by chef and auditor of the subtree only', async () => {
    const w = await world();
    const res = await w.controller.agent.post('/api/contracts').send(body(w, w.a1)).expect(201);
    const c = res.body as Detail;
    expect(c).toMatchObject({
      unitId: w.a1.id,
      supplierId: w.supplier.id,
      followUpClass: 'A',
      followUpIntervalMonths: 4,
      followUpsPerYear: 3,
      maxSubcontractorTiers: 1,
      status: 'active',
      chainWarnings: [],
    });
    const audit = await t.auditEntries({ objectId: c.id, action: 'contract.created' });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain('Städning');
    await w.chefA.agent.get(`/api/contracts/${c.id}`).expect(200);
    await w.auditor.agent.get(`/api/contracts/${c.id}`).expect(200);
    // outside the subtree the row does not exist; roles without the subject are refused outright
    await w.chefB.agent.get(`/api/contracts/${c.id}`).expect(404);
    await w.controllerB.agent.get(`/api/contracts/${c.id}`).expect(404);
    for (const who of [w.admin, w.employee, w.handler]) {
      await who.agent.get(`/api/contracts/${c.id}`).expect(403);
      await who.agent.get('/api/contracts').expect(403);
    }
    // readers cannot change it
    await w.chefA.agent.patch(`/api/contracts/${c.id}`).send({ title: 'Nytt' }).expect(403);
    await w.controllerB.agent.patch(`/api/contracts/${c.id}`).send({ title: 'Nytt' }).expect(404);
  });

  it('refuses a unit outside the scope (403), an unknown supplier, bad dates and a taken diarienummer — writing nothing', async () => {
    const w = await world();
    const before = await contractCount();
    await w.controller.agent.post('/api/contracts').send(body(w, w.b1)).expect(403);
    const sup = await w.controller.agent
      .post('/api/contracts')
      .send(body(w, w.a1, { supplierId: '00000000-0000-4000-8000-000000000000' }))
      .expect(400);
    expect(sup.body.errors).toEqual([{ field: 'supplierId', messages: ['unknown_supplier'] }]);
    const dates = await w.controller.agent
      .post('/api/contracts')
      .send(body(w, w.a1, { startDate: '2026-05-01', endDate: '2026-04-30' }))
      .expect(400);
    expect(dates.body.errors).toEqual([{ field: 'endDate', messages: ['end_before_start'] }]);
    await w.controller.agent
      .post('/api/contracts')
      .send(body(w, w.a1, { startDate: '2026-02-30' }))
      .expect(400);
    expect(await contractCount()).toBe(before);
    const first = await w.controller.agent.post('/api/contracts').send(body(w, w.a1)).expect(201);
    const dup = await w.controller.agent
      .post('/api/contracts')
      .send(body(w, w.a1, { diarienummer: (first.body as Detail).diarienummer }))
      .expect(409);
    expect(dup.body.errors).toEqual([{ field: 'diarienummer', messages: ['taken'] }]);
    expect(await contractCount()).toBe(before + 1);
  });

  it('warns of a chain deeper than the contract allows, and the warning follows edits', async () => {
    const w = await world();
    const res = await w.controller.agent
      .post('/api/contracts')
      .send(
        body(w, w.a1, {
          maxSubcontractorTiers: 1,
          subcontractors: [
            { name: 'Led ett AB', organisationNumber: orgnr(), tier: 1, approvalStatus: 'godkand' },
            { name: 'Led två AB', organisationNumber: orgnr(), tier: 2, approvalStatus: 'godkand' },
          ],
        }),
      )
      .expect(201);
    const c = res.body as Detail;
    expect(c.chainWarnings).toEqual([
      expect.objectContaining({ code: 'chain_too_deep', deepestTier: 2 }),
    ]);
    expect(c.chainWarningCount).toBe(1);
    const flagged = await w.controller.agent
      .get('/api/contracts')
      .query({ chainWarning: 'true', q: c.diarienummer })
      .expect(200);
    expect((flagged.body as Page).items.map((i) => i.id)).toEqual([c.id]);
    const fixed = await w.controller.agent
      .patch(`/api/contracts/${c.id}`)
      .send({ maxSubcontractorTiers: 2 })
      .expect(200);
    expect((fixed.body as Detail).chainWarnings).toEqual([]);
    expect((fixed.body as Detail).chainWarningCount).toBe(0);
    const bad = await w.controller.agent
      .patch(`/api/contracts/${c.id}`)
      .send({
        subcontractors: [
          { name: 'X', organisationNumber: '123', tier: 1, approvalStatus: 'godkand' },
        ],
      })
      .expect(400);
    expect(bad.body.code).toBe('invalid_organisation_number');
    const entries = await t.auditEntries({ objectId: c.id, action: 'contract.updated' });
    expect(entries.map((e) => JSON.parse(String(e.details)) as unknown)).toEqual([
      expect.objectContaining({ changed: ['maxSubcontractorTiers'], chainWarnings: 0 }),
    ]);
  });

  it('lists in SQL by scope, filters and pages with a keyset cursor', async () => {
    const w = await world();
    const tag = uniq('Paging').toLowerCase();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await w.controller.agent
        .post('/api/contracts')
        .send(
          body(w, i % 2 ? w.a1 : w.a, {
            title: `${tag} ${i}`,
            annualValue: 1000 * (i + 1),
            sector: i < 3 ? 'transport' : 'stad',
            followUpClass: i < 2 ? 'B' : 'C',
            endDate: i === 6 ? '2025-06-30' : '2027-12-31',
          }),
        )
        .expect(201);
      ids.push((r.body as Detail).id);
    }
    const other = await w.controllerB.agent
      .post('/api/contracts')
      .send(body(w, w.b1, { title: `${tag} B` }));
    expect(other.status).toBe(201);

    // by value, descending, three at a time
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await w.controller.agent
        .get('/api/contracts')
        .query({
          q: tag,
          sort: 'annualValue',
          order: 'desc',
          limit: 3,
          ...(cursor ? { cursor } : {}),
        })
        .expect(200);
      const page = res.body as Page;
      expect(page.total).toBe(7);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const q = (query: Record<string, string>) =>
      w.controller.agent
        .get('/api/contracts')
        .query({ q: tag, ...query })
        .expect(200)
        .then((r) => (r.body as Page).items.map((i) => i.id).sort());
    expect(await q({ sector: 'transport' })).toEqual(ids.slice(0, 3).sort());
    expect(await q({ followUpClass: 'B' })).toEqual(ids.slice(0, 2).sort());
    expect(await q({ unitId: w.a1.id })).toEqual([ids[1], ids[3], ids[5]].sort());
    expect(await q({ status: 'ended' })).toEqual([ids[6]]);
    expect((await q({ status: 'active' })).length).toBe(6);
    expect((await q({ supplierId: w.supplier.id })).length).toBe(7);
    // the chef of B sees B's contract only; the supplier's name finds contracts too
    const chefB = await w.chefB.agent.get('/api/contracts').query({ q: tag }).expect(200);
    expect((chefB.body as Page).items.map((i) => i.id)).toEqual([(other.body as Detail).id]);
    const bySupplier = await w.controller.agent
      .get('/api/contracts')
      .query({ q: w.supplier.name.toUpperCase(), limit: 100 })
      .expect(200);
    expect((bySupplier.body as Page).total).toBe(7);
    // a cursor of another sort is refused, not misread
    const first = await w.controller.agent
      .get('/api/contracts')
      .query({ q: tag, sort: 'title', limit: 2 })
      .expect(200);
    await w.controller.agent
      .get('/api/contracts')
      .query({ q: tag, sort: 'endDate', cursor: (first.body as Page).nextCursor })
      .expect(400);
  });

  it('a unit with contracts cannot be deleted', async () => {
    const w = await world();
    const unit = await t.unit(uniq('Tom enhet'), w.a);
    await w.controller.agent.post('/api/contracts').send(body(w, unit)).expect(201);
    const res = await w.admin.agent.delete(`/api/units/${unit.id}`).expect(409);
    expect(res.body.code).toBe('unit_in_use');
  });

  describe('import', () => {
    it('previews a CSV with row and column errors, refuses it whole, then imports the corrected file', async () => {
      const w = await world();
      const d1 = uniq('CSV-1');
      const d2 = uniq('CSV-2');
      const rows = [
        HEADER,
        [
          'Skolskjuts',
          d1,
          w.supplier.organisationNumber,
          'Transport',
          '2 400 000',
          '2026-01-01',
          '2028-12-31',
          w.a1.name,
          'A',
        ],
        [
          'Städ',
          d2,
          '556677-8890',
          'Städ',
          'mycket',
          '2026-13-01',
          '2026-01-01',
          'Finns inte',
          'D',
        ],
      ];
      const before = await contractCount();
      const preview = await w.controller.agent
        .post('/api/imports/contracts?dryRun=true')
        .attach('file', csv(rows), 'avtal.csv')
        .expect(200);
      expect(preview.body).toMatchObject({ dryRun: true, format: 'csv', created: 0 });
      expect(preview.body.rows[0]).toMatchObject({
        row: 2,
        invalid: false,
        sector: 'transport',
        annualValue: 2_400_000,
        unitId: w.a1.id,
        supplierId: w.supplier.id,
      });
      expect((preview.body.errors as ImportError[]).map((e) => [e.row, e.column, e.code])).toEqual([
        [3, 'Leverantör (organisationsnummer)', 'invalid_organisation_number'],
        [3, 'Årligt värde', 'invalid_amount'],
        [3, 'Start', 'invalid_date'],
        [3, 'Enhet', 'unknown_unit'],
        [3, 'Uppföljningsklass', 'unknown_class'],
      ]);
      const refused = await w.controller.agent
        .post('/api/imports/contracts')
        .attach('file', csv(rows), 'avtal.csv')
        .expect(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.errors).toHaveLength(5);
      expect(await contractCount()).toBe(before);

      const ok = await w.controller.agent
        .post('/api/imports/contracts')
        .attach('file', csv(rows.slice(0, 2)), 'avtal.csv')
        .expect(200);
      expect(ok.body).toMatchObject({ dryRun: false, created: 1, errors: [] });
      const id = ok.body.rows[0].id as string;
      const got = await w.controller.agent.get(`/api/contracts/${id}`).expect(200);
      expect(got.body).toMatchObject({ diarienummer: d1, followUpClass: 'A', unitId: w.a1.id });
      expect(await t.auditEntries({ objectId: id, action: 'contract.created' })).toHaveLength(1);
      expect(await t.auditEntries({ action: 'contracts.imported' })).not.toHaveLength(0);
      // the same file again: the diarienummer is taken
      const again = await w.controller.agent
        .post('/api/imports/contracts')
        .attach('file', csv(rows.slice(0, 2)), 'avtal.csv')
        .expect(400);
      expect(again.body.errors).toEqual([
        expect.objectContaining({ row: 2, column: 'Diarienummer', code: 'diarienummer_taken' }),
      ]);
    });

    it('imports XLSX (date and number cells), all or nothing; a unit outside the scope is a row error', async () => {
      const w = await world();
      const good = [
        'Vinterväghållning',
        uniq('X-1'),
        w.supplier.organisationNumber.replace('-', ''),
        'bygg_anlaggning',
        980000,
        new Date(Date.UTC(2026, 0, 15)),
        new Date(Date.UTC(2029, 0, 14)),
        w.a.name,
        'b',
      ];
      const outside = [
        'Parkering',
        uniq('X-2'),
        w.supplier.organisationNumber,
        'Transport',
        1,
        '2026-01-01',
        '2026-12-31',
        w.b1.name,
        'C',
      ];
      const dupe = [...good];
      const file = await xlsx([HEADER, good, outside, dupe]);
      const before = await contractCount();
      const res = await w.controller.agent
        .post('/api/imports/contracts')
        .attach('file', file, 'avtal.xlsx')
        .expect(400);
      expect((res.body.errors as ImportError[]).map((e) => [e.row, e.column, e.code])).toEqual([
        [3, 'Enhet', 'unit_not_allowed'],
        [4, 'Diarienummer', 'duplicate_in_file'],
      ]);
      expect(await contractCount()).toBe(before);
      const ok = await w.controller.agent
        .post('/api/imports/contracts')
        .attach('file', await xlsx([HEADER, good]), 'avtal.xlsx')
        .expect(200);
      expect(ok.body.rows[0]).toMatchObject({
        startDate: '2026-01-15',
        endDate: '2029-01-14',
        annualValue: 980000,
        followUpClass: 'B',
        unitId: w.a.id,
      });
      expect(await contractCount()).toBe(before + 1);
    });

    it('refuses files that are no spreadsheet (415), lack columns (400), and multipart elsewhere stays refused', async () => {
      const w = await world();
      const png = Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
        'hex',
      );
      const r1 = await w.controller.agent
        .post('/api/imports/contracts?dryRun=true')
        .attach('file', png, 'avtal.csv')
        .expect(415);
      expect(r1.body.code).toBe('unsupported_media_type');
      const r2 = await w.controller.agent
        .post('/api/imports/contracts?dryRun=true')
        .attach(
          'file',
          csv([
            ['Titel', 'Diarienummer'],
            ['a', 'b'],
          ]),
          'a.csv',
        )
        .expect(400);
      expect((r2.body.errors as ImportError[]).map((e) => e.column)).toContain('Bransch');
      const latin1 = Buffer.from('Titel;Diarienummer\nStäd;1\n', 'latin1');
      await w.controller.agent
        .post('/api/imports/contracts?dryRun=true')
        .attach('file', latin1, 'a.csv')
        .expect(415);
      // the jsonOnly exemption is for these two routes only
      const elsewhere = await w.controller.agent
        .post('/api/contracts')
        .attach('file', csv([HEADER]), 'a.csv')
        .expect(415);
      expect(elsewhere.body.code).toBe('unsupported_media_type');
      // readers may not import
      await w.chefA.agent
        .post('/api/imports/contracts?dryRun=true')
        .attach('file', csv([HEADER]), 'a.csv')
        .expect(403);
    });

    it('imports suppliers with Luhn-checked, unique numbers, all or nothing', async () => {
      const w = await world();
      const n1 = orgnr();
      const header = ['Namn', 'Organisationsnummer', 'E-post'];
      const bad = [
        header,
        [uniq('Ny AB'), n1, 'info@ny.example'],
        ['Dubblett AB', n1, 'x'],
        ['Finns AB', w.supplier.organisationNumber, ''],
      ];
      const count = () => t.dataSource.getRepository(SupplierEntity).count();
      const before = await count();
      const res = await w.controller.agent
        .post('/api/imports/suppliers')
        .attach('file', await xlsx(bad), 'lev.xlsx')
        .expect(400);
      expect((res.body.errors as ImportError[]).map((e) => [e.row, e.column, e.code])).toEqual([
        [3, 'Organisationsnummer', 'duplicate_in_file'],
        [3, 'E-post', 'invalid_email'],
        [4, 'Organisationsnummer', 'organisation_number_taken'],
      ]);
      expect(await count()).toBe(before);
      const ok = await w.controller.agent
        .post('/api/imports/suppliers')
        .attach('file', csv(bad.slice(0, 2)), 'lev.csv')
        .expect(200);
      expect(ok.body.created).toBe(1);
      expect(await count()).toBe(before + 1);
      expect(
        await t.auditEntries({
          objectId: ok.body.rows[0].id as string,
          action: 'supplier.created',
        }),
      ).toHaveLength(1);
    });
  });

  describe('export', () => {
    it('CSV for Swedish Excel with the scope applied in SQL and formulas neutralised', async () => {
      const w = await world();
      const mine = await w.controller.agent
        .post('/api/contracts')
        .send(body(w, w.a1, { title: '=HYPERLINK("x";"klicka")', notes: 'rad ett\nrad två' }))
        .expect(201);
      const theirs = await w.controllerB.agent
        .post('/api/contracts')
        .send(body(w, w.b1))
        .expect(201);
      const res = await w.controller.agent
        .get('/api/exports/contracts')
        .query({ format: 'csv', q: (mine.body as Detail).diarienummer })
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="avtal-\d{4}-\d{2}-\d{2}\.csv"/,
      );
      const text = (res.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFFTitel;Diarienummer;Leverantör (organisationsnummer);')).toBe(
        true,
      );
      const lines = text.split('\r\n');
      expect(lines).toHaveLength(3); // header, one contract (its note's line break is quoted), ''
      expect(lines[1]).toContain(`"'=HYPERLINK(""x"";""klicka"")"`);
      expect(lines[1]).toContain('"rad ett\nrad två"');
      const all = await w.controller.agent.get('/api/exports/contracts').buffer(true).expect(200);
      expect(all.text).toContain((mine.body as Detail).diarienummer);
      expect(all.text).not.toContain((theirs.body as Detail).diarienummer);
      expect(await t.auditEntries({ action: 'contracts.exported' })).not.toHaveLength(0);
      await w.admin.agent.get('/api/exports/contracts').expect(403);
      await w.controller.agent.get('/api/exports/contracts?format=pdf').expect(400);
    });

    it('XLSX that reads back with the same rows; suppliers export too', async () => {
      const w = await world();
      const mine = await w.controller.agent.post('/api/contracts').send(body(w, w.a1)).expect(201);
      const get = (path: string) =>
        w.controller.agent
          .get(path)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          })
          .expect(200);
      const res = await get(
        `/api/exports/contracts?format=xlsx&q=${(mine.body as Detail).diarienummer}`,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).getCell(1).value).toBe('Titel');
      expect(ws.getRow(2).getCell(2).value).toBe((mine.body as Detail).diarienummer);
      expect(ws.getRow(2).getCell(6).value).toBe(1_250_000);
      expect(ws.actualRowCount).toBe(2);
      const sup = await get('/api/exports/suppliers?format=xlsx');
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(sup.body as ArrayBuffer);
      const names = wb2.worksheets[0].getColumn(1).values;
      expect(names).toContain(w.supplier.name);
    });
  });
});

describeEachEngine('Contract register demo data', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    await t.app.get(DemoSeeder).seedIfEmpty();
  });
  afterAll(() => t.stop());

  it('seeds 150 audited contracts across sectors and classes, some with chains too deep; each demo account sees its scope', async () => {
    const rows = await t.dataSource.getRepository(ContractEntity).find();
    expect(rows).toHaveLength(150);
    expect(new Set(rows.map((r) => r.sector)).size).toBeGreaterThanOrEqual(10);
    const classes = rows.map((r) => r.followUpClass);
    expect(classes.filter((c) => c === 'A')).toHaveLength(15);
    expect(classes.filter((c) => c === 'B')).toHaveLength(45);
    expect(new Set(rows.map((r) => r.supplierId)).size).toBeGreaterThanOrEqual(55);
    expect(rows.filter((r) => r.chainWarningCount > 0).length).toBeGreaterThanOrEqual(15);
    expect(await t.auditEntries({ action: 'contract.created' })).toHaveLength(150);

    const controller = await t.login('controller', DEMO_PASSWORD);
    const mine = (await controller.get('/api/contracts').query({ limit: 100 }).expect(200))
      .body as Page;
    expect(mine.total).toBeGreaterThan(60);
    expect(mine.total).toBeLessThan(150);
    const deep = (
      await controller.get('/api/contracts').query({ chainWarning: 'true', limit: 100 }).expect(200)
    ).body as Page;
    expect(deep.total).toBeGreaterThan(0);
    const detail = (await controller.get(`/api/contracts/${deep.items[0].id}`).expect(200))
      .body as Detail;
    expect(detail.chainWarnings.length).toBeGreaterThan(0);
    const chef = await t.login('chef', DEMO_PASSWORD);
    const chefs = (await chef.get('/api/contracts').query({ limit: 100 }).expect(200)).body as Page;
    expect(chefs.total).toBeGreaterThan(0);
    expect(chefs.total).toBeLessThan(mine.total);
    const revisor = await t.login('revisor', DEMO_PASSWORD);
    expect(
      ((await revisor.get('/api/contracts').query({ limit: 1 }).expect(200)).body as Page).total,
    ).toBe(150);
    const admin = await t.login('admin', DEMO_PASSWORD);
    await admin.get('/api/contracts').expect(403);
  });

  it('the example files of the user guide import cleanly (suppliers, then contracts)', async () => {
    const dir = join(__dirname, '../../../docs/anvandarguide/exempel');
    const controller = await t.login('controller', DEMO_PASSWORD);
    const sup = await controller
      .post('/api/imports/suppliers')
      .attach('file', readFileSync(join(dir, 'leverantorer.csv')), 'leverantorer.csv')
      .expect(200);
    expect(sup.body).toMatchObject({ created: 2, errors: [] });
    const con = await controller
      .post('/api/imports/contracts?dryRun=true')
      .attach('file', readFileSync(join(dir, 'avtal.csv')), 'avtal.csv')
      .expect(200);
    expect(con.body).toMatchObject({ errors: [], ignoredColumns: [] });
    expect(con.body.rows).toHaveLength(2);
    expect(con.body.rows[1]).toMatchObject({
      annualValue: 4_800_000,
      followUpClass: 'A',
      maxSubcontractorTiers: 2,
      notes: 'Förlängning möjlig 2 år',
    });
  });
});
