import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type { ContractPageDto } from '../contracts/contracts.service';
import type { RiskMatrixDto } from '../risks/risks.service';
import { uploadAttachment, type UploadEvent } from '../reports/attachment-upload';
import type {
  AnswerDto,
  AnswerRequest,
  AuditDeclaration,
  AuditDetail,
  AuditPage,
  AuditPlan,
  AuditStatus,
  ChecklistDetail,
  ChecklistSummary,
  ContractFollowUp,
  CorrectiveActionDto,
  CreateActionRequest,
  CreateChecklistRequest,
  CreateFindingRequest,
  FindingDto,
  FindingQuery,
  FindingRiskRequest,
  MyCorrectiveActionDto,
  UpdateActionRequest,
} from './audits.models';

const enc = encodeURIComponent;

/** Contract follow-up: checklists, the plan, audits, findings and corrective actions. */
@Injectable({ providedIn: 'root' })
export class AuditsService {
  private readonly http = inject(HttpClient);

  checklists(): Promise<{ items: ChecklistSummary[] }> {
    return firstValueFrom(this.http.get<{ items: ChecklistSummary[] }>(`${API}/checklists`));
  }

  checklist(id: string): Promise<ChecklistDetail> {
    return firstValueFrom(this.http.get<ChecklistDetail>(`${API}/checklists/${enc(id)}`));
  }

  createChecklist(body: CreateChecklistRequest): Promise<ChecklistDetail> {
    return firstValueFrom(this.http.post<ChecklistDetail>(`${API}/checklists`, body));
  }

  plan(query: { from: string; to: string; unitId?: string }): Promise<AuditPlan> {
    return firstValueFrom(
      this.http.get<AuditPlan>(`${API}/audit-plan`, { params: queryParams(query) }),
    );
  }

  list(query: { contractId?: string; status?: AuditStatus; cursor?: string }): Promise<AuditPage> {
    return firstValueFrom(
      this.http.get<AuditPage>(`${API}/audits`, { params: queryParams(query) }),
    );
  }

  start(body: {
    contractId: string;
    checklistId: string;
    kind?: 'planerad' | 'adhoc';
  }): Promise<AuditDetail> {
    return firstValueFrom(this.http.post<AuditDetail>(`${API}/audits`, body));
  }

  get(id: string): Promise<AuditDetail> {
    return firstValueFrom(this.http.get<AuditDetail>(this.url(id)));
  }

  /** Saves one answer; a stale `version` is refused with 409 `edit_conflict`. */
  answer(id: string, itemId: string, body: AnswerRequest): Promise<AnswerDto> {
    return firstValueFrom(this.http.put<AnswerDto>(`${this.url(id)}/answers/${enc(itemId)}`, body));
  }

  uploadEvidence(id: string, itemId: string, file: File): Observable<UploadEvent> {
    return uploadAttachment(this.http, `${this.url(id)}/answers/${enc(itemId)}/attachments`, file);
  }

  /** Where the browser opens an attachment (same origin; the session cookie goes along). */
  attachmentUrl(id: string, fileId: string): string {
    return `${this.url(id)}/attachments/${enc(fileId)}`;
  }

  reportUrl(id: string): string {
    return `${this.url(id)}/report.pdf`;
  }

  signOff(id: string): Promise<AuditDetail> {
    return firstValueFrom(this.http.post<AuditDetail>(`${this.url(id)}/sign-off`, {}));
  }

  declarations(id: string): Promise<{ items: AuditDeclaration[] }> {
    return firstValueFrom(
      this.http.get<{ items: AuditDeclaration[] }>(`${this.url(id)}/declarations`),
    );
  }

  recordInfluenceReport(id: string, itemId: string): Promise<{ recordedAt: string }> {
    return firstValueFrom(
      this.http.post<{ recordedAt: string }>(`${this.url(id)}/influence-reports`, { itemId }),
    );
  }

  createFinding(id: string, body: CreateFindingRequest): Promise<FindingDto> {
    return firstValueFrom(this.http.post<FindingDto>(`${this.url(id)}/findings`, body));
  }

  findings(query: FindingQuery): Promise<{ items: FindingDto[] }> {
    return firstValueFrom(
      this.http.get<{ items: FindingDto[] }>(`${API}/findings`, { params: queryParams(query) }),
    );
  }

  finding(id: string): Promise<FindingDto> {
    return firstValueFrom(this.http.get<FindingDto>(`${API}/findings/${enc(id)}`));
  }

  /** The corrective actions the caller owns (also on findings they cannot open). */
  myActions(): Promise<{ items: MyCorrectiveActionDto[] }> {
    return firstValueFrom(
      this.http.get<{ items: MyCorrectiveActionDto[] }>(`${API}/corrective-actions/mine`),
    );
  }

  addAction(findingId: string, body: CreateActionRequest): Promise<CorrectiveActionDto> {
    return firstValueFrom(
      this.http.post<CorrectiveActionDto>(`${API}/findings/${enc(findingId)}/actions`, body),
    );
  }

  updateAction(actionId: string, body: UpdateActionRequest): Promise<CorrectiveActionDto> {
    return firstValueFrom(
      this.http.patch<CorrectiveActionDto>(`${API}/corrective-actions/${enc(actionId)}`, body),
    );
  }

  verify(findingId: string, actionId: string): Promise<FindingDto> {
    return firstValueFrom(
      this.http.post<FindingDto>(`${API}/findings/${enc(findingId)}/verify`, { actionId }),
    );
  }

  linkRisk(findingId: string, body: FindingRiskRequest): Promise<{ riskId: string }> {
    return firstValueFrom(
      this.http.post<{ riskId: string }>(`${API}/findings/${enc(findingId)}/risk`, body),
    );
  }

  followUp(contractId: string): Promise<ContractFollowUp> {
    return firstValueFrom(
      this.http.get<ContractFollowUp>(`${API}/contracts/${enc(contractId)}/follow-up`),
    );
  }

  /** Contracts to start an ad-hoc audit on (title, diarienummer, supplier, org. number). */
  searchContracts(q: string): Promise<ContractPageDto> {
    return firstValueFrom(
      this.http.get<ContractPageDto>(`${API}/contracts`, { params: queryParams({ q, limit: 10 }) }),
    );
  }

  /** The current risk matrix (for "Koppla till risk"). */
  riskMatrix(): Promise<RiskMatrixDto> {
    return firstValueFrom(this.http.get<RiskMatrixDto>(`${API}/risk-matrix`));
  }

  private url(id: string): string {
    return `${API}/audits/${enc(id)}`;
  }
}
