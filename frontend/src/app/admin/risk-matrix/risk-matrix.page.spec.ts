import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { demoAccount } from '../../../testing/abilities';
import { provideTranslocoTesting } from '../../../testing/transloco';
import { createAppAbility } from '../../core/auth/ability';
import { SessionService } from '../../core/auth/session.service';
import { provideIcons } from '../../core/icons/icons';
import { RiskMatrixPage, textColourOn } from './risk-matrix.page';
import type { RiskBand, RiskMatrixDto, RiskMatrixTemplateDto } from './risk-matrix.service';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

const BANDS: RiskMatrixDto['bands'] = [
  ['lag', 'Låg', '#2e7d32', 'grön', 365],
  ['medel', 'Medel', '#f9a825', 'gul', 180],
  ['hog', 'Hög', '#ef6c00', 'orange', 90],
  ['mycket_hog', 'Mycket hög', '#c62828', 'röd', 90],
].map(([band, label, colour, colourName, days]) => ({
  band: band as RiskBand,
  label: label as string,
  colour: colour as string,
  colourName: colourName as string,
  guidance: `Vägledning ${label as string}`,
  reviewIntervalDays: days as number,
}));

/** A n×n matrix banded by score like the default. */
function matrix(n: number): Omit<RiskMatrixDto, 'version' | 'createdAt'> {
  const levels = (name: string) =>
    Array.from({ length: n }, (_, i) => ({
      level: i + 1,
      label: `${name} ${i + 1}`,
      description: `Beskrivning ${i + 1}`,
    }));
  const band = (s: number): RiskBand =>
    s <= 4 ? 'lag' : s <= 9 ? 'medel' : s <= 16 ? 'hog' : 'mycket_hog';
  return {
    likelihood: levels('S'),
    consequence: levels('K'),
    bands: BANDS,
    cells: Array.from({ length: n * n }, (_, i) => {
      const likelihood = Math.floor(i / n) + 1;
      const consequence = (i % n) + 1;
      return {
        likelihood,
        consequence,
        score: likelihood * consequence,
        band: band(likelihood * consequence),
      };
    }),
    maxConsequenceFloor: 'medel',
  };
}
const V1: RiskMatrixDto = { version: 1, createdAt: '2026-01-01T08:00:00Z', ...matrix(5) };
const TEMPLATES: RiskMatrixTemplateDto[] = [
  { size: '5x5', ...matrix(5) },
  { size: '4x4', ...matrix(4) },
];

describe('RiskMatrixPage', () => {
  let fixture: ComponentFixture<RiskMatrixPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;

  async function open(account: 'admin' | 'chef'): Promise<void> {
    TestBed.configureTestingModule({
      imports: [RiskMatrixPage],
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
    const { me, rules } = demoAccount(account);
    const restored = TestBed.inject(SessionService).restore();
    http.expectOne('/api/me').flush(me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await restored;
    fixture = TestBed.createComponent(RiskMatrixPage);
    fixture.detectChanges();
    http.expectOne('/api/risk-matrix').flush(V1);
    http
      .expectOne('/api/risk-matrix/versions')
      .flush([{ version: 1, createdAt: V1.createdAt, likelihoodLevels: 5, consequenceLevels: 5 }]);
    await settle();
  }

  async function settle(): Promise<void> {
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  it('shows the matrix as a table, highest likelihood first, each cell with score and band name', async () => {
    await open('chef');
    const rows = [...el().querySelectorAll('table.matrix tbody tr')];
    expect(rows).toHaveLength(5);
    expect(rows[0].querySelector('th')?.textContent).toContain('S 5');
    const top = rows[0].querySelectorAll('td');
    expect(top[4].textContent).toContain('25');
    expect(top[4].textContent).toContain('Mycket hög');
    expect(el().querySelectorAll('table.matrix thead th[scope="col"]')).toHaveLength(5);
    expect(el().querySelector('.legend')?.textContent).toContain('röd');
  });

  it('offers no editing to a manager', async () => {
    await open('chef');
    const buttons = [...el().querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).not.toContain('Ändra riskmatrisen');
    expect(el().querySelector('select')).toBeNull();
  });

  it('lets an administrator edit, shows the cells the server refused in text, and keeps the edits', async () => {
    await open('admin');
    const edit = [...el().querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Ändra riskmatrisen',
    )!;
    edit.click();
    http.expectOne('/api/risk-matrix/templates').flush(TEMPLATES);
    await settle();

    const select = el().querySelector<HTMLSelectElement>('#cell-4-4')!;
    expect(select.getAttribute('aria-label')).toContain('sannolikhet 4');
    select.value = 'medel';
    select.dispatchEvent(new Event('change'));
    await settle();
    [...el().querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Spara som ny version')!
      .click();
    const put = http.expectOne({ method: 'PUT', url: '/api/risk-matrix' });
    const sent = put.request.body as { baseVersion: number; cells: string[][] };
    expect(sent.baseVersion).toBe(1);
    expect(sent.cells[3][3]).toBe('medel');
    put.flush(
      {
        type: 'x',
        title: 'Bad Request',
        status: 400,
        code: 'matrix_not_monotone',
        cells: [
          {
            likelihood: 4,
            consequence: 4,
            band: 'medel',
            reason: 'matrix_not_monotone',
            lowerThan: { likelihood: 3, consequence: 4, band: 'hog' },
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    const alert = el().querySelector('#save-problem')!.textContent ?? '';
    expect(alert).toContain('sannolikhet 4 (S 4) × konsekvens 4 (K 4)');
    expect(alert).toContain('Hög');
    const after = el().querySelector<HTMLSelectElement>('#cell-4-4')!;
    expect(after.value).toBe('medel');
    expect(after.getAttribute('aria-invalid')).toBe('true');
    expect(after.closest('td')?.textContent).toContain('Fel');
  });

  it('on edit_conflict offers to fetch the newest version and then builds on it', async () => {
    await open('admin');
    [...el().querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Ändra riskmatrisen')!
      .click();
    http.expectOne('/api/risk-matrix/templates').flush(TEMPLATES);
    await settle();
    [...el().querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Spara som ny version')!
      .click();
    http
      .expectOne({ method: 'PUT', url: '/api/risk-matrix' })
      .flush(
        { status: 409, code: 'edit_conflict', detail: 'Version 2 finns.' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    const reload = [...el().querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Hämta den senaste versionen'),
    )!;
    expect(reload).toBeDefined();
    reload.click();
    http.expectOne('/api/risk-matrix').flush({ ...V1, version: 2 });
    http.expectOne('/api/risk-matrix/versions').flush([]);
    await settle();
    expect(el().textContent).toContain('blir version 3');
    [...el().querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Spara som ny version')!
      .click();
    const put = http.expectOne({ method: 'PUT', url: '/api/risk-matrix' });
    expect((put.request.body as { baseVersion: number }).baseVersion).toBe(2);
    put.flush({ ...V1, version: 3 });
    await tick();
    http.expectOne('/api/risk-matrix/versions').flush([]);
    await settle();
  });

  it('picks black or white text for enough contrast on each band colour', () => {
    expect(textColourOn('#2e7d32')).toBe('#ffffff');
    expect(textColourOn('#f9a825')).toBe('#000000');
    expect(textColourOn('#ef6c00')).toBe('#000000');
    expect(textColourOn('#c62828')).toBe('#ffffff');
  });
});
