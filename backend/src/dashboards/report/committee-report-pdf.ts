import { dirname, join } from 'node:path';
import pdfmake, { type Content, type ContentText, type DocumentDefinition } from 'pdfmake';
import type { DashboardHeatmapDto } from '../dto/dashboard.dto';
import type { CommitteeReportData } from './committee-report-data';
import {
  BAND_ORDER,
  REPORT_SUBTITLE,
  REPORT_TITLE,
  bandColour,
  bandLabel,
  categoryLabel,
  dateSv,
  dueReasonLabel,
  dueStatusLabel,
  incidentCell,
  incidentsOmittedText,
  methodNotes,
  periodText,
  staleReasonLabel,
  summaryRows,
  timeSv,
} from './committee-report-text';

const MARGIN = 48;
const CONTENT_BOTTOM = 841.89 - MARGIN;

// pdfmake's own Roboto (Latin with å, ä, ö), as cases/export/redacted-pdf.ts sets it; no URL and
// no other local file may be read.
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

/** Black or white text, whichever reads better on the fill (WCAG relative luminance). */
export function textOn(fill: string): string {
  const ch = (i: number) => {
    const c = parseInt(fill.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * ch(1) + 0.7152 * ch(3) + 0.0722 * ch(5);
  const contrastWhite = 1.05 / (l + 0.05);
  const contrastBlack = (l + 0.05) / 0.05;
  return contrastWhite >= contrastBlack ? '#ffffff' : '#000000';
}

const th = (text: string): ContentText => ({ text, style: 'th' });
const td = (text: string | number | null | undefined): ContentText => ({
  text: text === null || text === undefined || text === '' ? '–' : String(text),
});
const num = (n: number | string): ContentText => ({ text: String(n), alignment: 'right' });

/** A table; header cells from `numericFrom` on are right-aligned like their numbers. */
function table(
  header: string[],
  rows: ContentText[][],
  widths: Array<number | '*' | 'auto'>,
  numericFrom = Infinity,
): Content {
  const head = header.map((h, i) =>
    i >= numericFrom ? { ...th(h), alignment: 'right' as const } : th(h),
  );
  return {
    table: { headerRows: 1, widths, body: [head, ...rows] },
    layout: 'lightHorizontalLines',
    dontBreakRows: true,
    margin: [0, 0, 0, 6],
  };
}

function h2(text: string): ContentText {
  return { text, style: 'h2', headlineLevel: 1 };
}

function muted(text: string): ContentText {
  return { text, style: 'muted' };
}

/** "Visar 25 av 40." under a list that is cut. */
function shownOf(shown: number, total: number): Content[] {
  return total > shown ? [muted(`Visar ${shown} av ${total}. Hela listan finns i Värn.`)] : [];
}

/** The heatmap as a table: every cell its count and band name, the fill only as a complement. */
function heatmapTable(data: CommitteeReportData, h: DashboardHeatmapDto): Content {
  const header: ContentText[] = [
    th('Sannolikhet \\ Konsekvens'),
    ...Array.from({ length: h.consequenceLevels }, (_, i) =>
      th(`${i + 1} ${data.consequenceLabels[i] ?? ''}`.trim()),
    ),
  ];
  const rows: ContentText[][] = [];
  for (let l = h.likelihoodLevels; l >= 1; l--) {
    const row: ContentText[] = [th(`${l} ${data.likelihoodLabels[l - 1] ?? ''}`.trim())];
    for (let c = 1; c <= h.consequenceLevels; c++) {
      const cell = h.cells.find((x) => x.likelihood === l && x.consequence === c);
      const fill = cell ? bandColour(data, cell.band) : null;
      row.push({
        text: [
          { text: `${cell?.count ?? 0}\n`, bold: true, fontSize: 11 },
          { text: cell ? bandLabel(data, cell.band) : '–', fontSize: 7 },
        ],
        alignment: 'center',
        ...(fill ? { fillColor: fill, color: textOn(fill) } : {}),
      });
    }
    rows.push(row);
  }
  return {
    table: {
      headerRows: 1,
      widths: [90, ...Array.from({ length: h.consequenceLevels }, () => '*' as const)],
      body: [header, ...rows],
    },
    dontBreakRows: true,
    margin: [0, 0, 0, 4],
  };
}

function heatmapFootnote(h: DashboardHeatmapDto): Content {
  const parts = [`Ej bedömda risker (visas inte i kartan): ${h.notAssessed}.`];
  if (h.outsideMatrix)
    parts.push(`Bedömda med en äldre matris utanför dagens skala: ${h.outsideMatrix}.`);
  parts.push(`Riskmatris version ${h.matrixVersion}.`);
  return muted(parts.join(' '));
}

/** A heatmap with its heading and footnote, kept on one page (pdfmake `unbreakable` stack). */
function heatmapSection(
  data: CommitteeReportData,
  title: string,
  lead: string,
  h: DashboardHeatmapDto,
): Content {
  const stack = {
    stack: [{ text: title, style: 'h2' }, muted(lead), heatmapTable(data, h), heatmapFootnote(h)],
    unbreakable: true,
  };
  return stack as unknown as Content;
}

/** The committee report as a PDF (A4, Swedish). */
export function committeeReportPdf(data: CommitteeReportData): Promise<Buffer> {
  const body: Content[] = [
    { text: REPORT_TITLE, style: 'title' },
    { text: REPORT_SUBTITLE, style: 'subtitle' },
    {
      table: {
        widths: [130, '*'],
        body: [
          [th('Enhet'), td(`${data.unit.name} (med underliggande enheter)`)],
          [th('Period'), td(periodText(data))],
          [th('Riskläget per'), td(data.asOf)],
          [th('Framtagen'), td(timeSv(data.generatedAt))],
          [th('Framtagen av'), td(data.generatedBy)],
        ],
      },
      layout: 'noBorders',
      margin: [0, 6, 0, 4],
    },

    h2('Sammanfattning'),
    table(
      ['Uppgift', 'Antal'],
      summaryRows(data).map(([label, value]) => [td(label), num(value)]),
      ['*', 80],
      1,
    ),

    heatmapSection(
      data,
      `Riskkarta – nettorisk per ${data.asOf}`,
      'Antal risker per sannolikhet och konsekvens. Varje ruta anger antal och band.',
      data.residual,
    ),
    heatmapSection(
      data,
      `Riskkarta – bruttorisk per ${data.asOf}`,
      'Samma risker bedömda före befintliga kontroller.',
      data.inherent,
    ),

    h2('Antal risker per band (nettorisk)'),
    table(
      ['Band', 'Antal'],
      BAND_ORDER.map((b) => [
        td(bandLabel(data, b)),
        num(data.bandCounts.find((x) => x.band === b)?.count ?? 0),
      ]),
      ['*', 80],
      1,
    ),
  ];

  if (data.riskTrend.length) {
    body.push(
      h2('Riskutveckling per kvartal (nettorisk vid kvartalets slut)'),
      table(
        ['Kvartal', ...BAND_ORDER.map((b) => bandLabel(data, b))],
        data.riskTrend.map((p) => [td(p.quarter), ...BAND_ORDER.map((b) => num(p[b]))]),
        [60, '*', '*', '*', '*', '*'],
        1,
      ),
    );
  }

  body.push(h2('Största riskerna (högst nettorisk)'));
  if (!data.topRisks.items.length) body.push(muted('Inga bedömda risker.'));
  else
    body.push(
      table(
        ['Risk', 'Enhet', 'Kategori', 'Nettorisk', 'Riskägare', 'Nästa översyn'],
        data.topRisks.items.map((r) => [
          td(r.contractTitle ? `${r.title} (avtal: ${r.contractTitle})` : r.title),
          td(r.unitName),
          td(categoryLabel(r.category)),
          td(
            r.residual
              ? `${r.residual.likelihood} × ${r.residual.consequence} = ${r.residual.score} ${bandLabel(data, r.residual.band)}`
              : bandLabel(data, 'ej_bedomd'),
          ),
          td(r.ownerName),
          td(r.nextReviewOn ? `${r.nextReviewOn}${r.reviewOverdue ? ' (passerad)' : ''}` : null),
        ]),
        ['*', 85, 75, 65, 60, 55],
      ),
      ...shownOf(data.topRisks.items.length, data.topRisks.total),
    );

  body.push(h2(`Försenade åtgärder per ${data.asOf}`));
  if (!data.overdueActions.items.length) body.push(muted('Inga försenade åtgärder.'));
  else
    body.push(
      table(
        ['Åtgärd', 'Risk', 'Ansvarig', 'Förfallodag', 'Dagar sen'],
        data.overdueActions.items.map((a) => [
          td(a.title),
          td(a.riskTitle),
          td(a.ownerName),
          td(a.dueDate),
          num(a.daysOverdue),
        ]),
        ['*', '*', 75, 60, 45],
        4,
      ),
      ...shownOf(data.overdueActions.items.length, data.overdueActions.total),
    );

  body.push(h2('Inaktuella riskaccepteranden'));
  if (!data.staleAcceptances.items.length) body.push(muted('Inga inaktuella accepteranden.'));
  else
    body.push(
      table(
        ['Risk', 'Accepterad av', 'Accepterad', 'Giltig till', 'Skäl'],
        data.staleAcceptances.items.map((s) => [
          td(s.riskTitle),
          td(s.acceptedByName),
          td(dateSv(new Date(s.acceptedAt))),
          td(s.expiresOn),
          td(staleReasonLabel(s.reason)),
        ]),
        ['*', 80, 60, 60, 90],
      ),
      ...shownOf(data.staleAcceptances.items.length, data.staleAcceptances.total),
    );

  body.push(h2(`Avtal att följa upp (per ${data.today})`));
  if (!data.contractsDue.items.length)
    body.push(muted('Inga avtal är försenade eller ska följas upp inom 30 dagar.'));
  else
    body.push(
      table(
        ['Avtal', 'Leverantör', 'Klass', 'Senast', 'Skäl', 'Status'],
        data.contractsDue.items.map((c) => [
          td(c.contractTitle),
          td(c.supplierName),
          td(c.followUpClass),
          td(c.dueDate),
          td(dueReasonLabel(c.reason)),
          td(dueStatusLabel(c.status)),
        ]),
        ['*', 90, 30, 55, 100, 50],
      ),
      ...shownOf(data.contractsDue.items.length, data.contractsDue.total),
    );

  // the incident section is short: kept on one page with its heading
  const incidents: Content[] = [{ text: 'Incidenter per kvartal', style: 'h2' }];
  if (data.incidentsOmitted) incidents.push(muted(incidentsOmittedText(data.incidentsOmitted)));
  else
    incidents.push(
      muted(`Från de avidentifierade uppgifterna. Tal under ${data.k} visas inte (se Om metoden).`),
      table(
        ['Kvartal', 'Antal incidenter'],
        [
          ...data.incidents.map((p) => [td(p.quarter), num(incidentCell(p, data.k))]),
          [
            { text: 'Hela perioden', bold: true },
            { ...num(incidentCell(data.incidentTotal, data.k)), bold: true },
          ],
        ],
        ['*', 120],
        1,
      ),
    );
  body.push({ stack: incidents, unbreakable: true } as unknown as Content);

  body.push(
    h2('Om metoden'),
    ...methodNotes(data).map((t): ContentText => ({ text: t, style: 'note' })),
  );

  const doc: DocumentDefinition = {
    info: {
      title: `${REPORT_TITLE} – ${data.unit.name} ${periodText(data)}`,
      creator: 'Värn',
      producer: 'Värn',
    },
    pageSize: 'A4',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 11, color: '#333333', margin: [0, 0, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      muted: { fontSize: 8, color: '#333333', margin: [0, 0, 0, 4] },
      note: { margin: [0, 0, 0, 4] },
      th: { bold: true },
    },
    header: (page): Content =>
      page === 1
        ? { text: '' }
        : {
            text: `${REPORT_TITLE} · ${data.unit.name} · ${periodText(data)}`,
            fontSize: 8,
            color: '#333333',
            margin: [MARGIN, 20, MARGIN, 0],
            alignment: 'right',
          },
    footer: (page, pages) => ({
      text: `Sida ${page} av ${pages}`,
      fontSize: 8,
      color: '#333333',
      alignment: 'center',
      margin: [0, 18, 0, 0],
    }),
    content: body,
    pageBreakBefore: (node, nodes) =>
      node.headlineLevel === 1 &&
      nodes.getFollowingNodesOnPage().filter((n) => n.startPosition.top < CONTENT_BOTTOM).length <
        2,
  };
  return pdfmake.createPdf(doc).getBuffer();
}
