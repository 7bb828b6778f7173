import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { Observable, firstValueFrom } from 'rxjs';
import { API } from '../core/api/api';
import { SKIP_AUTH_REDIRECT } from '../core/http/auth-context';
import { uploadAttachment, type UploadEvent } from '../reports/attachment-upload';
import type {
  PublicIntake,
  PublicReportRequest,
  ReceiptCodeResponse,
  ReporterMessage,
  ReporterReportView,
} from '../reports/report.models';

/**
 * The anonymous reporter's API. A 401 here means "no receipt session" (wrong code, or the
 * 30-minute session ran out), never "signed out of Värn", so the global redirect to the login
 * page is switched off for these requests.
 */
@Injectable({ providedIn: 'root' })
export class PublicReportService {
  private readonly http = inject(HttpClient);
  private readonly context = () => new HttpContext().set(SKIP_AUTH_REDIRECT, true);
  private intake: Promise<PublicIntake> | null = null;

  /**
   * The receipt code of the report just sent, handed from the form to the receipt page in
   * memory only (never in storage or the URL), and dropped when that page is left.
   */
  readonly freshReceipt = signal<{ code: string; uploadFailures: string[] } | null>(null);

  /** Units and the security function's contact (cached for the page's life). */
  loadIntake(): Promise<PublicIntake> {
    this.intake ??= firstValueFrom(
      this.http.get<PublicIntake>(`${API}/public/intake`, { context: this.context() }),
    ).catch((error: unknown) => {
      this.intake = null;
      throw error;
    });
    return this.intake;
  }

  submit(request: PublicReportRequest): Promise<ReceiptCodeResponse> {
    return firstValueFrom(
      this.http.post<ReceiptCodeResponse>(`${API}/public/reports`, request, {
        context: this.context(),
      }),
    );
  }

  /** Opens the receipt session (cookie) for the report the code belongs to. */
  openSession(receiptCode: string): Promise<{ reference: string }> {
    return firstValueFrom(
      this.http.post<{ reference: string }>(
        `${API}/public/session`,
        { receiptCode },
        { context: this.context() },
      ),
    );
  }

  closeSession(): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(`${API}/public/session`, { context: this.context() }),
    );
  }

  report(): Promise<ReporterReportView> {
    return firstValueFrom(
      this.http.get<ReporterReportView>(`${API}/public/report`, { context: this.context() }),
    );
  }

  sendMessage(body: string): Promise<ReporterMessage> {
    return firstValueFrom(
      this.http.post<ReporterMessage>(
        `${API}/public/report/messages`,
        { body },
        { context: this.context() },
      ),
    );
  }

  upload(file: File): Observable<UploadEvent> {
    return uploadAttachment(this.http, `${API}/public/report/attachments`, file, this.context());
  }
}
