import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { png } from '../../testing/file-fixtures';
import {
  answer,
  auditContract,
  auditWorld,
  DEFAULT_ITEMS,
  startAudit,
  type AuditWorld,
} from '../../testing/audit-world';
import { pdfText } from '../../testing/pdf-text';
import { describeEachEngine, TestApp } from '../../testing/test-app';

const squash = (s: string) => s.replace(/\s+/g, '');

describeEachEngine('Audit report (PDF)', (engine) => {
  let t: TestApp;
  let w: AuditWorld;
  beforeAll(async () => {
    t = await TestApp.start(engine);
    w = await auditWorld(t);
  });
  afterAll(() => t.stop());

  const download = (agent: AuditWorld['controller']['agent'], auditId: string) =>
    agent
      .get(`/api/audits/${auditId}/report.pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  it('a Swedish report: contract, supplier, checklist version, answers with notes, findings, actions with decisions, sign-offs', async () => {
    const contract = await auditContract(w);
    const audit = await startAudit(w, contract.id);
    await answer(
      w.controller.agent,
      audit.id,
      'D15',
      'avvikelse',
      'Två av fem personer saknade ID06-kort vid kontrollen på Götgatan.',
    );
    await w.controller.agent
      .post(`/api/audits/${audit.id}/answers/D15/attachments`)
      .attach('file', png(), 'foto.png')
      .expect(201);
    for (const id of DEFAULT_ITEMS.filter((x) => x !== 'D15'))
      await answer(
        w.controller.agent,
        audit.id,
        id,
        id === 'C13' ? 'ej_tillampligt' : 'uppfyllt',
        id === 'A1' ? 'Registreringsbevis från Bolagsverket.' : '',
      );
    const finding = (
      await w.controller.agent
        .post(`/api/audits/${audit.id}/findings`)
        .send({
          itemId: 'D15',
          severity: 'allvarlig',
          description: 'Personer utan ID06 och utan anteckning i personalliggaren.',
        })
        .expect(201)
    ).body as { id: string };
    await w.controller.agent
      .post(`/api/findings/${finding.id}/actions`)
      .send({
        title: 'Daglig ID06-kontroll vid arbetsstart',
        ownerId: w.owner.user.id,
        dueDate: '2026-03-31',
        decision: 'vite',
        decisionBy: 'Avdelningschef Drift',
        decidedOn: '2026-03-02',
      })
      .expect(201);
    await w.controller.agent
      .post(`/api/audits/${audit.id}/influence-reports`)
      .send({ itemId: 'H28' })
      .expect(201);

    // before sign-off: a draft
    const draft = await download(w.chefA.agent, audit.id).expect(200);
    expect(draft.headers['content-type']).toBe('application/pdf');
    expect(draft.headers['content-disposition']).toMatch(
      /^attachment; filename="granskning-.*\.pdf"$/,
    );
    expect(squash(pdfText(draft.body as Buffer))).toContain(
      squash('UTKAST – granskningen är inte signerad'),
    );

    await w.controller.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200);
    await w.chefA.agent.post(`/api/audits/${audit.id}/sign-off`).send({}).expect(200);
    const res = await download(w.auditor.agent, audit.id).expect(200);
    const pdf = res.body as Buffer;
    if (process.env['AUDIT_REPORT_OUT'])
      writeFileSync(join(process.env['AUDIT_REPORT_OUT'], `report-${engine}.pdf`), pdf);
    const text = squash(pdfText(pdf));
    for (const s of [
      'Rapport från avtalsuppföljning',
      'Avtal och leverantör',
      contract.title,
      contract.diarienummer,
      'Checklista för avtalsuppföljning, version 1',
      'Svar per avsnitt',
      'Två av fem personer saknade ID06-kort vid kontrollen på Götgatan.',
      'Registreringsbevis från Bolagsverket.',
      'Ej tillämpligt',
      'Bilagor: 1 bild',
      'Avvikelser och åtgärder',
      'Personer utan ID06 och utan anteckning i personalliggaren.',
      'Daglig ID06-kontroll vid arbetsstart',
      'Beslut: Vite 2026-03-02, beslutat av Avdelningschef Drift',
      'Åsa Åtgärdsansvarig',
      'Rapporterade påverkansförsök',
      'rapport gjord från punkt 28',
      'Signering',
      'Cecilia Controller',
      'Cornelia Chef',
      'Chef för avtalets enhet',
    ])
      expect(text).toContain(squash(s));
    expect(text).not.toContain('UTKAST');
    // readers only; the download is audit-logged
    await download(w.controllerB.agent, audit.id).expect(404);
    await download(w.owner.agent, audit.id).expect(403);
    const actions = (await t.auditEntries({ objectId: audit.id })).map((e) => e.action);
    expect(actions.filter((a) => a === 'contract_audit.report_downloaded')).toHaveLength(2);
  });
});
