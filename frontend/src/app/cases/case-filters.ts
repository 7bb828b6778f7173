import type { Params } from '@angular/router';
import {
  CASE_CATEGORIES,
  CASE_STATUSES,
  TRACKS,
  type CaseQuery,
  type CaseSort,
  type DeadlineFilter,
  type SortOrder,
} from './cases.models';

export const DEADLINE_FILTERS: readonly DeadlineFilter[] = ['overdue', 'due_soon', 'open'];
export const CASE_SORTS: readonly CaseSort[] = ['received', 'due', 'reference'];
const ORDERS: readonly SortOrder[] = ['asc', 'desc'];
const FILTER_KEYS: readonly (keyof CaseQuery)[] = [
  'track',
  'category',
  'status',
  'unitId',
  'deadline',
  'q',
  'sort',
  'order',
];
const UULIKE = /^[A-Za-z0-9-]{1,64}$/;

function member<T extends string>(list: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/**
 * The inbox filters from the URL's query (`/arenden?track=visselblasning&deadline=overdue`).
 * Unknown values are dropped rather than sent, so a hand-edited or outdated link still opens.
 */
export function caseQueryFromParams(params: Params): CaseQuery {
  const query: CaseQuery = {
    track: member(TRACKS, params['track']),
    category: member(CASE_CATEGORIES, params['category']),
    status: member(CASE_STATUSES, params['status']),
    deadline: member(DEADLINE_FILTERS, params['deadline']),
    unitId:
      typeof params['unitId'] === 'string' && UULIKE.test(params['unitId'])
        ? params['unitId']
        : undefined,
    q:
      typeof params['q'] === 'string' && params['q'].trim()
        ? params['q'].trim().slice(0, 40)
        : undefined,
    sort: member(CASE_SORTS, params['sort']),
    order: member(ORDERS, params['order']),
  };
  for (const key of Object.keys(query) as (keyof CaseQuery)[])
    if (query[key] === undefined) delete query[key];
  return query;
}

/** The URL query for the filters (empty values leave the URL). */
export function caseQueryToParams(query: CaseQuery): Params {
  const params: Params = {};
  for (const key of FILTER_KEYS) {
    const value: string | undefined = query[key];
    params[key] = value === undefined || value === '' ? null : value;
  }
  return params;
}

/** True when any filter (not the sort) narrows the list. */
export function isFiltered(query: CaseQuery): boolean {
  return !!(
    query.track ||
    query.category ||
    query.status ||
    query.unitId ||
    query.deadline ||
    query.q
  );
}
