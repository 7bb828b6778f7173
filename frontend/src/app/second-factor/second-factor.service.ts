import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/api/api';
import type { components } from '../core/api/api-types';

type Schemas = components['schemas'];
export type EnrolmentDto = Schemas['EnrolmentDto'];
export type RecoveryCodesDto = Schemas['RecoveryCodesDto'];
export type SecondFactorStatusDto = Schemas['SecondFactorStatusDto'];
export type VerifySecondFactorRequest = Schemas['VerifySecondFactorDto'];

/**
 * The second factor's API: enrolment, the code after the password, one's own status and recovery
 * codes. The steps that complete a sign-in replace the session cookie; the caller then reloads
 * the session (SessionService.reload) so the guards see the new state.
 */
@Injectable({ providedIn: 'root' })
export class SecondFactorApi {
  private readonly http = inject(HttpClient);

  startEnrolment(): Promise<EnrolmentDto> {
    return firstValueFrom(this.http.post<EnrolmentDto>(`${API}/auth/second-factor/enrol`, null));
  }

  confirmEnrolment(code: string): Promise<RecoveryCodesDto> {
    return firstValueFrom(
      this.http.post<RecoveryCodesDto>(`${API}/auth/second-factor/enrol/confirm`, { code }),
    );
  }

  verify(request: VerifySecondFactorRequest): Promise<{ recoveryCodesLeft: number }> {
    return firstValueFrom(
      this.http.post<{ recoveryCodesLeft: number }>(`${API}/auth/second-factor/verify`, request),
    );
  }

  status(): Promise<SecondFactorStatusDto> {
    return firstValueFrom(this.http.get<SecondFactorStatusDto>(`${API}/me/second-factor`));
  }

  regenerateRecoveryCodes(code: string): Promise<RecoveryCodesDto> {
    return firstValueFrom(
      this.http.post<RecoveryCodesDto>(`${API}/me/second-factor/recovery-codes`, { code }),
    );
  }
}

/** A TOTP code as typed: digits only (spaces and dashes dropped). */
export function cleanCode(value: string): string {
  return value.replace(/[\s-]/g, '');
}
