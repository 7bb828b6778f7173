import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  provideRouter,
  type ActivatedRouteSnapshot,
  type RouterStateSnapshot,
  type UrlTree,
} from '@angular/router';
import { authGuard, safeReturnUrl } from './guards';
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

  function run(url: string): boolean | UrlTree {
    return TestBed.runInInjectionContext(() =>
      authGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    ) as boolean | UrlTree;
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: SessionService, useValue: { signedIn, mustChangePassword: mustChange } },
      ],
    });
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

  it('lets a signed-in user through', () => {
    signedIn.set(true);
    mustChange.set(false);
    expect(run('/granskningslogg')).toBe(true);
  });
});
