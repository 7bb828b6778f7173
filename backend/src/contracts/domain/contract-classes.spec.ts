import { FOLLOW_UP_CLASS_LABELS_SV, SECTOR_LABELS_SV } from './contracts.labels.sv';
import {
  FOLLOW_UP_CLASSES,
  FOLLOW_UP_INTERVAL_MONTHS,
  followUpsPerYear,
  HIGH_RISK_SECTORS,
  isFollowUpClass,
  isSector,
  SECTORS,
} from './contract-classes';

describe('follow-up classes', () => {
  it('follow A three times a year, B yearly and C every other year', () => {
    expect(FOLLOW_UP_INTERVAL_MONTHS).toEqual({ A: 4, B: 12, C: 24 });
    expect(followUpsPerYear('A')).toBe(3);
    expect(followUpsPerYear('B')).toBe(1);
    expect(followUpsPerYear('C')).toBe(0.5);
    expect(isFollowUpClass('A')).toBe(true);
    expect(isFollowUpClass('a')).toBe(false);
    expect(Object.keys(FOLLOW_UP_CLASS_LABELS_SV)).toEqual([...FOLLOW_UP_CLASSES]);
  });
});

describe('sectors', () => {
  it('include the five highest-risk sectors of §4 and a label for each', () => {
    expect(HIGH_RISK_SECTORS).toEqual([
      'bygg_anlaggning',
      'stad',
      'transport',
      'restaurang',
      'vard_omsorg',
    ]);
    for (const s of HIGH_RISK_SECTORS) expect(SECTORS).toContain(s);
    expect(Object.keys(SECTOR_LABELS_SV)).toEqual([...SECTORS]);
    expect(isSector('stad')).toBe(true);
    expect(isSector('hasOwnProperty')).toBe(false);
  });
});
