import { parseDocument } from 'htmlparser2';
import { Element, type ChildNode } from 'domhandler';
import { NotificationEntity } from '../../core/notify/entities/notification.entity';
import { UserEntity } from '../../users/entities/user.entity';
import { exe, pdf } from '../../testing/file-fixtures';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../../testing/test-app';

interface Hit {
  slug: string;
  title: string;
  rank: number;
  excerpt: { text: string; highlights: Array<{ start: number; length: number }> };
}
interface Summary {
  slug: string;
  category: string;
  status: string;
  version: number | null;
  hasDraft: boolean;
  acknowledged: boolean;
}

/**
 * Elements, attributes and URLs in the HTML that could run script, parsed with htmlparser2 (the
 * parser sanitize-html itself uses; jsdom is ESM-only and does not load under ts-jest).
 */
function dangers(html: string): string[] {
  const found: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!(n instanceof Element)) continue;
      if (['script', 'iframe', 'img', 'object', 'embed', 'style', 'form', 'svg'].includes(n.name))
        found.push(n.name);
      for (const [name, value] of Object.entries(n.attribs)) {
        if (name.startsWith('on')) found.push(`${n.name}@${name}`);
        if (/^\s*(javascript|data|vbscript):/i.test(value)) found.push(`${n.name}@${value}`);
      }
      walk(n.children);
    }
  };
  walk(parseDocument(html).children);
  return found;
}

describeEachEngine('Guidance library', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  async function world() {
    const root = await t.unit(uniq('Förvaltning'));
    const x = await t.unit(uniq('Avd X'), root, 'avdelning');
    const x1 = await t.unit(uniq('Enhet X1'), x);
    const y = await t.unit(uniq('Avd Y'), root, 'avdelning');
    const as = async (
      roles: Parameters<TestApp['user']>[2],
      home: TestUnit = x1,
      name = uniq('p'),
    ) => {
      const u = await t.user(name, home, roles, { displayName: `${name} Testsson` });
      return { user: u, agent: await t.login(u.username) };
    };
    const admin = await as([['administrator', root]], root);
    return { root, x, x1, y, as, admin };
  }

  /** Creates and publishes an article as the administrator. */
  async function published(
    admin: Awaited<ReturnType<typeof world>>['admin'],
    fields: { title?: string; summary?: string; body: string; requiresAcknowledgement?: boolean },
  ): Promise<string> {
    const slug = uniq('artikel');
    const created = await admin.agent.post('/api/guidance').send({
      slug,
      category: 'mutor',
      title: fields.title ?? `Testartikel ${slug}`,
      summary: fields.summary ?? 'En sammanfattning.',
      body: fields.body,
      requiresAcknowledgement: fields.requiresAcknowledgement ?? false,
    });
    expect(created.status).toBe(201);
    const pub = await admin.agent.post(`/api/guidance/${slug}/publish`).send({});
    expect(pub.status).toBe(200);
    return slug;
  }

  async function search(agent: Awaited<ReturnType<typeof world>>['admin']['agent'], q: string) {
    const res = await agent.get('/api/guidance').query({ q });
    expect(res.status).toBe(200);
    return res.body.hits as Hit[];
  }

  it('ships the ten articles in every installation, published, by category; the gift guideline asks for acknowledgement', async () => {
    const w = await world();
    const me = await w.as([]);
    const res = await me.agent.get('/api/guidance');
    expect(res.status).toBe(200);
    const items = res.body.items as Summary[];
    const shipped = items.filter((i) => !i.slug.startsWith('artikel-'));
    expect(shipped.map((i) => i.slug)).toEqual(
      expect.arrayContaining([
        'otillaten-paverkan-steg-for-steg',
        'mutbrott-i-klartext',
        'jav-och-din-anmalningsplikt',
        'gavor-representation-och-uppvaktning',
        'sa-rapporterar-du-i-varn',
      ]),
    );
    expect(shipped.length).toBeGreaterThanOrEqual(10);
    expect(shipped.every((i) => i.status === 'published' && i.version !== null)).toBe(true);
    // sorted by category
    const cats = items.map((i) => i.category);
    expect([...cats].sort()).toEqual(cats);
    const gifts = await me.agent.get('/api/guidance/gavor-representation-och-uppvaktning');
    expect(gifts.status).toBe(200);
    expect(gifts.body.requiresAcknowledgement).toBe(true);
    expect(gifts.body.acknowledgement).toMatchObject({ required: true, acknowledgedAt: null });
    expect(gifts.body.html).toContain('<h2>');
  });

  it('searches Swedish word forms, case-insensitively, keeping å/ä/ö, ranked, with plain-text excerpts', async () => {
    const w = await world();
    const me = await w.as([]);
    // "mutor" finds the bribery article first
    const mutor = await search(me.agent, 'mutor');
    expect(mutor[0]?.slug).toBe('mutbrott-i-klartext');
    expect((await search(me.agent, 'MUTOR'))[0]?.slug).toBe('mutbrott-i-klartext');
    // a category narrows the search in SQL
    const inJav = await me.agent.get('/api/guidance').query({ q: 'mutor', category: 'jav' });
    expect((inJav.body.hits as Hit[]).map((h) => h.slug)).not.toContain('mutbrott-i-klartext');
    expect(
      (inJav.body.hits as Array<{ category: string }>).every((h) => h.category === 'jav'),
    ).toBe(true);
    // an article that only says "muta" is found by "mutor" (and the reverse)
    const word = uniq('zq').replace(/[^a-z]/g, '');
    const muta = await published(w.admin, {
      title: `Om ${word}`,
      body: `Den som tar emot en muta i ${word}tjänsten begår ett brott.\n`,
    });
    const viaMutor = await search(me.agent, `mutor ${word}tjänsten`);
    expect(viaMutor.map((h) => h.slug)).toEqual([muta]);
    const hit = viaMutor[0];
    const marked = hit.excerpt.highlights.map((h) =>
      hit.excerpt.text.slice(h.start, h.start + h.length),
    );
    expect(marked.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['muta']));
    expect(hit.excerpt.text).not.toMatch(/[<>\uE000\uE001]/);
    // "jävet" finds "jäv"
    const jav = await published(w.admin, {
      title: `Jäv och ${word}`,
      body: `Den som har jäv i ${word}ärenden ska anmäla det.\n`,
    });
    expect((await search(me.agent, `jävet ${word}ärenden`)).map((h) => h.slug)).toEqual([jav]);
    expect((await search(me.agent, 'jävet')).map((h) => h.slug)).toContain(
      'jav-och-din-anmalningsplikt',
    );
    // å/ä/ö are letters of their own: "Överlåtelse" is found in any case, "overlatelse" is not
    const ao = await published(w.admin, {
      title: `Blankett ${word}`,
      body: `Överlåtelsehandlingen${word} ska diarieföras.\n`,
    });
    expect(
      (await search(me.agent, `ÖVERLÅTELSEHANDLINGEN${word.toUpperCase()}`)).map((h) => h.slug),
    ).toEqual([ao]);
    expect(await search(me.agent, `overlatelsehandlingen${word}`)).toEqual([]);
    // ranking: a title match outranks a body-only match
    const inTitle = await published(w.admin, {
      title: `Rankning${word}`,
      body: 'Något annat.\n',
    });
    const inBody = await published(w.admin, {
      title: 'Något annat',
      body: `Här nämns rankning${word} i förbigående, bland mycket annan text om annat.\n`,
    });
    // punctuation, FTS5 or tsquery syntax and stop words alone are harmless: no hits, no error
    for (const q of ['!!!', '"', 'NEAR(x', '- & | :*', 'och'])
      expect(await search(me.agent, q)).toEqual([]);
    expect((await me.agent.get('/api/guidance').query({ q: 'x'.repeat(201) })).status).toBe(400);
    const ranked = await search(me.agent, `rankning${word}`);
    expect(ranked.map((h) => h.slug)).toEqual([inTitle, inBody]);
    expect(ranked[0].rank).toBeGreaterThan(ranked[1].rank);
  });

  it('strips scripts, event handlers, javascript: links and iframes from the rendered body', async () => {
    const w = await world();
    const me = await w.as([]);
    const slug = await published(w.admin, {
      body: [
        '## Rubrik',
        '',
        '<script>alert(1)</script>',
        '',
        '<img src=x onerror="alert(2)">',
        '',
        '<iframe src="https://evil.example"></iframe>',
        '',
        '[klicka](javascript:alert(3)) och [säker länk](/vagledning/mutbrott-i-klartext)',
        '',
        '<a href="#" onclick="alert(4)">x</a>',
      ].join('\n'),
    });
    const res = await me.agent.get(`/api/guidance/${slug}`);
    expect(res.status).toBe(200);
    const html = res.body.html as string;
    expect(html).toContain('<h2>Rubrik</h2>');
    expect(html).toContain('href="/vagledning/mutbrott-i-klartext"');
    expect(dangers(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;'); // shown as text, not run
    // the editor's preview is the same renderer
    const preview = await w.admin.agent
      .post('/api/guidance/preview')
      .send({ body: '<script>x</script>[a](javascript:alert(1))' });
    expect(preview.status).toBe(200);
    expect(dangers(preview.body.html as string)).toEqual([]);
  });

  it('keeps every published version with author and date, with a readable diff; drafts stay invisible to readers', async () => {
    const w = await world();
    const me = await w.as([]);
    const slug = await published(w.admin, { body: 'Första stycket.\n\nAndra stycket.\n' });
    const save = await w.admin.agent.put(`/api/guidance/${slug}/draft`).send({
      category: 'mutor',
      title: 'Ny titel',
      summary: 'En sammanfattning.',
      body: 'Första stycket.\n\nEtt nytt andra stycke.\n',
      requiresAcknowledgement: false,
    });
    expect(save.status).toBe(200);
    expect(save.body).toMatchObject({ hasDraft: true, currentVersion: 1, title: 'Ny titel' });
    // readers still see version 1, and do not know there is a draft
    const before = await me.agent.get(`/api/guidance/${slug}`);
    expect(before.body).toMatchObject({ version: 1, hasDraft: false });
    expect(before.body.html).toContain('Andra stycket.');
    expect((await me.agent.get(`/api/guidance/${slug}/draft`)).status).toBe(403);
    const pub = await w.admin.agent
      .post(`/api/guidance/${slug}/publish`)
      .send({ changeNote: 'Omskrivet andra stycke' });
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ currentVersion: 2, hasDraft: false });
    // nothing left to publish
    expect((await w.admin.agent.post(`/api/guidance/${slug}/publish`).send({})).body.code).toBe(
      'status_not_allowed',
    );
    const after = await me.agent.get(`/api/guidance/${slug}`);
    expect(after.body).toMatchObject({ version: 2, title: 'Ny titel' });
    expect(after.body.publishedByName).toBe(w.admin.user.displayName);
    const versions = await me.agent.get(`/api/guidance/${slug}/versions`);
    expect(versions.body.versions).toEqual([
      expect.objectContaining({
        version: 2,
        changeNote: 'Omskrivet andra stycke',
        publishedByName: w.admin.user.displayName,
      }),
      expect.objectContaining({ version: 1, title: `Testartikel ${slug}` }),
    ]);
    const diff = await me.agent.get(`/api/guidance/${slug}/diff`).query({ from: 1, to: 2 });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({
      from: 1,
      to: 2,
      added: 1,
      removed: 1,
      categoryChanged: false,
    });
    expect(diff.body.body).toEqual(
      expect.arrayContaining([
        { kind: 'removed', text: 'Andra stycket.\n' },
        { kind: 'added', text: 'Ett nytt andra stycke.\n' },
      ]),
    );
    expect(
      (await me.agent.get(`/api/guidance/${slug}/diff`).query({ from: 1, to: 9 })).status,
    ).toBe(404);

    // a new article is a draft: 404 for readers, absent from their list and search; editors see it
    const draft = uniq('artikel');
    const word = uniq('utkast').replace(/[^a-z]/g, '');
    expect(
      (
        await w.admin.agent.post('/api/guidance').send({
          slug: draft,
          category: 'jav',
          title: `Utkast ${word}`,
          summary: 'Inte publicerad.',
          body: `Hemligt ${word}.\n`,
          requiresAcknowledgement: false,
        })
      ).status,
    ).toBe(201);
    expect((await me.agent.get(`/api/guidance/${draft}`)).status).toBe(404);
    expect((await me.agent.get(`/api/guidance/${draft}/versions`)).status).toBe(404);
    expect(
      ((await me.agent.get('/api/guidance')).body.items as Summary[]).map((i) => i.slug),
    ).not.toContain(draft);
    expect(await search(me.agent, word)).toEqual([]);
    const asEditor = await w.admin.agent.get(`/api/guidance/${draft}`);
    expect(asEditor.body).toMatchObject({ status: 'draft', version: null, hasDraft: true });
    expect((await search(w.admin.agent, word)).map((h) => h.slug)).toEqual([draft]);
    // duplicates and bad input
    expect(
      (
        await w.admin.agent.post('/api/guidance').send({
          slug: draft,
          category: 'jav',
          title: 'x',
          summary: 'x',
          body: 'x',
          requiresAcknowledgement: false,
        })
      ).status,
    ).toBe(409);
    const bad = await w.admin.agent.post('/api/guidance').send({
      slug: 'Inte Giltig',
      category: 'okand',
      title: '',
      summary: 'x',
      body: 'x',
      requiresAcknowledgement: 'ja',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect((await me.agent.post('/api/guidance').send({})).status).toBe(403);
  });

  it('records "läst och förstått" per version: a new version asks again', async () => {
    const w = await world();
    const me = await w.as([]);
    const slug = await published(w.admin, { body: 'Läs detta.\n', requiresAcknowledgement: true });
    const wrong = await me.agent
      .post(`/api/guidance/${slug}/acknowledgements`)
      .send({ version: 2 });
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ code: 'edit_conflict', currentVersion: 1 });
    const ok = await me.agent.post(`/api/guidance/${slug}/acknowledgements`).send({ version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ required: true, currentVersion: 1, previousVersion: null });
    expect(ok.body.acknowledgedAt).toEqual(expect.any(String));
    // twice is harmless
    expect(
      (await me.agent.post(`/api/guidance/${slug}/acknowledgements`).send({ version: 1 })).status,
    ).toBe(200);
    expect(
      (await t.auditEntries({ action: 'guidance.acknowledged', actorName: me.user.username }))
        .length,
    ).toBe(1);
    // an article that needs no acknowledgement refuses one
    const plain = await me.agent
      .post('/api/guidance/mutbrott-i-klartext/acknowledgements')
      .send({ version: 1 });
    expect(plain.body.code).toBe('status_not_allowed');
    // version 2 asks again
    await w.admin.agent.put(`/api/guidance/${slug}/draft`).send({
      category: 'mutor',
      title: 'Ändrad',
      summary: 'x',
      body: 'Läs detta igen.\n',
      requiresAcknowledgement: true,
    });
    await w.admin.agent.post(`/api/guidance/${slug}/publish`).send({});
    const again = await me.agent.get(`/api/guidance/${slug}`);
    expect(again.body.acknowledgement).toMatchObject({
      required: true,
      currentVersion: 2,
      acknowledgedAt: null,
      previousVersion: 1,
    });
    expect(again.body.acknowledged).toBe(false);
    expect(
      (await me.agent.post(`/api/guidance/${slug}/acknowledgements`).send({ version: 2 })).status,
    ).toBe(200);
    expect((await me.agent.get(`/api/guidance/${slug}`)).body.acknowledged).toBe(true);
  });

  it("shows a manager their subtree's coverage only, and reminds only the missing people there", async () => {
    const w = await world();
    const slug = await published(w.admin, { body: 'Gåvoregler.\n', requiresAcknowledgement: true });
    const chefX = await w.as([['chef', w.x]], w.x, uniq('a-chef'));
    const inX = await w.as([], w.x1, uniq('b-anna'));
    const inX2 = await w.as([], w.x1, uniq('c-bo'));
    const inY = await w.as([], w.y, uniq('d-yngve'));
    const chefY = await w.as([['chef', w.y]], w.y);
    const auditor = await w.as([['internrevisor', w.root]], w.root);
    await inX.agent.post(`/api/guidance/${slug}/acknowledgements`).send({ version: 1 });
    await inY.agent.post(`/api/guidance/${slug}/acknowledgements`).send({ version: 1 });

    const cov = await chefX.agent.get(`/api/guidance/${slug}/coverage`);
    expect(cov.status).toBe(200);
    // X holds chefX, inX, inX2 (admin sits at the root, not in X)
    expect(cov.body).toMatchObject({ version: 1, total: 3, acknowledged: 1, percent: 33 });
    const missing = (cov.body.missing as Array<{ id: string; unitName: string }>).map((m) => m.id);
    expect(missing.sort()).toEqual([chefX.user.id, inX2.user.id].sort());
    expect(missing).not.toContain(inY.user.id);
    expect(missing).not.toContain(chefY.user.id);
    // keyset paging by name
    const p1 = await chefX.agent.get(`/api/guidance/${slug}/coverage`).query({ limit: 1 });
    expect(p1.body.missing).toHaveLength(1);
    const p2 = await chefX.agent
      .get(`/api/guidance/${slug}/coverage`)
      .query({ limit: 1, cursor: p1.body.nextCursor as string });
    expect([p1.body.missing[0].id, p2.body.missing[0].id]).toEqual(
      missing.slice().sort((a, b) => (a === chefX.user.id ? -1 : b === chefX.user.id ? 1 : 0)),
    );
    expect(p2.body.nextCursor).toBeNull();
    // Y's manager sees Y only
    const covY = await chefY.agent.get(`/api/guidance/${slug}/coverage`);
    expect(covY.body).toMatchObject({ total: 2, acknowledged: 1 });
    expect((covY.body.missing as Array<{ id: string }>).map((m) => m.id)).toEqual([chefY.user.id]);
    // the auditor reads the whole tree but may not remind
    const covA = await auditor.agent.get(`/api/guidance/${slug}/coverage`);
    expect(covA.body.total).toBeGreaterThanOrEqual(7);
    expect((await auditor.agent.post(`/api/guidance/${slug}/coverage/reminders`)).status).toBe(403);
    // an employee sees no coverage
    expect((await inX.agent.get(`/api/guidance/${slug}/coverage`)).status).toBe(403);
    // coverage needs an article that asks for acknowledgement
    expect((await chefX.agent.get('/api/guidance/mutbrott-i-klartext/coverage')).body.code).toBe(
      'status_not_allowed',
    );

    // a deactivated account is not counted
    const gone = await w.as([], w.x1, uniq('e-gone'));
    expect((await chefX.agent.get(`/api/guidance/${slug}/coverage`)).body.total).toBe(4);
    await t.dataSource.getRepository(UserEntity).update({ id: gone.user.id }, { active: false });
    expect((await chefX.agent.get(`/api/guidance/${slug}/coverage`)).body.total).toBe(3);

    const remind = await chefX.agent.post(`/api/guidance/${slug}/coverage/reminders`);
    expect(remind.status).toBe(200);
    expect(remind.body).toEqual({ notified: 2 });
    const notes = await t.dataSource
      .getRepository(NotificationEntity)
      .find({ where: { kind: 'guidance.acknowledgement_requested' } });
    const mine = notes.filter((n) =>
      [chefX.user.id, inX.user.id, inX2.user.id, inY.user.id].includes(n.userId),
    );
    expect(mine.map((n) => n.userId).sort()).toEqual([chefX.user.id, inX2.user.id].sort());
    expect(mine[0].link).toBe(`/stodmaterial/${slug}`);
    expect(mine[0].params).not.toContain('Gåvoregler');
  });

  it("keeps attachments with the article: editors add and remove, readers download, a draft's stay hidden", async () => {
    const w = await world();
    const me = await w.as([]);
    const slug = await published(w.admin, { body: 'Se blanketten.\n' });
    const up = await w.admin.agent
      .post(`/api/guidance/${slug}/attachments`)
      .attach('file', pdf('Blankett'), 'Blankett för gåvoregistret.pdf');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      name: 'Blankett för gåvoregistret.pdf',
      mediaType: 'application/pdf',
    });
    const article = await me.agent.get(`/api/guidance/${slug}`);
    expect(article.body.attachments).toEqual([expect.objectContaining({ id: up.body.id })]);
    const file = await me.agent
      .get(`/api/guidance/${slug}/attachments/${up.body.id as string}`)
      .buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect(Buffer.from(file.body as Buffer).equals(pdf('Blankett'))).toBe(true);
    // only editors attach; the content decides the type
    expect(
      (await me.agent.post(`/api/guidance/${slug}/attachments`).attach('file', pdf(), 'x.pdf'))
        .status,
    ).toBe(403);
    const bad = await w.admin.agent
      .post(`/api/guidance/${slug}/attachments`)
      .attach('file', exe(), 'blankett.pdf');
    expect(bad.status).toBe(415);
    // a file of another article is not this article's
    const other = await published(w.admin, { body: 'Annan.\n' });
    expect(
      (await me.agent.get(`/api/guidance/${other}/attachments/${up.body.id as string}`)).status,
    ).toBe(404);
    // a draft's attachments are as hidden as the draft
    const draft = uniq('artikel');
    await w.admin.agent.post('/api/guidance').send({
      slug: draft,
      category: 'jav',
      title: 'Utkast',
      summary: 'x',
      body: 'x',
      requiresAcknowledgement: false,
    });
    const hidden = await w.admin.agent
      .post(`/api/guidance/${draft}/attachments`)
      .attach('file', pdf(), 'utkast.pdf');
    expect(hidden.status).toBe(201);
    expect(
      (await me.agent.get(`/api/guidance/${draft}/attachments/${hidden.body.id as string}`)).status,
    ).toBe(404);
    // removal
    expect(
      (await me.agent.delete(`/api/guidance/${slug}/attachments/${up.body.id as string}`)).status,
    ).toBe(403);
    expect(
      (await w.admin.agent.delete(`/api/guidance/${slug}/attachments/${up.body.id as string}`))
        .status,
    ).toBe(204);
    expect((await me.agent.get(`/api/guidance/${slug}`)).body.attachments).toEqual([]);
    expect(
      (await me.agent.get(`/api/guidance/${slug}/attachments/${up.body.id as string}`)).status,
    ).toBe(404);
    expect(
      (await t.auditEntries({ action: 'guidance.attachment_removed' })).length,
    ).toBeGreaterThan(0);
  });
});
