import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { BehaviorSubject } from 'rxjs';
import { demoAccount } from '../../testing/abilities';
import { DEMO_UNITS } from '../../testing/demo-abilities.generated';
import { dashboardFixture } from '../../testing/dashboard';
import { provideTranslocoTesting } from '../../testing/transloco';
import { createAppAbility } from '../core/auth/ability';
import { SessionService } from '../core/auth/session.service';
import { provideIcons } from '../core/icons/icons';
import { DashboardPage, incidentBars, riskTrendRows, unitChoices } from './dashboard.page';
import type { DashboardDto } from './dashboard.service';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('DashboardPage', () => {
  let fixture: ComponentFixture<DashboardPage>;
  let http: HttpTestingController;
  let params: BehaviorSubject<ReturnType<typeof convertToParamMap>>;
  const el = () => fixture.nativeElement as HTMLElement;
  const text = () => el().textContent?.replace(/\s+/g, ' ') ?? '';

  async function settle(): Promise<void> {
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function open(dto: DashboardDto | null, query: Record<string, string> = {}) {
    params = new BehaviorSubject(convertToParamMap(query));
    fixture = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne('/api/units').flush(DEMO_UNITS);
    const req = http.expectOne((r) => r.url === '/api/dashboard');
    if (dto) req.flush(dto);
    await settle();
    return req;
  }

  function button(name: RegExp): HTMLButtonElement {
    const found = Array.from(el().querySelectorAll('button')).find((b) =>
      name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
    );
    if (!found) throw new Error(`no button ${name}`);
    return found;
  }

  async function signInAs(name: 'chef' | 'controller'): Promise<void> {
    const { me, rules } = demoAccount(name);
    const restored = TestBed.inject(SessionService).restore();
    http.expectOne('/api/me').flush(me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await restored;
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [DashboardPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
        { provide: ActivatedRoute, useFactory: () => ({ queryParamMap: params }) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs('chef');
  });

  afterEach(() => http.verify());

  it('shows the band counts, and each heatmap cell with its count and band name', async () => {
    await open(dashboardFixture());
    expect(el().querySelector('h1')?.textContent).toContain('Översikt');
    const tiles = Array.from(el().querySelectorAll('.band-tiles li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(tiles).toEqual(['2 Mycket hög', '0 Hög', '0 Medel', '3 Låg', '4 Ej bedömd']);
    const red = button(/^2 risker, sannolikhet 5, konsekvens 5, Mycket hög$/);
    expect(red.textContent).toContain('2');
    expect(red.textContent).toContain('Mycket hög');
    expect(red.disabled).toBe(false);
    // an empty cell cannot be chosen
    expect(button(/^0 risker, sannolikhet 4, konsekvens 4,/).disabled).toBe(true);
    expect(text()).toContain('4 risker är inte bedömda');
  });

  it('opens the risk register filtered to a cell, for the unit shown', async () => {
    await open(dashboardFixture());
    const router = TestBed.inject(Router);
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    button(/sannolikhet 5, konsekvens 5/).click();
    expect(navigate).toHaveBeenCalledWith(['/risker'], {
      queryParams: { unitId: 'unit-parkering', kind: 'residual', likelihood: 5, consequence: 5 },
    });
  });

  it('shows every chart as a table on request', async () => {
    await open(dashboardFixture());
    const toggles = Array.from(el().querySelectorAll('mat-button-toggle-group'));
    expect(toggles.length).toBe(3);
    for (const group of toggles) {
      const table = Array.from(group.querySelectorAll('button')).find(
        (b) => b.textContent?.trim() === 'Tabell',
      );
      table?.click();
      await settle();
    }
    const captions = Array.from(el().querySelectorAll('table caption')).map((c) =>
      c.textContent?.trim(),
    );
    expect(captions).toContain('Riskutveckling, åtta kvartal');
    expect(captions).toContain('Rapporterade händelser, åtta kvartal');
    expect(captions.some((c) => c?.startsWith('Riskkarta för Parkering'))).toBe(true);
    // the heatmap table links the cell with risks to the register
    const link = el().querySelector<HTMLAnchorElement>('table a[href*="likelihood=5"]');
    expect(link?.getAttribute('href')).toContain('consequence=5');
    expect(link?.textContent?.trim()).toBe('2');
  });

  it('shows a suppressed quarter as "< 5" or "skyddat", never as a number, in the chart and the table', async () => {
    await open(dashboardFixture());
    const chart = el().querySelector('.incident-chart');
    expect(chart?.getAttribute('aria-label')).toContain('2025-Q3: < 5');
    expect(chart?.textContent).toContain('< 5');
    const group = el().querySelectorAll('mat-button-toggle-group')[2];
    Array.from(group.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Tabell')
      ?.click();
    await settle();
    const row = Array.from(el().querySelectorAll('tr')).find((r) =>
      r.textContent?.includes('2025-Q3'),
    );
    expect(row?.querySelector('td')?.textContent?.trim()).toBe('< 5');
    // a quarter hidden to protect a small count elsewhere says so, and is not called "< 5"
    const protectedRow = Array.from(el().querySelectorAll('tr')).find((r) =>
      r.textContent?.includes('2026-Q2'),
    );
    expect(protectedRow?.querySelector('td')?.textContent?.trim()).toBe('skyddat');
    expect(text()).toContain('”skyddat” betyder');
  });

  it('lists top risks, overdue actions and contracts due, and says what an empty list means', async () => {
    await open(dashboardFixture());
    expect(text()).toContain('Påtryckningar mot parkeringsvakter');
    expect(text()).toContain('5 × 5 = 25');
    expect(text()).toContain('Visar 1 av 5.');
    expect(text()).toContain('46 dagar sen');
    // a corrective action of a follow-up audit opens the findings of the follow-up
    const corrective = Array.from(el().querySelectorAll('a')).find(
      (a) => a.textContent?.trim() === 'Begär in personalliggare',
    );
    expect(corrective?.getAttribute('href')).toBe('/uppfoljning/avvikelser');
    expect(text()).toContain('Korrigerande åtgärd');
    expect(text()).toContain('Bevakning av parkeringshus');
    expect(text()).toContain('Inom 30 dagar');
    // the chef may read the follow-up audits: the plan is linked
    expect(el().querySelector('a[href="/uppfoljning"]')?.textContent).toContain(
      'Öppna uppföljningsplanen',
    );
    expect(text()).toContain('Alla accepterade risker har giltiga beslut.');
  });

  it('shows no incident trend to a reader without incident statistics (a controller)', async () => {
    await signInAs('controller');
    await open(dashboardFixture({ incidentTrend: [], incidentTrendOmitted: 'not_readable' }));
    expect(text()).toContain('Riskutveckling, åtta kvartal');
    expect(text()).not.toContain('Rapporterade händelser');
    expect(el().querySelectorAll('mat-button-toggle-group').length).toBe(2);
  });

  it('says why there are no incidents for a unit below department level', async () => {
    await open(dashboardFixture({ incidentTrend: [], incidentTrendOmitted: 'below_department' }));
    expect(text()).toContain('Rapporterade händelser, åtta kvartal');
    expect(text()).toContain('Händelser räknas per avdelning');
    expect(el().querySelector('.incident-chart')).toBeNull();
  });

  it('explains what to do when the unit has no risks', async () => {
    const empty = dashboardFixture();
    empty.bandCounts = empty.bandCounts.map((b) => ({ ...b, count: 0 }));
    await open(empty);
    expect(text()).toContain('Inga risker är registrerade för Parkering och trafikövervakning');
    expect(text()).toContain('Öppna riskregistret');
  });

  it('loads the unit of the address, and shows a server error with its translated code', async () => {
    const req = await open(null, { enhet: 'unit-okand' });
    expect(req.request.params.get('unitId')).toBe('unit-okand');
    expect(el().querySelector('mat-progress-bar')).not.toBeNull();
    req.flush({ status: 404, code: 'not_found' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(el().querySelector('mat-progress-bar')).toBeNull();
    expect(text()).toContain('Det du söker finns inte längre');
    // the way back: the default unit, without the unit of the address
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    button(/Visa din egen enhet/).click();
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { enhet: null }, replaceUrl: true });
  });

  it('generates the committee report, then offers the file as a download link', async () => {
    await open(dashboardFixture());
    const createUrl = vi.fn(() => 'blob:report');
    const revoke = vi.fn();
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: createUrl, revokeObjectURL: revoke }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    button(/Skapa rapporten/).click();
    await settle();
    expect(text()).toContain('Rapporten skapas på servern');
    const req = http.expectOne((r) => r.url === '/api/committee-report');
    expect(req.request.params.get('unitId')).toBe('unit-parkering');
    expect(req.request.params.get('from')).toBe('2026-01-01');
    expect(req.request.params.get('to')).toBe('2026-11-30');
    expect(req.request.params.get('format')).toBe('pdf');
    req.flush(new Blob(['%PDF-1.7']), {
      headers: { 'Content-Disposition': 'attachment; filename="namndrapport-p.pdf"' },
    });
    await settle();
    expect(createUrl).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
    const link = el().querySelector<HTMLAnchorElement>('[data-testid="report-link"]');
    expect(link?.getAttribute('href')).toBe('blob:report');
    expect(link?.getAttribute('download')).toBe('namndrapport-p.pdf');
    expect(text()).toContain('Rapporten är klar: namndrapport-p.pdf');
    click.mockRestore();
    vi.unstubAllGlobals();
  });

  it('shows a refused report with the translated code and keeps the form', async () => {
    await open(dashboardFixture());
    button(/Skapa rapporten/).click();
    await settle();
    http
      .expectOne((r) => r.url === '/api/committee-report')
      .flush(
        new Blob([
          JSON.stringify({
            status: 400,
            code: 'validation_failed',
            errors: [{ field: 'to', messages: ['period_too_long'] }],
          }),
        ]),
        {
          status: 400,
          statusText: 'Bad Request',
        },
      );
    // the problem is read out of the blob (asynchronously) before it is shown
    await vi.waitFor(async () => {
      await settle();
      expect(text()).toContain('Några uppgifter behöver rättas.');
    });
    // the field's code in words, with the field's name
    expect(text()).toContain('Till och med: perioden får vara högst tre år.');
    expect(el().querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled).toBe(false);
  });

  it('refuses a period that ends before it starts, without asking the server', async () => {
    await open(dashboardFixture());
    const from = el().querySelector<HTMLInputElement>('[data-testid="report-from"]');
    if (!from) throw new Error('no from field');
    from.value = '2026-12-24';
    from.dispatchEvent(new Event('input'));
    from.dispatchEvent(new Event('blur'));
    await settle();
    button(/Skapa rapporten/).click();
    await settle();
    expect(text()).toContain('Från-datumet ligger efter till-datumet.');
    http.expectNone((r) => r.url === '/api/committee-report');
  });

  it('refuses a period that begins after today or lasts more than three years', async () => {
    await open(dashboardFixture());
    const field = (name: 'from' | 'to') => {
      const input = el().querySelector<HTMLInputElement>(`[data-testid="report-${name}"]`);
      if (!input) throw new Error(`no ${name} field`);
      return input;
    };
    const type = async (name: 'from' | 'to', value: string) => {
      field(name).value = value;
      field(name).dispatchEvent(new Event('input'));
      field(name).dispatchEvent(new Event('blur'));
      await settle();
    };
    await type('to', '2026-12-31');
    await type('from', '2026-12-01'); // the server's today is 2026-11-30
    button(/Skapa rapporten/).click();
    await settle();
    expect(text()).toContain('Perioden kan inte börja efter i dag.');
    await type('from', '2023-12-30');
    button(/Skapa rapporten/).click();
    await settle();
    expect(text()).toContain('Perioden får vara högst tre år.');
    http.expectNone((r) => r.url === '/api/committee-report');
    // exactly three years is allowed
    await type('from', '2023-12-31');
    button(/Skapa rapporten/).click();
    await settle();
    const req = http.expectOne((r) => r.url === '/api/committee-report');
    expect(req.request.params.get('from')).toBe('2023-12-31');
    expect(req.request.params.get('to')).toBe('2026-12-31');
    req.flush(new Blob(['%PDF']));
    await settle();
  });
});

describe('unitChoices', () => {
  const parkering = { id: 'unit-parkering', name: 'Parkering och trafikövervakning' };

  it('offers each scope with the units below it, indented from the scope', () => {
    const choices = unitChoices([parkering], parkering, DEMO_UNITS);
    expect(choices[0]).toEqual({ ...parkering, level: 0 });
    expect(choices.length).toBeGreaterThan(1);
    const below = choices.slice(1);
    expect(below.every((c) => c.level >= 1)).toBe(true);
    const paths = new Map(DEMO_UNITS.map((u) => [u.id, u.path]));
    for (const c of below) expect(paths.get(c.id)).toMatch(/^\/unit-root\/unit-parkering\//);
    expect(choices.map((c) => c.id)).not.toContain('unit-root');
  });

  it('offers a scope the organisation list lacks, and always the unit shown', () => {
    const choices = unitChoices([{ id: 'unit-x', name: 'X' }], { id: 'unit-y', name: 'Y' }, []);
    expect(choices).toEqual([
      { id: 'unit-y', name: 'Y', level: 0 },
      { id: 'unit-x', name: 'X', level: 0 },
    ]);
  });
});

describe('dashboard charts', () => {
  it('shows suppressed incident quarters as "< k" or "skyddat", never their count', () => {
    const bars = incidentBars(
      [
        { quarter: '2026-Q1', count: 12, suppressed: false },
        { quarter: '2026-Q2', count: null, suppressed: true, belowK: true },
        { quarter: '2026-Q3', count: null, suppressed: true, belowK: false },
        { quarter: '2026-Q4', count: 0, suppressed: false },
      ],
      5,
      'skyddat',
    );
    expect(bars.map((b) => b.text)).toEqual(['12', '< 5', 'skyddat', '0']);
    expect(bars.map((b) => b.value)).toEqual([12, null, null, 0]);
    expect(bars.map((b) => b.protected)).toEqual([false, false, true, false]);
  });

  it('puts every band of the risk trend on one scale, "ej bedömd" a row of its own', () => {
    const { rows, max } = riskTrendRows([
      { quarter: '2026-Q1', lag: 1, medel: 2, hog: 3, mycket_hog: 9, ej_bedomd: 4 },
      { quarter: '2026-Q2', lag: 0, medel: 2, hog: 3, mycket_hog: 7, ej_bedomd: 5 },
    ]);
    expect(max).toBe(9);
    expect(rows.map((r) => r.band)).toEqual(['mycket_hog', 'hog', 'medel', 'lag', 'ej_bedomd']);
    expect(rows[4].bars.map((b) => b.text)).toEqual(['4', '5']);
  });
});
