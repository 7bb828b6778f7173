import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type { components, operations } from '../core/api/api-types';
import { toProblem, type Problem } from '../core/errors/problem';

type Schemas = components['schemas'];
export type ContractSummaryDto = Schemas['ContractSummaryDto'];
export type ContractDetailDto = Schemas['ContractDetailDto'];
export type ContractPageDto = Schemas['ContractPageDto'];
export type ChainWarningDto = Schemas['ChainWarningDto'];
export type SubcontractorDto = Schemas['SubcontractorDto'];
export type CreateContractRequest = Schemas['CreateContractDto'];
export type UpdateContractRequest = Schemas['UpdateContractDto'];
export type ContractImportResult = Schemas['ContractImportResultDto'];
export type SupplierImportResult = Schemas['SupplierImportResultDto'];
export type ImportErrorDto = Schemas['ImportErrorDto'];
type ListQuery = NonNullable<operations['Contracts_list']['parameters']['query']>;

/** The list's filters and sort as the UI keeps them (`chainWarning` is sent as "true"). */
export interface ContractQuery extends Omit<ListQuery, 'cursor' | 'limit' | 'chainWarning'> {
  chainWarning?: boolean;
  limit: number;
}

export type ImportKind = 'contracts' | 'suppliers';
export type ExportFormat = 'csv' | 'xlsx';

export const DEFAULT_LIMIT = 25;

/**
 * The contract register: the list's filters and keyset position (kept while the user opens a
 * contract and comes back), the writes, import and export. Writes throw the HTTP error.
 */
@Injectable({ providedIn: 'root' })
export class ContractsService {
  private readonly http = inject(HttpClient);
  private requestNo = 0;

  readonly query = signal<ContractQuery>({ limit: DEFAULT_LIMIT });
  /** Cursor of each page shown so far; page n (0-based) starts after `cursors[n]`. */
  readonly cursors = signal<Array<string | undefined>>([undefined]);
  readonly pageIndex = signal(0);
  readonly page = signal<ContractPageDto | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<Problem | null>(null);

  /** Changes the filters or sort and goes back to the first page. */
  async search(patch: Partial<ContractQuery>): Promise<void> {
    this.query.update((q) => ({ ...q, ...patch }));
    this.cursors.set([undefined]);
    this.pageIndex.set(0);
    await this.load();
  }

  async next(): Promise<void> {
    const cursor = this.page()?.nextCursor;
    if (!cursor) return;
    const index = this.pageIndex() + 1;
    this.cursors.update((c) => [...c.slice(0, index), cursor]);
    this.pageIndex.set(index);
    await this.load();
  }

  async previous(): Promise<void> {
    if (this.pageIndex() === 0) return;
    this.pageIndex.update((i) => i - 1);
    await this.load();
  }

  async load(): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await firstValueFrom(
        this.http.get<ContractPageDto>(`${API}/contracts`, {
          params: queryParams({ ...this.query(), cursor: this.cursors()[this.pageIndex()] }),
        }),
      );
      if (no === this.requestNo) this.page.set(page);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  get(id: string): Promise<ContractDetailDto> {
    return firstValueFrom(this.http.get<ContractDetailDto>(this.url(id)));
  }

  create(request: CreateContractRequest): Promise<ContractDetailDto> {
    return firstValueFrom(this.http.post<ContractDetailDto>(`${API}/contracts`, request));
  }

  update(id: string, request: UpdateContractRequest): Promise<ContractDetailDto> {
    return firstValueFrom(this.http.patch<ContractDetailDto>(this.url(id), request));
  }

  /** Uploads a spreadsheet; `dryRun` previews. A file with row errors throws (400) unless previewed. */
  importFile(
    kind: ImportKind,
    file: File,
    dryRun: boolean,
  ): Promise<ContractImportResult | SupplierImportResult> {
    const body = new FormData();
    body.append('file', file, file.name);
    return firstValueFrom(
      this.http.post<ContractImportResult | SupplierImportResult>(`${API}/imports/${kind}`, body, {
        params: queryParams({ dryRun }),
      }),
    );
  }

  /** The export's address for the current filters (a plain download link: the cookie signs it). */
  exportUrl(kind: ImportKind, format: ExportFormat): string {
    const params =
      kind === 'contracts' ? { ...this.query(), limit: undefined, format } : { format };
    const query = queryParams(params).toString();
    return `${API}/exports/${kind}?${query}`;
  }

  private url(id: string): string {
    return `${API}/contracts/${encodeURIComponent(id)}`;
  }
}
