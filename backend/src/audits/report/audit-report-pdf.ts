import { dirname, join } from 'node:path';
import pdfmake, {
  type Content,
  type ContentTable,
  type ContentText,
  type DocumentDefinition,
} from 'pdfmake';
import type { AuditAnswer } from '../domain/audit-answers';
import {
  AUDIT_ANSWER_LABELS_SV,
  CORRECTIVE_ACTION_STATUS_LABELS_SV,
  FINDING_DECISION_LABELS_SV,
  FINDING_SEVERITY_LABELS_SV,
  FINDING_STATUS_LABELS_SV,
} from '../domain/audits.labels.sv';
import type {
  CorrectiveActionStatus,
  FindingDecision,
  FindingSeverity,
  FindingStatus,
} from '../domain/findings';

/** Everything the audit report shows, read and checked by AuditReportService. */
export interface AuditReportInput {
  audit: {
    status: 'pagaende' | 'klar' | 'signerad';
    startedAt: Date;
    startedByName: string | null;
    completedOn: string | null;
  };
  contract: {
    title: string;
    diarienummer: string;
    unitName: string;
    followUpClass: string;
    startDate: string | null;
    endDate: string | null;
  };
  supplier: { name: string; organisationNumber: string };
  checklist: { title: string; version: number };
  sections: Array<{
    code: string;
    title: string;
    items: Array<{
      id: string;
      number: number;
      text: string;
      answer: AuditAnswer | null;
      note: string | null;
      checkedOn: string | null;
      answeredByName: string | null;
      attachments: string[];
    }>;
  }>;
  findings: Array<{
    itemId: string;
    itemNumber: number | null;
    itemText: string;
    severity: FindingSeverity;
    status: FindingStatus;
    description: string;
    evidence: string | null;
    createdAt: Date;
    createdByName: string | null;
    closedAt: Date | null;
    riskLinked: boolean;
    actions: Array<{
      title: string;
      ownerName: string | null;
      dueDate: string;
      status: CorrectiveActionStatus;
      overdue: boolean;
      supplierResponse: string | null;
      decision: FindingDecision | null;
      decisionBy: string | null;
      decidedOn: string | null;
      verifiedAt: Date | null;
      verifiedByName: string | null;
    }>;
  }>;
  influenceReports: Array<{ itemId: string; itemNumber: number | null; recordedAt: Date }>;
  signOffs: Array<{ role: 'avtalscontroller' | 'chef'; name: string | null; signedAt: Date }>;
  requiredSignOffs: Array<'avtalscontroller' | 'chef'>;
  generatedAt: Date;
  generatedByName: string | null;
}

export const AUDIT_REPORT_TITLE = 'Rapport från avtalsuppföljning';

const AUDIT_STATUS_SV: Record<AuditReportInput['audit']['status'], string> = {
  pagaende: 'Pågående – alla punkter är inte besvarade eller signerade',
  klar: 'Klar – väntar på signering',
  signerad: 'Signerad',
};

const SIGN_OFF_ROLE_SV: Record<'avtalscontroller' | 'chef', string> = {
  avtalscontroller: 'Avtalscontroller',
  chef: 'Chef för avtalets enhet',
};

const MARGIN = 50;
const CONTENT_BOTTOM = 841.89 - MARGIN;
const MUTED = '#444444';
/** Light cell fill for a deviation's answer; the answer is also written out in bold. */
const DEVIATION_FILL = '#fbe3e3';
const HEAD_FILL = '#eeeeee';

const TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const time = (d: Date | null) => (d ? TIME.format(d) : '–');
const date = (d: Date | null) => (d ? DATE.format(d) : '–');
const orDash = (s: string | null | undefined) => (s && s.trim() ? s : '–');

/**
 * The report as a pdfmake document: pure (the same input gives the same definition), Swedish,
 * A4. Sections: facts about contract, supplier and checklist; a summary of the answers; every
 * answer per section with its note, date checked and evidence files; the findings with their
 * corrective actions, decisions and verification; influence-attempt reports (item H28, only that
 * one was made); the sign-offs, required ones that are missing included.
 */
export function auditReportDocument(input: AuditReportInput): DocumentDefinition {
  const c = input.contract;
  const a = input.audit;
  const body: Content[] = [
    { text: AUDIT_REPORT_TITLE, style: 'title' },
    { text: c.title, style: 'subtitle' },
    {
      text: `Upprättad ${time(input.generatedAt)}${input.generatedByName ? ` av ${input.generatedByName}` : ''}. Status: ${AUDIT_STATUS_SV[a.status]}.`,
      style: 'lead',
    },
  ];
  if (a.status !== 'signerad')
    body.push({
      text: 'UTKAST – granskningen är inte signerad. Uppgifterna kan ändras.',
      style: 'draft',
    });

  body.push(
    heading('Avtal och leverantör'),
    factTable([
      ['Avtal', c.title],
      ['Diarienummer', c.diarienummer],
      ['Leverantör', input.supplier.name],
      ['Organisationsnummer', input.supplier.organisationNumber],
      ['Ansvarig enhet', c.unitName],
      ['Uppföljningsklass', c.followUpClass],
      ['Avtalsperiod', `${c.startDate ?? '–'} – ${c.endDate ?? '–'}`],
    ]),
    heading('Granskningen'),
    factTable([
      ['Checklista', `${input.checklist.title}, version ${input.checklist.version}`],
      ['Påbörjad', `${time(a.startedAt)}${a.startedByName ? ` av ${a.startedByName}` : ''}`],
      ['Slutförd', a.completedOn ?? 'Inte slutförd'],
    ]),
    heading('Sammanfattning'),
    summaryTable(input),
  );

  body.push(heading('Svar per avsnitt'));
  for (const s of input.sections) {
    body.push(
      { text: `${s.code}. ${s.title}`, style: 'h3', headlineLevel: 1 },
      answersTable(s.items),
    );
  }

  body.push(heading('Avvikelser och åtgärder'));
  if (!input.findings.length)
    body.push({ text: 'Inga avvikelser är registrerade i granskningen.', style: 'muted' });
  input.findings.forEach((f, i) => body.push(...findingBlock(f, i + 1)));

  body.push(heading('Rapporterade påverkansförsök'));
  if (!input.influenceReports.length)
    body.push({ text: 'Inga påverkansförsök har rapporterats från granskningen.', style: 'muted' });
  else
    body.push(
      {
        text: 'Påverkansförsök har rapporterats i rapporteringsfunktionen. Rapporten följer rapporteringens regler och dess innehåll återges inte här.',
        style: 'muted',
      },
      ...input.influenceReports.map((r): Content => ({
        text: `${time(r.recordedAt)} · rapport gjord från punkt ${r.itemNumber ?? r.itemId}`,
        style: 'body',
      })),
    );

  body.push(heading('Signering'), signOffTable(input));

  return {
    info: {
      title: `${AUDIT_REPORT_TITLE} – ${c.title}`,
      subject: `${c.diarienummer} · ${input.supplier.name}`,
      creator: 'Värn',
      producer: 'Värn',
    },
    pageSize: 'A4',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 17, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 12, margin: [0, 0, 0, 6] },
      lead: { fontSize: 9, color: MUTED, margin: [0, 0, 0, 6] },
      draft: { fontSize: 10, bold: true, margin: [0, 0, 0, 6] },
      h2: { fontSize: 13, bold: true, margin: [0, 14, 0, 5] },
      h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      h4: { fontSize: 10.5, bold: true, margin: [0, 10, 0, 3] },
      body: { margin: [0, 0, 0, 4] },
      muted: { fontSize: 9, color: MUTED, margin: [0, 0, 0, 4] },
      th: { bold: true, fillColor: HEAD_FILL },
      small: { fontSize: 8.5, color: MUTED },
    },
    header: (page): Content =>
      page === 1
        ? { text: '' }
        : {
            text: `${AUDIT_REPORT_TITLE} · ${c.title} · ${c.diarienummer}`,
            fontSize: 8,
            color: MUTED,
            margin: [MARGIN, 24, MARGIN, 0],
            alignment: 'right',
          },
    footer: (page, pages) => ({
      text: `Sida ${page} av ${pages}`,
      fontSize: 8,
      color: MUTED,
      alignment: 'center',
      margin: [0, 20, 0, 0],
    }),
    content: body,
    // a heading never stays at the foot of a page without at least two blocks after it
    pageBreakBefore: (node, nodes) =>
      node.headlineLevel === 1 &&
      nodes.getFollowingNodesOnPage().filter((n) => n.startPosition.top < CONTENT_BOTTOM).length <
        2,
  };
}

// The fonts are pdfmake's own Roboto (bundled with the package; Latin with å, ä, ö). Nothing else
// may be read: no URL, no other local file.
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
let fontsSet = false;

/** Renders the report to PDF bytes. */
export async function renderAuditReport(input: AuditReportInput): Promise<Buffer> {
  if (!fontsSet) {
    pdfmake.setFonts({
      Roboto: {
        normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
        bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
        italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
        bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
      },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
    fontsSet = true;
  }
  return pdfmake.createPdf(auditReportDocument(input)).getBuffer();
}

// ------------------------------------------------------------------ blocks

type TableSpec = ContentTable['table'];

/** A table whose rows are never split across pages and whose header keeps one row with it. */
function unbrokenRows(table: TableSpec): TableSpec {
  // pdfmake reads these two from the table object (not declared in cases/export/pdfmake.d.ts)
  return Object.assign(table, { dontBreakRows: true, keepWithHeaderRows: 1 });
}

function heading(text: string): ContentText {
  return { text, style: 'h2', headlineLevel: 1 };
}

function factTable(rows: Array<[string, string]>): Content {
  return {
    table: {
      widths: [130, '*'],
      body: rows.map(([label, value]) => [{ text: label, bold: true }, { text: value }]),
    },
    layout: 'noBorders',
    margin: [0, 0, 0, 4],
  };
}

function summaryTable(input: AuditReportInput): Content {
  const counts = new Map<AuditAnswer | null, number>();
  let total = 0;
  for (const s of input.sections)
    for (const i of s.items) {
      total++;
      counts.set(i.answer, (counts.get(i.answer) ?? 0) + 1);
    }
  const open = input.findings.filter((f) => f.status === 'oppen').length;
  const actions = input.findings.flatMap((f) => f.actions);
  const rows: Array<[string, string]> = [
    ['Kontrollpunkter', String(total)],
    ...(['uppfyllt', 'avvikelse', 'ej_tillampligt', 'ej_kontrollerat'] as const).map(
      (k): [string, string] => [AUDIT_ANSWER_LABELS_SV[k], String(counts.get(k) ?? 0)],
    ),
    ['Obesvarade', String(counts.get(null) ?? 0)],
    [
      'Avvikelser (findings)',
      `${input.findings.length} (${open} öppna, ${input.findings.length - open} stängda)`,
    ],
    [
      'Korrigerande åtgärder',
      `${actions.length} (${actions.filter((x) => x.status === 'verifierad').length} verifierade, ${actions.filter((x) => x.overdue).length} försenade)`,
    ],
  ];
  return {
    table: {
      widths: [180, '*'],
      body: rows.map(([label, value]) => [{ text: label }, { text: value, bold: true }]),
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 4],
  };
}

function answersTable(items: AuditReportInput['sections'][number]['items']): Content {
  const header: ContentText[] = [
    { text: 'Nr', style: 'th' },
    { text: 'Kontrollpunkt', style: 'th' },
    { text: 'Svar', style: 'th' },
    { text: 'Anteckning och underlag', style: 'th' },
  ];
  const rows = items.map((i): ContentText[] => {
    const notes: ContentText[] = [];
    const line = (t: ContentText) =>
      notes.push({ ...t, text: `${notes.length ? '\n' : ''}${t.text as string}` });
    if (i.note?.trim()) line({ text: i.note });
    const meta: string[] = [];
    if (i.checkedOn) meta.push(`Kontrollerad ${i.checkedOn}`);
    if (i.answeredByName) meta.push(i.answeredByName);
    if (meta.length) line({ text: meta.join(' · '), style: 'small' });
    if (i.attachments.length)
      line({ text: `Bilagor: ${i.attachments.join(', ')}`, style: 'small' });
    if (!notes.length) notes.push({ text: '–' });
    return [
      { text: String(i.number) },
      { text: i.text },
      i.answer
        ? {
            text: AUDIT_ANSWER_LABELS_SV[i.answer],
            bold: i.answer === 'avvikelse',
            ...(i.answer === 'avvikelse' ? { fillColor: DEVIATION_FILL } : {}),
          }
        : { text: 'Obesvarad', italics: true, color: MUTED },
      { text: notes },
    ];
  });
  return {
    table: unbrokenRows({ headerRows: 1, widths: [20, 150, 62, '*'], body: [header, ...rows] }),
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 4],
  };
}

function findingBlock(f: AuditReportInput['findings'][number], n: number): Content[] {
  const point = f.itemNumber !== null ? `punkt ${f.itemNumber}` : f.itemId;
  const facts: Array<[string, string]> = [
    ['Kontrollpunkt', `${point}: ${f.itemText}`],
    ['Allvarlighet', FINDING_SEVERITY_LABELS_SV[f.severity]],
    [
      'Status',
      f.status === 'stangd'
        ? `${FINDING_STATUS_LABELS_SV.stangd} ${date(f.closedAt)} (alla åtgärder verifierade)`
        : FINDING_STATUS_LABELS_SV.oppen,
    ],
    ['Registrerad', `${time(f.createdAt)}${f.createdByName ? ` av ${f.createdByName}` : ''}`],
    ['Beskrivning', f.description],
    ['Underlag', orDash(f.evidence)],
  ];
  if (f.riskLinked) facts.push(['Risk', 'Kopplad till avtalets risk i riskregistret']);
  const out: Content[] = [
    {
      text: `Avvikelse ${n} – ${FINDING_SEVERITY_LABELS_SV[f.severity].toLowerCase()}, ${point}`,
      style: 'h4',
      headlineLevel: 1,
    },
    factTable(facts),
  ];
  if (!f.actions.length) {
    out.push({ text: 'Ingen korrigerande åtgärd är registrerad.', style: 'muted' });
    return out;
  }
  const header: ContentText[] = [
    { text: 'Korrigerande åtgärd', style: 'th' },
    { text: 'Ansvarig', style: 'th' },
    { text: 'Senast', style: 'th' },
    { text: 'Status', style: 'th' },
  ];
  const rows = f.actions.map((x): ContentText[] => {
    const details: ContentText[] = [{ text: x.title, bold: true }];
    details.push({ text: `\nLeverantörens svar: ${orDash(x.supplierResponse)}` });
    if (x.decision)
      details.push({
        text: `\nBeslut: ${FINDING_DECISION_LABELS_SV[x.decision]}${x.decidedOn ? ` ${x.decidedOn}` : ''}${x.decisionBy ? `, beslutat av ${x.decisionBy}` : ''}`,
      });
    const status: ContentText[] = [{ text: CORRECTIVE_ACTION_STATUS_LABELS_SV[x.status] }];
    if (x.status === 'verifierad')
      status.push({
        text: `\n${date(x.verifiedAt)}${x.verifiedByName ? ` av ${x.verifiedByName}` : ''}`,
        style: 'small',
      });
    if (x.overdue) status.push({ text: '\nFörsenad', bold: true });
    return [
      { text: details },
      { text: orDash(x.ownerName) },
      { text: x.dueDate },
      { text: status },
    ];
  });
  out.push({
    table: unbrokenRows({ headerRows: 1, widths: ['*', 95, 58, 95], body: [header, ...rows] }),
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 6],
  });
  return out;
}

function signOffTable(input: AuditReportInput): Content {
  const header: ContentText[] = [
    { text: 'Roll', style: 'th' },
    { text: 'Namn', style: 'th' },
    { text: 'Signerad', style: 'th' },
  ];
  const rows: ContentText[][] = input.signOffs.map((s) => [
    { text: SIGN_OFF_ROLE_SV[s.role] },
    { text: orDash(s.name) },
    { text: time(s.signedAt) },
  ]);
  for (const role of input.requiredSignOffs)
    if (!input.signOffs.some((s) => s.role === role))
      rows.push([
        { text: SIGN_OFF_ROLE_SV[role] },
        { text: '–' },
        { text: 'Inte signerad', italics: true },
      ]);
  if (!rows.length) return { text: 'Ingen har signerat granskningen.', style: 'muted' };
  return {
    table: unbrokenRows({ headerRows: 1, widths: [160, '*', 110], body: [header, ...rows] }),
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 4],
  };
}
