import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { DEMO_UNITS } from '../../../testing/demo-abilities.generated';
import { demoAccount, demoUser } from '../../../testing/abilities';
import { provideTranslocoTesting } from '../../../testing/transloco';
import type { UserDetailDto } from '../../core/api/models';
import { createAppAbility } from '../../core/auth/ability';
import { SessionService } from '../../core/auth/session.service';
import { provideIcons } from '../../core/icons/icons';
import { Confirmer } from '../../shared/ui/confirm-dialog';
import { UserDetailPage } from './user-detail.page';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

function detail(username: string, secondFactorEnrolled: boolean): UserDetailDto {
  return {
    ...demoUser(username),
    mustChangePassword: false,
    createdAt: '2026-01-05T08:00:00.000Z',
    lockedUntil: null,
    secondFactorEnrolled,
    roleAssignments: [],
  };
}

const RESET = 'Nollställ tvåstegsverifiering';

describe('UserDetailPage: resetting the second factor', () => {
  let fixture: ComponentFixture<UserDetailPage>;
  let http: HttpTestingController;
  let confirmed: boolean;

  async function open(signedIn: 'admin' | 'chef', user: UserDetailDto): Promise<void> {
    TestBed.configureTestingModule({
      imports: [UserDetailPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
        { provide: Confirmer, useValue: { ask: () => Promise.resolve(confirmed) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const account = demoAccount(signedIn);
    const restored = TestBed.inject(SessionService).restore();
    http.expectOne('/api/me').flush(account.me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules: account.rules });
    await restored;

    fixture = TestBed.createComponent(UserDetailPage);
    fixture.componentRef.setInput('id', user.id);
    fixture.detectChanges();
    http.expectOne('/api/units').flush(DEMO_UNITS);
    await tick();
    http.expectOne(`/api/users/${user.id}`).flush(user);
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
  }

  function text(): string {
    return (fixture.nativeElement as HTMLElement).textContent ?? '';
  }

  function buttons(): HTMLButtonElement[] {
    return [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')];
  }

  function resetButton(): HTMLButtonElement | undefined {
    return buttons().find((b) => b.textContent?.trim() === RESET);
  }

  beforeEach(() => {
    confirmed = true;
  });

  afterEach(() => http.verify());

  it('offers the reset to an administrator over the user, and resets after confirmation', async () => {
    const user = detail('handlaggare', true);
    await open('admin', user);
    expect(text()).toContain('Tvåstegsverifiering registrerad');
    resetButton()!.click();
    await tick();
    const req = http.expectOne(`/api/users/${user.id}/second-factor`);
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await tick();
    http.expectOne(`/api/users/${user.id}`).flush({ ...user, secondFactorEnrolled: false });
    await tick();
    fixture.detectChanges();
    expect(resetButton()).toBeUndefined();
  });

  it('sends nothing when the administrator cancels', async () => {
    confirmed = false;
    await open('admin', detail('handlaggare', true));
    resetButton()!.click();
    await tick();
    http.expectNone(() => true);
  });

  it('offers no reset when the user has no factor', async () => {
    await open('admin', detail('handlaggare', false));
    expect(buttons().length).toBeGreaterThan(0);
    expect(resetButton()).toBeUndefined();
  });

  it("offers no reset of the administrator's own factor (a stolen password must not drop it)", async () => {
    await open('admin', detail('admin', true));
    expect(text()).toContain('Tvåstegsverifiering registrerad');
    expect(resetButton()).toBeUndefined();
  });

  it('offers no reset to a manager, who may not manage accounts', async () => {
    await open('chef', detail('handlaggare', true));
    expect(resetButton()).toBeUndefined();
  });
});
