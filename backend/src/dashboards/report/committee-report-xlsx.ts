import ExcelJS from 'exceljs';
import type { DashboardHeatmapDto } from '../dto/dashboard.dto';
import type { CommitteeReportData } from './committee-report-data';
import {
  BAND_ORDER,
  REPORT_SUBTITLE,
  REPORT_TITLE,
  bandColour,
  bandLabel,
  categoryLabel,
  dueReasonLabel,
  dueStatusLabel,
  followUpClassLabel,
  incidentCell,
  incidentsOmittedText,
  methodNotes,
  periodText,
  staleReasonLabel,
  summaryRows,
  timeSv,
} from './committee-report-text';
import { textOn } from './committee-report-pdf';

type Cell = string | number | null;

/** A text that a spreadsheet would run as a formula gets a leading apostrophe. */
function safe(v: Cell): Cell {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

function addTable(ws: ExcelJS.Worksheet, header: string[], rows: Cell[][], widths: number[]): void {
  const h = ws.addRow(header);
  h.font = { bold: true };
  for (const r of rows) ws.addRow(r.map(safe));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: ws.rowCount - rows.length }];
}

function heatmapSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  data: CommitteeReportData,
  h: DashboardHeatmapDto,
): void {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow(['Varje ruta: antal risker och band. Färgen är bara ett komplement till texten.']);
  ws.addRow([]);
  const header = ws.addRow([
    'Sannolikhet \\ Konsekvens',
    ...Array.from({ length: h.consequenceLevels }, (_, i) =>
      `${i + 1} ${data.consequenceLabels[i] ?? ''}`.trim(),
    ),
  ]);
  header.font = { bold: true };
  for (let l = h.likelihoodLevels; l >= 1; l--) {
    const values: Cell[] = [`${l} ${data.likelihoodLabels[l - 1] ?? ''}`.trim()];
    const fills: Array<string | null> = [null];
    for (let c = 1; c <= h.consequenceLevels; c++) {
      const cell = h.cells.find((x) => x.likelihood === l && x.consequence === c);
      values.push(cell ? `${cell.count} – ${bandLabel(data, cell.band)}` : '–');
      fills.push(cell ? bandColour(data, cell.band) : null);
    }
    const row = ws.addRow(values);
    row.getCell(1).font = { bold: true };
    fills.forEach((fill, i) => {
      if (!fill) return;
      const cell = row.getCell(i + 1);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(fill) } };
      cell.font = { color: { argb: argb(textOn(fill)) } };
      cell.alignment = { horizontal: 'center' };
    });
  }
  ws.addRow([]);
  ws.addRow(['Ej bedömda risker (ingår inte i kartan)', h.notAssessed]);
  if (h.outsideMatrix)
    ws.addRow(['Bedömda med en äldre matris utanför dagens skala', h.outsideMatrix]);
  ws.addRow(['Riskmatris, version', h.matrixVersion]);
  ws.addRow([]);
  const listHeader = ws.addRow(['Sannolikhet', 'Konsekvens', 'Poäng', 'Band', 'Antal risker']);
  listHeader.font = { bold: true };
  for (const c of h.cells)
    ws.addRow([c.likelihood, c.consequence, c.score, bandLabel(data, c.band), c.count]);
  ws.getColumn(1).width = 26;
  for (let i = 2; i <= Math.max(6, h.consequenceLevels + 1); i++) ws.getColumn(i).width = 16;
}

/** The committee report as an XLSX workbook (Swedish), one sheet per section. */
export async function committeeReportXlsx(data: CommitteeReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Värn';
  wb.created = data.generatedAt;
  wb.title = `${REPORT_TITLE} – ${data.unit.name} ${periodText(data)}`;

  const summary = wb.addWorksheet('Sammanfattning');
  summary.addRow([REPORT_TITLE]).font = { bold: true, size: 14 };
  summary.addRow([REPORT_SUBTITLE]);
  summary.addRow([]);
  for (const [label, value] of [
    ['Enhet', `${data.unit.name} (med underliggande enheter)`],
    ['Period', periodText(data)],
    ['Riskläget per', data.asOf],
    ['Framtagen', timeSv(data.generatedAt)],
    ['Framtagen av', data.generatedBy],
  ])
    summary.addRow([label, safe(value)]).getCell(1).font = { bold: true };
  summary.addRow([]);
  summary.addRow(['Uppgift', 'Antal']).font = { bold: true };
  for (const [label, value] of summaryRows(data))
    summary.addRow([label.trim(), /^\d+$/.test(value) ? Number(value) : value]);
  summary.getColumn(1).width = 52;
  summary.getColumn(2).width = 40;

  heatmapSheet(
    wb,
    'Riskkarta netto',
    `Riskkarta – nettorisk per ${data.asOf}`,
    data,
    data.residual,
  );
  heatmapSheet(
    wb,
    'Riskkarta brutto',
    `Riskkarta – bruttorisk per ${data.asOf}`,
    data,
    data.inherent,
  );

  const bands = wb.addWorksheet('Riskutveckling');
  addTable(
    bands,
    ['Kvartal', ...BAND_ORDER.map((b) => bandLabel(data, b))],
    data.riskTrend.map((p) => [p.quarter, ...BAND_ORDER.map((b) => p[b])]),
    [12, 14, 14, 14, 14, 14],
  );

  addTable(
    wb.addWorksheet('Största risker'),
    [
      'Risk',
      'Avtal',
      'Enhet',
      'Kategori',
      'Sannolikhet',
      'Konsekvens',
      'Poäng',
      'Band',
      'Riskägare',
      'Nästa översyn',
      'Översyn passerad',
    ],
    data.topRisks.items.map((r) => [
      r.title,
      r.contractTitle,
      r.unitName,
      categoryLabel(r.category),
      r.residual?.likelihood ?? null,
      r.residual?.consequence ?? null,
      r.residual?.score ?? null,
      bandLabel(data, r.residual?.band ?? 'ej_bedomd'),
      r.ownerName,
      r.nextReviewOn,
      r.reviewOverdue ? 'Ja' : 'Nej',
    ]),
    [40, 30, 22, 26, 11, 11, 8, 12, 22, 14, 10],
  );

  addTable(
    wb.addWorksheet('Försenade åtgärder'),
    ['Åtgärd', 'Risk', 'Ansvarig', 'Förfallodag', 'Dagar försenad'],
    data.overdueActions.items.map((a) => [
      a.title,
      a.riskTitle,
      a.ownerName,
      a.dueDate,
      a.daysOverdue,
    ]),
    [40, 40, 22, 14, 14],
  );

  addTable(
    wb.addWorksheet('Inaktuella accepteranden'),
    ['Risk', 'Accepterad av', 'Accepterad', 'Giltig till', 'Skäl'],
    data.staleAcceptances.items.map((s) => [
      s.riskTitle,
      s.acceptedByName,
      s.acceptedAt.slice(0, 10),
      s.expiresOn,
      staleReasonLabel(s.reason),
    ]),
    [40, 22, 14, 14, 30],
  );

  addTable(
    wb.addWorksheet('Avtal att följa upp'),
    ['Avtal', 'Leverantör', 'Uppföljningsklass', 'Senast', 'Skäl', 'Status'],
    data.contractsDue.items.map((c) => [
      c.contractTitle,
      c.supplierName,
      followUpClassLabel(c.followUpClass),
      c.dueDate,
      dueReasonLabel(c.reason),
      dueStatusLabel(c.status),
    ]),
    [40, 30, 22, 12, 40, 14],
  );

  const incidents = wb.addWorksheet('Incidenter');
  if (data.incidentsOmitted) incidents.addRow([incidentsOmittedText(data.incidentsOmitted)]);
  else {
    // a shown count is a number; a suppressed one the text "< k" (or "skyddat"), never a number
    addTable(
      incidents,
      ['Kvartal', 'Antal incidenter', 'Skyddat (litet antal)'],
      [
        ...data.incidents.map((p): Cell[] => [
          p.quarter,
          p.suppressed ? incidentCell(p, data.k) : (p.count ?? 0),
          p.suppressed ? 'Ja' : 'Nej',
        ]),
        [
          'Hela perioden',
          data.incidentTotal.suppressed
            ? incidentCell(data.incidentTotal, data.k)
            : (data.incidentTotal.count ?? 0),
          data.incidentTotal.suppressed ? 'Ja' : 'Nej',
        ],
      ],
      [16, 18, 22],
    );
    incidents.addRow([]);
    incidents.addRow([`Tal under ${data.k} visas inte (se bladet Om metoden).`]);
  }

  const method = wb.addWorksheet('Om metoden');
  method.addRow(['Om metoden']).font = { bold: true, size: 13 };
  for (const note of methodNotes(data)) {
    const row = method.addRow([note]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  }
  method.getColumn(1).width = 110;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
