import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API } from '../../core/api/api';
import type { components } from '../../core/api/api-types';

type Schemas = components['schemas'];
export type RiskMatrixDto = Schemas['RiskMatrixDto'];
export type RiskMatrixTemplateDto = Schemas['RiskMatrixTemplateDto'];
export type RiskMatrixVersionDto = Schemas['RiskMatrixVersionDto'];
export type SaveRiskMatrixRequest = Schemas['SaveRiskMatrixDto'];
export type ScaleLevel = Schemas['ScaleLevelDto'];
export type BandDefinition = Schemas['BandDefinitionDto'];
export type RiskBand = BandDefinition['band'];

/** The risk matrix: the current version, older versions, templates and saving a new version. */
@Injectable({ providedIn: 'root' })
export class RiskMatrixService {
  private readonly http = inject(HttpClient);
  private readonly url = `${API}/risk-matrix`;

  current(): Promise<RiskMatrixDto> {
    return firstValueFrom(this.http.get<RiskMatrixDto>(this.url));
  }

  version(version: number): Promise<RiskMatrixDto> {
    return firstValueFrom(this.http.get<RiskMatrixDto>(`${this.url}/versions/${version}`));
  }

  versions(): Promise<RiskMatrixVersionDto[]> {
    return firstValueFrom(this.http.get<RiskMatrixVersionDto[]>(`${this.url}/versions`));
  }

  templates(): Promise<RiskMatrixTemplateDto[]> {
    return firstValueFrom(this.http.get<RiskMatrixTemplateDto[]>(`${this.url}/templates`));
  }

  /** Saves the whole matrix as the next version; throws the HTTP error (400 with cells, 409). */
  save(request: SaveRiskMatrixRequest): Promise<RiskMatrixDto> {
    return firstValueFrom(this.http.put<RiskMatrixDto>(this.url, request));
  }
}
