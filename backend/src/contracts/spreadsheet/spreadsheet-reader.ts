import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { hasHtmlMarkup } from '../../core/files/file-kinds';
import { fileTypeModule } from '../../core/files/file-type-loader';

/** The largest spreadsheet accepted for import. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/**
 * Data rows an import may hold (the header row not counted). An import is one transaction with one
 * audit entry per row; the audit log writes them in chunks that fit the engines' bound-parameter
 * limits (core/database/sql.ts `insertChunks`), so the bound is about the size of one transaction
 * (a 10,000-row import holds the SQLite writer for a few seconds), not about the statement.
 */
export const IMPORT_MAX_ROWS = 10_000;
/** An XLSX file (a ZIP archive) may unpack to at most this much: a guard against ZIP bombs. */
const XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SpreadsheetKind = 'csv' | 'xlsx';

/** One data row: its row number in the spreadsheet (the header is row 1) and cells by header. */
export interface SheetRow {
  row: number;
  cells: ReadonlyMap<string, string>;
}

export interface Sheet {
  kind: SpreadsheetKind;
  /** Header names as written (trimmed), in column order. */
  headers: string[];
  rows: SheetRow[];
}

/** Why a file cannot be read as a spreadsheet at all (the whole file, not a row). */
export class SheetError extends Error {
  constructor(
    readonly code:
      | 'unsupported_file'
      | 'file_too_large'
      | 'empty_file'
      | 'too_many_rows'
      | 'unreadable_file'
      | 'duplicate_column',
    readonly detail: string,
  ) {
    super(code);
  }
}

/**
 * The kind of an uploaded spreadsheet from its content, never its name: XLSX by its magic bytes
 * (`file-type` recognises the OOXML parts), CSV as UTF-8 text without control bytes or HTML.
 */
export async function detectSpreadsheet(content: Buffer): Promise<SpreadsheetKind> {
  const detected = await fileTypeModule().fileTypeFromBuffer(content.subarray(0, 64 * 1024));
  if (detected) {
    if (detected.mime === XLSX_MEDIA_TYPE) return 'xlsx';
    throw new SheetError('unsupported_file', 'Filen är varken CSV eller XLSX.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new SheetError(
      'unsupported_file',
      'CSV-filen ska vara kodad i UTF-8 (spara som "CSV UTF-8" i Excel).',
    );
  }
  // tab, line feed and carriage return are the only control characters a CSV file has
  if (
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ||
    hasHtmlMarkup(content.subarray(0, 1024))
  )
    throw new SheetError('unsupported_file', 'Filen är varken CSV eller XLSX.');
  return 'csv';
}

/** Reads the first worksheet (XLSX) or the file (CSV) into header-keyed rows. */
export async function readSpreadsheet(content: Buffer): Promise<Sheet> {
  if (content.length === 0) throw new SheetError('empty_file', 'Filen är tom.');
  if (content.length > IMPORT_MAX_BYTES)
    throw new SheetError('file_too_large', 'Filen är för stor (högst 5 MB).');
  const kind = await detectSpreadsheet(content);
  const table = kind === 'csv' ? await readCsv(content) : await readXlsx(content);
  const [header, ...data] = table;
  if (!header || header.cells.every((h) => !h.trim()))
    throw new SheetError('empty_file', 'Filen saknar rubrikrad.');
  const headers = header.cells.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of headers) {
    if (h && seen.has(h.toLocaleLowerCase('sv')))
      throw new SheetError('duplicate_column', `Kolumnen "${h}" finns två gånger.`);
    seen.add(h.toLocaleLowerCase('sv'));
  }
  const rows: SheetRow[] = [];
  for (const line of data) {
    const cells = new Map<string, string>();
    line.cells.forEach((v, i) => {
      const h = headers[i];
      if (h) cells.set(h, v.trim());
    });
    if ([...cells.values()].every((v) => v === '')) continue; // empty rows are skipped
    rows.push({ row: line.row, cells });
  }
  if (rows.length > IMPORT_MAX_ROWS)
    throw new SheetError('too_many_rows', `Filen har fler än ${IMPORT_MAX_ROWS} rader.`);
  return { kind, headers, rows };
}

type Table = Array<{ row: number; cells: string[] }>;

/** CSV with `;` (Swedish Excel) or `,` as separator, chosen from the header line; streamed. */
async function readCsv(content: Buffer): Promise<Table> {
  const firstLine = content.subarray(0, 4096).toString('utf8').split(/\r?\n/)[0] ?? '';
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const parser = Readable.from([content]).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: 64 * 1024,
      to: IMPORT_MAX_ROWS + 2,
    }),
  );
  const out: Table = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      out.push({ row: out.length + 1, cells: record });
    }
  } catch {
    throw new SheetError(
      'unreadable_file',
      `CSV-filen kunde inte läsas (rad ${out.length + 1}): kontrollera citattecknen.`,
    );
  }
  if (out.length > IMPORT_MAX_ROWS + 1)
    throw new SheetError('too_many_rows', `Filen har fler än ${IMPORT_MAX_ROWS} rader.`);
  return out;
}

async function readXlsx(content: Buffer): Promise<Table> {
  if (unpackedSize(content) > XLSX_MAX_UNPACKED_BYTES)
    throw new SheetError('file_too_large', 'Arbetsboken är för stor uppackad.');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new SheetError('unreadable_file', 'XLSX-filen kunde inte läsas.');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new SheetError('empty_file', 'Arbetsboken har inget kalkylblad.');
  if (ws.actualRowCount > IMPORT_MAX_ROWS + 1)
    throw new SheetError('too_many_rows', `Filen har fler än ${IMPORT_MAX_ROWS} rader.`);
  const width = ws.columnCount;
  const out: Table = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(r.getCell(c).value));
    out.push({ row: rowNumber, cells });
  });
  return out;
}

/** A cell's value as the text a user sees; dates as YYYY-MM-DD, formulas by their result. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v)
      return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  return '';
}

/**
 * The sum of the uncompressed sizes in a ZIP's central directory (what unpacking would produce),
 * or Infinity when the directory cannot be read.
 */
export function unpackedSize(zip: Buffer): number {
  const min = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= min; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return Infinity;
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) return Infinity;
    total += zip.readUInt32LE(p + 24);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return total;
}
