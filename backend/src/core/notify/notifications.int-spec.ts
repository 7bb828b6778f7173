import { randomUUID } from 'node:crypto';
import { describeEachEngine, TestApp, uniq } from '../../testing/test-app';
import { NotificationDto, NotificationPageDto } from './dto/notification.dto';
import { NotificationEntity } from './entities/notification.entity';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { NotificationInput, NotificationInputError } from './notification-input';
import { NotificationService } from './notification.service';

describeEachEngine('Notifications', (engine) => {
  let t: TestApp;
  let notify: NotificationService;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    notify = t.app.get(NotificationService);
  });
  afterAll(() => t.stop());

  /** Two people in a fresh unit, each signed in. */
  async function people() {
    const unit = await t.unit(uniq('Enhet'));
    const anna = await t.user(uniq('anna'), unit, [], { email: 'anna@example.se' });
    const bo = await t.user(uniq('bo'), unit);
    return { anna, bo, asAnna: await t.login(anna.username), asBo: await t.login(bo.username) };
  }
  const caseLink = () => `/arenden/${randomUUID()}`;

  it("lists only the signed-in user's own notifications, newest first, with the unread count", async () => {
    const { anna, bo, asAnna, asBo } = await people();
    await notify.notify([anna.id, bo.id], { kind: 'case.assigned', link: caseLink() });
    t.clock.advance(1000);
    await notify.notify([bo.id], {
      kind: 'case.escalated',
      params: { dueAt: new Date('2026-03-09T00:00:00Z'), track: 'visselblasning' },
      link: caseLink(),
    });
    t.clock.advance(1000);
    await notify.notify([anna.id], { kind: 'case.reminder', params: { days: 2 }, link: '/' });

    const a = (await asAnna.get('/api/notifications').expect(200)).body as NotificationPageDto;
    expect(a.items.map((n) => n.kind)).toEqual(['case.reminder', 'case.assigned']);
    expect(a.unread).toBe(2);
    expect(a.nextBefore).toBeNull();
    expect(a.items[0]).toMatchObject({ params: { days: 2 }, link: '/', readAt: null });

    const b = (await asBo.get('/api/notifications').expect(200)).body as NotificationPageDto;
    expect(b.items.map((n) => n.kind)).toEqual(['case.escalated', 'case.assigned']);
    expect(b.items[0].params).toEqual({
      dueAt: '2026-03-09T00:00:00.000Z',
      track: 'visselblasning',
    });
    const own = await t.dataSource.getRepository(NotificationEntity).findBy({ userId: bo.id });
    expect(b.items.map((n) => n.id).sort()).toEqual(own.map((n) => n.id).sort());
  });

  it('pages by keyset without gaps or repeats, also when many share one timestamp', async () => {
    const { anna, asAnna } = await people();
    for (let i = 0; i < 7; i++) {
      await notify.notify([anna.id], { kind: 'case.reminder', params: { n: i }, link: '/' });
      if (i % 3 === 0) t.clock.advance(1000); // several rows per timestamp
    }
    const seen: NotificationDto[] = [];
    let before: string | null = null;
    do {
      const query: string = before ? `&before=${before}` : '';
      const res = await asAnna.get(`/api/notifications?limit=3${query}`).expect(200);
      const page = res.body as NotificationPageDto;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      before = page.nextBefore;
    } while (before);
    // newest first; within one timestamp by id (the keyset's tie-breaker)
    const rows = await t.dataSource.getRepository(NotificationEntity).find({
      where: { userId: anna.id },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    expect(seen.map((n) => n.id)).toEqual(rows.map((n) => n.id));
    expect(rows).toHaveLength(7);
    expect(seen.map((n) => n.params['n'])).toEqual(
      rows.map((r) => (JSON.parse(r.params) as { n: number }).n),
    );
    expect(new Set(seen.map((n) => n.id)).size).toBe(7);
    // unread only
    await asAnna.post(`/api/notifications/${seen[0].id}/read`).expect(200);
    const unread = (await asAnna.get('/api/notifications?unread=true&limit=100').expect(200))
      .body as NotificationPageDto;
    expect(unread.items.map((n) => n.id)).toEqual(seen.slice(1).map((n) => n.id));
    expect(unread.unread).toBe(6);
  });

  it("marks one read, and never someone else's (404, and it stays unread)", async () => {
    const { anna, bo, asAnna, asBo } = await people();
    await notify.notify([anna.id], { kind: 'case.assigned', link: caseLink() });
    await notify.notify([bo.id], { kind: 'case.assigned', link: caseLink() });
    const annas = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({
      userId: anna.id,
    });
    const bos = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({
      userId: bo.id,
    });

    const res = await asAnna.post(`/api/notifications/${annas.id}/read`).expect(200);
    expect((res.body as NotificationDto).readAt).toBe(t.clock.now().toISOString());
    // again: still read, the time unchanged
    t.clock.advance(5000);
    const again = await asAnna.post(`/api/notifications/${annas.id}/read`).expect(200);
    expect((again.body as NotificationDto).readAt).toBe((res.body as NotificationDto).readAt);

    const denied = await asAnna.post(`/api/notifications/${bos.id}/read`).expect(404);
    expect((denied.body as { code: string }).code).toBe('not_found');
    await asAnna.post(`/api/notifications/${randomUUID()}/read`).expect(404);
    await asAnna.post('/api/notifications/inte-ett-id/read').expect(400);
    const stillUnread = await t.dataSource
      .getRepository(NotificationEntity)
      .findOneByOrFail({ id: bos.id });
    expect(stillUnread.readAt).toBeNull();
    expect(
      ((await asBo.get('/api/notifications').expect(200)).body as NotificationPageDto).unread,
    ).toBe(1);
  });

  it("marks all of one's own read and nobody else's", async () => {
    const { anna, bo, asAnna, asBo } = await people();
    await notify.notify([anna.id, bo.id], { kind: 'case.assigned', link: caseLink() });
    await notify.notify([anna.id, bo.id], { kind: 'case.reminder', link: caseLink() });
    const res = await asAnna.post('/api/notifications/read-all').expect(200);
    expect(res.body).toEqual({ updated: 2 });
    expect(((await asAnna.get('/api/notifications')).body as NotificationPageDto).unread).toBe(0);
    expect(((await asBo.get('/api/notifications')).body as NotificationPageDto).unread).toBe(2);
  });

  it('refuses bad query parameters with 400 and needs a session', async () => {
    const { asAnna } = await people();
    for (const q of [
      'limit=0',
      'limit=101',
      'limit=x',
      'before=1',
      'before=abc.def',
      'unread=ja',
      'x=1',
    ])
      await asAnna.get(`/api/notifications?${q}`).expect(400);
    await t.http().get('/api/notifications').expect(401);
    await t.http().post('/api/notifications/read-all').expect(401);
  });

  it("is written in the caller's transaction and rolls back with it", async () => {
    const { anna } = await people();
    await expect(
      t.db.transaction(async () => {
        await notify.notify([anna.id], { kind: 'case.assigned', link: caseLink() });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ userId: anna.id })).toBe(
      0,
    );
  });

  it('refuses content, identities and foreign links in a notification', async () => {
    const { anna } = await people();
    const bad: NotificationInput[] = [
      { kind: 'case.assigned', params: { text: 'Anna Andersson blev hotad' }, link: '/' },
      { kind: 'case.assigned', params: { who: 'anna@example.se' }, link: '/' },
      { kind: 'case.assigned', params: { name: 'Åsa' }, link: '/' },
      { kind: 'Du har ett nytt ärende', link: '/' },
      { kind: 'case.assigned', link: 'https://evil.example/x' },
      { kind: 'case.assigned', link: '//evil.example/x' },
      { kind: 'case.assigned', link: '/arenden/../../x' },
    ];
    for (const input of bad)
      await expect(notify.notify([anna.id], input)).rejects.toBeInstanceOf(NotificationInputError);
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ userId: anna.id })).toBe(
      0,
    );
  });

  it('queues no e-mail when SMTP is not configured', async () => {
    const { anna } = await people();
    await notify.notify([anna.id], { kind: 'case.assigned', link: caseLink() });
    expect(await t.dataSource.getRepository(OutboxMessageEntity).countBy({ userId: anna.id })).toBe(
      0,
    );
  });
});
