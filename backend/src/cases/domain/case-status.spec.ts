import {
  CASE_STATUSES,
  canTransition,
  CLOSING_CODES,
  closeBlockers,
  isCaseStatus,
  isClosingCode,
  nextStatuses,
  type CaseStatus,
} from './case-status';
import { CASE_STATUS_LABELS_SV, CLOSING_CODE_LABELS_SV } from './cases.labels.sv';

const open = CASE_STATUSES.filter((s) => s !== 'avslutad' && s !== 'gallrad');

describe('case status transitions', () => {
  it('follows the §3 lifecycle forward', () => {
    const path: CaseStatus[] = [
      'registrerad',
      'bekraftad',
      'under_bedomning',
      'utredning_pagar',
      'atgard_beslutad',
      'aterkoppling_lamnad',
      'avslutad',
      'gallrad',
    ];
    for (let i = 0; i + 1 < path.length; i++)
      expect(canTransition(path[i], path[i + 1])).toBe(true);
  });
  it('lets every open case be closed (e.g. spam) and nothing else be purged', () => {
    for (const s of open) expect(canTransition(s, 'avslutad')).toBe(true);
    for (const s of CASE_STATUSES) expect(canTransition(s, 'gallrad')).toBe(s === 'avslutad');
  });
  it('never leaves gallrad and never returns to registrerad or bekraftad', () => {
    expect(nextStatuses('gallrad')).toEqual([]);
    for (const s of CASE_STATUSES) {
      expect(canTransition(s, 'registrerad')).toBe(false);
      if (s !== 'registrerad') expect(canTransition(s, 'bekraftad')).toBe(false);
    }
  });
  it('reopens a closed case to assessment only', () => {
    expect(nextStatuses('avslutad')).toEqual(['under_bedomning', 'gallrad']);
  });
  it('has no self-transitions and lists next statuses in lifecycle order', () => {
    for (const s of CASE_STATUSES) {
      expect(canTransition(s, s)).toBe(false);
      const next = nextStatuses(s);
      for (const t of CASE_STATUSES) expect(canTransition(s, t)).toBe(next.includes(t));
      const order = next.map((t) => CASE_STATUSES.indexOf(t));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });
  it('reaches avslutad from every status but gallrad (no dead ends)', () => {
    for (const start of CASE_STATUSES.filter((s) => s !== 'gallrad')) {
      const seen = new Set<CaseStatus>([start]);
      const queue: CaseStatus[] = [start];
      while (queue.length > 0) {
        for (const t of nextStatuses(queue.shift()!)) {
          if (!seen.has(t)) {
            seen.add(t);
            queue.push(t);
          }
        }
      }
      expect(seen.has('avslutad')).toBe(true);
    }
  });
  it('has codes, labels and narrowing for statuses and closing codes', () => {
    expect(Object.keys(CASE_STATUS_LABELS_SV)).toEqual([...CASE_STATUSES]);
    expect(Object.keys(CLOSING_CODE_LABELS_SV)).toEqual([...CLOSING_CODES]);
    expect(CLOSING_CODES).toHaveLength(5);
    expect(isCaseStatus('avslutad')).toBe(true);
    expect(isCaseStatus('closed')).toBe(false);
    expect(isClosingCode('ej_hanterbart')).toBe(true);
    expect(isClosingCode('')).toBe(false);
  });
});

describe('closeBlockers', () => {
  it('blocks closing a whistleblowing case while a legal timer is open', () => {
    expect(
      closeBlockers({ track: 'visselblasning', acknowledgementEnded: false, feedbackEnded: false }),
    ).toEqual(['acknowledgement_open', 'feedback_open']);
    expect(
      closeBlockers({ track: 'visselblasning', acknowledgementEnded: true, feedbackEnded: false }),
    ).toEqual(['feedback_open']);
    expect(
      closeBlockers({ track: 'visselblasning', acknowledgementEnded: true, feedbackEnded: true }),
    ).toEqual([]);
  });
  it('never blocks a påverkan case', () => {
    expect(
      closeBlockers({ track: 'paverkan', acknowledgementEnded: false, feedbackEnded: false }),
    ).toEqual([]);
  });
});
