import { checkNotification, NotificationInputError } from './notification-input';
import { buildMail } from './mail-message';
import { backoffMs, MAX_ATTEMPTS } from './outbox-sender';
import { loadConfig } from '../config/config';

describe('notification input', () => {
  const ok = (params: Record<string, string | number | boolean | Date>) =>
    checkNotification({ kind: 'case.acknowledgement_due', params, link: '/arenden/1' }).params;

  it('accepts ids, dates, reference numbers, numbers, booleans and short codes', () => {
    expect(
      ok({
        caseId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
        dueOn: '2026-03-09',
        dueAt: new Date('2026-03-09T07:00:00Z'),
        at: '2026-03-09T07:00:00.000Z',
        reference: 'VB-2026-0042',
        track: 'visselblasning',
        days: 7,
        overdue: true,
      }),
    ).toEqual({
      caseId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      dueOn: '2026-03-09',
      dueAt: '2026-03-09T07:00:00.000Z',
      at: '2026-03-09T07:00:00.000Z',
      reference: 'VB-2026-0042',
      track: 'visselblasning',
      days: 7,
      overdue: true,
    });
  });

  it.each([
    ['a sentence', 'Chefen erbjöd pengar'],
    ['a name', 'Anna Andersson'],
    ['a capitalised name', 'Åsa'],
    ['an e-mail address', 'anna@kommun.se'],
    ['a personal identity number', '19800101-1234'],
    ['a long code', 'x'.repeat(41)],
    ['markup', '<b>hej</b>'],
  ])('refuses %s as a value, without echoing it', (_what, value) => {
    expect(() => ok({ v: value })).toThrow(NotificationInputError);
    try {
      ok({ v: value });
    } catch (e) {
      expect((e as Error).message).not.toContain(value);
    }
  });

  it('refuses odd keys, too many params, prose kinds and links that leave the app', () => {
    expect(() => ok({ 'två ord': 1 })).toThrow(NotificationInputError);
    expect(() =>
      ok(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]))),
    ).toThrow(NotificationInputError);
    for (const n of [Number.NaN, 1.5, 198001011234])
      expect(() => ok({ n })).toThrow(NotificationInputError);
    for (const kind of ['Du har ett ärende', 'case..x', '', 'x'.repeat(65)])
      expect(() => checkNotification({ kind, link: '/' })).toThrow(NotificationInputError);
    for (const link of [
      'https://evil.example',
      '//evil.example',
      'arenden/1',
      '/a/../b',
      '/a b',
      '/a#x',
    ])
      expect(() => checkNotification({ kind: 'k', link })).toThrow(NotificationInputError);
    expect(checkNotification({ kind: 'k', link: '/arenden/1?flik=meddelanden' }).link).toBe(
      '/arenden/1?flik=meddelanden',
    );
  });
});

describe('the e-mail', () => {
  it('says only that there is something to do, in Swedish and English, with the link', () => {
    const m = buildMail('notification', 'https://varn.kommun.se/arenden/1');
    expect(m.subject).toBe('Du har något att göra i Värn / You have something to do in Värn');
    expect(m.text).toContain('Du har något att göra i Värn.');
    expect(m.text).toContain('You have something to do in Värn.');
    expect(m.text.match(/https:\/\/varn\.kommun\.se\/arenden\/1/g)).toHaveLength(2);
  });

  it('backs off 1, 2, 4 … minutes up to 6 hours', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(20)).toBe(6 * 3_600_000);
    expect(MAX_ATTEMPTS).toBeGreaterThan(3);
  });
});

describe('mail configuration', () => {
  const base = { NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' };

  it('is off without SMTP_URL; jobs are off in tests and on elsewhere by default', () => {
    const c = loadConfig(base);
    expect(c.mail).toBeNull();
    expect(c.jobs.enabled).toBe(false);
    expect(loadConfig({ ...base, JOBS_ENABLED: 'true' }).jobs.enabled).toBe(true);
    const dev = loadConfig({ ...base, NODE_ENV: 'development' }, { requireMasterKey: false });
    expect(dev.jobs.enabled).toBe(true);
  });

  it('needs a sender and a public URL with SMTP_URL, and never echoes the SMTP password', () => {
    expect(() => loadConfig({ ...base, SMTP_URL: 'smtp://u:topsecret@mail' })).toThrow(
      /MAIL_FROM[\s\S]*PUBLIC_URL/,
    );
    try {
      loadConfig({ ...base, SMTP_URL: 'http://u:topsecret@mail' });
    } catch (e) {
      expect((e as Error).message).toMatch(/SMTP_URL/);
      expect((e as Error).message).not.toContain('topsecret');
    }
    const c = loadConfig({
      ...base,
      SMTP_URL: 'smtps://u:p@mail.kommun.se:465',
      MAIL_FROM: 'Värn <varn@kommun.se>',
      PUBLIC_URL: 'https://varn.kommun.se/',
    });
    expect(c.mail).toEqual({
      smtpUrl: 'smtps://u:p@mail.kommun.se:465',
      from: 'Värn <varn@kommun.se>',
    });
    expect(c.publicUrl).toBe('https://varn.kommun.se');
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ ...base, JOBS_ENABLED: 'kanske' })).toThrow(/JOBS_ENABLED/);
  });
});
