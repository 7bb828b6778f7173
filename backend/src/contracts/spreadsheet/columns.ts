import { SECTORS, type Sector } from '../domain/contract-classes';
import { SECTOR_LABELS_SV } from '../domain/contracts.labels.sv';

/**
 * The Swedish column headers of the import and export files (documented in
 * docs/anvandarguide/avtalscontroller.md). Headers match case-insensitively; other columns are
 * ignored (and listed in the preview), so an exported file can be imported again.
 */
export const CONTRACT_COLUMNS_SV = {
  title: 'Titel',
  diarienummer: 'Diarienummer',
  supplier: 'Leverantör (organisationsnummer)',
  sector: 'Bransch',
  annualValue: 'Årligt värde',
  startDate: 'Start',
  endDate: 'Slut',
  unit: 'Enhet',
  followUpClass: 'Uppföljningsklass',
  maxSubcontractorTiers: 'Max antal led',
  notes: 'Anteckningar',
} as const;
export type ContractColumn = keyof typeof CONTRACT_COLUMNS_SV;
export const CONTRACT_REQUIRED: readonly ContractColumn[] = [
  'title',
  'diarienummer',
  'supplier',
  'sector',
  'annualValue',
  'startDate',
  'endDate',
  'unit',
  'followUpClass',
];

/** Export-only columns (ignored by the import). */
export const CONTRACT_EXPORT_EXTRA_SV = {
  supplierName: 'Leverantör',
  status: 'Status',
  owner: 'Avtalsägare',
  subcontractors: 'Underleverantörer',
  chainWarnings: 'Kedjevarningar',
} as const;

export const SUPPLIER_COLUMNS_SV = {
  name: 'Namn',
  organisationNumber: 'Organisationsnummer',
  address: 'Adress',
  contactName: 'Kontaktperson',
  contactEmail: 'E-post',
  contactPhone: 'Telefon',
  beneficialOwner: 'Verklig huvudman',
  notes: 'Anteckningar',
} as const;
export type SupplierColumn = keyof typeof SUPPLIER_COLUMNS_SV;
export const SUPPLIER_REQUIRED: readonly SupplierColumn[] = ['name', 'organisationNumber'];

export const SUPPLIER_EXPORT_EXTRA_SV = {
  flagCount: 'Varningssignaler',
  indepthCheck: 'Fördjupad kontroll',
} as const;

export const STATUS_LABELS_SV = { upcoming: 'Ej påbörjat', active: 'Pågående', ended: 'Avslutat' };
export const APPROVAL_LABELS_SV = {
  godkand: 'godkänd',
  ej_provad: 'ej prövad',
  ej_godkand: 'ej godkänd',
} as const;

const fold = (s: string) => s.trim().toLocaleLowerCase('sv').replace(/\s+/g, ' ');

/** A sector from its code (`stad`) or its Swedish label (`Städ`), case-insensitively. */
export function sectorFrom(text: string): Sector | null {
  const t = fold(text);
  for (const s of SECTORS) if (s === t || fold(SECTOR_LABELS_SV[s]) === t) return s;
  return null;
}

/**
 * Where each known column is in the file's headers (case-insensitively), the required columns
 * that are missing, and the headers that are not ours.
 */
export function mapHeaders<K extends string>(
  headers: readonly string[],
  columns: Readonly<Record<K, string>>,
  required: readonly K[],
): { present: Map<K, string>; missing: K[]; ignored: string[] } {
  const present = new Map<K, string>();
  const ignored: string[] = [];
  const byName = new Map<string, K>(
    (Object.entries(columns) as Array<[K, string]>).map(([k, v]) => [fold(v), k]),
  );
  for (const h of headers) {
    if (!h) continue;
    const key = byName.get(fold(h));
    if (key) present.set(key, h);
    else ignored.push(h);
  }
  return { present, missing: required.filter((k) => !present.has(k)), ignored };
}
