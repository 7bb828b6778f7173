import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type { components, operations } from '../core/api/api-types';

type Schemas = components['schemas'];
export type GiftGuideRulesDto = Schemas['GiftGuideRulesDto'];
export type GiftGuideEvaluationDto = Schemas['GiftGuideEvaluationDto'];
export type GuideQuestionDto = Schemas['GuideQuestionDto'];
export type GiftEntryDto = Schemas['GiftEntryDto'];
export type GiftPageDto = Schemas['GiftPageDto'];
export type GiverMatchDto = Schemas['GiverMatchDto'];
export type CreateGiftRequest = Schemas['CreateGiftDto'];
export type GiftDecisionRequest = Schemas['GiftDecisionDto'];
export type SaveGiftGuideRulesRequest = Schemas['SaveGiftGuideRulesDto'];
export type GiftListQuery = NonNullable<operations['Gifts_list']['parameters']['query']>;
export type GuideAnswer = 'yes' | 'no';
export type GuideAnswers = Record<string, GuideAnswer>;

/** The gift guide's and the gift register's API. Every call throws the HTTP error. */
@Injectable({ providedIn: 'root' })
export class GiftsService {
  private readonly http = inject(HttpClient);

  evaluate(answers: GuideAnswers): Promise<GiftGuideEvaluationDto> {
    return firstValueFrom(
      this.http.post<GiftGuideEvaluationDto>(`${API}/gift-guide/evaluate`, { answers }),
    );
  }

  /** One saved version of the guide's rules (an entry names the version it was evaluated with). */
  rules(version: number): Promise<GiftGuideRulesDto> {
    return firstValueFrom(
      this.http.get<GiftGuideRulesDto>(`${API}/gift-guide/versions/${version}`),
    );
  }

  current(): Promise<GiftGuideRulesDto> {
    return firstValueFrom(this.http.get<GiftGuideRulesDto>(`${API}/gift-guide`));
  }

  saveRules(body: SaveGiftGuideRulesRequest): Promise<GiftGuideRulesDto> {
    return firstValueFrom(this.http.put<GiftGuideRulesDto>(`${API}/gift-guide/rules`, body));
  }

  list(query: GiftListQuery): Promise<GiftPageDto> {
    return firstValueFrom(
      this.http.get<GiftPageDto>(`${API}/gifts`, { params: queryParams(query) }),
    );
  }

  get(id: string): Promise<GiftEntryDto> {
    return firstValueFrom(this.http.get<GiftEntryDto>(`${API}/gifts/${encodeURIComponent(id)}`));
  }

  create(body: CreateGiftRequest): Promise<GiftEntryDto> {
    return firstValueFrom(this.http.post<GiftEntryDto>(`${API}/gifts`, body));
  }

  decide(id: string, body: GiftDecisionRequest): Promise<GiftEntryDto> {
    return firstValueFrom(
      this.http.post<GiftEntryDto>(`${API}/gifts/${encodeURIComponent(id)}/decision`, body),
    );
  }

  givers(q: string): Promise<GiverMatchDto[]> {
    return firstValueFrom(
      this.http.get<GiverMatchDto[]>(`${API}/gifts/givers`, { params: queryParams({ q }) }),
    );
  }
}
