import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTranslocoTesting } from '../../testing/transloco';
import { provideIcons } from '../core/icons/icons';
import { GiftGuide, type GuideFollowUp } from './gift-guide';
import type { GiftGuideEvaluationDto, GuideQuestionDto } from './gifts.service';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

const question = (id: string, number: number, text: string): GuideQuestionDto => ({
  id,
  number,
  text,
  help: `Hjälp till fråga ${number}.`,
  yes: { flags: [] },
  no: { flags: [] },
});
const Q0 = question('pengar', 0, 'Är det pengar?');
const Q1 = question('givaren_har_intresse', 1, 'Har givaren ett ärende hos dig?');
const Q2 = question('deltar_i_hanteringen', 2, 'Deltar du i hanteringen?');

function incomplete(
  next: GuideQuestionDto,
  path: GiftGuideEvaluationDto['path'],
): GiftGuideEvaluationDto {
  return {
    version: 1,
    complete: false,
    outcome: null,
    outcomeText: null,
    reasons: [],
    path,
    flags: [],
    followUps: null,
    next,
  };
}
const step = (q: GuideQuestionDto, answer: 'yes' | 'no') => ({
  question: q.id,
  number: q.number,
  text: q.text,
  answer,
});
const C: GiftGuideEvaluationDto = {
  version: 1,
  complete: true,
  outcome: 'C',
  outcomeText: { title: 'Tacka nej och rapportera', text: 'Tacka vänligt men bestämt nej.' },
  reasons: [
    { question: Q1.id, number: 1, answer: 'yes', text: 'Givaren har ett intresse hos dig.' },
    { question: Q2.id, number: 2, answer: 'yes', text: 'Du deltar i hanteringen.' },
  ],
  path: [step(Q0, 'no'), step(Q1, 'yes'), step(Q2, 'yes')],
  flags: ['giver_has_interest'],
  followUps: { giftRegister: true, influenceReport: true },
  next: null,
};

describe('GiftGuide', () => {
  let fixture: ComponentFixture<GiftGuide>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    [...el().querySelectorAll('button')].find((b) => b.textContent?.includes(text))!;

  async function expectEvaluate(answers: Record<string, string>, reply: GiftGuideEvaluationDto) {
    const req = http.expectOne('/api/gift-guide/evaluate');
    expect(req.request.body).toEqual({ answers });
    req.flush(reply);
    await tick();
    await fixture.whenStable();
    await tick();
  }

  async function choose(answer: 'Ja' | 'Nej'): Promise<void> {
    const radio = [...el().querySelectorAll('mat-radio-button')].find((r) =>
      r.textContent?.includes(answer),
    );
    radio!.querySelector('input')!.click();
    await fixture.whenStable();
    button('Nästa fråga').click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [GiftGuide],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GiftGuide);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('asks one question at a time in a fieldset, moves focus to it, and goes back', async () => {
    button('Starta gåvoguiden').click();
    await expectEvaluate({}, incomplete(Q0, []));
    const legend = el().querySelector('fieldset legend h3')!;
    expect(legend.textContent).toContain('Fråga 1:');
    expect(legend.textContent).toContain('Är det pengar?');
    expect(document.activeElement).toBe(legend);
    const group = el().querySelector('mat-radio-group')!;
    expect(group.getAttribute('aria-describedby')).toContain('help-pengar');
    // no choice: told so, nothing sent
    button('Nästa fråga').click();
    await fixture.whenStable();
    expect(el().querySelector('#choice-error')?.textContent).toContain('Välj Ja eller Nej');
    http.expectNone('/api/gift-guide/evaluate');

    await choose('Nej');
    await expectEvaluate({ pengar: 'no' }, incomplete(Q1, [step(Q0, 'no')]));
    expect(el().querySelector('fieldset legend h3')?.textContent).toContain('Fråga 2:');
    expect(el().querySelector('ol.answers')?.textContent).toContain('Är det pengar?');

    button('Tillbaka').click();
    await expectEvaluate({}, incomplete(Q0, []));
    expect(el().querySelector('fieldset legend h3')?.textContent).toContain('Är det pengar?');
  });

  it('announces the outcome with its reasons and offers the report and the register for C with an interest', async () => {
    const reported: GuideFollowUp[] = [];
    const registered: GuideFollowUp[] = [];
    fixture.componentRef.instance.report.subscribe((f) => reported.push(f));
    fixture.componentRef.instance.register.subscribe((f) => registered.push(f));
    const input = (name: string) => el().querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    input('giverName').value = 'Byggbolaget AB';
    input('giverName').dispatchEvent(new Event('input'));
    input('description').value = 'Konsertbiljett';
    input('description').dispatchEvent(new Event('input'));
    await fixture.whenStable();
    button('Starta gåvoguiden').click();
    await expectEvaluate({}, incomplete(Q0, []));
    await choose('Nej');
    await expectEvaluate({ pengar: 'no' }, incomplete(Q1, [step(Q0, 'no')]));
    await choose('Ja');
    await expectEvaluate(
      { pengar: 'no', givaren_har_intresse: 'yes' },
      incomplete(Q2, [step(Q0, 'no'), step(Q1, 'yes')]),
    );
    await choose('Ja');
    await expectEvaluate(
      { pengar: 'no', givaren_har_intresse: 'yes', deltar_i_hanteringen: 'yes' },
      C,
    );

    const live = el().querySelector('[aria-live="polite"]')!;
    const heading = live.querySelector('h3')!;
    expect(heading.textContent).toContain('Utfall C:');
    expect(heading.textContent).toContain('Tacka nej och rapportera');
    expect(document.activeElement).toBe(heading);
    expect(live.textContent).toContain('Givaren har ett intresse hos dig.');
    expect(live.textContent).toContain('Du deltar i hanteringen.');

    button('Rapportera som möjligt påverkansförsök').click();
    button('Registrera i gåvoregistret').click();
    expect(reported).toHaveLength(1);
    expect(registered).toHaveLength(1);
    expect(reported[0].answers).toEqual({
      pengar: 'no',
      givaren_har_intresse: 'yes',
      deltar_i_hanteringen: 'yes',
    });
    expect(reported[0].offer).toMatchObject({
      giverName: 'Byggbolaget AB',
      description: 'Konsertbiljett',
    });
  });

  it('offers only the register for B', async () => {
    button('Starta gåvoguiden').click();
    await expectEvaluate(
      {},
      {
        ...C,
        outcome: 'B',
        outcomeText: {
          title: 'Rådgör med chef och registrera i gåvoregistret',
          text: 'Tala med din chef.',
        },
        path: [],
        reasons: [],
        flags: [],
        followUps: { giftRegister: true, influenceReport: false },
      },
    );
    expect(button('Registrera i gåvoregistret')).toBeTruthy();
    expect(button('Rapportera som möjligt påverkansförsök')).toBeUndefined();
  });
});
