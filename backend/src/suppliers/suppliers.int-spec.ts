import {
  generateOrganisationNumber,
  parseOrganisationNumber,
} from '../contracts/domain/organisation-number';
import { DEMO_PASSWORD } from '../demo/demo-data';
import { DemoSeeder } from '../demo/demo.seeder';
import { describeEachEngine, TestApp, uniq } from '../testing/test-app';

interface Detail {
  id: string;
  name: string;
  organisationNumber: string;
  flagCount: number;
  indepthCheck: { required: boolean; reasons: Array<Record<string, unknown>> };
  flags: Array<{ code: string; evidence: string; tickedBy: string; heavy: boolean }>;
}
interface Page {
  items: Detail[];
  total: number;
}

/** A fresh valid organisation number (the register's numbers are unique across tests). */
const orgnr = () => generateOrganisationNumber(Math.random);

/** Turns a valid number into one with the wrong check digit. */
function wrongCheckDigit(valid: string): string {
  const last = Number(valid.slice(-1));
  return valid.slice(0, -1) + String((last + 1) % 10);
}

describeEachEngine('Supplier register', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  async function people() {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const as = async (role: Parameters<TestApp['user']>[2], home = a) => {
      const u = await t.user(uniq('p'), home, role);
      return { user: u, agent: await t.login(u.username) };
    };
    return {
      root,
      a,
      b,
      controller: await as([['avtalscontroller', a]]),
      chef: await as([['chef', b]], b),
      auditor: await as([['internrevisor', root]]),
      admin: await as([['administrator', root]]),
      employee: await as([['medarbetare', a]]),
      handler: await as([['handlaggare', a]]),
    };
  }

  it('a controller creates a supplier: the number is normalised, audited, and readable by chef and auditor', async () => {
    const p = await people();
    const n = orgnr();
    const res = await p.controller.agent
      .post('/api/suppliers')
      .send({
        name: '  Ängsbacka Städ AB ',
        organisationNumber: n.replace('-', ''),
        contactEmail: 'info@angsbacka.example',
        beneficialOwner: 'Örjan Åberg',
      })
      .expect(201);
    const body = res.body as Detail;
    expect(body).toMatchObject({
      name: 'Ängsbacka Städ AB',
      organisationNumber: n,
      flagCount: 0,
      indepthCheck: { required: false, reasons: [] },
      flags: [],
    });
    const entries = await t.auditEntries({ objectId: body.id, action: 'supplier.created' });
    expect(entries).toHaveLength(1);
    expect(entries[0].actorId).toBe(p.controller.user.id);
    // the register is shared: a chef of another department and the auditor read it
    await p.chef.agent.get(`/api/suppliers/${body.id}`).expect(200);
    await p.auditor.agent.get(`/api/suppliers/${body.id}`).expect(200);
  });

  it('refuses a number with a wrong check digit (Luhn) or format, with the reason, and writes nothing', async () => {
    const p = await people();
    const bad = wrongCheckDigit(orgnr());
    const res = await p.controller.agent
      .post('/api/suppliers')
      .send({ name: 'Felnummer AB', organisationNumber: bad })
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'invalid_organisation_number',
      errors: [{ field: 'organisationNumber', messages: ['checksum'] }],
    });
    const fmt = await p.controller.agent
      .post('/api/suppliers')
      .send({ name: 'Felnummer AB', organisationNumber: '12345' })
      .expect(400);
    expect(fmt.body).toMatchObject({
      code: 'invalid_organisation_number',
      errors: [{ field: 'organisationNumber', messages: ['format'] }],
    });
    const list = await p.controller.agent
      .get('/api/suppliers')
      .query({ q: 'Felnummer' })
      .expect(200);
    expect((list.body as Page).total).toBe(0);
  });

  it('a duplicate organisation number is a 409, on create and on change', async () => {
    const p = await people();
    const n = orgnr();
    await p.controller.agent
      .post('/api/suppliers')
      .send({ name: 'Första AB', organisationNumber: n })
      .expect(201);
    const dup = await p.controller.agent
      .post('/api/suppliers')
      .send({ name: 'Andra AB', organisationNumber: `16${n}` })
      .expect(409);
    expect(dup.body).toMatchObject({ code: 'organisation_number_taken' });
    const other = await p.controller.agent
      .post('/api/suppliers')
      .send({ name: 'Tredje AB', organisationNumber: orgnr() })
      .expect(201);
    const patch = await p.controller.agent
      .patch(`/api/suppliers/${(other.body as Detail).id}`)
      .send({ organisationNumber: n })
      .expect(409);
    expect(patch.body).toMatchObject({ code: 'organisation_number_taken' });
  });

  it('concurrent creates with one number: exactly one 201, the others 409 (never a 500)', async () => {
    const p = await people();
    const n = orgnr();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        p.controller.agent
          .post('/api/suppliers')
          .send({ name: `Samtidig ${i} AB`, organisationNumber: n }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const ticks = await Promise.all(
      Array.from({ length: 4 }, () =>
        p.controller.agent
          .put(
            `/api/suppliers/${(results.find((r) => r.status === 201)!.body as Detail).id}/flags/domt`,
          )
          .send({ evidence: 'Dom i tingsrätten 2026-05-12.' }),
      ),
    );
    expect(ticks.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((ticks[3].body as Detail).flagCount).toBe(1);
  });

  it('two ordinary flags, or one heavy flag, require fördjupad kontroll; the list filters on it', async () => {
    const p = await people();
    const c = p.controller.agent;
    const mk = async (name: string) =>
      (
        (await c.post('/api/suppliers').send({ name, organisationNumber: orgnr() }).expect(201))
          .body as Detail
      ).id;
    const tag = uniq('Kontroll');
    const ordinary = await mk(`${tag} Vanlig AB`);
    const heavy = await mk(`${tag} Tung AB`);
    const clean = await mk(`${tag} Ren AB`);

    let d = (
      await c
        .put(`/api/suppliers/${ordinary}/flags/nystartat`)
        .send({ evidence: 'Registrerat för två månader sedan.' })
        .expect(200)
    ).body as Detail;
    expect(d.indepthCheck).toEqual({ required: false, reasons: [] });
    d = (
      await c
        .put(`/api/suppliers/${ordinary}/flags/saknar_telefon`)
        .send({ evidence: 'Inget svar på angivet nummer.' })
        .expect(200)
    ).body as Detail;
    expect(d.flagCount).toBe(2);
    expect(d.indepthCheck).toEqual({
      required: true,
      reasons: [{ code: 'flag_count', count: 2, threshold: 2 }],
    });
    expect(d.flags.map((f) => f.code).sort()).toEqual(['nystartat', 'saknar_telefon']);
    expect(d.flags[0].tickedBy).toBe(p.controller.user.id);

    d = (
      await c
        .put(`/api/suppliers/${heavy}/flags/andrat_bankgiro_via_epost`)
        .send({ evidence: 'E-post 3 maj ber oss byta bankgiro.' })
        .expect(200)
    ).body as Detail;
    expect(d.indepthCheck).toEqual({
      required: true,
      reasons: [{ code: 'heavy_flag', flag: 'andrat_bankgiro_via_epost' }],
    });

    const required = (
      await c.get('/api/suppliers').query({ q: tag, indepthCheck: 'true' }).expect(200)
    ).body as Page;
    expect(required.items.map((i) => i.id).sort()).toEqual([ordinary, heavy].sort());
    expect(required.total).toBe(2);
    const notRequired = (
      await c.get('/api/suppliers').query({ q: tag, indepthCheck: 'false' }).expect(200)
    ).body as Page;
    expect(notRequired.items.map((i) => i.id)).toEqual([clean]);
    const byFlag = (await c.get('/api/suppliers').query({ q: tag, flag: 'nystartat' }).expect(200))
      .body as Page;
    expect(byFlag.items.map((i) => i.id)).toEqual([ordinary]);

    // unticking one of the two removes the verdict, and is audited
    d = (await c.delete(`/api/suppliers/${ordinary}/flags/nystartat`).expect(200)).body as Detail;
    expect(d.indepthCheck.required).toBe(false);
    expect(d.flagCount).toBe(1);
    const after = (
      await c.get('/api/suppliers').query({ q: tag, indepthCheck: 'true' }).expect(200)
    ).body as Page;
    expect(after.items.map((i) => i.id)).toEqual([heavy]);
    const actions = (await t.auditEntries({ objectId: ordinary })).map((e) => e.action);
    expect(actions).toEqual([
      'supplier.created',
      'supplier.flag_ticked',
      'supplier.flag_ticked',
      'supplier.flag_unticked',
    ]);
  });

  it('the audit log names a supplier for the internrevisor, never for an administrator', async () => {
    const p = await people();
    const name = uniq('Loggnamn AB');
    const n = orgnr();
    const id = (
      (
        await p.controller.agent
          .post('/api/suppliers')
          .send({ name, organisationNumber: n })
          .expect(201)
      ).body as Detail
    ).id;
    type Entry = { action: string; objectType: string; objectLabel?: string | null };
    const read = async (agent: typeof p.auditor.agent) =>
      (
        (await agent.get('/api/audit-log').query({ objectId: id }).expect(200)).body as {
          items: Entry[];
        }
      ).items;
    const forAuditor = await read(p.auditor.agent);
    expect(forAuditor.map((e) => [e.action, e.objectType, e.objectLabel])).toEqual([
      ['supplier.created', 'Supplier', `${name} (${n})`],
    ]);
    const forAdmin = await read(p.admin.agent);
    expect(forAdmin).toHaveLength(1);
    expect(forAdmin[0].objectLabel ?? null).toBeNull();
  });

  it('refuses an unknown flag code and evidence over 2000 characters', async () => {
    const p = await people();
    const id = (
      (
        await p.controller.agent
          .post('/api/suppliers')
          .send({ name: uniq('Bevis AB'), organisationNumber: orgnr() })
          .expect(201)
      ).body as Detail
    ).id;
    await p.controller.agent
      .put(`/api/suppliers/${id}/flags/finns_inte`)
      .send({ evidence: 'x' })
      .expect(400);
    await p.controller.agent
      .put(`/api/suppliers/${id}/flags/nystartat`)
      .send({ evidence: 'x'.repeat(2001) })
      .expect(400);
    await p.controller.agent.put(`/api/suppliers/${id}/flags/nystartat`).send({}).expect(400);
  });

  it('search by name is Å/Ä/Ö-safe and matches the organisation number with or without dash', async () => {
    const p = await people();
    const tag = uniq('ÅÄÖ');
    const n = orgnr();
    const res = await p.controller.agent
      .post('/api/suppliers')
      .send({ name: `Öresunds Åkeri ${tag}`, organisationNumber: n })
      .expect(201);
    const id = (res.body as Detail).id;
    for (const q of [
      `öresunds åkeri ${tag.toLowerCase()}`,
      `ÖRESUNDS ÅKERI ${tag.toUpperCase()}`,
    ]) {
      const page = (await p.chef.agent.get('/api/suppliers').query({ q }).expect(200)).body as Page;
      expect(page.items.map((i) => i.id)).toEqual([id]);
    }
    for (const q of [n, n.replace('-', '')]) {
      const page = (await p.auditor.agent.get('/api/suppliers').query({ q }).expect(200))
        .body as Page;
      expect(page.items.map((i) => i.id)).toEqual([id]);
    }
  });

  it('a controller edits a supplier; the change is audited and the search text follows', async () => {
    const p = await people();
    const id = (
      (
        await p.controller.agent
          .post('/api/suppliers')
          .send({ name: uniq('Gammalt namn'), organisationNumber: orgnr(), notes: 'x' })
          .expect(201)
      ).body as Detail
    ).id;
    const newName = uniq('Nytt Älvnamn');
    const res = await p.controller.agent
      .patch(`/api/suppliers/${id}`)
      .send({ name: newName, notes: '' })
      .expect(200);
    expect(res.body).toMatchObject({ name: newName, notes: null });
    const page = (await p.controller.agent.get('/api/suppliers').query({ q: newName }).expect(200))
      .body as Page;
    expect(page.items.map((i) => i.id)).toEqual([id]);
    const e = await t.auditEntries({ objectId: id, action: 'supplier.updated' });
    expect(e).toHaveLength(1);
    await p.controller.agent.patch(`/api/suppliers/${id}`).send({ name: null }).expect(400);
  });

  it('chef and auditor read but change nothing; admin, employee and handläggare see nothing', async () => {
    const p = await people();
    const id = (
      (
        await p.controller.agent
          .post('/api/suppliers')
          .send({ name: uniq('Behörighet AB'), organisationNumber: orgnr() })
          .expect(201)
      ).body as Detail
    ).id;
    for (const reader of [p.chef, p.auditor]) {
      await reader.agent.patch(`/api/suppliers/${id}`).send({ name: 'Nej' }).expect(403);
      await reader.agent
        .put(`/api/suppliers/${id}/flags/nystartat`)
        .send({ evidence: 'Nej' })
        .expect(403);
      await reader.agent.delete(`/api/suppliers/${id}/flags/nystartat`).expect(403);
      await reader.agent
        .post('/api/suppliers')
        .send({ name: 'Nej AB', organisationNumber: orgnr() })
        .expect(403);
    }
    for (const none of [p.admin, p.employee, p.handler]) {
      await none.agent.get('/api/suppliers').expect(403);
      await none.agent.get(`/api/suppliers/${id}`).expect(403);
      await none.agent
        .post('/api/suppliers')
        .send({ name: 'Nej AB', organisationNumber: orgnr() })
        .expect(403);
    }
    await t.http().get('/api/suppliers').expect(401);
    // an unknown id is a 404 for those who may read; a malformed one a 400
    await p.chef.agent.get('/api/suppliers/00000000-0000-4000-8000-000000000000').expect(404);
    await p.controller.agent
      .put('/api/suppliers/00000000-0000-4000-8000-000000000000/flags/nystartat')
      .send({ evidence: 'x' })
      .expect(404);
    await p.chef.agent.get('/api/suppliers/inte-ett-id').expect(400);
  });

  it('sorts and pages with a total', async () => {
    const p = await people();
    const tag = uniq('Sida');
    for (const name of ['Cesar', 'Adam', 'Bertil']) {
      await p.controller.agent
        .post('/api/suppliers')
        .send({ name: `${tag} ${name}`, organisationNumber: orgnr() })
        .expect(201);
    }
    const first = (
      await p.controller.agent
        .get('/api/suppliers')
        .query({ q: tag, pageSize: 2, sort: 'name', order: 'desc' })
        .expect(200)
    ).body as Page;
    expect(first.total).toBe(3);
    expect(first.items.map((i) => i.name)).toEqual([`${tag} Cesar`, `${tag} Bertil`]);
    const second = (
      await p.controller.agent
        .get('/api/suppliers')
        .query({ q: tag, pageSize: 2, page: 2, sort: 'name', order: 'desc' })
        .expect(200)
    ).body as Page;
    expect(second.total).toBe(3);
    expect(second.items.map((i) => i.name)).toEqual([`${tag} Adam`]);
    await p.controller.agent.get('/api/suppliers').query({ sort: 'hemligt' }).expect(400);
    await p.controller.agent.get('/api/suppliers').query({ pageSize: 1000 }).expect(400);
  });
});

describeEachEngine('Supplier register demo data', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    await t.app.get(DemoSeeder).seedIfEmpty();
  });
  afterAll(() => t.stop());

  it('seeds ~60 suppliers with valid, unique numbers; some flagged, a few needing fördjupad kontroll', async () => {
    const controller = await t.login('controller', DEMO_PASSWORD);
    const all = (await controller.get('/api/suppliers').query({ pageSize: 100 }).expect(200))
      .body as Page;
    expect(all.total).toBeGreaterThanOrEqual(55);
    const numbers = all.items.map((s) => s.organisationNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers)
      expect(parseOrganisationNumber(n)).toMatchObject({ ok: true, value: n });
    const flagged = (
      await controller.get('/api/suppliers').query({ flagged: 'true', pageSize: 100 }).expect(200)
    ).body as Page;
    const indepth = (
      await controller
        .get('/api/suppliers')
        .query({ indepthCheck: 'true', pageSize: 100 })
        .expect(200)
    ).body as Page;
    expect(flagged.total).toBeGreaterThan(indepth.total);
    expect(indepth.total).toBeGreaterThanOrEqual(3);
    for (const s of indepth.items) expect(s.indepthCheck.required).toBe(true);
    // the flags were ticked by the demo controller, with evidence
    const one = (await controller.get(`/api/suppliers/${indepth.items[0].id}`).expect(200))
      .body as Detail & { flags: Array<{ tickedByName: string | null }> };
    expect(one.flags.length).toBeGreaterThan(0);
    for (const f of one.flags) {
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.tickedByName).toBeTruthy();
    }
  });
});
