import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of, throwError } from 'rxjs';
import { provideTranslocoTesting } from '../../testing/transloco';
import { provideIcons } from '../core/icons/icons';
import { provideReportIcons } from './report-icons';
import { draftKey, loadDraft } from './report-draft';
import { ReportFormComponent, type ReportChannel } from './report-form';
import { publicRequest, type ReportForm } from './report-form.model';
import type { IntakeUnit } from './report.models';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

const UNITS: IntakeUnit[] = [
  { id: 'u-root', name: 'Trafikförvaltningen', parentId: null, depth: 0 },
  { id: 'u-park', name: 'Parkering', parentId: 'u-root', depth: 1 },
];
const CONTACT = {
  name: 'Säkerhetsfunktionen',
  phone: '08-123 456 00',
  email: 'sakerhet@example.se',
};
const KEY = draftKey('spec');

describe('ReportFormComponent', () => {
  let fixture: ComponentFixture<ReportFormComponent>;
  let sent: ReportForm[];
  let uploads: string[];
  let finished: string[][] | null;
  let createError: unknown;

  const el = () => fixture.nativeElement as HTMLElement;
  const heading = () => el().querySelector('.step-heading')?.textContent?.trim();
  const button = (text: string) =>
    Array.from(el().querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => b.textContent?.trim() === text,
    ) as HTMLButtonElement;
  async function settle() {
    fixture.detectChanges();
    await fixture.whenStable();
    await tick();
    fixture.detectChanges();
  }
  const form = () => (fixture.componentInstance as unknown as { form: ReportForm }).form;

  const channel: ReportChannel = {
    mode: 'anonymous',
    draftKey: KEY,
    create: (f) => {
      sent.push(f);
      // an HttpErrorResponse, as HttpClient rejects with
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      if (createError) return Promise.reject(createError);
      return Promise.resolve({
        upload: (file: File) => {
          uploads.push(file.name);
          if (
            file.name === 'throttled.pdf' &&
            uploads.filter((n) => n === file.name).length === 1
          ) {
            return throwError(
              () =>
                new HttpErrorResponse({
                  status: 429,
                  error: { status: 429, code: 'too_many_requests', retryAfterSeconds: 0.05 },
                }),
            );
          }
          return file.name === 'fails.pdf'
            ? throwError(() => new Error('network'))
            : of(
                { kind: 'progress' as const, percent: 50 },
                {
                  kind: 'done' as const,
                  attachment: {
                    id: '1',
                    name: file.name,
                    mediaType: 'application/pdf',
                    size: 3,
                    createdAt: '',
                  },
                },
              );
        },
      });
    },
    finish: (failures) => {
      finished = [failures];
      return Promise.resolve();
    },
  };

  async function create() {
    fixture = TestBed.createComponent(ReportFormComponent);
    fixture.componentRef.setInput('channel', channel);
    fixture.componentRef.setInput('units', UNITS);
    fixture.componentRef.setInput('securityContact', CONTACT);
    document.body.appendChild(fixture.nativeElement as HTMLElement);
    await settle();
  }

  beforeEach(async () => {
    sessionStorage.clear();
    sent = [];
    uploads = [];
    finished = null;
    createError = null;
    TestBed.configureTestingModule({
      imports: [ReportFormComponent],
      providers: [
        provideRouter([]),
        provideTranslocoTesting(),
        provideIcons(),
        provideReportIcons(),
      ],
    });
    await create();
  });

  afterEach(() => (fixture.nativeElement as HTMLElement).remove());

  it('asks about acute danger first, and "yes" puts 112 and the security function first, focused', async () => {
    expect(heading()).toBe('Din säkerhet först');
    expect(el().querySelector('legend')?.textContent).toContain('Är du i akut fara just nu?');
    expect(el().querySelector('[role="alert"]')).toBeNull();

    form().controls.acuteDanger.setValue('yes');
    (fixture.componentInstance as unknown as { answeredDanger(a: string): void }).answeredDanger(
      'yes',
    );
    await settle();

    const alert = el().querySelector('#acute-help') as HTMLElement;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.querySelector('a[href="tel:112"]')).not.toBeNull();
    expect(alert.textContent).toContain('Säkerhetsfunktionen');
    expect(alert.querySelector('a[href="tel:08-123 456 00"]')).not.toBeNull();
    expect(document.activeElement).toBe(alert);
    // nothing else competes with it: no "Nästa" until the person chooses to continue
    expect(button('Nästa')).toBeUndefined();

    button('Jag är i säkerhet – fortsätt med rapporten').click();
    await settle();
    expect(heading()).toBe('Vad gäller det?');
    expect(document.activeElement).toBe(el().querySelector('.step-heading'));
  });

  it('does not move on before the question is answered, and says why', async () => {
    button('Nästa').click();
    await settle();
    expect(heading()).toBe('Din säkerhet först');
    expect(el().querySelector('#acute-error')?.textContent).toContain('Välj ett av alternativen.');
    expect(el().querySelector('mat-radio-group')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps what was typed in sessionStorage and offers it again in a new page', async () => {
    form().patchValue({ acuteDanger: 'no', track: 'paverkan', description: 'Hot i telefon' });
    button('Nästa').click();
    await settle();
    expect(loadDraft(KEY)?.value.description).toBe('Hot i telefon');
    expect(loadDraft(KEY)?.step).toBe(1);
    expect(localStorage.length).toBe(0);

    fixture.destroy();
    await create();
    expect(heading()).toBe('Vad gäller det?');
    expect(form().controls.description.value).toBe('Hot i telefon');
    expect(el().textContent).toContain('Vi har fyllt i det du skrev tidigare');

    button('Börja om').click();
    await settle();
    expect(form().controls.description.value).toBe('');
    expect(loadDraft(KEY)?.value.description).toBe('');
    expect(heading()).toBe('Din säkerhet först');
  });

  async function fillAndGoTo(step: string) {
    form().patchValue({
      acuteDanger: 'no',
      track: 'paverkan',
      category: 'hot',
      unitId: 'u-park',
      description: 'Hotad vid kontroll',
    });
    while (heading() !== step) {
      button('Nästa').click();
      await settle();
    }
  }
  const fillAndGoToSummary = () => fillAndGoTo('Granska och skicka');

  it('shows a summary, sends, uploads each file with progress and reports failed ones', async () => {
    const files = [
      new File(['%PDF'], 'ok.pdf', { type: 'application/pdf' }),
      new File(['%PDF'], 'fails.pdf', { type: 'application/pdf' }),
      new File(['MZ'], 'virus.exe'),
    ];
    (fixture.componentInstance as unknown as { files: { set(v: unknown): void } }).files.set(
      files.map((file) => ({ file, problem: file.name.endsWith('.exe') ? 'type' : null })),
    );
    await fillAndGoTo('Bilagor');
    // a file the API would refuse holds the step until it is removed
    expect(el().querySelector('.file-problem')?.textContent).toContain(
      'Den här filtypen kan inte tas emot.',
    );
    button('Nästa').click();
    await settle();
    expect(heading()).toBe('Bilagor');
    expect(document.activeElement).toBe(el().querySelector('.file-problem'));
    (el().querySelector('button[aria-label="Ta bort virus.exe"]') as HTMLButtonElement).click();
    await settle();
    await fillAndGoToSummary();
    expect(el().querySelector('dl.summary')?.textContent).toContain('Parkering');
    expect(el().querySelector('dl.summary')?.textContent).toContain('Hotad vid kontroll');
    expect(el().querySelector('dl.summary')?.textContent).toContain('2 fil(er)');

    button('Skicka rapporten').click();
    await settle();
    await settle();
    expect(sent.length).toBe(1);
    expect(publicRequest(sent[0]).unitId).toBe('u-park');
    expect(uploads).toEqual(['ok.pdf', 'fails.pdf']);
    expect(finished).toEqual([['fails.pdf']]);
    expect(loadDraft(KEY)).toBeNull();
  });

  it('waits as long as the throttle asks and sends the file again', async () => {
    const file = new File(['%PDF'], 'throttled.pdf', { type: 'application/pdf' });
    (fixture.componentInstance as unknown as { files: { set(v: unknown): void } }).files.set([
      { file, problem: null },
    ]);
    await fillAndGoToSummary();
    button('Skicka rapporten').click();
    await settle();
    expect(el().querySelector('.progress-area')?.textContent).toContain('Väntar');
    await new Promise((resolve) => setTimeout(resolve, 120));
    await settle();
    expect(uploads).toEqual(['throttled.pdf', 'throttled.pdf']);
    expect(finished).toEqual([[]]);
  });

  it('puts a server field error on the field, opens its step and keeps the input', async () => {
    await fillAndGoToSummary();
    createError = new HttpErrorResponse({
      status: 400,
      error: {
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'description', messages: ['description must be shorter'] }],
      },
    });
    button('Skicka rapporten').click();
    await settle();
    await settle();
    expect(heading()).toBe('Vad hände?');
    expect(document.activeElement).toBe(
      el().querySelector('textarea[formcontrolname="description"]'),
    );
    expect(form().controls.description.value).toBe('Hotad vid kontroll');
    expect(form().controls.description.hasError('server')).toBe(true);
    expect(el().textContent).toContain('Uppgiften godtogs inte');
    expect(el().textContent).toContain('Några uppgifter behöver rättas');
    expect(finished).toBeNull();
    expect(loadDraft(KEY)?.value.description).toBe('Hotad vid kontroll');
  });
});
