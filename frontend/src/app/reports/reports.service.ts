import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, firstValueFrom } from 'rxjs';
import { API } from '../core/api/api';
import { uploadAttachment, type UploadEvent } from './attachment-upload';
import type {
  CreatedReport,
  HandlerOption,
  MyReportDetail,
  MyReportList,
  ReporterMessage,
  SignedInReportRequest,
} from './report.models';

/** A signed-in person's own reports ("Mina rapporter") and the signed-in report form. */
@Injectable({ providedIn: 'root' })
export class ReportsService {
  private readonly http = inject(HttpClient);

  create(request: SignedInReportRequest): Promise<CreatedReport> {
    return firstValueFrom(this.http.post<CreatedReport>(`${API}/reports`, request));
  }

  /** Handlers whose scope covers the unit (for "the report concerns a handler"). */
  handlers(unitId: string): Promise<HandlerOption[]> {
    return firstValueFrom(
      this.http.get<HandlerOption[]>(`${API}/reports/handlers`, { params: { unitId } }),
    );
  }

  mine(): Promise<MyReportList> {
    return firstValueFrom(this.http.get<MyReportList>(`${API}/reports/mine`));
  }

  get(id: string): Promise<MyReportDetail> {
    return firstValueFrom(this.http.get<MyReportDetail>(this.url(id)));
  }

  sendMessage(id: string, body: string): Promise<ReporterMessage> {
    return firstValueFrom(this.http.post<ReporterMessage>(`${this.url(id)}/messages`, { body }));
  }

  upload(id: string, file: File): Observable<UploadEvent> {
    return uploadAttachment(this.http, `${this.url(id)}/attachments`, file);
  }

  /** Where the browser downloads an attachment (same-origin, the session cookie goes along). */
  attachmentUrl(id: string, fileId: string): string {
    return `${this.url(id)}/attachments/${encodeURIComponent(fileId)}`;
  }

  private url(id: string): string {
    return `${API}/reports/mine/${encodeURIComponent(id)}`;
  }
}
