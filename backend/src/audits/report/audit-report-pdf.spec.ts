import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CHECKLIST_TEMPLATE } from '../domain/checklist-template';
import {
  AUDIT_REPORT_TITLE,
  auditReportDocument,
  renderAuditReport,
  type AuditReportInput,
} from './audit-report-pdf';

const at = (iso: string) => new Date(iso);

/** A signed class A audit of the default template with one closed and one open finding. */
function sampleReport(over: Partial<AuditReportInput> = {}): AuditReportInput {
  const deviations = new Set(['B8', 'H28']);
  return {
    audit: {
      status: 'signerad',
      startedAt: at('2026-02-10T08:15:00Z'),
      startedByName: 'Cecilia Controller',
      completedOn: '2026-02-24',
    },
    contract: {
      title: 'Vinterväghållning innerstaden',
      diarienummer: 'TN 2024-01234',
      unitName: 'Drift och underhåll',
      followUpClass: 'A',
      startDate: '2024-10-01',
      endDate: '2028-04-30',
    },
    supplier: { name: 'Snöröjning Öst AB', organisationNumber: '556677-8899' },
    checklist: { title: DEFAULT_CHECKLIST_TEMPLATE.title, version: 1 },
    sections: DEFAULT_CHECKLIST_TEMPLATE.sections.map((s) => ({
      code: s.code,
      title: s.title,
      items: s.items.map((i) => ({
        id: i.id,
        number: i.number,
        text: i.text,
        answer: deviations.has(i.id)
          ? 'avvikelse'
          : i.number === 13
            ? 'ej_tillampligt'
            : 'uppfyllt',
        note:
          i.id === 'B8'
            ? 'Två av fem personer på plats saknade ID06-kort vid kontrollen på Götgatan.'
            : i.number % 3 === 0
              ? 'Stämt av mot underlaget; inga anmärkningar.'
              : null,
        checkedOn: '2026-02-12',
        answeredByName: 'Cecilia Controller',
        attachments: i.id === 'B8' ? ['personalliggare-götgatan.jpg'] : [],
      })),
    })),
    findings: [
      {
        itemId: 'B8',
        itemNumber: 8,
        itemText: 'Personalliggare och ID06 på arbetsplatsen',
        severity: 'vasentlig',
        status: 'stangd',
        description: 'Två personer utan ID06-kort och utan anteckning i personalliggaren.',
        evidence: 'Foto av personalliggaren 2026-02-12.',
        createdAt: at('2026-02-12T13:00:00Z'),
        createdByName: 'Cecilia Controller',
        closedAt: at('2026-02-23T10:00:00Z'),
        riskLinked: true,
        actions: [
          {
            title: 'Leverantören inför daglig kontroll av ID06 vid arbetsstart',
            ownerName: 'Åsa Åtgärdsansvarig',
            dueDate: '2026-02-20',
            status: 'verifierad',
            overdue: false,
            supplierResponse: 'Arbetsledaren kontrollerar ID06 varje morgon och signerar listan.',
            decision: 'varning',
            decisionBy: 'Avdelningschef Drift',
            decidedOn: '2026-02-13',
            verifiedAt: at('2026-02-23T10:00:00Z'),
            verifiedByName: 'Cecilia Controller',
          },
        ],
      },
      {
        itemId: 'H28',
        itemNumber: 28,
        itemText: 'Jäv och påverkansförsök',
        severity: 'allvarlig',
        status: 'oppen',
        description: 'Leverantörens platschef erbjöd kontrollanten middag i samband med besöket.',
        evidence: null,
        createdAt: at('2026-02-12T14:00:00Z'),
        createdByName: 'Cecilia Controller',
        closedAt: null,
        riskLinked: false,
        actions: [
          {
            title: 'Leverantören redovisar sin policy mot otillbörlig påverkan',
            ownerName: 'Åsa Åtgärdsansvarig',
            dueDate: '2026-02-19',
            status: 'oppen',
            overdue: true,
            supplierResponse: null,
            decision: 'anmalan_polis',
            decisionBy: 'Förvaltningsdirektör',
            decidedOn: '2026-02-14',
            verifiedAt: null,
            verifiedByName: null,
          },
        ],
      },
    ],
    influenceReports: [{ itemId: 'H28', itemNumber: 28, recordedAt: at('2026-02-12T14:10:00Z') }],
    signOffs: [
      {
        role: 'avtalscontroller',
        name: 'Cecilia Controller',
        signedAt: at('2026-02-24T09:00:00Z'),
      },
      { role: 'chef', name: 'Cornelia Chef', signedAt: at('2026-02-24T15:30:00Z') },
    ],
    requiredSignOffs: ['avtalscontroller', 'chef'],
    generatedAt: at('2026-03-02T08:00:00Z'),
    generatedByName: 'Cecilia Controller',
    ...over,
  };
}

function textOf(doc: unknown): string {
  return JSON.stringify(doc);
}

describe('audit report document', () => {
  it('is pure: the same input gives the same definition', () => {
    const a = auditReportDocument(sampleReport());
    const b = auditReportDocument(sampleReport());
    expect(textOf(a)).toBe(textOf(b));
  });

  it('has the Swedish headings, every item, the findings with actions, decisions and sign-offs', () => {
    const text = textOf(auditReportDocument(sampleReport()));
    for (const h of [
      AUDIT_REPORT_TITLE,
      'Avtal och leverantör',
      'Sammanfattning',
      'Svar per avsnitt',
      'Avvikelser och åtgärder',
      'Rapporterade påverkansförsök',
      'Signering',
      'Snöröjning Öst AB',
      'Checklista för avtalsuppföljning, version 1',
      'Leverantörens svar: Arbetsledaren',
      'Varning 2026-02-13, beslutat av Avdelningschef Drift',
      'Polisanmälan',
      'Försenad',
      'Chef för avtalets enhet',
    ])
      expect(text).toContain(h);
    for (const s of DEFAULT_CHECKLIST_TEMPLATE.sections)
      for (const i of s.items) expect(text).toContain(JSON.stringify(i.text).slice(1, -1));
    expect(text).not.toContain('UTKAST');
  });

  it('marks an unsigned audit as a draft and lists the missing sign-off', () => {
    const text = textOf(
      auditReportDocument(
        sampleReport({
          audit: { ...sampleReport().audit, status: 'klar' },
          signOffs: [sampleReport().signOffs[0]],
        }),
      ),
    );
    expect(text).toContain('UTKAST');
    expect(text).toContain('Inte signerad');
  });

  it('renders a PDF (and writes it for a look when AUDIT_REPORT_OUT is set)', async () => {
    const pdf = await renderAuditReport(sampleReport());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const out = process.env['AUDIT_REPORT_OUT'];
    if (!out) return;
    // a look by hand: pdftotext and pdftoppm -png on the written file
    const path = join(out, 'report.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Rapport från avtalsuppföljning');
  });
});
