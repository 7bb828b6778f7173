import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { AuditService } from '../../core/audit/audit.service';
import type { AppAbility } from '../../core/authz/ability';
import { accessibleWhere } from '../../core/authz/casl-sql';
import type { AuthUser } from '../../core/authz/roles';
import { Db } from '../../core/database/db';
import { SupplierEntity } from '../../suppliers/entities/supplier.entity';
import { SUPPLIER_COLUMNS } from '../../suppliers/suppliers.repository';
import { ContractsRepository, type ContractRow } from '../contracts.repository';
import { ContractsService, statusOf } from '../contracts.service';
import type { Sector } from '../domain/contract-classes';
import { SECTOR_LABELS_SV } from '../domain/contracts.labels.sv';
import type { ContractFilterQuery } from '../dto/contract.dto';
import type { ContractSubcontractorEntity } from '../entities/contract-subcontractor.entity';
import {
  APPROVAL_LABELS_SV,
  CONTRACT_COLUMNS_SV,
  CONTRACT_EXPORT_EXTRA_SV,
  STATUS_LABELS_SV,
  SUPPLIER_COLUMNS_SV,
  SUPPLIER_EXPORT_EXTRA_SV,
} from './columns';

/** Rows read per query while streaming an export. */
const BATCH = 500;

export type ExportFormat = 'csv' | 'xlsx';
type Cell = string | number;

export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A CSV field for Swedish Excel (`;`-separated): quoted when it holds a separator, a quote or a
 * line break; text that a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading
 * apostrophe (CSV injection).
 */
export function csvField(v: Cell): string {
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes rows as CSV (UTF-8 with BOM, `;`, CRLF) or XLSX to `out`, respecting back-pressure. */
class SheetWriter {
  private readonly wb?: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly ws?: ExcelJS.Worksheet;

  constructor(
    private readonly format: ExportFormat,
    private readonly out: Writable,
    sheetName: string,
  ) {
    if (format === 'xlsx') {
      this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      this.ws = this.wb.addWorksheet(sheetName);
    }
  }

  async header(cells: string[]): Promise<void> {
    if (this.ws) {
      const row = this.ws.addRow(cells);
      row.font = { bold: true };
      row.commit();
      return;
    }
    await this.write('\uFEFF' + cells.map(csvField).join(';') + '\r\n');
  }

  async row(cells: Cell[]): Promise<void> {
    if (this.ws) {
      this.ws.addRow(cells).commit();
      return;
    }
    await this.write(cells.map(csvField).join(';') + '\r\n');
  }

  async end(): Promise<void> {
    if (this.wb && this.ws) {
      this.ws.commit();
      await this.wb.commit();
      return;
    }
    this.out.end();
  }

  private async write(text: string): Promise<void> {
    if (!this.out.write(text, 'utf8')) await once(this.out, 'drain');
  }
}

@Injectable()
export class SpreadsheetExportService {
  constructor(
    private readonly contracts: ContractsRepository,
    private readonly service: ContractsService,
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {}

  /**
   * Streams the contracts the caller may read that match the filters, in batches (keyset), so a
   * register of 100 000 contracts never sits in memory. The filters are checked before the
   * first byte is written, so bad input is still a problem+json answer.
   */
  async prepareContracts(
    query: ContractFilterQuery,
    ability: AppAbility,
  ): Promise<(format: ExportFormat, out: Writable, actor: AuthUser) => Promise<void>> {
    const search = await this.service.searchOf(query, ability);
    return async (format, out, actor) => {
      const w = new SheetWriter(format, out, 'Avtal');
      const c = CONTRACT_COLUMNS_SV;
      const x = CONTRACT_EXPORT_EXTRA_SV;
      await w.header([
        c.title,
        c.diarienummer,
        c.supplier,
        x.supplierName,
        c.sector,
        c.annualValue,
        c.startDate,
        c.endDate,
        x.status,
        c.unit,
        c.followUpClass,
        x.owner,
        c.maxSubcontractorTiers,
        x.subcontractors,
        x.chainWarnings,
        c.notes,
      ]);
      let after: { value: string | number; id: string } | undefined;
      let count = 0;
      for (;;) {
        const { rows } = await this.contracts.search({ ...search, after, limit: BATCH }, false);
        const subs = await this.contracts.subcontractorsOfMany(rows.map((r) => r.id));
        for (const r of rows) {
          await w.row(this.contractCells(r, subs, search.today));
          count++;
        }
        if (rows.length < BATCH) break;
        const last = rows[rows.length - 1];
        after = { value: last[search.sort], id: last.id };
      }
      await w.end();
      await this.audit.record({
        action: 'contracts.exported',
        actor,
        details: { format, rows: count },
      });
    };
  }

  private contractCells(
    r: ContractRow,
    subs: ContractSubcontractorEntity[],
    today: string,
  ): Cell[] {
    const chain = subs
      .filter((s) => s.contractId === r.id)
      .map(
        (s) =>
          `${s.name} (${s.organisationNumber}, led ${s.tier}, ${APPROVAL_LABELS_SV[s.approvalStatus as keyof typeof APPROVAL_LABELS_SV] ?? s.approvalStatus})`,
      )
      .join('; ');
    return [
      r.title,
      r.diarienummer,
      r.supplierOrganisationNumber,
      r.supplierName,
      SECTOR_LABELS_SV[r.sector as Sector] ?? r.sector,
      r.annualValue,
      r.startDate,
      r.endDate,
      STATUS_LABELS_SV[statusOf(r, today)],
      r.unitName,
      r.followUpClass,
      r.ownerName ?? '',
      r.maxSubcontractorTiers,
      chain,
      r.chainWarningCount,
      r.notes ?? '',
    ];
  }

  /** Streams the supplier register (shared: whoever may read suppliers reads all of them). */
  suppliers(
    ability: AppAbility,
  ): (format: ExportFormat, out: Writable, actor: AuthUser) => Promise<void> {
    const access = accessibleWhere(ability, 'read', 'Supplier', SUPPLIER_COLUMNS);
    return async (format, out, actor) => {
      const w = new SheetWriter(format, out, 'Leverantörer');
      const c = SUPPLIER_COLUMNS_SV;
      const x = SUPPLIER_EXPORT_EXTRA_SV;
      await w.header([
        c.name,
        c.organisationNumber,
        c.address,
        c.contactName,
        c.contactEmail,
        c.contactPhone,
        c.beneficialOwner,
        x.flagCount,
        x.indepthCheck,
        c.notes,
      ]);
      let after: { name: string; id: string } | undefined;
      let count = 0;
      for (;;) {
        const qb = this.db
          .repo(SupplierEntity)
          .createQueryBuilder('s')
          .where(`(${access.sql})`, access.params);
        if (after)
          qb.andWhere('(s.name > :an OR (s.name = :an AND s.id > :ai))', {
            an: after.name,
            ai: after.id,
          });
        const rows = await qb
          .orderBy('s.name', 'ASC')
          .addOrderBy('s.id', 'ASC')
          .limit(BATCH)
          .getMany();
        for (const s of rows) {
          await w.row([
            s.name,
            s.organisationNumber,
            s.address ?? '',
            s.contactName ?? '',
            s.contactEmail ?? '',
            s.contactPhone ?? '',
            s.beneficialOwner ?? '',
            s.flagCount,
            s.indepthCheckRequired ? 'Ja' : 'Nej',
            s.notes ?? '',
          ]);
          count++;
        }
        if (rows.length < BATCH) break;
        const last = rows[rows.length - 1];
        after = { name: last.name, id: last.id };
      }
      await w.end();
      await this.audit.record({
        action: 'suppliers.exported',
        actor,
        details: { format, rows: count },
      });
    };
  }
}
