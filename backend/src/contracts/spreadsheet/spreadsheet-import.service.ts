import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { parseLocalDate } from '../../core/domain/local-date';
import { Problem } from '../../core/errors/problem';
import type { Upload } from '../../core/files/upload.interceptor';
import { SupplierEntity } from '../../suppliers/entities/supplier.entity';
import { newSupplier } from '../../suppliers/new-supplier';
import { newContract } from '../contract-rules';
import { CONTRACT_REGISTER_LOCK } from '../contracts.service';
import { ContractsRepository } from '../contracts.repository';
import { isFollowUpClass } from '../domain/contract-classes';
import { parseOrganisationNumber } from '../domain/organisation-number';
import { MAX_ANNUAL_VALUE, MAX_TIER } from '../dto/contract.dto';
import type {
  ContractImportResultDto,
  ContractImportRowDto,
  ImportErrorDto,
  SupplierImportResultDto,
  SupplierImportRowDto,
} from '../dto/import.dto';
import type { ContractEntity } from '../entities/contract.entity';
import {
  CONTRACT_COLUMNS_SV,
  CONTRACT_REQUIRED,
  mapHeaders,
  sectorFrom,
  SUPPLIER_COLUMNS_SV,
  SUPPLIER_REQUIRED,
} from './columns';
import { readSpreadsheet, type Sheet, SheetError, type SheetRow } from './spreadsheet-reader';
import { ADVISORY_LOCKS } from '../../core/database/advisory-locks';

/**
 * Must equal SUPPLIER_REGISTER_LOCK in suppliers/suppliers.service.ts: the supplier import and a
 * supplier created in the form serialise on the same lock, so two numbers never both get in.
 */
const SUPPLIER_REGISTER_LOCK = ADVISORY_LOCKS.supplierRegister;

const SINGLE_LINE = /^[^\u0000-\u001f<>]+$/u;
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const PHONE = /^[0-9 +()-]+$/;

/** Collects the errors of one file, each naming its row and the column as written in the file. */
class Errors {
  readonly list: ImportErrorDto[] = [];
  private readonly bad = new Set<number>();
  constructor(private readonly headerOf: (key: string) => string) {}
  add(row: number, key: string, code: string): null {
    const column = this.headerOf(key);
    this.list.push({ row, column, code, field: column, messages: [code] });
    this.bad.add(row);
    return null;
  }
  has(row: number): boolean {
    return this.bad.has(row);
  }
}

/** A row's cells by our column keys, with the shared checks of text cells. */
function cellsOf<K extends string>(r: SheetRow, present: ReadonlyMap<K, string>, errors: Errors) {
  const raw = (key: K): string => {
    const h = present.get(key);
    return h ? (r.cells.get(h) ?? '') : '';
  };
  const text = (
    key: K,
    max: number,
    opts: { required?: boolean; multiline?: boolean } = {},
  ): string | null => {
    const v = raw(key);
    if (!v) return opts.required ? errors.add(r.row, key, 'required') : null;
    if (v.length > max) return errors.add(r.row, key, 'too_long');
    if (!(opts.multiline ? NO_CONTROL : SINGLE_LINE).test(v))
      return errors.add(r.row, key, 'invalid_text');
    return v;
  };
  return { raw, text };
}

/** Whole kronor: "1 250 000", "1250000", "1 250 000 kr", "1250000,00". */
export function parseAmount(text: string): number | null {
  const t = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(kr|sek)$/i, '')
    .replace(/[.,]0+$/, '');
  if (!/^\d{1,10}$/.test(t)) return null;
  const n = Number(t);
  return n <= MAX_ANNUAL_VALUE ? n : null;
}

@Injectable()
export class SpreadsheetImportService {
  constructor(
    private readonly contracts: ContractsRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Imports contracts from a CSV or XLSX file. A preview (`dryRun`) checks every row and writes
   * nothing; otherwise the rows are checked again inside one transaction under the register's
   * lock and either all are written or — when any row has an error — none (400 with the list).
   */
  async importContracts(
    upload: Upload,
    dryRun: boolean,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<ContractImportResultDto> {
    const sheet = await this.read(upload);
    const { present, missing, ignored } = mapHeaders(
      sheet.headers,
      CONTRACT_COLUMNS_SV,
      CONTRACT_REQUIRED,
    );
    this.assertColumns(missing.map((k) => CONTRACT_COLUMNS_SV[k]));
    if (dryRun) {
      const checked = await this.checkContracts(sheet, present, actor, ability);
      return { dryRun, format: sheet.kind, created: 0, ignoredColumns: ignored, ...checked.result };
    }
    return this.db.transaction(async () => {
      await this.db.lock(CONTRACT_REGISTER_LOCK);
      const checked = await this.checkContracts(sheet, present, actor, ability);
      if (checked.result.errors.length) throw this.rowProblem(checked.result.errors);
      const now = this.clock.now();
      for (const [i, fields] of checked.valid.entries()) {
        const { contract, subcontractors } = newContract(fields, [], now);
        await this.contracts.insert(contract, subcontractors);
        checked.result.rows[i].id = contract.id;
        await this.audit.record({
          action: 'contract.created',
          actor,
          objectType: 'Contract',
          objectId: contract.id,
          details: {
            source: 'import',
            unitId: contract.unitId,
            supplierId: contract.supplierId,
            followUpClass: contract.followUpClass,
          },
        });
      }
      await this.audit.record({
        action: 'contracts.imported',
        actor,
        details: { format: sheet.kind, rows: sheet.rows.length, created: checked.valid.length },
      });
      return {
        dryRun,
        format: sheet.kind,
        created: checked.valid.length,
        ignoredColumns: ignored,
        ...checked.result,
      };
    });
  }

  private async checkContracts(
    sheet: Sheet,
    present: Map<keyof typeof CONTRACT_COLUMNS_SV, string>,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<{
    result: { rows: ContractImportRowDto[]; errors: ImportErrorDto[] };
    valid: Array<Parameters<typeof newContract>[0]>;
  }> {
    type K = keyof typeof CONTRACT_COLUMNS_SV;
    const errors = new Errors((k) => present.get(k as K) ?? CONTRACT_COLUMNS_SV[k as K]);
    // the lookups every row needs, one query each
    const numbers = new Map<number, string>();
    for (const r of sheet.rows) {
      const h = present.get('supplier');
      const parsed = parseOrganisationNumber((h && r.cells.get(h)) || '');
      if (parsed.ok) numbers.set(r.row, parsed.value);
    }
    const suppliers = await this.contracts.suppliersByNumber([...new Set(numbers.values())]);
    const units = (await this.contracts.units()).filter((u) => u.active);
    const diarienummerColumn = present.get('diarienummer');
    const taken = await this.contracts.diarienummerTaken(
      [
        ...new Set(
          sheet.rows.map((r) => (diarienummerColumn && r.cells.get(diarienummerColumn)) || ''),
        ),
      ].filter(Boolean),
    );
    const seenDnr = new Set<string>();

    const rows: ContractImportRowDto[] = [];
    const valid: Array<Parameters<typeof newContract>[0]> = [];
    for (const r of sheet.rows) {
      const { raw, text } = cellsOf<K>(r, present, errors);
      const title = text('title', 200, { required: true });
      let diarienummer = text('diarienummer', 40, { required: true });
      if (diarienummer) {
        const key = diarienummer.toLocaleLowerCase('sv');
        if (seenDnr.has(key)) diarienummer = errors.add(r.row, 'diarienummer', 'duplicate_in_file');
        else if (taken.has(diarienummer))
          diarienummer = errors.add(r.row, 'diarienummer', 'diarienummer_taken');
        seenDnr.add(key);
      }
      let supplierId: string | null = null;
      const orgnr = numbers.get(r.row) ?? null;
      if (!raw('supplier')) errors.add(r.row, 'supplier', 'required');
      else if (!orgnr) errors.add(r.row, 'supplier', 'invalid_organisation_number');
      else supplierId = suppliers.get(orgnr) ?? errors.add(r.row, 'supplier', 'unknown_supplier');
      const sector = raw('sector')
        ? (sectorFrom(raw('sector')) ?? errors.add(r.row, 'sector', 'unknown_sector'))
        : errors.add(r.row, 'sector', 'required');
      const annualValue = raw('annualValue')
        ? (parseAmount(raw('annualValue')) ?? errors.add(r.row, 'annualValue', 'invalid_amount'))
        : errors.add(r.row, 'annualValue', 'required');
      const date = (key: 'startDate' | 'endDate') =>
        raw(key)
          ? (parseLocalDate(raw(key)) ?? errors.add(r.row, key, 'invalid_date'))
          : errors.add(r.row, key, 'required');
      const startDate = date('startDate');
      let endDate = date('endDate');
      if (startDate && endDate && endDate < startDate)
        endDate = errors.add(r.row, 'endDate', 'end_before_start');
      let unit: (typeof units)[number] | null = null;
      const unitText = raw('unit');
      if (!unitText) errors.add(r.row, 'unit', 'required');
      else {
        const folded = unitText.toLocaleLowerCase('sv');
        const matches = units.filter(
          (u) => u.id === unitText || u.name.toLocaleLowerCase('sv') === folded,
        );
        if (matches.length === 0) errors.add(r.row, 'unit', 'unknown_unit');
        else if (matches.length > 1) errors.add(r.row, 'unit', 'ambiguous_unit');
        else if (
          !ability.can(
            'create',
            asSubject('Contract', { id: '', unitId: matches[0].id, unitPath: matches[0].path }),
          )
        )
          errors.add(r.row, 'unit', 'unit_not_allowed');
        else unit = matches[0];
      }
      const cls = raw('followUpClass').toUpperCase();
      const followUpClass = !cls
        ? errors.add(r.row, 'followUpClass', 'required')
        : isFollowUpClass(cls)
          ? cls
          : errors.add(r.row, 'followUpClass', 'unknown_class');
      let maxTiers: number | null = 1;
      if (raw('maxSubcontractorTiers')) {
        const n = Number(raw('maxSubcontractorTiers'));
        maxTiers =
          Number.isInteger(n) && n >= 0 && n <= MAX_TIER
            ? n
            : errors.add(r.row, 'maxSubcontractorTiers', 'invalid_tiers');
      }
      const notes = text('notes', 4000, { multiline: true });
      const invalid = errors.has(r.row);
      rows.push({
        row: r.row,
        id: null,
        title,
        diarienummer,
        supplierId,
        supplierOrganisationNumber: orgnr,
        sector,
        annualValue,
        startDate,
        endDate,
        unitId: unit?.id ?? null,
        unitName: unit?.name ?? null,
        followUpClass,
        maxSubcontractorTiers: maxTiers,
        notes,
        invalid,
      });
      if (!invalid)
        valid.push({
          title: title as string,
          diarienummer: diarienummer as string,
          supplierId: supplierId as string,
          sector: sector as string,
          annualValue: annualValue as number,
          startDate: startDate as string,
          endDate: endDate as string,
          unitId: (unit as { id: string }).id,
          followUpClass: followUpClass as string,
          maxSubcontractorTiers: maxTiers as number,
          notes,
          createdBy: actor.id,
        } satisfies Partial<ContractEntity>);
    }
    return { result: { rows, errors: errors.list }, valid };
  }

  /** Imports suppliers (same rules as the form: Luhn-checked, unique organisation numbers). */
  async importSuppliers(
    upload: Upload,
    dryRun: boolean,
    actor: AuthUser,
  ): Promise<SupplierImportResultDto> {
    const sheet = await this.read(upload);
    const { present, missing, ignored } = mapHeaders(
      sheet.headers,
      SUPPLIER_COLUMNS_SV,
      SUPPLIER_REQUIRED,
    );
    this.assertColumns(missing.map((k) => SUPPLIER_COLUMNS_SV[k]));
    if (dryRun) {
      const checked = await this.checkSuppliers(sheet, present);
      return { dryRun, format: sheet.kind, created: 0, ignoredColumns: ignored, ...checked };
    }
    return this.db.transaction(async () => {
      await this.db.lock(SUPPLIER_REGISTER_LOCK);
      const checked = await this.checkSuppliers(sheet, present);
      if (checked.errors.length) throw this.rowProblem(checked.errors);
      const now = this.clock.now();
      for (const row of checked.rows) {
        const s = newSupplier(
          {
            name: row.name as string,
            organisationNumber: row.organisationNumber as string,
            address: row.address,
            contactName: row.contactName,
            contactEmail: row.contactEmail,
            contactPhone: row.contactPhone,
            beneficialOwner: row.beneficialOwner,
            notes: row.notes,
            createdBy: actor.id,
          },
          now,
        );
        await this.db.repo(SupplierEntity).insert(s);
        row.id = s.id;
        await this.audit.record({
          action: 'supplier.created',
          actor,
          objectType: 'Supplier',
          objectId: s.id,
          details: { organisationNumber: s.organisationNumber, source: 'import' },
        });
      }
      await this.audit.record({
        action: 'suppliers.imported',
        actor,
        details: { format: sheet.kind, rows: sheet.rows.length, created: checked.rows.length },
      });
      return {
        dryRun,
        format: sheet.kind,
        created: checked.rows.length,
        ignoredColumns: ignored,
        ...checked,
      };
    });
  }

  private async checkSuppliers(
    sheet: Sheet,
    present: Map<keyof typeof SUPPLIER_COLUMNS_SV, string>,
  ): Promise<{ rows: SupplierImportRowDto[]; errors: ImportErrorDto[] }> {
    type K = keyof typeof SUPPLIER_COLUMNS_SV;
    const errors = new Errors((k) => present.get(k as K) ?? SUPPLIER_COLUMNS_SV[k as K]);
    const parsedNumbers = sheet.rows.map((r) => {
      const h = present.get('organisationNumber');
      return parseOrganisationNumber((h && r.cells.get(h)) || '');
    });
    const existing = await this.contracts.suppliersByNumber(
      parsedNumbers.flatMap((p) => (p.ok ? [p.value] : [])),
    );
    const seen = new Set<string>();
    const rows: SupplierImportRowDto[] = [];
    for (const [i, r] of sheet.rows.entries()) {
      const { raw, text } = cellsOf<K>(r, present, errors);
      const name = text('name', 200, { required: true });
      let organisationNumber: string | null = null;
      const p = parsedNumbers[i];
      if (!raw('organisationNumber')) errors.add(r.row, 'organisationNumber', 'required');
      else if (!p.ok) errors.add(r.row, 'organisationNumber', 'invalid_organisation_number');
      else if (seen.has(p.value)) errors.add(r.row, 'organisationNumber', 'duplicate_in_file');
      else if (existing.has(p.value))
        errors.add(r.row, 'organisationNumber', 'organisation_number_taken');
      else organisationNumber = p.value;
      if (p.ok) seen.add(p.value);
      let contactEmail = text('contactEmail', 254);
      if (contactEmail && !EMAIL.test(contactEmail))
        contactEmail = errors.add(r.row, 'contactEmail', 'invalid_email');
      let contactPhone = text('contactPhone', 40);
      if (contactPhone && !PHONE.test(contactPhone))
        contactPhone = errors.add(r.row, 'contactPhone', 'invalid_phone');
      rows.push({
        row: r.row,
        id: null,
        name,
        organisationNumber,
        address: text('address', 500, { multiline: true }),
        contactName: text('contactName', 200),
        contactEmail,
        contactPhone,
        beneficialOwner: text('beneficialOwner', 200),
        notes: text('notes', 4000, { multiline: true }),
        invalid: false,
      });
    }
    for (const row of rows) row.invalid = errors.has(row.row);
    return { rows, errors: errors.list };
  }

  /** The file as a sheet; a file that is no spreadsheet at all is refused as a whole. */
  private async read(upload: Upload): Promise<Sheet> {
    try {
      return await readSpreadsheet(upload.content);
    } catch (e) {
      if (!(e instanceof SheetError)) throw e;
      if (e.code === 'file_too_large')
        throw new Problem(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', e.detail);
      if (e.code === 'unsupported_file')
        throw new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', e.detail);
      throw Problem.badRequest(e.detail, 'bad_request', [{ field: 'file', messages: [e.code] }]);
    }
  }

  private assertColumns(missing: string[]): void {
    if (missing.length)
      throw this.rowProblem(
        missing.map((column) => ({
          row: 1,
          column,
          code: 'missing_column',
          field: column,
          messages: ['missing_column'],
        })),
        `Filen saknar kolumner: ${missing.join(', ')}.`,
      );
  }

  private rowProblem(errors: ImportErrorDto[], detail?: string): Problem {
    const rows = new Set(errors.map((e) => e.row)).size;
    return Problem.badRequest(
      detail ?? `Inget importerades: ${rows} ${rows === 1 ? 'rad har' : 'rader har'} fel.`,
      'validation_failed',
      errors,
    );
  }
}
