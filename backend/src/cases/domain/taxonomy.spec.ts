import { WELFARE_CRIME_KINDS } from '../../core/domain/welfare-crime';
import {
  CASE_ACTION_TYPE_LABELS_SV,
  CASE_CATEGORY_LABELS_SV,
  EXPOSED_FUNCTION_LABELS_SV,
  INFLUENCER_TYPE_LABELS_SV,
  IRREGULARITY_KIND_LABELS_SV,
  PERCEIVED_PURPOSE_LABELS_SV,
  SITUATION_LABELS_SV,
} from './cases.labels.sv';
import {
  CASE_ACTION_TYPES,
  CASE_CATEGORIES,
  classificationIssues,
  EXPOSED_FUNCTIONS,
  INCIDENT_CATEGORIES,
  INFLUENCER_TYPES,
  IRREGULARITY_KINDS,
  isCaseCategory,
  isTrack,
  PERCEIVED_PURPOSES,
  SITUATIONS,
} from './taxonomy';

describe('incident taxonomy', () => {
  it('has the lists of domain.md §3 and §4 in full', () => {
    expect(INCIDENT_CATEGORIES).toHaveLength(17);
    expect(CASE_CATEGORIES).toHaveLength(18);
    expect(EXPOSED_FUNCTIONS).toHaveLength(6);
    expect(SITUATIONS).toHaveLength(5);
    expect(PERCEIVED_PURPOSES).toHaveLength(4);
    expect(INFLUENCER_TYPES).toHaveLength(10);
    expect(CASE_ACTION_TYPES).toHaveLength(4);
    expect(IRREGULARITY_KINDS).toHaveLength(16);
    expect(IRREGULARITY_KINDS).toBe(WELFARE_CRIME_KINDS);
  });
  it('uses unique, stable ASCII snake_case codes', () => {
    for (const list of [
      CASE_CATEGORIES,
      EXPOSED_FUNCTIONS,
      SITUATIONS,
      PERCEIVED_PURPOSES,
      INFLUENCER_TYPES,
      CASE_ACTION_TYPES,
      IRREGULARITY_KINDS,
    ]) {
      expect(new Set(list).size).toBe(list.length);
      for (const code of list) expect(code).toMatch(/^[a-z][a-z_]{1,48}[a-z]$/);
    }
  });
  it('has a Swedish label for every code the PDF export prints', () => {
    const pairs: [readonly string[], Record<string, string>][] = [
      [CASE_CATEGORIES, CASE_CATEGORY_LABELS_SV],
      [EXPOSED_FUNCTIONS, EXPOSED_FUNCTION_LABELS_SV],
      [SITUATIONS, SITUATION_LABELS_SV],
      [PERCEIVED_PURPOSES, PERCEIVED_PURPOSE_LABELS_SV],
      [INFLUENCER_TYPES, INFLUENCER_TYPE_LABELS_SV],
      [CASE_ACTION_TYPES, CASE_ACTION_TYPE_LABELS_SV],
      [IRREGULARITY_KINDS, IRREGULARITY_KIND_LABELS_SV],
    ];
    for (const [codes, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      for (const label of Object.values(labels)) expect(label.trim()).not.toBe('');
    }
  });
  it('narrows untrusted strings', () => {
    expect(isTrack('visselblasning')).toBe(true);
    expect(isTrack('VISSELBLASNING')).toBe(false);
    expect(isCaseCategory('hot')).toBe(true);
    expect(isCaseCategory('toString')).toBe(false);
    expect(isCaseCategory(42)).toBe(false);
  });
});

describe('classificationIssues', () => {
  it('requires an irregularity kind for welfare crime and refuses one otherwise', () => {
    expect(classificationIssues({ category: 'valfardsbrott' })).toEqual([
      'irregularity_kind_required',
    ]);
    expect(
      classificationIssues({ category: 'valfardsbrott', irregularityKind: 'malvakt_bulvan' }),
    ).toEqual([]);
    expect(classificationIssues({ category: 'hot' })).toEqual([]);
    expect(classificationIssues({ category: 'hot', irregularityKind: 'penningtvatt' })).toEqual([
      'irregularity_kind_not_allowed',
    ]);
  });
});
