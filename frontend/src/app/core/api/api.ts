import { HttpParams } from '@angular/common/http';

/** All API routes live under this prefix on the same origin. */
export const API = '/api';

type ParamValue = string | number | boolean | null | undefined;

/** Builds query parameters, leaving out empty values. */
export function queryParams(values: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(values as Record<string, ParamValue>)) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}
