/**
 * The committee report's Swedish texts (the report is generated on the server, so its prose is
 * here; codes are translated with the domain label tables).
 */
import { AUDIT_DUE_REASON_LABELS_SV } from '../../audits/domain/audits.labels.sv';
import type { AuditDueReason } from '../../audits/domain/audit-plan';
import { FOLLOW_UP_CLASS_LABELS_SV } from '../../contracts/domain/contracts.labels.sv';
import type { FollowUpClass } from '../../contracts/domain/contract-classes';
import { NOT_ASSESSED_LABEL_SV, RISK_CATEGORY_LABELS_SV } from '../../risks/domain/risks.labels.sv';
import type { RiskCategory } from '../../risks/domain/risk-taxonomy';
import type { DashboardBand, IncidentTrendPointDto } from '../dto/dashboard.dto';
import type { CommitteeReportData } from './committee-report-data';

export const REPORT_TITLE = 'Rapport till nämnd';
export const REPORT_SUBTITLE =
  'Risker för välfärdsbrott och otillåten påverkan – läge och uppföljning';

/** Bands from the most to the least severe, "ej bedömd" last and apart. */
export const BAND_ORDER: readonly DashboardBand[] = [
  'mycket_hog',
  'hog',
  'medel',
  'lag',
  'ej_bedomd',
];

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
export const timeSv = (d: Date): string => TIME.format(d);
export const dateSv = (d: Date): string => DATE.format(d);

export function bandLabel(data: CommitteeReportData, band: string): string {
  if (band === 'ej_bedomd') return NOT_ASSESSED_LABEL_SV.ej_bedomd;
  return data.bands.find((b) => b.band === band)?.label ?? band;
}

export function bandColour(data: CommitteeReportData, band: string): string | null {
  return data.bands.find((b) => b.band === band)?.colour ?? null;
}

export const categoryLabel = (c: string): string => RISK_CATEGORY_LABELS_SV[c as RiskCategory] ?? c;
export const dueReasonLabel = (r: string): string =>
  AUDIT_DUE_REASON_LABELS_SV[r as AuditDueReason] ?? r;
export const followUpClassLabel = (c: string): string =>
  FOLLOW_UP_CLASS_LABELS_SV[c as FollowUpClass] ?? c;
export const dueStatusLabel = (s: 'overdue' | 'due_soon'): string =>
  s === 'overdue' ? 'Försenad' : 'Inom 30 dagar';
export const staleReasonLabel = (r: 'expired' | 'residual_changed'): string =>
  r === 'expired' ? 'Giltighetstiden har gått ut' : 'Nettorisken har ändrats';

/** A published incident count: the number, "< k" when the hidden number is under k, else "skyddat". */
export function incidentCell(
  p: Pick<IncidentTrendPointDto, 'count' | 'suppressed' | 'belowK'>,
  k: number,
): string {
  if (!p.suppressed) return String(p.count ?? 0);
  return p.belowK === false ? 'skyddat' : `< ${k}`;
}

export function periodText(data: CommitteeReportData): string {
  return `${data.from} – ${data.to}`;
}

/** The summary figures (label, value). */
export function summaryRows(data: CommitteeReportData): Array<[string, string]> {
  const count = (band: DashboardBand) => data.bandCounts.find((b) => b.band === band)?.count ?? 0;
  const total = data.bandCounts.reduce((n, b) => n + b.count, 0);
  const rows: Array<[string, string]> = [
    [`Risker per ${data.asOf}`, String(total)],
    ...BAND_ORDER.map((b): [string, string] => [
      `  varav ${bandLabel(data, b).toLocaleLowerCase('sv')}`,
      String(count(b)),
    ]),
    ['Försenade åtgärder', String(data.overdueActions.total)],
    ['Inaktuella riskaccepteranden', String(data.staleAcceptances.total)],
    ['Avtal att följa upp (försenade eller inom 30 dagar)', String(data.contractsDue.total)],
  ];
  if (!data.incidentsOmitted)
    rows.push(['Rapporterade incidenter under perioden', incidentCell(data.incidentTotal, data.k)]);
  return rows;
}

/** The method note: one paragraph per point. */
export function methodNotes(data: CommitteeReportData): string[] {
  return [
    `Rapporten gäller ${data.unit.name} med underliggande enheter och visar bara uppgifter som den som tog fram den har behörighet att läsa.`,
    `Riskregistret visas som det såg ut ${data.asOf}: för varje risk gäller den bedömning som var aktuell vid dagens slut. Riskutvecklingen visar läget vid varje kvartals slut.`,
    'Bruttorisk är risken före befintliga kontroller, nettorisk risken efter dem. Poängen är sannolikhet × konsekvens; bandet (låg, medel, hög, mycket hög) kommer från riskmatrisen och sparas med matrisens version. Varje ruta i riskkartan anger antal och band i text – färgen är bara ett komplement.',
    '"Ej bedömd" betyder att risken saknar bedömning. Sådana risker redovisas för sig och räknas aldrig som låg risk.',
    `Försenade åtgärder är öppna åtgärder (planerade eller pågående) med förfallodag före ${data.asOf}, enligt åtgärdernas status när rapporten togs fram.`,
    'Ett riskaccepterande blir inaktuellt när nettorisken ändras eller när giltighetstiden har gått ut; då behövs ett nytt beslut.',
    `Avtal att följa upp är löpande avtal vars nästa uppföljning enligt uppföljningsplanen (avtalsklassens intervall, tidigarelagt vid hög eller mycket hög risk) är försenad eller infaller inom 30 dagar, räknat från ${data.today}.`,
    `Incidenterna räknas från de avidentifierade uppgifterna per kvartal, och ett kvartal räknas helt även när perioden börjar eller slutar mitt i det. Till skydd för enskilda redovisas inga små tal: ett kvartal där någon grupp (kategori och avdelning) har färre än ${data.k} incidenter visas som "< ${data.k}" (eller "skyddat" när summan är större men en liten grupp ingår), och detsamma gäller summan. Därför kan inget dolt tal räknas fram ur summor eller jämförelser mellan urval.`,
  ];
}

/** Why a report has no incident figures. */
export function incidentsOmittedText(omitted: 'not_readable' | 'below_department'): string {
  return omitted === 'not_readable'
    ? 'Du har inte behörighet att se incidentstatistik; avsnittet är tomt.'
    : 'Incidenter räknas per avdelning, aldrig per enhet; välj avdelningen eller förvaltningen för att se dem.';
}
