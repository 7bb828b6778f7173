import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuditsService } from './audits.service';

describe('AuditsService (the audits API contract)', () => {
  let http: HttpTestingController;
  let api: AuditsService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(AuditsService);
  });

  afterEach(() => http.verify());

  it('asks for the plan of a month and a unit, leaving out an empty unit', async () => {
    const plan = api.plan({ from: '2026-11-01', to: '2026-11-30', unitId: '' });
    const req = http.expectOne((r) => r.url === '/api/audit-plan');
    expect(req.request.params.get('from')).toBe('2026-11-01');
    expect(req.request.params.get('to')).toBe('2026-11-30');
    expect(req.request.params.has('unitId')).toBe(false);
    req.flush({ items: [], today: '2026-11-30' });
    expect((await plan).today).toBe('2026-11-30');
  });

  it('starts an audit and saves one answer with its version', async () => {
    const started = api.start({ contractId: 'c1', checklistId: 'k1', kind: 'adhoc' });
    const post = http.expectOne('/api/audits');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ contractId: 'c1', checklistId: 'k1', kind: 'adhoc' });
    post.flush({ id: 'a 1' });
    await started;

    const saved = api.answer('a 1', 'H28', {
      answer: 'uppfyllt',
      note: '',
      checkedOn: '2026-11-30',
      version: 2,
    });
    const put = http.expectOne('/api/audits/a%201/answers/H28');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      answer: 'uppfyllt',
      note: '',
      checkedOn: '2026-11-30',
      version: 2,
    });
    put.flush({ itemId: 'H28', version: 3 });
    expect((await saved).version).toBe(3);
  });

  it('uploads evidence as multipart `file` with progress', () => {
    const events: string[] = [];
    api
      .uploadEvidence('a1', 'D15', new File(['x'], 'foto.png', { type: 'image/png' }))
      .subscribe((e) => events.push(e.kind));
    const req = http.expectOne('/api/audits/a1/answers/D15/attachments');
    expect(req.request.body).toBeInstanceOf(FormData);
    expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
    expect(req.request.reportProgress).toBe(true);
    req.flush({ id: 'f1', fileName: 'foto.png', contentType: 'image/png', size: 1 });
    expect(events).toEqual(['done']);
  });

  it('finds findings by audit, status or own actions (mine=true)', () => {
    void api.findings({ auditId: 'a1' });
    void api.findings({ status: 'stangd' });
    void api.findings({ mine: 'true' });
    const reqs = http.match((r) => r.url === '/api/findings');
    expect(reqs.map((r) => r.request.params.toString())).toEqual([
      'auditId=a1',
      'status=stangd',
      'mine=true',
    ]);
    reqs.forEach((r) => r.flush({ items: [] }));
  });

  it('creates findings and actions, patches an action with its version, verifies and links risk', () => {
    void api.createFinding('a1', { itemId: 'D15', severity: 'vasentlig', description: 'd' });
    http.expectOne('/api/audits/a1/findings').flush({});
    void api.addAction('f1', { title: 't', ownerId: 'u1', dueDate: '2026-12-31' });
    http.expectOne('/api/findings/f1/actions').flush({});
    void api.updateAction('x1', { status: 'atgardad', version: 4 });
    const patch = http.expectOne('/api/corrective-actions/x1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ status: 'atgardad', version: 4 });
    patch.flush({});
    void api.verify('f1', 'x1');
    const verify = http.expectOne('/api/findings/f1/verify');
    expect(verify.request.body).toEqual({ actionId: 'x1' });
    verify.flush({});
    void api.linkRisk('f1', { likelihood: 4, consequence: 5 });
    const risk = http.expectOne('/api/findings/f1/risk');
    expect(risk.request.body).toEqual({ likelihood: 4, consequence: 5 });
    risk.flush({ riskId: 'r1' });
  });

  it('signs off, records an influence report and names the report and contract routes', () => {
    void api.signOff('a1');
    const sign = http.expectOne('/api/audits/a1/sign-off');
    expect(sign.request.body).toEqual({});
    sign.flush({});
    void api.recordInfluenceReport('a1', 'H28');
    expect(http.expectOne('/api/audits/a1/influence-reports').request.body).toEqual({
      itemId: 'H28',
    });
    void api.followUp('c1');
    http.expectOne('/api/contracts/c1/follow-up').flush({});
    void api.declarations('a1');
    http.expectOne('/api/audits/a1/declarations').flush({ items: [] });
    expect(api.reportUrl('a1')).toBe('/api/audits/a1/report.pdf');
    expect(api.attachmentUrl('a1', 'f/1')).toBe('/api/audits/a1/attachments/f%2F1');
  });
});
