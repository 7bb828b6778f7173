import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTranslocoTesting } from '../../testing/transloco';
import { provideIcons } from '../core/icons/icons';
import { GiftRulesPage, stepTarget } from './gift-rules.page';
import type { GiftGuideRulesDto } from './gifts.service';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

const RULES: GiftGuideRulesDto = {
  version: 3,
  createdAt: '2026-11-01T08:00:00.000Z',
  start: 'pengar',
  questions: [
    {
      id: 'pengar',
      number: 0,
      text: 'Är det pengar?',
      help: 'Pengar tas aldrig emot.',
      yes: { outcome: 'C', reason: 'Aldrig pengar.', flags: [] },
      no: { next: 'resa', flags: [] },
    },
    {
      id: 'resa',
      number: 4,
      text: 'Gäller det resa eller nöje?',
      help: 'Till exempel konsertbiljetter.',
      yes: { outcome: 'B', reason: 'Chefen tar ställning.', flags: [] },
      no: { outcome: 'A', reason: 'Får tas emot.', flags: [] },
    },
  ],
  outcomes: {
    A: { title: 'Får tas emot', text: 'A-text' },
    B: { title: 'Rådgör med chef', text: 'B-text' },
    C: { title: 'Tacka nej och rapportera', text: 'C-text' },
    D: { title: 'Ta emot för stadens räkning', text: 'D-text' },
  },
};

describe('GiftRulesPage', () => {
  let fixture: ComponentFixture<GiftRulesPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [GiftRulesPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GiftRulesPage);
    http.expectOne('/api/gift-guide').flush(RULES);
    await tick();
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('names where each answer leads as one value', () => {
    expect(stepTarget({ outcome: 'C', reason: 'x' })).toBe('o:C');
    expect(stepTarget({ next: 'resa' })).toBe('q:resa');
  });

  it('edits texts and where an answer leads, and saves the whole rule set on its base version', async () => {
    expect(el().querySelectorAll('fieldset legend')[0].textContent).toContain('Fråga 0');
    const text = el().querySelector<HTMLTextAreaElement>('textarea[name="resa-text"]')!;
    text.value = 'Gäller det resa, nöje eller evenemang?';
    text.dispatchEvent(new Event('input'));
    (
      fixture.componentInstance as unknown as {
        setTarget(q: unknown, a: string, v: string): void;
        draft(): GiftGuideRulesDto;
      }
    ).setTarget(fixture.componentInstance['draft']()!.questions[1], 'yes', 'o:C');
    await fixture.whenStable();
    el().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await tick();
    const req = http.expectOne('/api/gift-guide/rules');
    expect(req.request.method).toBe('PUT');
    const body = req.request.body as {
      baseVersion: number;
      questions: GiftGuideRulesDto['questions'];
    };
    expect(body.baseVersion).toBe(3);
    expect(body.questions[1].text).toBe('Gäller det resa, nöje eller evenemang?');
    expect(body.questions[1].yes).toMatchObject({ outcome: 'C', reason: 'Chefen tar ställning.' });
    expect(body.questions[1].yes.next).toBeUndefined();
    req.flush(
      {
        type: 'x',
        title: 'Bad Request',
        status: 400,
        code: 'validation_failed',
        detail: 'Reglerna är inte giltiga.',
        errors: [{ field: 'questions.resa', messages: ['unreachable_question'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await tick();
    await fixture.whenStable();
    expect(el().textContent).toContain('Fråga 4: frågan kan inte nås från första frågan');
  });
});
