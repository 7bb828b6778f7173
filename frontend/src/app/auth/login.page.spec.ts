import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { demoAccount } from '../../testing/abilities';
import { provideTranslocoTesting } from '../../testing/transloco';
import { provideIcons } from '../core/icons/icons';
import { createAppAbility } from '../core/auth/ability';
import { SessionService } from '../core/auth/session.service';
import { LoginPage } from './login.page';

@Component({
  selector: 'varn-blank',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Blank {}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await create({ local: true, oidc: false });
  });

  /** The page, with the sign-in methods the server answers (GET /api/auth/methods). */
  async function create(
    methods: { local: boolean; oidc: boolean },
    inputs: Record<string, string> = { returnUrl: '/granskningslogg' },
  ): Promise<void> {
    fixture = TestBed.createComponent(LoginPage);
    for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
    el = fixture.nativeElement as HTMLElement;
    http.expectOne('/api/auth/methods').flush(methods);
    await fixture.whenStable();
  }

  const ssoLink = () =>
    [...el.querySelectorAll('a')].find((a) =>
      a.textContent?.includes('Logga in med kommunens konto'),
    );

  afterEach(() => http.verify());

  function fill(username: string, password: string): void {
    for (const [name, value] of [
      ['username', username],
      ['password', password],
    ]) {
      const input = el.querySelector(`input[formcontrolname="${name}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
  }

  function submit(): void {
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
  }

  it('has one h1 and labelled fields', () => {
    expect(el.querySelectorAll('h1').length).toBe(1);
    expect(el.querySelector('h1')?.textContent).toContain('Logga in');
    expect(el.textContent).toContain('Användarnamn');
    expect(el.textContent).toContain('Lösenord');
  });

  it('does not call the server with empty fields', async () => {
    submit();
    await fixture.whenStable();
    http.expectNone('/api/auth/login');
    expect(el.textContent).toContain('Fyll i det här fältet.');
  });

  it('explains a locked account in minutes and keeps what the user typed', async () => {
    fill('anna', 'fel-lösenord');
    submit();
    http.expectOne('/api/auth/login').flush(
      {
        type: 'about:blank',
        title: 'Too Many Requests',
        status: 429,
        code: 'account_locked',
        detail: 'Kontot är låst.',
        retryAfterSeconds: 840,
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await tick();
    await fixture.whenStable();
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Försök igen om 14 min');
    const username = el.querySelector('input[formcontrolname="username"]') as HTMLInputElement;
    expect(username.value).toBe('anna');
  });

  it('signs in, loads the rules and goes to the returnUrl', async () => {
    const router = TestBed.inject(Router);
    fill('anna', 'rätt lösenord här');
    submit();
    const login = http.expectOne('/api/auth/login');
    expect(login.request.method).toBe('POST');
    expect(login.request.body).toEqual({ username: 'anna', password: 'rätt lösenord här' });
    login.flush({
      id: 'me-1',
      username: 'anna',
      displayName: 'Anna',
      email: null,
      unit: { id: 'u', name: 'U' },
      roles: [],
      mustChangePassword: false,
      lastLoginAt: null,
      sessionExpiresAt: '2026-11-25T00:00:00Z',
      sessionIdleMinutes: 30,
    });
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules: demoAccount('revisor').rules });
    await tick();
    await fixture.whenStable();
    expect(TestBed.inject(SessionService).signedIn()).toBe(true);
    expect(router.url).toBe('/granskningslogg');
  });

  describe('single sign-on', () => {
    it('shows no single sign-on button when the server has it off', () => {
      expect(ssoLink()).toBeUndefined();
      expect(el.querySelector('form')).not.toBeNull();
    });

    it('offers "Logga in med kommunens konto" as a link to the server, keeping the returnUrl', async () => {
      await create({ local: true, oidc: true });
      const link = ssoLink();
      expect(link).toBeDefined();
      expect(link?.getAttribute('href')).toBe('/api/auth/oidc/start?returnUrl=%2Fgranskningslogg');
      // both ways are offered, the password form after an "eller"
      expect(el.querySelector('form')).not.toBeNull();
      expect(el.textContent).toContain('eller med användarnamn och lösenord');
      expect(el.querySelector('.card > p.muted')?.textContent?.trim()).toBe(
        'Logga in med ditt konto i kommunen, eller med ditt användarnamn och lösenord för Värn.',
      );
    });

    it('never carries a returnUrl to another site', async () => {
      await create({ local: true, oidc: true }, { returnUrl: '//evil.example' });
      expect(ssoLink()?.getAttribute('href')).toBe('/api/auth/oidc/start');
    });

    it('hides the password form when local sign-in is off', async () => {
      await create({ local: false, oidc: true });
      expect(ssoLink()).toBeDefined();
      expect(el.querySelector('form')).toBeNull();
      expect(el.querySelector('input[type="password"]')).toBeNull();
      expect(el.textContent).not.toContain('eller med användarnamn och lösenord');
      expect(el.querySelector('.card > p.muted')?.textContent?.trim()).toBe(
        'Logga in med ditt konto i kommunen.',
      );
      expect(el.querySelectorAll('h1').length).toBe(1);
    });

    it('explains an error code from the sign-in, as an alert', async () => {
      await create({ local: true, oidc: true }, { fel: 'oidc_no_role' });
      const alert = el.querySelector('[role="alert"]');
      expect(alert?.textContent).toContain('Ditt konto har ingen behörighet till Värn');
    });

    it('shows a general message for a code it does not know, never the code itself', async () => {
      await create({ local: true, oidc: true }, { fel: '<script>x</script>' });
      const alert = el.querySelector('[role="alert"]');
      expect(alert?.textContent).toContain('Inloggningen misslyckades. Försök igen.');
      expect(el.textContent).not.toContain('<script>');
    });

    it('keeps the password form when the methods cannot be read', async () => {
      fixture = TestBed.createComponent(LoginPage);
      el = fixture.nativeElement as HTMLElement;
      http
        .expectOne('/api/auth/methods')
        .flush({}, { status: 503, statusText: 'Service Unavailable' });
      await fixture.whenStable();
      expect(el.querySelector('input[type="password"]')).not.toBeNull();
      expect(ssoLink()).toBeUndefined();
    });
  });
});
