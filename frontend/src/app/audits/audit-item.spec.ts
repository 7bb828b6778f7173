import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideTranslocoTesting } from '../../testing/transloco';
import { provideAppDates } from '../core/i18n/date-adapter';
import { provideIcons } from '../core/icons/icons';
import { provideAuditIcons } from './audit-icons';
import { AuditItem, evidenceFileProblem, type SaveState } from './audit-item';
import type { AnswerDto, ChecklistItemDto } from './audits.models';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

const ITEM: ChecklistItemDto = {
  id: 'B8',
  number: 8,
  text: 'Skatteskulder hos Kronofogden',
  guidance: 'Kontrollera skulder hos Kronofogden.',
  evidence: 'Utdrag från Kronofogden.',
};

const EMPTY: AnswerDto = {
  itemId: 'B8',
  answer: null,
  note: '',
  checkedOn: null,
  version: 0,
  updatedBy: null,
  attachments: [],
};

describe('AuditItem', () => {
  let fixture: ComponentFixture<AuditItem>;
  let http: HttpTestingController;
  const saved: AnswerDto[] = [];
  const states: SaveState[] = [];
  const el = () => fixture.nativeElement as HTMLElement;
  const url = '/api/audits/a1/answers/B8';

  async function settle(): Promise<void> {
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
  }

  function button(text: string): HTMLButtonElement {
    const b = [...el().querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
    if (!b) throw new Error(`no button ${text}`);
    return b;
  }

  function radio(label: string): HTMLInputElement {
    const r = [...el().querySelectorAll('mat-radio-button')].find(
      (x) => x.textContent?.trim() === label,
    );
    return r!.querySelector('input')!;
  }

  beforeEach(async () => {
    saved.length = 0;
    states.length = 0;
    TestBed.configureTestingModule({
      imports: [AuditItem],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        provideAuditIcons(),
        provideAppDates(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AuditItem);
    fixture.componentRef.setInput('auditId', 'a1');
    fixture.componentRef.setInput('item', ITEM);
    fixture.componentRef.setInput('answer', { ...EMPTY, version: 3, answer: 'uppfyllt' });
    fixture.componentInstance.saved.subscribe((a) => saved.push(a));
    fixture.componentInstance.stateChange.subscribe((s) => states.push(s));
    await settle();
  });

  afterEach(() => http.verify());

  it('shows the question, its guidance and expected evidence in a disclosure, and the four answers', () => {
    expect(el().querySelector('h3')?.textContent).toContain('8. Skatteskulder hos Kronofogden');
    const details = el().querySelector('details')!;
    expect(details.querySelector('summary')?.textContent).toContain('Vägledning');
    expect(details.textContent).toContain('Utdrag från Kronofogden.');
    const labels = [...el().querySelectorAll('mat-radio-button')].map((r) => r.textContent?.trim());
    expect(labels).toEqual(['Uppfyllt', 'Avvikelse', 'Ej tillämpligt', 'Ej kontrollerat']);
    expect(radio('Uppfyllt').checked).toBe(true);
  });

  it('saves an answer at once with the version it was read at', async () => {
    radio('Avvikelse').click();
    await settle();
    const req = http.expectOne(url);
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({
      answer: 'avvikelse',
      note: '',
      checkedOn: null,
      version: 3,
    });
    expect(states).toContain('saving');
    req.flush({
      ...EMPTY,
      answer: 'avvikelse',
      version: 4,
      updatedBy: { id: 'u', name: 'Cecilia' },
    });
    await settle();
    expect(saved.at(-1)?.version).toBe(4);
    expect(states.at(-1)).toBe('saved');
    // the next change goes with the new version
    const note = el().querySelector('textarea')!;
    note.value = 'Skuld 120 000 kr';
    note.dispatchEvent(new Event('input'));
    note.dispatchEvent(new Event('blur'));
    await settle();
    const next = http.expectOne(url);
    expect(next.request.body).toMatchObject({ note: 'Skuld 120 000 kr', version: 4 });
    next.flush({ ...EMPTY, answer: 'avvikelse', note: 'Skuld 120 000 kr', version: 5 });
    await settle();
  });

  it('on 409 edit_conflict shows both values, and "Spara min version" saves over the stored version', async () => {
    radio('Avvikelse').click();
    await settle();
    http.expectOne(url).flush(
      {
        code: 'edit_conflict',
        status: 409,
        current: {
          answer: 'ej_kontrollerat',
          note: 'Utdrag saknas',
          checkedOn: '2026-11-20',
          version: 5,
          updatedBy: { id: 'u2', name: 'Kalle Kontroll' },
          updatedAt: '2026-11-20T10:00:00Z',
        },
        yours: { answer: 'avvikelse', note: '', checkedOn: null },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    const conflict = el().querySelector('.conflict')!;
    expect(conflict.getAttribute('role')).toBe('alert');
    expect(conflict.textContent).toContain('Kalle Kontroll sparade den här kontrollpunkten');
    expect(conflict.textContent).toContain('Ej kontrollerat');
    expect(conflict.textContent).toContain('Utdrag saknas');
    expect(conflict.textContent).toContain('Avvikelse');
    expect(states.at(-1)).toBe('conflict');

    button('Spara min version').click();
    await settle();
    const retry = http.expectOne(url);
    expect(retry.request.body).toEqual({
      answer: 'avvikelse',
      note: '',
      checkedOn: null,
      version: 5,
    });
    retry.flush({ ...EMPTY, answer: 'avvikelse', version: 6 });
    await settle();
    expect(el().querySelector('.conflict')).toBeNull();
    expect(saved.at(-1)?.version).toBe(6);
  });

  it('"Behåll den andras version" takes the stored values without saving anything', async () => {
    radio('Avvikelse').click();
    await settle();
    http.expectOne(url).flush(
      {
        code: 'edit_conflict',
        current: {
          answer: 'ej_kontrollerat',
          note: 'Utdrag saknas',
          checkedOn: null,
          version: 5,
          updatedBy: { id: 'u2', name: 'Kalle Kontroll' },
          updatedAt: '2026-11-20T10:00:00Z',
        },
        yours: { answer: 'avvikelse', note: '', checkedOn: null },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    button('Behåll den andras version').click();
    await settle();
    http.expectNone(url);
    expect(el().querySelector('.conflict')).toBeNull();
    expect(radio('Ej kontrollerat').checked).toBe(true);
    expect(el().querySelector('textarea')!.value).toBe('Utdrag saknas');
    expect(saved.at(-1)).toMatchObject({ answer: 'ej_kontrollerat', version: 5 });
  });

  it("shows any other error as a problem and keeps the user's answer", async () => {
    radio('Ej tillämpligt').click();
    await settle();
    http
      .expectOne(url)
      .flush({ code: 'audit_signed', status: 409 }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(el().textContent).toContain('Granskningen är signerad och kan inte ändras.');
    expect(el().querySelector('.conflict')).toBeNull();
    expect(radio('Ej tillämpligt').checked).toBe(true);
    expect(states.at(-1)).toBe('failed');
  });

  it('is read-only when the audit is signed', async () => {
    fixture.componentRef.setInput('readOnly', true);
    await settle();
    expect(el().querySelector('input[type=file]')).toBeNull();
    expect(radio('Avvikelse').disabled).toBe(true);
  });

  it('checks evidence files before sending them', () => {
    const file = (name: string, size: number) => new File([new Uint8Array(size)], name);
    expect(evidenceFileProblem(file('foto.PNG', 10))).toBeNull();
    expect(evidenceFileProblem(file('protokoll.pdf', 10))).toBeNull();
    expect(evidenceFileProblem(file('makro.docm', 10))).toBe('type');
    expect(evidenceFileProblem(file('tom.jpg', 0))).toBe('empty');
    expect(evidenceFileProblem(file('stor.jpg', 10 * 1024 * 1024 + 1))).toBe('size');
  });
});
