import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { demoAccount } from '../../testing/abilities';
import { provideTranslocoTesting } from '../../testing/transloco';
import { createAppAbility } from '../core/auth/ability';
import { SessionService } from '../core/auth/session.service';
import { provideIcons } from '../core/icons/icons';
import { provideCaseIcons } from '../cases/case-icons';
import { IdentityRequestPage } from './identity-request.page';
import type { IdentityRequestDetail } from './identity-requests.models';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

const REQUEST: IdentityRequestDetail = {
  id: 'r1',
  caseId: 'c1',
  caseReference: 'VRN-2026-00042',
  unitName: 'Parkeringsenheten',
  requestedBy: 'h1',
  requestedByName: 'Karin Sjöberg',
  motivation: 'Rapportören behöver höras som vittne.',
  status: 'pending',
  createdAt: '2026-11-30T10:00:00Z',
  decidedByName: null,
  decidedAt: null,
  decisionMotivation: null,
  track: 'visselblasning',
  category: 'korruptionsforsok',
  identity: { displayName: 'Anna Reporter', username: 'anna', email: null, unitName: 'Gatudrift' },
};

describe('IdentityRequestPage', () => {
  let fixture: ComponentFixture<IdentityRequestPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    [...el().querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

  async function settle(): Promise<void> {
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [IdentityRequestPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        provideCaseIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const { me, rules } = demoAccount('identitet');
    const restored = TestBed.inject(SessionService).restore();
    http.expectOne('/api/me').flush(me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await restored;
    fixture = TestBed.createComponent(IdentityRequestPage);
    fixture.componentRef.setInput('id', 'r1');
    fixture.detectChanges();
    http.expectOne('/api/identity-requests/r1').flush(REQUEST);
    await settle();
  });

  afterEach(() => http.verify());

  it('shows the motivation and the identity, but never a way into the case', () => {
    expect(el().textContent).toContain('Rapportören behöver höras som vittne.');
    expect(el().textContent).toContain('Anna Reporter');
    expect(el().textContent).toContain('Din visning av identiteten loggas.');
    expect(el().querySelector('a[href^="/arenden"]')).toBeNull();
  });

  it('decides only with a choice and a motivation, and sends both', async () => {
    button('Spara beslut').click();
    await settle();
    http.expectNone('/api/identity-requests/r1/decision');
    expect(el().textContent).toContain('Välj godkänn eller avslå.');

    const refuse = el().querySelectorAll<HTMLInputElement>('input[type="radio"]')[1];
    refuse.click();
    const motivation = el().querySelector('textarea')!;
    motivation.value = 'Motiveringen räcker inte; förhöret kan ske via handläggaren.';
    motivation.dispatchEvent(new Event('input'));
    await settle();
    button('Spara beslut').click();
    const post = http.expectOne('/api/identity-requests/r1/decision');
    expect(post.request.body).toEqual({
      decision: 'refused',
      motivation: 'Motiveringen räcker inte; förhöret kan ske via handläggaren.',
    });
    post.flush({ ...REQUEST, status: 'refused' });
    await settle();
    http.expectOne('/api/identity-requests/r1').flush({
      ...REQUEST,
      status: 'refused',
      decidedByName: 'Ida Identitet',
      decidedAt: '2026-11-30T11:00:00Z',
      decisionMotivation: 'Motiveringen räcker inte; förhöret kan ske via handläggaren.',
    });
    await settle();
    expect(el().textContent).toContain('Avslagen');
    expect(el().querySelector('textarea')).toBeNull();
  });
});
