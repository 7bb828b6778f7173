import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideIcons } from '../core/icons/icons';
import { provideTranslocoTesting } from '../../testing/transloco';
import { NotificationsBell } from './notifications-bell';
import type { NotificationItem } from './notifications.service';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

const item = (id: string, readAt: string | null = null): NotificationItem => ({
  id,
  kind: 'case.never_translated',
  params: { caseId: id },
  link: `/arenden/${id}`,
  createdAt: '2026-03-02T08:00:00.000Z',
  readAt,
});

describe('NotificationsBell', () => {
  let fixture: ComponentFixture<NotificationsBell>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const button = () => el().querySelector('button.bell-button') as HTMLButtonElement;
  const live = () => el().querySelector('[aria-live="polite"]') as HTMLElement;

  async function answer(items: NotificationItem[], unread: number) {
    http
      .expectOne((r) => r.url === '/api/notifications')
      .flush({ items, unread, nextBefore: null });
    await tick();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [NotificationsBell],
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationsBell);
    fixture.detectChanges();
    await answer([item('a'), item('b', '2026-03-02T09:00:00.000Z')], 1);
  });

  afterEach(() => http.verify());

  it('names the button with the unread count, and shows it', () => {
    expect(button().getAttribute('aria-label')).toBe('Notiser, 1 olästa');
    expect(button().getAttribute('aria-expanded')).toBe('false');
    expect(el().querySelector('.count')?.textContent?.trim()).toBe('1');
    expect(live().textContent?.trim()).toBe('');
  });

  it('announces a growing count once, politely, after a navigation', async () => {
    await TestBed.inject(Router).navigateByUrl('/annan-sida');
    await answer([item('c'), item('a'), item('b', '2026-03-02T09:00:00.000Z')], 2);
    expect(live().textContent?.trim()).toBe('Du har 2 olästa notiser');
    expect(button().getAttribute('aria-label')).toBe('Notiser, 2 olästa');
  });

  it('opens a labelled panel with translated text, closes on Escape and returns focus', async () => {
    button().click();
    await fixture.whenStable();
    await answer([item('a'), item('b', '2026-03-02T09:00:00.000Z')], 1);
    expect(button().getAttribute('aria-expanded')).toBe('true');
    const panel = el().querySelector('#notifications-panel') as HTMLElement;
    expect(panel.getAttribute('aria-labelledby')).toBe('notifications-heading');
    const links = Array.from(panel.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/arenden/a', '/arenden/b']);
    // a kind without a translation falls back to the neutral sentence, never to the code
    expect(links[0].textContent).toContain('Du har något att göra i Värn.');
    expect(links[0].textContent).toContain('oläst');
    expect(el().textContent).not.toContain('case.never_translated');

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await fixture.whenStable();
    expect(el().querySelector('#notifications-panel')).toBeNull();
    expect(document.activeElement).toBe(button());
  });

  it('marks a notification read when it is followed', async () => {
    button().click();
    await fixture.whenStable();
    await answer([item('a')], 1);
    (el().querySelector('#notifications-panel a') as HTMLAnchorElement).click();
    const req = http.expectOne('/api/notifications/a/read');
    expect(req.request.method).toBe('POST');
    req.flush(item('a', '2026-03-02T10:00:00.000Z'));
    await tick();
    await fixture.whenStable();
    // the navigation refreshes the count
    await answer([item('a', '2026-03-02T10:00:00.000Z')], 0);
    expect(button().getAttribute('aria-label')).toBe('Notiser, 0 olästa');
    expect(el().querySelector('.count')).toBeNull();
  });
});
