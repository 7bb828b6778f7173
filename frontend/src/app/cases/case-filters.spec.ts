import { caseQueryFromParams, caseQueryToParams, isFiltered } from './case-filters';

describe('case inbox filters in the URL', () => {
  it('reads known values and drops unknown ones', () => {
    expect(
      caseQueryFromParams({
        track: 'visselblasning',
        category: 'korruptionsforsok',
        status: 'nonsense',
        deadline: 'overdue',
        sort: 'due',
        order: 'sideways',
        unitId: 'abc-123',
        q: '  VRN-2026 ',
      }),
    ).toEqual({
      track: 'visselblasning',
      category: 'korruptionsforsok',
      deadline: 'overdue',
      sort: 'due',
      unitId: 'abc-123',
      q: 'VRN-2026',
    });
  });

  it('ignores a unit id that is not an id and an empty search', () => {
    expect(caseQueryFromParams({ unitId: '<script>', q: '   ' })).toEqual({});
  });

  it('writes every filter key, clearing the ones not set', () => {
    expect(caseQueryToParams({ track: 'paverkan' })).toEqual({
      track: 'paverkan',
      category: null,
      status: null,
      unitId: null,
      deadline: null,
      q: null,
      sort: null,
      order: null,
    });
  });

  it('round-trips through the URL', () => {
    const query = caseQueryFromParams({
      status: 'avslutad',
      deadline: 'due_soon',
      sort: 'reference',
    });
    const params = Object.fromEntries(
      Object.entries(caseQueryToParams(query)).filter(([, v]) => v !== null),
    );
    expect(caseQueryFromParams(params)).toEqual(query);
  });

  it('counts filters but not the sort as narrowing', () => {
    expect(isFiltered({ sort: 'due', order: 'asc' })).toBe(false);
    expect(isFiltered({ deadline: 'open' })).toBe(true);
  });
});
