import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type { components, operations } from '../core/api/api-types';

type Schemas = components['schemas'];
export type DeclarationDto = Schemas['DeclarationDto'];
export type DeclarationPageDto = Schemas['DeclarationPageDto'];
export type CoverageDto = Schemas['CoverageDto'];
export type CoverageRowDto = Schemas['CoverageRowDto'];
export type CreateDeclarationRequest = Schemas['CreateDeclarationDto'];
export type DeclarationDecisionRequest = Schemas['DeclarationDecisionDto'];
export type DeclarationListQuery = NonNullable<
  operations['Declarations_list']['parameters']['query']
>;
export type CoverageQuery = NonNullable<operations['Declarations_coverage']['parameters']['query']>;

/** The jäv and interest declarations' API. Every call throws the HTTP error. */
@Injectable({ providedIn: 'root' })
export class DeclarationsService {
  private readonly http = inject(HttpClient);

  list(query: DeclarationListQuery): Promise<DeclarationPageDto> {
    return firstValueFrom(
      this.http.get<DeclarationPageDto>(`${API}/declarations`, { params: queryParams(query) }),
    );
  }

  get(id: string): Promise<DeclarationDto> {
    return firstValueFrom(
      this.http.get<DeclarationDto>(`${API}/declarations/${encodeURIComponent(id)}`),
    );
  }

  create(body: CreateDeclarationRequest): Promise<DeclarationDto> {
    return firstValueFrom(this.http.post<DeclarationDto>(`${API}/declarations`, body));
  }

  decide(id: string, body: DeclarationDecisionRequest): Promise<DeclarationDto> {
    return firstValueFrom(
      this.http.post<DeclarationDto>(
        `${API}/declarations/${encodeURIComponent(id)}/decision`,
        body,
      ),
    );
  }

  coverage(query: CoverageQuery): Promise<CoverageDto> {
    return firstValueFrom(
      this.http.get<CoverageDto>(`${API}/declarations/coverage`, { params: queryParams(query) }),
    );
  }
}
