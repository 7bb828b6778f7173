import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type {
  DecisionRequest,
  IdentityRequestDetail,
  IdentityRequestList,
  IdentityRequestSummary,
} from './identity-requests.models';

/** Identity custody: the requests of the custodian's scope and deciding them. */
@Injectable({ providedIn: 'root' })
export class IdentityRequestsService {
  private readonly http = inject(HttpClient);
  private readonly url = `${API}/identity-requests`;

  list(status: IdentityRequestList): Promise<IdentityRequestSummary[]> {
    return firstValueFrom(
      this.http.get<IdentityRequestSummary[]>(this.url, { params: queryParams({ status }) }),
    );
  }

  /** The request with the reporter's identity (each call is audit-logged as a view). */
  get(id: string): Promise<IdentityRequestDetail> {
    return firstValueFrom(
      this.http.get<IdentityRequestDetail>(`${this.url}/${encodeURIComponent(id)}`),
    );
  }

  decide(id: string, request: DecisionRequest): Promise<unknown> {
    return firstValueFrom(
      this.http.post(`${this.url}/${encodeURIComponent(id)}/decision`, request),
    );
  }
}
