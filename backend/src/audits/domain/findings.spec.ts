import {
  CORRECTIVE_ACTION_STATUS_LABELS_SV,
  FINDING_DECISION_LABELS_SV,
  FINDING_SEVERITY_LABELS_SV,
} from './audits.labels.sv';
import {
  canTransitionAction,
  CORRECTIVE_ACTION_STATUSES,
  FINDING_DECISIONS,
  FINDING_SEVERITIES,
  findingCloseBlockers,
  isFindingDecision,
} from './findings';

describe('findings', () => {
  it('know the §5 decisions, with labels', () => {
    expect(FINDING_DECISIONS).toEqual([
      'varning',
      'vite',
      'havning',
      'anmalan_ebm',
      'anmalan_polis',
      'anmalan_skatteverket',
    ]);
    expect(Object.keys(FINDING_DECISION_LABELS_SV)).toEqual([...FINDING_DECISIONS]);
    expect(Object.keys(FINDING_SEVERITY_LABELS_SV)).toEqual([...FINDING_SEVERITIES]);
    expect(Object.keys(CORRECTIVE_ACTION_STATUS_LABELS_SV)).toEqual([
      ...CORRECTIVE_ACTION_STATUSES,
    ]);
    expect(isFindingDecision('vite')).toBe(true);
    expect(isFindingDecision('bot')).toBe(false);
  });
  it('close only when every corrective action is verified', () => {
    expect(findingCloseBlockers([])).toEqual([{ code: 'no_corrective_action' }]);
    expect(
      findingCloseBlockers([
        { id: 'a', status: 'verifierad' },
        { id: 'b', status: 'atgardad' },
        { id: 'c', status: 'oppen' },
      ]),
    ).toEqual([{ code: 'action_not_verified', actionIds: ['b', 'c'] }]);
    expect(findingCloseBlockers([{ id: 'a', status: 'verifierad' }])).toEqual([]);
  });
  it('verify a corrective action only after it is reported done; verified is final', () => {
    expect(canTransitionAction('oppen', 'verifierad')).toBe(false);
    expect(canTransitionAction('oppen', 'atgardad')).toBe(true);
    expect(canTransitionAction('atgardad', 'verifierad')).toBe(true);
    expect(canTransitionAction('atgardad', 'oppen')).toBe(true);
    for (const s of CORRECTIVE_ACTION_STATUSES)
      expect(canTransitionAction('verifierad', s)).toBe(false);
  });
});
