import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { of } from 'rxjs';
import { provideTranslocoTesting } from '../../testing/transloco';
import { provideIcons } from '../core/icons/icons';
import { provideReportIcons } from './report-icons';
import { ReportView, type ReportViewActions } from './report-view';
import type { ReporterMessage, ReporterReportView } from './report.models';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

const REPORT: ReporterReportView = {
  reference: 'VRN-2026-00042',
  track: 'visselblasning',
  category: 'korruptionsforsok',
  status: 'bekraftad',
  receivedAt: '2026-11-02T09:00:00.000Z',
  acknowledgementDueAt: '2026-11-09',
  feedbackDueAt: '2027-02-04',
  acknowledgedAt: '2026-11-04T10:00:00.000Z',
  feedbackGivenAt: null,
  closedAt: null,
  description: 'Erbjudande om presentkort',
  messages: [
    {
      id: 'm1',
      from: 'handler',
      body: 'Kan du berätta mer?',
      createdAt: '2026-11-04T10:00:00.000Z',
    },
  ],
  attachments: [],
};

describe('ReportView', () => {
  let fixture: ComponentFixture<ReportView>;
  let answer: () => Promise<ReporterMessage>;
  const el = () => fixture.nativeElement as HTMLElement;
  const actions: ReportViewActions = {
    sendMessage: () => answer(),
    upload: () => of(),
  };
  async function settle() {
    fixture.detectChanges();
    await fixture.whenStable();
    await tick();
    fixture.detectChanges();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ReportView],
      providers: [provideTranslocoTesting(), provideIcons(), provideReportIcons()],
    });
    fixture = TestBed.createComponent(ReportView);
    fixture.componentRef.setInput('report', REPORT);
    fixture.componentRef.setInput('actions', actions);
    await settle();
  });

  it('states status and deadlines in words, and the thread without handler names', () => {
    const text = el().textContent ?? '';
    expect(text).toContain('Bekräftad');
    expect(text).toContain('Handläggaren har bekräftat att rapporten tagits emot.');
    expect(text).toContain('Bekräftelse på att rapporten tagits emot: skickad 4 november 2026.');
    expect(text).toContain('Du ska få återkoppling om vad som görs senast 4 februari 2027.');
    expect(el().querySelector('ol.thread li.theirs')?.textContent).toContain('Handläggaren');
    expect(el().querySelector('.disclosure')).toBeNull();
  });

  it('says when and to whom the identity was disclosed', async () => {
    fixture.componentRef.setInput('disclosures', [
      { to: 'Karin Ek', at: '2026-11-20T12:00:00.000Z' },
    ]);
    await settle();
    expect(el().querySelector('.disclosure')?.textContent).toContain(
      'Din identitet har lämnats ut till Karin Ek 20 november 2026.',
    );
  });

  it('adds a sent reply to the thread and announces it; a failed one keeps the text', async () => {
    const box = el().querySelector('textarea') as HTMLTextAreaElement;
    box.value = 'Han ringde igen';
    box.dispatchEvent(new Event('input'));
    // HttpClient rejects with an HttpErrorResponse
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    answer = () => Promise.reject(new HttpErrorResponse({ status: 0 }));
    (el().querySelector('form.reply button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    expect(box.value).toBe('Han ringde igen');
    expect(el().textContent).toContain('Det gick inte att nå servern');

    answer = () =>
      Promise.resolve({
        id: 'm2',
        from: 'reporter',
        body: 'Han ringde igen',
        createdAt: '2026-11-05T08:00:00.000Z',
      });
    (el().querySelector('form.reply button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    expect(el().querySelectorAll('ol.thread li').length).toBe(2);
    expect(el().querySelector('ol.thread li.mine')?.textContent).toContain('Han ringde igen');
    expect(box.value).toBe('');
    expect(el().querySelector('mat-error')).toBeNull();
    expect(el().querySelector('[role="status"]')?.textContent).toContain('Meddelandet är skickat.');
  });

  it('offers no reply box once the case is closed', async () => {
    fixture.componentRef.setInput('report', {
      ...REPORT,
      status: 'avslutad',
      closedAt: '2027-01-10',
    });
    await settle();
    expect(el().querySelector('form.reply')).toBeNull();
    expect(el().textContent).toContain('Ärendet avslutades 10 januari 2027.');
  });
});
