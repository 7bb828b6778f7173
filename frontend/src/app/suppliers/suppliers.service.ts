import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type { components, operations } from '../core/api/api-types';
import { toProblem, type Problem } from '../core/errors/problem';

type Schemas = components['schemas'];
export type SupplierSummaryDto = Schemas['SupplierSummaryDto'];
export type SupplierDetailDto = Schemas['SupplierDetailDto'];
export type SupplierPageDto = Schemas['SupplierPageDto'];
export type SupplierFlagDto = Schemas['SupplierFlagDto'];
export type IndepthReasonDto = Schemas['IndepthReasonDto'];
export type CreateSupplierRequest = Schemas['CreateSupplierDto'];
export type UpdateSupplierRequest = Schemas['UpdateSupplierDto'];
type ListQuery = NonNullable<operations['Suppliers_list']['parameters']['query']>;

/** Query of `GET /api/suppliers` as the UI keeps it (booleans are sent as "true"/"false"). */
export interface SupplierQuery extends Omit<
  ListQuery,
  'indepthCheck' | 'flagged' | 'page' | 'pageSize'
> {
  indepthCheck?: boolean;
  flagged?: boolean;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 25;

/** Organisation-number problems the forms show at the field. */
export const ORGNR_CODES = ['invalid_organisation_number', 'organisation_number_taken'] as const;

/**
 * The supplier register: the list's filters and current page (kept while the user opens a
 * supplier and comes back), and the writes. Writes throw the HTTP error.
 */
@Injectable({ providedIn: 'root' })
export class SuppliersService {
  private readonly http = inject(HttpClient);
  private requestNo = 0;

  readonly query = signal<SupplierQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  readonly page = signal<SupplierPageDto | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<Problem | null>(null);

  /** Changes the filters (back to page 1 unless a page is given) and loads. */
  async search(patch: Partial<SupplierQuery>): Promise<void> {
    this.query.update((q) => ({ ...q, page: 1, ...patch }));
    await this.load();
  }

  async load(): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await firstValueFrom(
        this.http.get<SupplierPageDto>(`${API}/suppliers`, {
          params: queryParams(this.query()),
        }),
      );
      if (no === this.requestNo) this.page.set(page);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  get(id: string): Promise<SupplierDetailDto> {
    return firstValueFrom(this.http.get<SupplierDetailDto>(this.url(id)));
  }

  create(request: CreateSupplierRequest): Promise<SupplierDetailDto> {
    return firstValueFrom(this.http.post<SupplierDetailDto>(`${API}/suppliers`, request));
  }

  update(id: string, request: UpdateSupplierRequest): Promise<SupplierDetailDto> {
    return firstValueFrom(this.http.patch<SupplierDetailDto>(this.url(id), request));
  }

  tickFlag(id: string, code: string, evidence: string): Promise<SupplierDetailDto> {
    return firstValueFrom(
      this.http.put<SupplierDetailDto>(`${this.url(id)}/flags/${encodeURIComponent(code)}`, {
        evidence,
      }),
    );
  }

  untickFlag(id: string, code: string): Promise<SupplierDetailDto> {
    return firstValueFrom(
      this.http.delete<SupplierDetailDto>(`${this.url(id)}/flags/${encodeURIComponent(code)}`),
    );
  }

  private url(id: string): string {
    return `${API}/suppliers/${encodeURIComponent(id)}`;
  }
}
