import { dirname, join } from 'node:path';
import pdfmake, { type Content, type ContentText, type DocumentDefinition } from 'pdfmake';
import type { CaseContent } from '../case-content';
import type { CaseStatus, ClosingCode } from '../domain/case-status';
import {
  CASE_ACTION_TYPE_LABELS_SV,
  CASE_CATEGORY_LABELS_SV,
  CASE_STATUS_LABELS_SV,
  CLOSING_CODE_LABELS_SV,
  CONFIDENTIALITY_LABELS_SV,
  EXPOSED_FUNCTION_LABELS_SV,
  INFLUENCER_TYPE_LABELS_SV,
  IRREGULARITY_KIND_LABELS_SV,
  PERCEIVED_PURPOSE_LABELS_SV,
  SITUATION_LABELS_SV,
  TRACK_LABELS_SV,
} from '../domain/cases.labels.sv';
import type {
  CaseActionType,
  CaseCategory,
  Confidentiality,
  IrregularityKind,
  Track,
} from '../domain/taxonomy';
import type { MessageKind } from '../entities/case-message.entity';
import {
  MASK_MARK,
  maskLabel,
  type MaskingSummary,
  type Redactor,
  type Segment,
} from './redaction';

/** A4 height (pt) minus the bottom margin: below it is the footer. */
const MARGIN = 56;
const CONTENT_BOTTOM = 841.89 - MARGIN;

export const REDACTED_EXPORT_TITLE = 'Maskerad kopia för sekretessprövning (OSL 17:3 b, 32:3 b)';

/** What the redacted copy shows of a case (opened from the sealed columns by the service). */
export interface RedactedCaseInput {
  reference: string;
  track: Track;
  category: CaseCategory;
  irregularityKind: IrregularityKind | null;
  confidentiality: Confidentiality;
  status: CaseStatus;
  unitName: string;
  receivedAt: Date;
  acknowledgementDueOn: string | null;
  feedbackDueOn: string | null;
  ackEndedAt: Date | null;
  feedbackEndedAt: Date | null;
  closedAt: Date | null;
  closingCode: ClosingCode | null;
  content: CaseContent;
  messages: Array<{ kind: Exclude<MessageKind, 'note'>; body: string; createdAt: Date }>;
  actions: Array<{ type: CaseActionType; occurredOn: string; reference?: string; note?: string }>;
  exportedAt: Date;
}

// The fonts are pdfmake's own Roboto (bundled with the package; Latin with å, ä, ö). Nothing else
// may be read: no URL, no other local file (the document is built from case text only).
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
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

/**
 * A masked passage: a solid black bar (black squares on a black background) and its masking
 * number(s), kept together on one line.
 */
function maskedInline(numbers: readonly number[]): ContentText[] {
  return [
    { text: MASK_MARK, color: '#000000', background: '#000000' },
    { text: `\u00a0${maskLabel(numbers)}`, bold: true },
  ];
}

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

/**
 * Builds the PDF. Every value shown — free text, and also dates, labels of codes and the unit —
 * goes through the redactor, so a marked passage is masked wherever it occurs; only the headings
 * and field names of the document itself are fixed.
 */
export async function redactedPdf(input: RedactedCaseInput, redactor: Redactor): Promise<Buffer> {
  const masked = (text: string | null | undefined): ContentText => ({
    text: segmentsToInlines(redactor.apply(text)),
  });
  const facts: Array<[string, string | ContentText]> = [
    ['Ärende', input.reference],
    ['Inkom', time(input.receivedAt)],
    ['Spår', TRACK_LABELS_SV[input.track]],
    ['Kategori', CASE_CATEGORY_LABELS_SV[input.category]],
  ];
  if (input.irregularityKind)
    facts.push(['Typ av oegentlighet', IRREGULARITY_KIND_LABELS_SV[input.irregularityKind]]);
  facts.push(
    ['Rapportörens identitet', CONFIDENTIALITY_LABELS_SV[input.confidentiality]],
    ['Status', CASE_STATUS_LABELS_SV[input.status]],
    ['Enhet', masked(input.unitName)],
  );
  if (input.track === 'visselblasning') {
    facts.push(
      ['Bekräftelse senast', input.acknowledgementDueOn ?? '–'],
      ['Bekräftelse lämnad', date(input.ackEndedAt)],
      ['Återkoppling senast', input.feedbackDueOn ?? '–'],
      ['Återkoppling lämnad', date(input.feedbackEndedAt)],
    );
  }
  if (input.closedAt) {
    facts.push(['Avslutat', date(input.closedAt)]);
    if (input.closingCode) facts.push(['Avslutskod', CLOSING_CODE_LABELS_SV[input.closingCode]]);
  }

  const intake = input.content.intake ?? {};
  const intakeFacts: Array<[string, string | ContentText]> = [];
  if (intake.occurredOn) intakeFacts.push(['Inträffade', intake.occurredOn]);
  if (intake.exposedFunction)
    intakeFacts.push(['Utsatt funktion', EXPOSED_FUNCTION_LABELS_SV[intake.exposedFunction]]);
  if (intake.situation) intakeFacts.push(['Situation', SITUATION_LABELS_SV[intake.situation]]);
  if (intake.perceivedPurpose)
    intakeFacts.push(['Uppfattat syfte', PERCEIVED_PURPOSE_LABELS_SV[intake.perceivedPurpose]]);
  if (intake.influencerType)
    intakeFacts.push(['Typ av påverkare', INFLUENCER_TYPE_LABELS_SV[intake.influencerType]]);
  if (intake.repeated !== undefined && intake.repeated !== null)
    intakeFacts.push(['Upprepat', intake.repeated ? 'Ja' : 'Nej']);
  if (intake.relatedReference)
    intakeFacts.push(['Relaterat ärende', masked(intake.relatedReference)]);

  const welfare = input.content.welfare;
  const welfareFacts: Array<[string, string | ContentText]> = [];
  if (welfare) {
    if (welfare.contractOrSupplier)
      welfareFacts.push(['Avtal eller leverantör', masked(welfare.contractOrSupplier)]);
    if (welfare.periodFrom || welfare.periodTo)
      welfareFacts.push(['Period', `${welfare.periodFrom ?? '–'} – ${welfare.periodTo ?? '–'}`]);
    if (welfare.amountSek !== undefined && welfare.amountSek !== null)
      welfareFacts.push(['Belopp', `${welfare.amountSek.toLocaleString('sv-SE')} kr`]);
    if (welfare.noticedHow) welfareFacts.push(['Hur det upptäcktes', masked(welfare.noticedHow)]);
  }

  const body: Content[] = [
    { text: REDACTED_EXPORT_TITLE, style: 'title' },
    {
      text: `Upprättad ${time(input.exportedAt)}. Rapportörens identitet är alltid maskerad; övriga maskeringar har markerats av handläggaren. Maskeringarna förtecknas sist i handlingen.`,
      style: 'lead',
    },
    factTable(facts, masked),
    { text: 'Beskrivning', style: 'h2', headlineLevel: 1 },
    { ...masked(input.content.description), style: 'body' },
  ];
  if (intakeFacts.length)
    body.push(
      { text: 'Uppgifter från rapporten', style: 'h2', headlineLevel: 1 },
      factTable(intakeFacts, masked),
    );
  if (welfareFacts.length)
    body.push(
      { text: 'Misstänkt välfärdsbrott', style: 'h2', headlineLevel: 1 },
      factTable(welfareFacts, masked),
    );
  if (input.content.summary)
    body.push(
      { text: 'Sammanfattning vid avslut', style: 'h2', headlineLevel: 1 },
      { ...masked(input.content.summary), style: 'body' },
    );

  body.push({ text: 'Meddelanden', style: 'h2', headlineLevel: 1 });
  if (!input.messages.length) body.push({ text: 'Inga meddelanden.', style: 'muted' });
  for (const m of input.messages)
    body.push(
      {
        ...masked(
          `${time(m.createdAt)} · ${m.kind === 'from_reporter' ? 'Från rapportören' : 'Till rapportören'}`,
        ),
        style: 'meta',
      },
      { ...masked(m.body), style: 'body' },
    );

  body.push({ text: 'Åtgärder', style: 'h2', headlineLevel: 1 });
  if (!input.actions.length) body.push({ text: 'Inga åtgärder registrerade.', style: 'muted' });
  for (const a of input.actions) {
    body.push({
      ...masked(`${a.occurredOn} · ${CASE_ACTION_TYPE_LABELS_SV[a.type]}`),
      style: 'meta',
    });
    if (a.reference)
      body.push({
        text: [
          { text: 'Diarie-/referensnummer: ' },
          ...segmentsToInlines(redactor.apply(a.reference)),
        ],
        style: 'body',
      });
    if (a.note) body.push({ ...masked(a.note), style: 'body' });
  }

  // last: the list of maskings (counted while the text above was masked)
  body.push(
    { text: 'Maskeringar', style: 'h2', headlineLevel: 1 },
    {
      text: 'Varje maskerad passage är ersatt av en svart markering och sitt nummer. Den maskerade texten återges inte.',
      style: 'muted',
    },
    maskingTable(redactor.maskings()),
  );

  const doc: DocumentDefinition = {
    info: { title: `${input.reference} – maskerad kopia`, creator: 'Värn', producer: 'Värn' },
    pageSize: 'A4',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 15, bold: true, margin: [0, 0, 0, 6] },
      lead: { fontSize: 9, color: '#333333', margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 14, 0, 4] },
      body: { margin: [0, 0, 0, 6] },
      meta: { fontSize: 9, color: '#333333', bold: true, margin: [0, 4, 0, 1] },
      muted: { fontSize: 9, color: '#333333', margin: [0, 0, 0, 6] },
      th: { bold: true },
    },
    header: (page): Content =>
      page === 1
        ? { text: '' }
        : {
            text: `${input.reference} · Maskerad kopia`,
            fontSize: 8,
            color: '#333333',
            margin: [56, 24, 56, 0],
            alignment: 'right',
          },
    footer: (page, pages) => ({
      text: `Sida ${page} av ${pages}`,
      fontSize: 8,
      color: '#333333',
      alignment: 'center',
      margin: [0, 20, 0, 0],
    }),
    content: body,
    // a heading never stays at the foot of a page without at least two blocks of its section
    // (the footer is one of the page's nodes: only nodes above the bottom margin count)
    pageBreakBefore: (node, nodes) =>
      node.headlineLevel === 1 &&
      nodes.getFollowingNodesOnPage().filter((n) => n.startPosition.top < CONTENT_BOTTOM).length <
        2,
  };
  return pdfmake.createPdf(doc).getBuffer();
}

function segmentsToInlines(segments: Segment[]): ContentText[] {
  if (!segments.length) return [{ text: '' }];
  return segments.flatMap((s) => ('text' in s ? [{ text: s.text }] : maskedInline(s.masked)));
}

function factTable(
  rows: Array<[string, string | ContentText]>,
  masked: (text: string) => ContentText,
): Content {
  return {
    table: {
      widths: [140, '*'],
      body: rows.map(([label, value]) => [
        { text: label, bold: true },
        typeof value === 'string' ? masked(value) : value,
      ]),
    },
    layout: 'noBorders',
    margin: [0, 0, 0, 4],
  };
}

function maskingTable(maskings: MaskingSummary[]): Content {
  if (!maskings.length) return { text: 'Inga maskeringar.', style: 'muted' };
  return {
    table: {
      headerRows: 1,
      widths: [60, '*', 80],
      body: [
        [
          { text: 'Nr', style: 'th' },
          { text: 'Skäl', style: 'th' },
          { text: 'Förekomster', style: 'th' },
        ],
        ...maskings.map((m) => [
          { text: String(m.number) },
          {
            text:
              m.reason === 'identity'
                ? 'Identitet (rapportörens namn, användarnamn och e-postadress)'
                : 'Markerad av handläggaren',
          },
          { text: String(m.occurrences) },
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
  };
}
