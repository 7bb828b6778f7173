import { HttpClient, HttpErrorResponse, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type { components, operations } from '../core/api/api-types';

type Schemas = components['schemas'];

/** `GET /api/dashboard` (notes/dashboard-api.md): the manager's view of one unit's subtree. */
export type DashboardDto = Schemas['DashboardDto'];
export type DashboardRisk = Schemas['DashboardRiskDto'];
export type DashboardAction = Schemas['DashboardActionDto'];
export type DashboardContractDue = Schemas['DashboardContractDueDto'];
export type DashboardStaleAcceptance = Schemas['DashboardStaleAcceptanceDto'];
export type RiskTrendPoint = Schemas['RiskTrendPointDto'];
/** A suppressed quarter: `belowK` true when its own count is under k, false when it is hidden
 * because it would give a small count elsewhere away (complementary suppression). */
export type IncidentTrendPoint = Schemas['IncidentTrendPointDto'];
type CommitteeReportParams = NonNullable<
  operations['Dashboards_committeeReport']['parameters']['query']
>;

/** The bands of a residual risk, "ej bedömd" being a state of its own (never shown as low). */
export type Band = Schemas['BandCountDto']['band'];
export const BANDS: readonly Band[] = ['mycket_hog', 'hog', 'medel', 'lag', 'ej_bedomd'];

export type ReportFormat = CommitteeReportParams['format'];
export type CommitteeReportQuery = CommitteeReportParams;

export interface DownloadedReport {
  blob: Blob;
  name: string;
  type: string;
}

/** The name from `Content-Disposition` (RFC 6266, UTF-8 form preferred), else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* a broken escape: try the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/** A blob's text (FileReader: older engines have no `Blob.text()`). */
export function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });
}

/**
 * A download that failed carries its problem+json body as a Blob; read it, so the page can show
 * the translated code like any other error.
 */
export async function readBlobError(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return error;
  try {
    const body: unknown = JSON.parse(await blobText(error.error));
    return new HttpErrorResponse({
      error: body,
      headers: error.headers,
      status: error.status,
      statusText: error.statusText,
      url: error.url ?? undefined,
    });
  } catch {
    return new HttpErrorResponse({
      headers: error.headers,
      status: error.status,
      statusText: error.statusText,
      url: error.url ?? undefined,
    });
  }
}

/** The dashboard's and the committee report's API. Calls throw the HTTP error. */
@Injectable({ providedIn: 'root' })
export class DashboardService {
  private readonly http = inject(HttpClient);

  get(unitId?: string | null): Promise<DashboardDto> {
    return firstValueFrom(
      this.http.get<DashboardDto>(`${API}/dashboard`, { params: queryParams({ unitId }) }),
    );
  }

  /** Generates the report on the server and fetches it as a file (errors as problem+json). */
  async committeeReport(query: CommitteeReportQuery): Promise<DownloadedReport> {
    let response: HttpResponse<Blob>;
    try {
      response = await firstValueFrom(
        this.http.get(`${API}/committee-report`, {
          params: queryParams(query),
          observe: 'response',
          responseType: 'blob',
        }),
      );
    } catch (error) {
      throw await readBlobError(error);
    }
    const blob = response.body ?? new Blob();
    return {
      blob,
      type: blob.type || (response.headers.get('Content-Type') ?? ''),
      name: fileNameOf(
        response.headers.get('Content-Disposition'),
        `namndrapport-${query.from}-${query.to}.${query.format}`,
      ),
    };
  }
}
