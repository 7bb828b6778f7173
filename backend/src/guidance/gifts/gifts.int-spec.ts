import { generateOrganisationNumber } from '../../contracts/domain/organisation-number';
import { NotificationEntity } from '../../core/notify/entities/notification.entity';
import { describeEachEngine, TestApp, TestUnit, uniq } from '../../testing/test-app';
import { enumerateGiftGuidePaths } from '../domain/gift-guide';
import { DEFAULT_GIFT_GUIDE_RULES } from '../domain/gift-guide.rules';
import { GIVER_LOOKUPS_PER_MINUTE } from './giver-lookup-brake';

const at = (iso: string) => new Date(`${iso}T09:00:00Z`);
type Answers = Record<string, 'yes' | 'no'>;
const answersOf = (path: Array<{ question: string; answer: 'yes' | 'no' }>): Answers =>
  Object.fromEntries(path.map((s) => [s.question, s.answer]));

/** Concert ticket from a contractor you follow up: 0 no, 1 yes, 2 yes → C. */
const CONCERT_FROM_CONTRACTOR: Answers = {
  pengar: 'no',
  givaren_har_intresse: 'yes',
  deltar_i_hanteringen: 'yes',
};
/** A wine bottle from a giver without an interest: 0 no, 1 no, 3 no, 4 yes → B. */
const WINE_NO_INTEREST: Answers = {
  pengar: 'no',
  givaren_har_intresse: 'no',
  mer_an_obetydligt_varde: 'no',
  resa_noje_evenemang: 'yes',
};

describeEachEngine('Gift guide and gift register', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  async function world() {
    t.clock.set(at('2026-03-02'));
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const b1 = await t.unit(uniq('Enhet B1'), b);
    const people: Record<string, { id: string; username: string }> = {};
    const mk = async (key: string, roles: Parameters<TestApp['user']>[2], home: TestUnit = a1) => {
      people[key] = await t.user(uniq(key.toLowerCase()), home, roles);
    };
    await mk('employee', [['medarbetare', a1]]);
    await mk('colleague', [['medarbetare', a1]]);
    await mk('chefA', [['chef', a]], a);
    await mk('chefB', [['chef', b]], b1);
    await mk('auditor', [['internrevisor', a]]);
    await mk('controller', [['avtalscontroller', a]]);
    await mk('admin', [['administrator', root]]);
    const as = (key: string) => t.login(people[key].username);
    return { root, a, a1, b, b1, people, as };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const gift = (extra: Record<string, unknown> = {}) => ({
    giverName: 'Byggbolaget AB',
    relation: 'avtal',
    description: 'Två konsertbiljetter',
    estimatedValue: 1800,
    receivedOn: '2026-03-01',
    answers: WINE_NO_INTEREST,
    ...extra,
  });

  async function register(w: World, who: string, extra: Record<string, unknown> = {}) {
    const res = await (await w.as(who)).post('/api/gifts').send(gift(extra));
    expect(res.status).toBe(201);
    return res.body as { id: string; outcome: string; status: string; guideVersion: number };
  }

  it('stores the domain default as version 1, and every path of it gives its outcome through the API', async () => {
    const w = await world();
    const api = await w.as('employee');
    const current = (await api.get('/api/gift-guide').expect(200)).body as {
      version: number;
      start: string;
      questions: Array<{ id: string; number: number; text: string; help: string }>;
      outcomes: Record<string, { title: string; text: string }>;
    };
    expect(current.version).toBe(1);
    expect(current.start).toBe(DEFAULT_GIFT_GUIDE_RULES.start);
    expect(current.outcomes).toEqual(DEFAULT_GIFT_GUIDE_RULES.outcomes);
    expect(
      current.questions.map(({ id, number, text, help }) => ({ id, number, text, help })),
    ).toEqual(
      DEFAULT_GIFT_GUIDE_RULES.questions.map(({ id, number, text, help }) => ({
        id,
        number,
        text,
        help,
      })),
    );
    const paths = enumerateGiftGuidePaths(DEFAULT_GIFT_GUIDE_RULES);
    expect(paths).toHaveLength(28);
    for (const p of paths) {
      const r = (
        await api
          .post('/api/gift-guide/evaluate')
          .send({ answers: answersOf(p.path) })
          .expect(200)
      ).body as { outcome: string; complete: boolean; version: number; path: unknown[] };
      expect({
        path: p.path.map((s) => s.question),
        outcome: r.outcome,
        complete: r.complete,
      }).toEqual({
        path: p.path.map((s) => s.question),
        outcome: p.outcome,
        complete: true,
      });
      expect(r.path).toHaveLength(p.path.length);
    }
  });

  it('gives "Tacka nej och rapportera" with its reasons and follow-ups for a concert ticket from a contractor', async () => {
    const w = await world();
    const api = await w.as('employee');
    const r = (
      await api
        .post('/api/gift-guide/evaluate')
        .send({ answers: CONCERT_FROM_CONTRACTOR })
        .expect(200)
    ).body as {
      outcome: string;
      outcomeText: { title: string };
      reasons: Array<{ number: number; text: string }>;
      flags: string[];
      followUps: { giftRegister: boolean; influenceReport: boolean };
      next: unknown;
    };
    expect(r.outcome).toBe('C');
    expect(r.outcomeText.title).toBe('Tacka nej och rapportera');
    expect(r.reasons.map((x) => x.number)).toEqual([1, 2]);
    expect(r.flags).toEqual(['giver_has_interest']);
    expect(r.followUps).toEqual({ giftRegister: true, influenceReport: true });
    expect(r.next).toBeNull();
  });

  it('asks the next question until complete; answers off the path are ignored; bad answers are 400', async () => {
    const w = await world();
    const api = await w.as('employee');
    const first = (await api.post('/api/gift-guide/evaluate').send({ answers: {} }).expect(200))
      .body as {
      complete: boolean;
      outcome: null;
      next: { id: string; number: number; text: string };
    };
    expect(first.complete).toBe(false);
    expect(first.outcome).toBeNull();
    expect(first.next).toMatchObject({ id: 'pengar', number: 0 });
    const mid = (
      await api
        .post('/api/gift-guide/evaluate')
        .send({
          answers: { pengar: 'no', givaren_har_intresse: 'no', deltar_i_hanteringen: 'yes' },
        })
        .expect(200)
    ).body as { next: { id: string }; path: Array<{ question: string }> };
    // question 2 is off the path when 1 is "no": it is ignored and question 3 comes next
    expect(mid.next.id).toBe('mer_an_obetydligt_varde');
    expect(mid.path.map((p) => p.question)).toEqual(['pengar', 'givaren_har_intresse']);
    for (const answers of [{ pengar: 'kanske' }, { 'Pengar!': 'yes' }, []]) {
      const res = await api.post('/api/gift-guide/evaluate').send({ answers }).expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('registers with the outcome the current rules give (never the client’s), and B waits for the managers over the unit', async () => {
    const w = await world();
    const api = await w.as('employee');
    const res = await api.post('/api/gifts').send({ ...gift(), outcome: 'A' });
    expect(res.status).toBe(400); // unknown property refused (whitelist)
    const entry = await register(w, 'employee');
    expect(entry).toMatchObject({ outcome: 'B', status: 'vantar_beslut', guideVersion: 1 });
    const full = (await api.get(`/api/gifts/${entry.id}`).expect(200)).body as {
      path: Array<{ question: string }>;
      canDecide: boolean;
      userId: string;
    };
    expect(full.path.map((p) => p.question)).toEqual(Object.keys(WINE_NO_INTEREST));
    expect(full.canDecide).toBe(false);
    const notes = await t.dataSource
      .getRepository(NotificationEntity)
      .findBy({ kind: 'gift.decision_needed' });
    const told = notes.filter((n) => n.params.includes(entry.id)).map((n) => n.userId);
    expect(told).toEqual([w.people['chefA'].id]);
    // a C with interest is recorded as it is, no decision needed
    const c = await register(w, 'employee', { answers: CONCERT_FROM_CONTRACTOR });
    expect(c).toMatchObject({ outcome: 'C', status: 'registrerad' });
    // incomplete guide, future date, bad organisation number
    await api
      .post('/api/gifts')
      .send(gift({ answers: { pengar: 'no' } }))
      .expect(400);
    const future = await api
      .post('/api/gifts')
      .send(gift({ receivedOn: '2026-03-03' }))
      .expect(400);
    expect(future.body.errors[0]).toEqual({ field: 'receivedOn', messages: ['in_future'] });
    const nr = await api
      .post('/api/gifts')
      .send(gift({ giverOrganisationNumber: '556000-0000' }))
      .expect(400);
    expect(nr.body.code).toBe('invalid_organisation_number');
    await api
      .post('/api/gifts')
      .send(gift({ estimatedValue: -1 }))
      .expect(400);
  });

  it('decisions: a chef over the unit decides B with a motivation; own entries 403, other subtrees 404, auditors 403, twice 409', async () => {
    const w = await world();
    const entry = await register(w, 'employee');
    const chefA = await w.as('chefA');
    const noWhy = await chefA
      .post(`/api/gifts/${entry.id}/decision`)
      .send({ decision: 'avbojd', motivation: '  ' });
    expect(noWhy.status).toBe(400);
    await chefA.post(`/api/gifts/${entry.id}/decision`).send({ decision: 'avbojd' }).expect(400);
    await chefA
      .post(`/api/gifts/${entry.id}/decision`)
      .send({ decision: 'kanske', motivation: 'x' })
      .expect(400);
    // another department's chef: not even readable
    const chefB = await w.as('chefB');
    const hidden = await chefB
      .post(`/api/gifts/${entry.id}/decision`)
      .send({ decision: 'godkand', motivation: 'Ok' });
    expect(hidden.status).toBe(404);
    await chefB.get(`/api/gifts/${entry.id}`).expect(404);
    // the auditor reads but does not decide
    const auditor = await w.as('auditor');
    await auditor.get(`/api/gifts/${entry.id}`).expect(200);
    await auditor
      .post(`/api/gifts/${entry.id}/decision`)
      .send({ decision: 'godkand', motivation: 'Ok' })
      .expect(403);
    const decided = (
      await chefA
        .post(`/api/gifts/${entry.id}/decision`)
        .send({ decision: 'aterlamnas', motivation: 'Återlämnas med ett vänligt brev.' })
        .expect(200)
    ).body as {
      status: string;
      decision: string;
      decisionMotivation: string;
      decidedBy: { id: string };
    };
    expect(decided).toMatchObject({
      status: 'beslutad',
      decision: 'aterlamnas',
      decisionMotivation: 'Återlämnas med ett vänligt brev.',
      decidedBy: { id: w.people['chefA'].id },
    });
    const again = await chefA
      .post(`/api/gifts/${entry.id}/decision`)
      .send({ decision: 'godkand', motivation: 'Ändrat mig' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('request_decided');
    // the person sees the decision
    const seen = (await (await w.as('employee')).get(`/api/gifts/${entry.id}`).expect(200)).body;
    expect(seen.decision).toBe('aterlamnas');
    expect((await t.auditActions()).filter((x) => x.startsWith('gift.'))).toEqual(
      expect.arrayContaining(['gift.registered', 'gift.decided']),
    );
    // a chef's own entry: readable (their subtree) but never theirs to decide
    const own = await register(w, 'chefA');
    const refused = await chefA
      .post(`/api/gifts/${own.id}/decision`)
      .send({ decision: 'godkand', motivation: 'Eget' });
    expect(refused.status).toBe(403);
    // an outcome other than B is not decided
    const c = await register(w, 'employee', { answers: CONCERT_FROM_CONTRACTOR });
    const notB = await chefA
      .post(`/api/gifts/${c.id}/decision`)
      .send({ decision: 'godkand', motivation: 'x' });
    expect(notB.status).toBe(409);
    expect(notB.body.code).toBe('status_not_allowed');
  });

  it('lists in SQL by who asks: own, the chef’s subtree, the auditor’s scope; controllers and colleagues see none of it', async () => {
    const w = await world();
    const mine = await register(w, 'employee');
    const older = await register(w, 'employee', { receivedOn: '2026-02-01' });
    const other = await register(w, 'colleague');
    const ids = async (who: string, q = '') =>
      (
        (await (await w.as(who)).get(`/api/gifts${q}`).expect(200)).body as {
          items: Array<{ id: string }>;
        }
      ).items.map((i) => i.id);
    expect(await ids('employee')).toEqual([mine.id, older.id]);
    expect(await ids('colleague')).toEqual([other.id]);
    expect((await ids('chefA')).sort()).toEqual([mine.id, older.id, other.id].sort());
    expect(await ids('chefA', '?mine=true')).toEqual([]);
    expect((await ids('auditor')).sort()).toEqual([mine.id, older.id, other.id].sort());
    expect(await ids('chefB')).toEqual([]);
    expect(await ids('controller')).toEqual([]);
    expect(await ids('admin')).toEqual([]);
    await (await w.as('controller')).get(`/api/gifts/${mine.id}`).expect(404);
    await (await w.as('colleague')).get(`/api/gifts/${mine.id}`).expect(404);
    // keyset paging
    const api = await w.as('employee');
    const p1 = (await api.get('/api/gifts?limit=1').expect(200)).body as {
      items: Array<{ id: string }>;
      nextCursor: string;
    };
    expect(p1.items.map((i) => i.id)).toEqual([mine.id]);
    const p2 = (await api.get(`/api/gifts?limit=1&cursor=${p1.nextCursor}`).expect(200)).body as {
      items: Array<{ id: string }>;
      nextCursor: string | null;
    };
    expect(p2.items.map((i) => i.id)).toEqual([older.id]);
    expect(p2.nextCursor).toBeNull();
    await api.get('/api/gifts?cursor=bm9wZQ').expect(400);
    expect(await ids('chefA', '?status=vantar_beslut')).toHaveLength(3);
  });

  it('giver lookup: id and name only, by number or a name prefix of three letters, braked per person', async () => {
    const w = await world();
    const controller = await w.as('controller');
    const nr = generateOrganisationNumber(Math.random);
    const name = uniq('Qvintus Städ AB');
    const s = (
      await controller.post('/api/suppliers').send({ name, organisationNumber: nr }).expect(201)
    ).body as {
      id: string;
    };
    const api = await w.as('colleague');
    const byNr = (await api.get(`/api/gifts/givers?q=${nr}`).expect(200)).body as Array<
      Record<string, unknown>
    >;
    expect(byNr).toEqual([{ id: s.id, name }]);
    const byName = (
      await api
        .get(`/api/gifts/givers?q=${encodeURIComponent(name.slice(0, 12).toLowerCase())}`)
        .expect(200)
    ).body as Array<{ id: string }>;
    expect(byName.map((x) => x.id)).toContain(s.id);
    await api.get('/api/gifts/givers?q=Qv').expect(400);
    // registering with the supplier link fills the number
    const entry = (
      await api
        .post('/api/gifts')
        .send(gift({ supplierId: s.id }))
        .expect(201)
    ).body as {
      supplierName: string;
      giverOrganisationNumber: string;
    };
    expect(entry).toMatchObject({ supplierName: name, giverOrganisationNumber: nr });
    const brake = await w.as('employee');
    for (let i = 0; i < GIVER_LOOKUPS_PER_MINUTE; i++)
      await brake.get('/api/gifts/givers?q=Qvi').expect(200);
    const over = await brake.get('/api/gifts/givers?q=Qvi').expect(429);
    expect(over.body.code).toBe('too_many_requests');
    t.clock.set(new Date(t.clock.now().getTime() + 61_000));
    await brake.get('/api/gifts/givers?q=Qvi').expect(200);
  });

  // last: it changes the rules every later test would evaluate with
  it('versions the rules: administrators save a validated new version, evaluation uses it, old versions stay', async () => {
    const w = await world();
    const admin = await w.as('admin');
    const current = (await admin.get('/api/gift-guide').expect(200)).body as {
      version: number;
      start: string;
      questions: Array<Record<string, unknown> & { id: string; yes: Record<string, unknown> }>;
      outcomes: unknown;
    };
    const edited = {
      baseVersion: current.version,
      start: current.start,
      outcomes: current.outcomes,
      questions: current.questions.map((q) =>
        q.id === 'resa_noje_evenemang'
          ? { ...q, yes: { outcome: 'C', reason: 'Evenemang tackar vi nej till.', flags: [] } }
          : q,
      ),
    };
    await (await w.as('employee')).put('/api/gift-guide/rules').send(edited).expect(403);
    await (await w.as('chefA')).put('/api/gift-guide/rules').send(edited).expect(403);
    // a cycle is refused with the question named, and nothing is saved
    const cyclic = {
      ...edited,
      questions: edited.questions.map((q) =>
        q.id === 'kan_inte_tacka_nej' ? { ...q, no: { next: 'aterkommande' } } : q,
      ),
    };
    const bad = await admin.put('/api/gift-guide/rules').send(cyclic).expect(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(JSON.stringify(bad.body.errors)).toContain('cycle');
    const both = {
      ...edited,
      questions: edited.questions.map((q) =>
        q.id === 'pengar' ? { ...q, yes: { outcome: 'C', next: 'aterkommande', reason: 'x' } } : q,
      ),
    };
    expect((await admin.put('/api/gift-guide/rules').send(both).expect(400)).body.errors).toEqual(
      expect.arrayContaining([
        { field: 'questions.pengar.yes', messages: ['step_needs_next_or_outcome'] },
      ]),
    );
    expect((await admin.get('/api/gift-guide').expect(200)).body.version).toBe(current.version);

    const saved = (await admin.put('/api/gift-guide/rules').send(edited).expect(200)).body as {
      version: number;
    };
    expect(saved.version).toBe(current.version + 1);
    const stale = await admin.put('/api/gift-guide/rules').send(edited).expect(409);
    expect(stale.body.code).toBe('edit_conflict');
    const r = (
      await (
        await w.as('employee')
      )
        .post('/api/gift-guide/evaluate')
        .send({ answers: WINE_NO_INTEREST })
        .expect(200)
    ).body as { outcome: string; version: number; reasons: Array<{ text: string }> };
    expect(r).toMatchObject({ outcome: 'C', version: saved.version });
    expect(r.reasons.at(-1)?.text).toBe('Evenemang tackar vi nej till.');
    const old = (await admin.get(`/api/gift-guide/versions/${current.version}`).expect(200))
      .body as {
      questions: Array<{ id: string; yes: { outcome?: string } }>;
    };
    expect(old.questions.find((q) => q.id === 'resa_noje_evenemang')?.yes.outcome).toBe('B');
    await admin.get('/api/gift-guide/versions/999').expect(404);
    // a new entry names the version it was evaluated with
    const entry = await register(w, 'employee');
    expect(entry).toMatchObject({ outcome: 'C', guideVersion: saved.version });
    expect(await t.auditEntries({ action: 'gift_guide.updated' })).toHaveLength(1);
  });
});
