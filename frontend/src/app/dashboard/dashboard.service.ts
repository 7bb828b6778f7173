import { HttpClient, HttpErrorResponse, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';

/** The bands of a residual risk, "ej bedömd" being a state of its own (never shown as low). */
export type Band = 'lag' | 'medel' | 'hog' | 'mycket_hog' | 'ej_bedomd';
export const BANDS: readonly Band[] = ['mycket_hog', 'hog', 'medel', 'lag', 'ej_bedomd'];

export interface DashboardRisk {
  id: string;
  title: string;
  category: string;
  unitId: string;
  unitName: string;
  contractId: string | null;
  contractTitle: string | null;
  supplierId: string | null;
  residual: { likelihood: number; consequence: number; score: number; band: string } | null;
  ownerName: string | null;
  nextReviewOn: string | null;
  reviewOverdue: boolean;
}

export interface DashboardAction {
  id: string;
  kind: 'risk' | 'corrective';
  title: string;
  riskId: string | null;
  riskTitle: string | null;
  findingId: string | null;
  ownerName: string | null;
  dueDate: string;
  daysOverdue: number;
}

export interface DashboardContractDue {
  contractId: string;
  contractTitle: string;
  supplierName: string;
  followUpClass: string;
  dueDate: string;
  reason: string;
  status: 'overdue' | 'due_soon';
}

export interface DashboardStaleAcceptance {
  riskId: string;
  riskTitle: string;
  acceptedByName: string;
  acceptedAt: string;
  expiresOn: string | null;
  reason: 'expired' | 'residual_changed';
}

export type RiskTrendPoint = { quarter: string } & Record<Band, number>;

export interface IncidentTrendPoint {
  quarter: string;
  /** null when suppressed. */
  count: number | null;
  suppressed: boolean;
  /** A suppressed quarter: true when its own count is under k, false when it is hidden because
   * it would give a small count elsewhere away (complementary suppression). */
  belowK?: boolean;
}

export interface Listed<T> {
  total: number;
  items: T[];
}

/** `GET /api/dashboard` (see notes/dashboard-api.md): the manager's view of one unit's subtree. */
export interface DashboardDto {
  unit: { id: string; name: string };
  asOf: string;
  scopes: Array<{ id: string; name: string }>;
  riskHeatmap: {
    cells: Array<{
      likelihood: number;
      consequence: number;
      score: number;
      count: number;
      band: string;
    }>;
    matrixVersion: number;
    likelihoodLevels: number;
    consequenceLevels: number;
    /** Risks not assessed (never counted as low). */
    notAssessed: number;
    /** Assessed on an older matrix with levels outside the current one. */
    outsideMatrix: number;
  };
  bandCounts: Array<{ band: Band; count: number }>;
  topRisks: Listed<DashboardRisk>;
  overdueActions: Listed<DashboardAction>;
  contractsDue: Listed<DashboardContractDue>;
  staleAcceptances: Listed<DashboardStaleAcceptance>;
  riskTrend: RiskTrendPoint[];
  /** Empty when the reader may not read incident statistics. */
  incidentTrend: IncidentTrendPoint[];
  /** The smallest count shown in the incident trend (k). */
  k: number;
}

export type ReportFormat = 'pdf' | 'xlsx';

export interface CommitteeReportQuery {
  unitId: string;
  from: string;
  to: string;
  format: ReportFormat;
}

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
