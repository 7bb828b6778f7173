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
import { provideAuditIcons } from './audit-icons';
import { AuditRunPage } from './audit-run.page';
import type { AnswerDto, AuditDetail } from './audits.models';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

const items = [
  { id: 'A1', number: 1, text: 'Organisationsnummer', guidance: 'g', evidence: 'e' },
  { id: 'A2', number: 2, text: 'Verklig huvudman', guidance: 'g', evidence: 'e' },
  { id: 'H3', number: 3, text: 'Jäv och påverkan', guidance: 'g', evidence: 'e' },
];
const answer = (itemId: string, a: AnswerDto['answer'], version = a ? 1 : 0): AnswerDto => ({
  itemId,
  answer: a,
  note: '',
  checkedOn: null,
  version,
  updatedBy: null,
  attachments: [],
});

function detail(over: Partial<AuditDetail> = {}): AuditDetail {
  return {
    id: 'a1',
    contractId: 'c1',
    contractTitle: 'Städning av stadshuset',
    supplierName: 'Städ AB',
    unitId: 'u1',
    unitName: 'Upphandling',
    followUpClass: 'A',
    status: 'pagaende',
    startedAt: '2026-11-30T08:00:00Z',
    startedBy: { id: 'u', name: 'Sofia Nilsson' },
    answered: 1,
    total: 3,
    deviations: 0,
    openFindings: 0,
    completedOn: null,
    version: 1,
    checklist: {
      id: 'k1',
      key: 'k',
      version: 1,
      title: 'Checklista',
      status: 'published',
      createdAt: '2026-01-01T00:00:00Z',
      sections: [
        { code: 'A', title: 'Identitet', items: items.slice(0, 2) },
        { code: 'H', title: 'Jäv', items: items.slice(2) },
      ],
    },
    answers: [answer('A1', 'uppfyllt'), answer('A2', null), answer('H3', null)],
    signOffs: [],
    requiredSignOffs: ['avtalscontroller', 'chef'],
    completeness: { complete: false, total: 3, answered: 1, missing: ['A2', 'H3'] },
    deviationsWithoutFinding: [],
    permissions: { canAnswer: true, canSignOff: false, canCreateFinding: true },
    influenceReports: [],
    ...over,
  };
}

describe('AuditRunPage', () => {
  let fixture: ComponentFixture<AuditRunPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;

  async function settle(): Promise<void> {
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
  }

  async function open(audit: AuditDetail): Promise<void> {
    TestBed.configureTestingModule({
      imports: [AuditRunPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        provideAuditIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const { me, rules } = demoAccount('controller');
    const restored = TestBed.inject(SessionService).restore();
    http.expectOne('/api/me').flush(me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await restored;
    fixture = TestBed.createComponent(AuditRunPage);
    fixture.componentRef.setInput('id', 'a1');
    fixture.detectChanges();
    http.expectOne('/api/audits/a1').flush(audit);
    await settle();
    http.expectOne((r) => r.url === '/api/findings').flush({ items: [] });
    await settle();
    // item H3 is not H28: no declarations are asked for
    http.expectNone('/api/audits/a1/declarations');
  }

  afterEach(() => http.verify());

  it('shows the sections, the progress and the class A sign-off rule', async () => {
    await open(detail());
    expect(el().querySelector('h1')?.textContent).toContain('Granskning: Städning av stadshuset');
    const h2 = [...el().querySelectorAll('h2')].map((h) => h.textContent?.trim());
    expect(h2).toContain('A. Identitet');
    expect(h2).toContain('H. Jäv');
    expect(el().textContent).toContain('1 av 3 kontrollpunkter besvarade');
    expect(
      el().querySelector('mat-progress-bar[data-testid=progress]')?.getAttribute('aria-valuenow'),
    ).toBe('33');
    expect(el().textContent).toContain('Klass A-avtal');
    expect(el().textContent).toContain('Kontrollpunkter utan svar (2):');
    // no sign-off button until the server allows it
    expect(
      [...el().querySelectorAll('button')].some((b) => b.textContent?.includes('Signera')),
    ).toBe(false);
  });

  it('counts a saved answer at once and says so politely', async () => {
    await open(detail());
    const status = el().querySelector('[data-testid=save-state]')!;
    expect(status.getAttribute('aria-live')).toBe('polite');
    const radio = [...el().querySelectorAll('[data-item="A2"] mat-radio-button')].find(
      (r) => r.textContent?.trim() === 'Ej tillämpligt',
    )!;
    radio.querySelector('input')!.click();
    await settle();
    expect(status.textContent).toContain('Sparar');
    http.expectOne('/api/audits/a1/answers/A2').flush(answer('A2', 'ej_tillampligt'));
    await settle();
    expect(status.textContent).toContain('Alla ändringar sparade');
    expect(el().textContent).toContain('2 av 3 kontrollpunkter besvarade');
  });

  it('asks the server again when the last answer is in, and then offers sign-off', async () => {
    await open(
      detail({ answers: [answer('A1', 'uppfyllt'), answer('A2', 'uppfyllt'), answer('H3', null)] }),
    );
    const radio = [...el().querySelectorAll('[data-item="H3"] mat-radio-button')].find(
      (r) => r.textContent?.trim() === 'Uppfyllt',
    )!;
    radio.querySelector('input')!.click();
    await settle();
    http.expectOne('/api/audits/a1/answers/H3').flush(answer('H3', 'uppfyllt'));
    await settle();
    http.expectOne('/api/audits/a1').flush(
      detail({
        answers: [answer('A1', 'uppfyllt'), answer('A2', 'uppfyllt'), answer('H3', 'uppfyllt')],
        permissions: { canAnswer: true, canSignOff: true, canCreateFinding: true },
      }),
    );
    await settle();
    const sign = [...el().querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Signera granskningen'),
    )!;
    sign.click();
    await settle();
    http
      .expectOne('/api/audits/a1/sign-off')
      .flush(
        { code: 'deviation_without_finding', status: 409, itemIds: ['A2'] },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(el().textContent).toContain('måste ha en registrerad avvikelse');
  });

  it('is read-only once signed', async () => {
    await open(
      detail({
        status: 'signerad',
        permissions: { canAnswer: false, canSignOff: false, canCreateFinding: false },
      }),
    );
    expect(el().textContent).toContain('Granskningen är signerad och kan inte längre ändras.');
    expect(el().querySelectorAll('input[type=file]').length).toBe(0);
  });
});
