import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { firstValueFrom } from 'rxjs';
import { createAppAbility } from '../auth/ability';
import { PageLoader } from '../auth/page-loader';
import { SessionService } from '../auth/session.service';
import { authInterceptor } from './auth.interceptor';

@Component({
  selector: 'varn-blank',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Blank {}

const unauthorized = { status: 401, statusText: 'Unauthorized' };
const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('authInterceptor', () => {
  let http: HttpClient;
  let mock: HttpTestingController;
  let router: Router;
  let session: SessionService;
  const page = { replace: vi.fn<(url: string) => void>() };

  beforeEach(async () => {
    page.replace.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'logga-in', component: Blank },
          { path: 'admin/anvandare', component: Blank },
        ]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: PureAbility, useFactory: createAppAbility },
        { provide: PageLoader, useValue: page },
      ],
    });
    http = TestBed.inject(HttpClient);
    mock = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    session = TestBed.inject(SessionService);
    await router.navigateByUrl('/admin/anvandare?q=anna');
  });

  it('on 401 loads the login page afresh (no route change) with the page as returnUrl', async () => {
    const clear = vi.spyOn(session, 'clear');
    const request = firstValueFrom(http.get('/api/users'));
    mock.expectOne('/api/users').flush({ code: 'unauthenticated' }, unauthorized);
    await expect(request).rejects.toBeTruthy();
    await tick();
    expect(clear).toHaveBeenCalled();
    expect(page.replace).toHaveBeenCalledExactlyOnceWith(
      '/logga-in?anledning=avslutad&returnUrl=%2Fadmin%2Fanvandare%3Fq%3Danna',
    );
  });

  it('leaves a failed login alone (the login form shows the error)', async () => {
    const clear = vi.spyOn(session, 'clear');
    const request = firstValueFrom(http.post('/api/auth/login', { username: 'a', password: 'b' }));
    mock.expectOne('/api/auth/login').flush({ code: 'invalid_credentials' }, unauthorized);
    await expect(request).rejects.toBeTruthy();
    await tick();
    expect(clear).not.toHaveBeenCalled();
    expect(page.replace).not.toHaveBeenCalled();
    expect(router.url).toBe('/admin/anvandare?q=anna');
  });

  it('does not redirect on other errors', async () => {
    const request = firstValueFrom(http.get('/api/users'));
    mock.expectOne('/api/users').flush({ code: 'forbidden' }, { status: 403, statusText: 'No' });
    await expect(request).rejects.toBeTruthy();
    await tick();
    expect(page.replace).not.toHaveBeenCalled();
    expect(router.url).toBe('/admin/anvandare?q=anna');
  });
});
