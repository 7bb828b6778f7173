import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { FormGroup } from '@angular/forms';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { demoAccount } from '../../testing/abilities';
import { caseDetail } from '../../testing/cases';
import { provideTranslocoTesting } from '../../testing/transloco';
import { createAppAbility } from '../core/auth/ability';
import { SessionService } from '../core/auth/session.service';
import { provideIcons } from '../core/icons/icons';
import { CaseClassification } from './case-classification';
import { provideCaseIcons } from './case-icons';
import { CasePage } from './case.page';
import type { CaseDetail } from './cases.models';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('CasePage', () => {
  let fixture: ComponentFixture<CasePage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    [...el().querySelectorAll('button')].find((b) => b.textContent?.trim() === text);

  async function settle(): Promise<void> {
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function open(detail: CaseDetail): Promise<void> {
    TestBed.configureTestingModule({
      imports: [CasePage],
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
    const { me, rules } = demoAccount('handlaggare');
    const restored = TestBed.inject(SessionService).restore();
    http.expectOne('/api/me').flush(me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await restored;
    fixture = TestBed.createComponent(CasePage);
    fixture.componentRef.setInput('id', detail.id);
    fixture.detectChanges();
    http.expectOne('/api/risk-matrix').flush(null, { status: 503, statusText: 'x' });
    http.expectOne(`/api/cases/${detail.id}`).flush(detail);
    await settle();
    http.expectOne((r) => r.url === '/api/reports/handlers').flush([]);
    if (detail.confidentiality === 'confidential')
      http.expectOne((r) => r.url === '/api/identity-requests').flush([]);
    await settle();
  }

  afterEach(() => http.verify());

  it('keeps a confidential identity hidden and asks the custodian only with a motivation', async () => {
    await open(caseDetail());
    const panel = el().querySelector('[aria-labelledby="identity-heading"]')!;
    expect(panel.textContent).toContain('Konfidentiell');
    expect(button('Visa identitet')).toBeUndefined();
    button('Begär att få se identiteten')!.click();
    await settle();
    button('Skicka begäran')!.click();
    await settle();
    http.expectNone('/api/cases/c1/identity-requests');
    const motivation = panel.querySelector('textarea')!;
    motivation.value = 'Behövs för polisens förhör.';
    motivation.dispatchEvent(new Event('input'));
    button('Skicka begäran')!.click();
    const post = http.expectOne('/api/cases/c1/identity-requests');
    expect(post.request.body).toEqual({ motivation: 'Behövs för polisens förhör.' });
    post.flush({ id: 'r1', status: 'pending' });
    await settle();
    http.expectOne('/api/cases/c1').flush(caseDetail({ identityState: 'requested' }));
    await settle();
    http.expectOne((r) => r.url === '/api/reports/handlers').flush([]);
    http.expectOne((r) => r.url === '/api/identity-requests').flush([]);
    await settle();
    expect(panel.textContent).toContain('väntar på beslut');
  });

  it('shows an approved identity only on request, and says the view is logged', async () => {
    await open(caseDetail({ identityState: 'approved' }));
    const panel = el().querySelector('[aria-labelledby="identity-heading"]')!;
    expect(panel.textContent).not.toContain('Anna Reporter');
    expect(panel.textContent).toContain('Varje visning av identiteten loggas.');
    button('Visa identitet')!.click();
    http.expectOne('/api/cases/c1/identity').flush({
      displayName: 'Anna Reporter',
      username: 'anna',
      email: null,
      unitName: 'Parkeringsenheten',
    });
    await settle();
    expect(panel.textContent).toContain('Anna Reporter');
  });

  it('keeps internal notes apart from the reporter thread', async () => {
    await open(caseDetail());
    const notes = el().querySelector('[aria-labelledby="notes-heading"]')!;
    expect(notes.textContent).toContain('Syns aldrig för rapportören');
    const textarea = notes.querySelector('textarea')!;
    textarea.value = 'Ring säkerhetschefen.';
    textarea.dispatchEvent(new Event('input'));
    button('Spara anteckning')!.click();
    const post = http.expectOne('/api/cases/c1/notes');
    expect(post.request.body).toEqual({ body: 'Ring säkerhetschefen.' });
    http.expectNone('/api/cases/c1/messages');
    post.flush({});
    await settle();
    http.expectOne('/api/cases/c1').flush(caseDetail());
    await settle();
    http.expectOne((r) => r.url === '/api/reports/handlers').flush([]);
    http.expectOne((r) => r.url === '/api/identity-requests').flush([]);
  });

  it('explains an edit conflict, keeps the input and offers the newest version', async () => {
    await open(caseDetail());
    const panel = fixture.debugElement.query(By.directive(CaseClassification));
    const form = (panel.componentInstance as unknown as { form: FormGroup }).form;
    form.patchValue({ status: 'under_bedomning' });
    await settle();
    button('Spara bedömning')!.click();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/cases/c1' });
    expect(patch.request.body).toEqual({ version: 3, status: 'under_bedomning' });
    patch.flush(
      { status: 409, code: 'edit_conflict', detail: 'x' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    const text = (panel.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Någon annan har ändrat ärendet under tiden');
    expect(form.get('status')?.value).toBe('under_bedomning');
    button('Hämta den senaste versionen')!.click();
    http.expectOne('/api/cases/c1').flush(caseDetail({ version: 4 }));
    await settle();
    http.expectOne((r) => r.url === '/api/reports/handlers').flush([]);
    http.expectOne((r) => r.url === '/api/identity-requests').flush([]);
  });

  it('says why a whistleblowing case cannot be closed yet', async () => {
    await open(caseDetail());
    const close = el().querySelector('[aria-labelledby="close-heading"]')!;
    expect(close.textContent).toContain('Bekräftelsen är varken skickad eller avstådd.');
    expect(close.querySelector('button[type="submit"]')).toBeNull();
  });
});
