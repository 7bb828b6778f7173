import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { dashboardFixture } from '../../testing/dashboard';
import { toProblem } from '../core/errors/problem';
import { DashboardService, blobText, fileNameOf } from './dashboard.service';

describe('DashboardService', () => {
  let http: HttpTestingController;
  let service: DashboardService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(DashboardService);
  });

  afterEach(() => http.verify());

  it('asks for the default unit without a unitId, and for the chosen one with it', async () => {
    const first = service.get();
    const req = http.expectOne((r) => r.url === '/api/dashboard');
    expect(req.request.params.keys()).toEqual([]);
    req.flush(dashboardFixture());
    expect((await first).unit.id).toBe('unit-parkering');

    const second = service.get('unit-stab');
    http
      .expectOne((r) => r.url === '/api/dashboard' && r.params.get('unitId') === 'unit-stab')
      .flush(dashboardFixture({ unit: { id: 'unit-stab', name: 'Stab' } }));
    expect((await second).unit.name).toBe('Stab');
  });

  it('fetches the committee report as a file named by the server', async () => {
    const pending = service.committeeReport({
      unitId: 'unit-parkering',
      from: '2026-01-01',
      to: '2026-11-30',
      format: 'pdf',
    });
    const req = http.expectOne((r) => r.url === '/api/committee-report');
    expect(req.request.responseType).toBe('blob');
    expect(req.request.params.get('unitId')).toBe('unit-parkering');
    expect(req.request.params.get('from')).toBe('2026-01-01');
    expect(req.request.params.get('to')).toBe('2026-11-30');
    expect(req.request.params.get('format')).toBe('pdf');
    req.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition':
          'attachment; filename="namndrapport-parkering-2026-01-01-2026-11-30.pdf"',
      },
    });
    const file = await pending;
    expect(file.name).toBe('namndrapport-parkering-2026-01-01-2026-11-30.pdf');
    expect(file.type).toBe('application/pdf');
    expect(await blobText(file.blob)).toBe('%PDF-1.7');
  });

  it("reads a failed report's problem+json out of the blob, so its code can be translated", async () => {
    const pending = service.committeeReport({
      unitId: 'unit-parkering',
      from: '2026-12-01',
      to: '2026-01-01',
      format: 'xlsx',
    });
    http
      .expectOne((r) => r.url === '/api/committee-report')
      .flush(
        new Blob(
          [JSON.stringify({ status: 400, code: 'validation_failed', detail: 'from > to' })],
          {
            type: 'application/problem+json',
          },
        ),
        { status: 400, statusText: 'Bad Request' },
      );
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(toProblem(error)).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('falls back to the status code when the error body is not JSON', async () => {
    const pending = service.committeeReport({
      unitId: 'unit-x',
      from: '2026-01-01',
      to: '2026-02-01',
      format: 'pdf',
    });
    http
      .expectOne((r) => r.url === '/api/committee-report')
      .flush(new Blob(['<html>']), { status: 404, statusText: 'Not Found' });
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(toProblem(error).code).toBe('not_found');
  });
});

describe('fileNameOf', () => {
  it('prefers the UTF-8 name, then the plain one, then the fallback', () => {
    expect(
      fileNameOf(
        `attachment; filename="namndrapport.pdf"; filename*=UTF-8''n%C3%A4mnd.pdf`,
        'x.pdf',
      ),
    ).toBe('nämnd.pdf');
    expect(fileNameOf('attachment; filename="a-b.xlsx"', 'x.pdf')).toBe('a-b.xlsx');
    expect(fileNameOf('attachment; filename=a.pdf', 'x.pdf')).toBe('a.pdf');
    expect(fileNameOf(null, 'x.pdf')).toBe('x.pdf');
  });
});
