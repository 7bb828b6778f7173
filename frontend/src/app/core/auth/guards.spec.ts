import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  provideRouter,
  type ActivatedRouteSnapshot,
  type RouterStateSnapshot,
  type UrlTree,
} from '@angular/router';
import { authGuard, safeReturnUrl, secondFactorGuard } from './guards';
import { SessionService } from './session.service';

describe('safeReturnUrl', () => {
  it('only follows same-site paths', () => {
    expect(safeReturnUrl('/admin/anvandare?q=a')).toBe('/admin/anvandare?q=a');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/\\evil.example')).toBe('/');
    expect(safeReturnUrl('/logga-in?returnUrl=/x')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
  });
});

describe('authGuard', () => {
  const signedIn = signal(false);
  const mustChange = signal(false);
  const secondFactor = signal<'enrol' | 'pending' | 'done' | 'not_required'>('not_required');

  function run(url: string): boolean | UrlTree {
    return TestBed.runInInjectionContext(() =>
      authGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    ) as boolean | UrlTree;
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: SessionService,
          useValue: { signedIn, mustChangePassword: mustChange, secondFactor },
        },
      ],
    });
    secondFactor.set('not_required');
  });

  it('sends a visitor to login with the page as returnUrl', () => {
    signedIn.set(false);
    const router = TestBed.inject(Router);
    expect(router.serializeUrl(run('/min-sida') as UrlTree)).toBe(
      '/logga-in?returnUrl=%2Fmin-sida',
    );
  });

  it('keeps a user with a temporary password on the change-password page', () => {
    signedIn.set(true);
    mustChange.set(true);
    const router = TestBed.inject(Router);
    expect(router.serializeUrl(run('/admin/anvandare') as UrlTree)).toBe('/byt-losenord');
    expect(run('/byt-losenord')).toBe(true);
  });

  it('keeps a session that owes its code on the code page, with the way back', () => {
    signedIn.set(true);
    mustChange.set(false);
    secondFactor.set('pending');
    const router = TestBed.inject(Router);
    expect(router.serializeUrl(run('/arenden?q=x') as UrlTree)).toBe(
      '/logga-in/kod?returnUrl=%2Farenden%3Fq%3Dx',
    );
    expect(router.serializeUrl(run('/min-sida') as UrlTree)).toBe(
      '/logga-in/kod?returnUrl=%2Fmin-sida',
    );
    expect(router.serializeUrl(run('/') as UrlTree)).toBe('/logga-in/kod');
    expect(run('/logga-in/kod?returnUrl=%2Farenden')).toBe(true);
    // not even the enrolment page or the password change
    expect(router.serializeUrl(run('/logga-in/tvastegsverifiering') as UrlTree)).toBe(
      '/logga-in/kod',
    );
  });

  it('sends a session without an app to enrolment — before a forced password change', () => {
    signedIn.set(true);
    mustChange.set(true);
    secondFactor.set('enrol');
    const router = TestBed.inject(Router);
    expect(router.serializeUrl(run('/byt-losenord') as UrlTree)).toBe(
      '/logga-in/tvastegsverifiering?returnUrl=%2Fbyt-losenord',
    );
    expect(run('/logga-in/tvastegsverifiering')).toBe(true);
    secondFactor.set('done');
    expect(router.serializeUrl(run('/arenden') as UrlTree)).toBe('/byt-losenord');
  });

  it('lets a signed-in user through', () => {
    signedIn.set(true);
    mustChange.set(false);
    expect(run('/granskningslogg')).toBe(true);
  });
});

describe('secondFactorGuard', () => {
  const secondFactor = signal<'enrol' | 'pending' | 'done' | 'not_required'>('pending');

  function run(step: 'pending' | 'enrol'): boolean | UrlTree {
    return TestBed.runInInjectionContext(() =>
      secondFactorGuard(step)({} as ActivatedRouteSnapshot, {} as RouterStateSnapshot),
    ) as boolean | UrlTree;
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: SessionService, useValue: { secondFactor } }],
    });
  });

  it('opens each page only while its step is owed', () => {
    const router = TestBed.inject(Router);
    secondFactor.set('pending');
    expect(run('pending')).toBe(true);
    expect(router.serializeUrl(run('enrol') as UrlTree)).toBe('/');
    secondFactor.set('enrol');
    expect(run('enrol')).toBe(true);
    expect(router.serializeUrl(run('pending') as UrlTree)).toBe('/');
    secondFactor.set('done');
    expect(router.serializeUrl(run('pending') as UrlTree)).toBe('/');
    expect(router.serializeUrl(run('enrol') as UrlTree)).toBe('/');
  });
});
