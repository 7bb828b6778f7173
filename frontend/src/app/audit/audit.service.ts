import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type { AuditEntryDto, AuditPageDto, AuditQuery, ChainCheckDto } from '../core/api/models';
import { toProblem, type Problem } from '../core/errors/problem';

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = Omit<AuditQuery, 'before' | 'limit'>;

/** The audit log, newest first, read in pages with a keyset cursor (`before`). */
@Injectable({ providedIn: 'root' })
export class AuditService {
  private readonly http = inject(HttpClient);
  private requestNo = 0;

  readonly filters = signal<AuditFilters>({});
  readonly entries = signal<AuditEntryDto[]>([]);
  readonly nextBefore = signal<number | null>(null);
  readonly loaded = signal(false);
  readonly loading = signal(false);
  readonly problem = signal<Problem | null>(null);

  readonly checking = signal(false);
  readonly check = signal<ChainCheckDto | null>(null);
  readonly checkProblem = signal<Problem | null>(null);

  /** First page for new filters. */
  async search(filters: AuditFilters): Promise<void> {
    this.filters.set(filters);
    await this.fetch(undefined);
  }

  /** The next, older page ("Visa fler"). */
  async more(): Promise<void> {
    const before = this.nextBefore();
    if (before !== null) await this.fetch(before);
  }

  async verify(): Promise<void> {
    this.checking.set(true);
    this.check.set(null);
    this.checkProblem.set(null);
    try {
      this.check.set(await firstValueFrom(this.http.get<ChainCheckDto>(`${API}/audit-log/verify`)));
    } catch (error) {
      this.checkProblem.set(toProblem(error));
    } finally {
      this.checking.set(false);
    }
  }

  private async fetch(before: number | undefined): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await firstValueFrom(
        this.http.get<AuditPageDto>(`${API}/audit-log`, {
          params: queryParams({ ...this.filters(), before, limit: AUDIT_PAGE_SIZE }),
        }),
      );
      if (no !== this.requestNo) return;
      this.entries.update((list) => (before === undefined ? page.items : [...list, ...page.items]));
      this.nextBefore.set(page.nextBefore);
      this.loaded.set(true);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }
}
