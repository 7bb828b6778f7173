import type { WelfareCrimeKind } from './welfare-crime';

/** Swedish labels for server-generated PDFs (committee report, redacted case export). */
export const WELFARE_CRIME_KIND_LABELS_SV: Readonly<Record<WelfareCrimeKind, string>> = {
  oserios_leverantor: 'Oseriös leverantör',
  malvakt_bulvan: 'Målvakt/bulvan',
  skatte_och_avgiftsbrott: 'Skatte- och avgiftsbrott (svarta löner)',
  otillaten_underleverantor: 'Otillåten underleverantör/långa kedjor',
  arbetslivskriminalitet: 'Arbetslivskriminalitet',
  manniskoexploatering: 'Människoexploatering',
  arbetsmiljobrott: 'Arbetsmiljöbrott',
  felaktig_fakturering: 'Felaktig fakturering/överdebitering',
  fiktiv_leverans: 'Fiktiv eller ej utförd leverans',
  kvalitets_och_avtalsbrott: 'Kvalitets- och avtalsbrott',
  betalningsbedrageri: 'Betalningsbedrägeri (ändrade kontouppgifter, bluffakturor)',
  penningtvatt: 'Penningtvätt',
  muta_handel_med_inflytande: 'Muta/handel med inflytande',
  jav_vanskapskorruption: 'Jäv/vänskapskorruption',
  onormalt_lagt_anbud: 'Onormalt lågt anbud',
  insider_mojliggorare: 'Insider/möjliggörare',
};
