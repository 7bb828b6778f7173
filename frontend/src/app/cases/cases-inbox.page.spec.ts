import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { ActivatedRoute, provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { BehaviorSubject } from 'rxjs';
import { demoAccount } from '../../testing/abilities';
import { caseDetail } from '../../testing/cases';
import { provideTranslocoTesting } from '../../testing/transloco';
import { createAppAbility } from '../core/auth/ability';
import { SessionService } from '../core/auth/session.service';
import { provideIcons } from '../core/icons/icons';
import { provideCaseIcons } from './case-icons';
import { CasesInboxPage } from './cases-inbox.page';
import { CasesService } from './cases.service';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('CasesInboxPage', () => {
  let fixture: ComponentFixture<CasesInboxPage>;
  let http: HttpTestingController;
  const params = new BehaviorSubject<Record<string, string>>({});
  const el = () => fixture.nativeElement as HTMLElement;

  async function settle(): Promise<void> {
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  beforeEach(async () => {
    params.next({ track: 'visselblasning', deadline: 'overdue', status: 'bogus' });
    TestBed.configureTestingModule({
      imports: [CasesInboxPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        provideCaseIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
        { provide: ActivatedRoute, useValue: { queryParams: params } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const { me, rules } = demoAccount('handlaggare');
    const restored = TestBed.inject(SessionService).restore();
    http.expectOne('/api/me').flush(me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await restored;
    fixture = TestBed.createComponent(CasesInboxPage);
    fixture.detectChanges();
    http.expectOne('/api/units').flush([]);
  });

  afterEach(() => {
    http.verify();
    TestBed.inject(CasesService).items.set([]);
  });

  it('loads the filters of the URL, pages with the cursor and shows deadlines in words', async () => {
    const first = http.expectOne((r) => r.url === '/api/cases');
    expect(first.request.params.get('track')).toBe('visselblasning');
    expect(first.request.params.get('deadline')).toBe('overdue');
    expect(first.request.params.has('status')).toBe(false);
    expect(first.request.params.has('after')).toBe(false);
    first.flush({
      items: [caseDetail({ deadlineState: 'overdue', nextDueOn: '2026-11-20' })],
      nextCursor: 'cursor-1',
    });
    await settle();
    // the date's hyphens do not break (U+2011), so the cell wraps before the date
    expect(el().textContent?.replace(/\u2011/g, '-')).toContain(
      'Försenad – skulle vara klar 2026-11-20',
    );
    expect(el().textContent).toContain('Det finns fler.');

    [...el().querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Visa fler')!
      .click();
    const next = http.expectOne((r) => r.url === '/api/cases');
    expect(next.request.params.get('after')).toBe('cursor-1');
    expect(next.request.params.get('track')).toBe('visselblasning');
    next.flush({
      items: [caseDetail({ id: 'c2', reference: 'VRN-2026-00043' })],
      nextCursor: null,
    });
    await settle();
    expect(el().querySelectorAll('tbody tr')).toHaveLength(2);
    expect(
      [...el().querySelectorAll('button')].some((b) => b.textContent?.includes('Visa fler')),
    ).toBe(false);
  });

  it('says what to do when the filters match nothing', async () => {
    http.expectOne((r) => r.url === '/api/cases').flush({ items: [], nextCursor: null });
    await settle();
    expect(el().textContent).toContain('Inga ärenden matchar filtren. Ändra eller rensa filtren.');
  });
});
