import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type { components, operations } from '../core/api/api-types';

type Schemas = components['schemas'];
export type RiskSummaryDto = Schemas['RiskSummaryDto'];
export type RiskDetailDto = Schemas['RiskDetailDto'];
export type RiskPageDto = Schemas['RiskPageDto'];
export type RiskScoreDto = Schemas['RiskScoreDto'];
export type RiskAssessmentDto = Schemas['RiskAssessmentDto'];
export type RiskActionDto = Schemas['RiskActionDto'];
export type MyRiskActionDto = Schemas['MyRiskActionDto'];
export type RiskHeatmapDto = Schemas['RiskHeatmapDto'];
export type RiskPersonDto = Schemas['RiskPersonDto'];
export type RiskMatrixDto = Schemas['RiskMatrixDto'];
export type CreateRiskRequest = Schemas['CreateRiskDto'];
export type UpdateRiskRequest = Schemas['UpdateRiskDto'];
export type AcceptRiskRequest = Schemas['AcceptRiskDto'];
export type CreateRiskActionRequest = Schemas['CreateRiskActionDto'];
export type UpdateRiskActionRequest = Schemas['UpdateRiskActionDto'];
export type RiskListQuery = NonNullable<operations['Risks_list']['parameters']['query']>;
export type RiskHeatmapQuery = NonNullable<
  operations['RiskHeatmap_heatmap']['parameters']['query']
>;

/** The risk register's API. Every call throws the HTTP error (pages turn it into a Problem). */
@Injectable({ providedIn: 'root' })
export class RisksService {
  private readonly http = inject(HttpClient);

  list(query: RiskListQuery): Promise<RiskPageDto> {
    return firstValueFrom(
      this.http.get<RiskPageDto>(`${API}/risks`, { params: queryParams(query) }),
    );
  }

  heatmap(query: RiskHeatmapQuery): Promise<RiskHeatmapDto> {
    return firstValueFrom(
      this.http.get<RiskHeatmapDto>(`${API}/heatmaps/risks`, { params: queryParams(query) }),
    );
  }

  get(id: string): Promise<RiskDetailDto> {
    return firstValueFrom(this.http.get<RiskDetailDto>(this.url(id)));
  }

  history(id: string): Promise<RiskAssessmentDto[]> {
    return firstValueFrom(this.http.get<RiskAssessmentDto[]>(`${this.url(id)}/history`));
  }

  myActions(): Promise<MyRiskActionDto[]> {
    return firstValueFrom(this.http.get<MyRiskActionDto[]>(`${API}/risks/my-actions`));
  }

  people(q: string): Promise<RiskPersonDto[]> {
    return firstValueFrom(
      this.http.get<RiskPersonDto[]>(`${API}/risks/people`, { params: queryParams({ q }) }),
    );
  }

  create(body: CreateRiskRequest): Promise<RiskDetailDto> {
    return firstValueFrom(this.http.post<RiskDetailDto>(`${API}/risks`, body));
  }

  update(id: string, body: UpdateRiskRequest): Promise<RiskDetailDto> {
    return firstValueFrom(this.http.patch<RiskDetailDto>(this.url(id), body));
  }

  accept(id: string, body: AcceptRiskRequest): Promise<RiskDetailDto> {
    return firstValueFrom(this.http.post<RiskDetailDto>(`${this.url(id)}/acceptance`, body));
  }

  addAction(id: string, body: CreateRiskActionRequest): Promise<RiskActionDto> {
    return firstValueFrom(this.http.post<RiskActionDto>(`${this.url(id)}/actions`, body));
  }

  updateAction(
    id: string,
    actionId: string,
    body: UpdateRiskActionRequest,
  ): Promise<RiskActionDto> {
    return firstValueFrom(
      this.http.patch<RiskActionDto>(
        `${this.url(id)}/actions/${encodeURIComponent(actionId)}`,
        body,
      ),
    );
  }

  private url(id: string): string {
    return `${API}/risks/${encodeURIComponent(id)}`;
  }
}
