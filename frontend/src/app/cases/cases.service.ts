import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import { toProblem, type Problem } from '../core/errors/problem';
import type {
  CaseDetail,
  CasePage,
  CaseQuery,
  CaseSummary,
  CloseCaseRequest,
  DeadlineItem,
  HandlerOption,
  LegalHoldRequest,
  OwnIdentityRequest,
  RecordActionRequest,
  ReporterIdentity,
  TimerEndRequest,
  TimerKind,
  UpdateCaseRequest,
} from './cases.models';

export const CASE_PAGE_SIZE = 25;

/** A file the browser should save (name from Content-Disposition when the server sends one). */
export interface DownloadedFile {
  blob: Blob;
  name: string;
}

/** `filename*=UTF-8''…` or `filename="…"` from a Content-Disposition header. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return fallback;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/**
 * The handler's cases: the inbox (filters, keyset pages accumulated by "Visa fler"), the deadline
 * board and every case action. Writes throw the HTTP error for the page to show.
 */
@Injectable({ providedIn: 'root' })
export class CasesService {
  private readonly http = inject(HttpClient);
  private requestNo = 0;

  readonly query = signal<CaseQuery>({});
  readonly items = signal<CaseSummary[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loaded = signal(false);
  readonly loading = signal(false);
  readonly problem = signal<Problem | null>(null);

  /** Loads the first page for the query (the previous rows are replaced). */
  async search(query: CaseQuery): Promise<void> {
    this.query.set(query);
    await this.fetch(null);
  }

  /** Appends the next page ("Visa fler"). */
  async more(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor && !this.loading()) await this.fetch(cursor);
  }

  private async fetch(after: string | null): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await firstValueFrom(
        this.http.get<CasePage>(`${API}/cases`, {
          params: queryParams({ ...this.query(), after, limit: CASE_PAGE_SIZE }),
        }),
      );
      if (no !== this.requestNo) return;
      this.items.update((rows) => (after ? [...rows, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
      this.loaded.set(true);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  deadlines(): Promise<{ items: DeadlineItem[] }> {
    return firstValueFrom(this.http.get<{ items: DeadlineItem[] }>(`${API}/cases/deadlines`));
  }

  get(id: string): Promise<CaseDetail> {
    return firstValueFrom(this.http.get<CaseDetail>(this.url(id)));
  }

  update(id: string, request: UpdateCaseRequest): Promise<CaseDetail> {
    return firstValueFrom(this.http.patch<CaseDetail>(this.url(id), request));
  }

  sendMessage(id: string, body: string): Promise<unknown> {
    return firstValueFrom(this.http.post(`${this.url(id)}/messages`, { body }));
  }

  addNote(id: string, body: string): Promise<unknown> {
    return firstValueFrom(this.http.post(`${this.url(id)}/notes`, { body }));
  }

  endTimer(id: string, kind: TimerKind, request: TimerEndRequest): Promise<unknown> {
    const path = kind === 'acknowledgement' ? 'acknowledge' : 'feedback';
    return firstValueFrom(this.http.post(`${this.url(id)}/${path}`, request));
  }

  recordAction(id: string, request: RecordActionRequest): Promise<unknown> {
    return firstValueFrom(this.http.post(`${this.url(id)}/actions`, request));
  }

  close(id: string, request: CloseCaseRequest): Promise<unknown> {
    return firstValueFrom(this.http.post(`${this.url(id)}/close`, request));
  }

  legalHold(id: string, request: LegalHoldRequest): Promise<unknown> {
    return firstValueFrom(this.http.post(`${this.url(id)}/legal-hold`, request));
  }

  attachment(id: string, fileId: string, fallbackName: string): Promise<DownloadedFile> {
    return this.download(
      this.http.get(`${this.url(id)}/attachments/${encodeURIComponent(fileId)}`, {
        observe: 'response',
        responseType: 'blob',
      }),
      fallbackName,
    );
  }

  redactedExport(id: string, masks: string[], fallbackName: string): Promise<DownloadedFile> {
    return this.download(
      this.http.post(
        `${this.url(id)}/redacted-export`,
        { masks },
        { observe: 'response', responseType: 'blob' },
      ),
      fallbackName,
    );
  }

  identity(id: string): Promise<ReporterIdentity> {
    return firstValueFrom(this.http.get<ReporterIdentity>(`${this.url(id)}/identity`));
  }

  requestIdentity(id: string, motivation: string): Promise<{ id: string; status: string }> {
    return firstValueFrom(
      this.http.post<{ id: string; status: string }>(`${this.url(id)}/identity-requests`, {
        motivation,
      }),
    );
  }

  /** The signed-in handler's own identity requests (the list is filtered to them by the API). */
  async ownIdentityRequests(caseId: string): Promise<OwnIdentityRequest[]> {
    const rows = await firstValueFrom(
      this.http.get<OwnIdentityRequest[]>(`${API}/identity-requests`, {
        params: queryParams({ caseId }),
      }),
    );
    return rows
      .filter((r) => r.caseId === caseId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  handlers(unitId: string): Promise<HandlerOption[]> {
    return firstValueFrom(
      this.http.get<HandlerOption[]>(`${API}/reports/handlers`, {
        params: queryParams({ unitId }),
      }),
    );
  }

  private async download(
    request: Observable<HttpResponse<Blob>>,
    fallbackName: string,
  ): Promise<DownloadedFile> {
    const response = await firstValueFrom(request);
    return {
      blob: response.body ?? new Blob(),
      name: fileNameOf(response.headers.get('Content-Disposition'), fallbackName),
    };
  }

  private url(id: string): string {
    return `${API}/cases/${encodeURIComponent(id)}`;
  }
}

/** Hands a downloaded file to the browser as a download. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
