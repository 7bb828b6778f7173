import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { demoAccount } from '../../testing/abilities';
import { provideTranslocoTesting } from '../../testing/transloco';
import { createAppAbility } from '../core/auth/ability';
import { SessionService } from '../core/auth/session.service';
import { provideIcons } from '../core/icons/icons';
import { DeclarationFormPage } from './declaration-form.page';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('DeclarationFormPage', () => {
  let fixture: ComponentFixture<DeclarationFormPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    [...el().querySelectorAll('button')].find((b) => b.textContent?.includes(text))!;

  async function settle(): Promise<void> {
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [DeclarationFormPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const { me, rules } = demoAccount('medarbetare');
    const restored = TestBed.inject(SessionService).restore();
    http.expectOne('/api/me').flush(me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await restored;
    fixture = TestBed.createComponent(DeclarationFormPage);
    await settle();
  });

  afterEach(() => http.verify());

  it('names the declarant, requires the affirmation and a described interest, and sends the declaration', async () => {
    expect(el().textContent).toContain(demoAccount('medarbetare').me.displayName);
    button('Lägg till ett intresse').click();
    await settle();
    button('Skicka deklarationen').click();
    await settle();
    expect(el().querySelector('#affirm-error')?.textContent).toContain('bekräfta försäkran');
    http.expectNone('/api/declarations');

    const fill = (selector: string, value: string) => {
      const input = el().querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    fill('textarea[name="interest-description-0"]', 'Min bror äger Städbolaget.');
    fill('input[name="interest-org-nr-0"]', '556016-0680');
    (
      fixture.componentInstance as unknown as {
        setInterest(i: number, p: object): void;
      }
    ).setInterest(0, { kind: 'narstaendes_intressen' });
    el().querySelector<HTMLInputElement>('mat-checkbox input')!.click();
    await settle();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    button('Skicka deklarationen').click();
    await settle();
    const req = http.expectOne('/api/declarations');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toMatchObject({
      type: 'arlig',
      interests: [
        {
          kind: 'narstaendes_intressen',
          description: 'Min bror äger Städbolaget.',
          organisationNumber: '556016-0680',
        },
      ],
      claimedGround: 'inget',
      proposedHandling: 'ingen_atgard',
      affirmed: true,
    });
    expect((req.request.body as Record<string, unknown>)['caseReference']).toBeUndefined();
    req.flush({ id: 'd1' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/jav/deklarationer', 'd1']);
  });

  it('asks for the case reference of a case-specific declaration', async () => {
    fixture.componentRef.setInput('typ', 'arendespecifik');
    await settle();
    expect(el().querySelector('input[name="caseReference"]')).not.toBeNull();
    el().querySelector<HTMLInputElement>('mat-checkbox input')!.click();
    await settle();
    button('Skicka deklarationen').click();
    await settle();
    expect(el().textContent).toContain('Ange ärendets diarienummer.');
    http.expectNone('/api/declarations');
  });
});
