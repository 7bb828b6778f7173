import { WELFARE_CRIME_KINDS } from '../../core/domain/welfare-crime';
import {
  RISK_ACTION_STATUS_LABELS_SV,
  RISK_CATEGORY_LABELS_SV,
  RISK_SUBJECT_KIND_LABELS_SV,
  RISK_TREATMENT_LABELS_SV,
  UNIT_PROCESS_LABELS_SV,
} from './risks.labels.sv';
import {
  isRiskCategory,
  RISK_ACTION_STATUSES,
  RISK_CATEGORIES,
  RISK_SUBJECT_KINDS,
  RISK_TREATMENTS,
  UNIT_PROCESSES,
} from './risk-taxonomy';

describe('risk taxonomy', () => {
  it('has the §4 welfare-crime kinds plus influence risk, and the four treatments', () => {
    expect(RISK_CATEGORIES).toEqual([...WELFARE_CRIME_KINDS, 'otillaten_paverkan']);
    expect(RISK_TREATMENTS).toEqual(['acceptera', 'begransa', 'overfora_dela', 'eliminera']);
    expect(isRiskCategory('otillaten_paverkan')).toBe(true);
    expect(isRiskCategory('valueOf')).toBe(false);
  });
  it('has a Swedish label for every code the committee report prints', () => {
    const pairs: [readonly string[], Record<string, string>][] = [
      [RISK_CATEGORIES, RISK_CATEGORY_LABELS_SV],
      [RISK_TREATMENTS, RISK_TREATMENT_LABELS_SV],
      [RISK_SUBJECT_KINDS, RISK_SUBJECT_KIND_LABELS_SV],
      [UNIT_PROCESSES, UNIT_PROCESS_LABELS_SV],
      [RISK_ACTION_STATUSES, RISK_ACTION_STATUS_LABELS_SV],
    ];
    for (const [codes, labels] of pairs)
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
  });
});
