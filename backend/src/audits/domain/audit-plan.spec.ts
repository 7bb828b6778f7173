import fc from 'fast-check';
import { asLocalDate, compareLocalDates, type LocalDate } from '../../core/domain/local-date';
import type { StoredBand } from '../../risks/domain/risk-scoring';
import { auditPlanStatus, DEFAULT_AUDIT_PLAN_POLICY, nextAuditDue } from './audit-plan';

const d = asLocalDate;
const start = d('2026-01-31');

describe('nextAuditDue', () => {
  it('follows the class cadence from the contract start, then from the last audit', () => {
    const base = { contractStartOn: start, lastAuditOn: null, residual: null };
    const low = { band: 'lag' as const, assessedOn: start };
    expect(nextAuditDue({ ...base, followUpClass: 'A', residual: low })).toEqual({
      dueOn: '2026-05-31',
      reason: 'class_cadence',
      from: 'contract_start',
    });
    expect(nextAuditDue({ ...base, followUpClass: 'B', residual: low }).dueOn).toBe('2027-01-31');
    expect(nextAuditDue({ ...base, followUpClass: 'C', residual: low }).dueOn).toBe('2028-01-31');
    expect(
      nextAuditDue({ ...base, followUpClass: 'A', lastAuditOn: d('2026-10-31'), residual: low }),
    ).toEqual({ dueOn: '2027-02-28', reason: 'class_cadence', from: 'last_audit' });
  });
  it('says so when the risk is not assessed (cadence date, own reason)', () => {
    expect(
      nextAuditDue({
        followUpClass: 'B',
        contractStartOn: start,
        lastAuditOn: null,
        residual: null,
      }),
    ).toEqual({ dueOn: '2027-01-31', reason: 'risk_not_assessed', from: 'contract_start' });
    expect(
      nextAuditDue({
        followUpClass: 'B',
        contractStartOn: start,
        lastAuditOn: null,
        residual: { band: 'ej_bedomd', assessedOn: start },
      }).reason,
    ).toBe('risk_not_assessed');
  });
  it('halves the interval for a high residual risk', () => {
    const input = (followUpClass: 'A' | 'B' | 'C') => ({
      followUpClass,
      contractStartOn: start,
      lastAuditOn: d('2026-03-15'),
      residual: { band: 'hog' as const, assessedOn: d('2026-01-10') },
    });
    expect(nextAuditDue(input('A'))).toEqual({
      dueOn: '2026-05-15',
      reason: 'risk_hog',
      from: 'last_audit',
    });
    expect(nextAuditDue(input('B')).dueOn).toBe('2026-09-15');
    expect(nextAuditDue(input('C')).dueOn).toBe('2027-03-15');
    expect(nextAuditDue(input('A'), { ...DEFAULT_AUDIT_PLAN_POLICY, highFactor: 0.1 }).dueOn).toBe(
      '2026-04-15',
    );
  });
  it('audits a very high residual within 30 days of its assessment, unless audited since', () => {
    const residual = { band: 'mycket_hog' as const, assessedOn: d('2026-06-10') };
    expect(
      nextAuditDue({
        followUpClass: 'C',
        contractStartOn: start,
        lastAuditOn: d('2026-03-01'),
        residual,
      }),
    ).toEqual({ dueOn: '2026-07-10', reason: 'risk_mycket_hog_urgent', from: 'last_audit' });
    expect(
      nextAuditDue({
        followUpClass: 'C',
        contractStartOn: start,
        lastAuditOn: d('2026-06-20'),
        residual,
      }),
    ).toEqual({ dueOn: '2027-06-20', reason: 'risk_mycket_hog', from: 'last_audit' });
    // The halved cadence is earlier still: it wins.
    expect(
      nextAuditDue({
        followUpClass: 'A',
        contractStartOn: start,
        lastAuditOn: d('2026-05-01'),
        residual,
      }),
    ).toEqual({ dueOn: '2026-07-01', reason: 'risk_mycket_hog', from: 'last_audit' });
  });
  it('does not plan a very high risk assessed before the contract started earlier than the start', () => {
    expect(
      nextAuditDue({
        followUpClass: 'B',
        contractStartOn: d('2026-03-01'),
        lastAuditOn: null,
        residual: { band: 'mycket_hog', assessedOn: d('2025-12-01') },
      }),
    ).toEqual({ dueOn: '2026-03-01', reason: 'risk_mycket_hog_urgent', from: 'contract_start' });
  });
  it('refuses a meaningless policy', () => {
    const input = {
      followUpClass: 'A' as const,
      contractStartOn: start,
      lastAuditOn: null,
      residual: null,
    };
    expect(() => nextAuditDue(input, { ...DEFAULT_AUDIT_PLAN_POLICY, highFactor: 0 })).toThrow(
      RangeError,
    );
    expect(() => nextAuditDue(input, { ...DEFAULT_AUDIT_PLAN_POLICY, highFactor: 1.5 })).toThrow(
      RangeError,
    );
    expect(() =>
      nextAuditDue(input, { ...DEFAULT_AUDIT_PLAN_POLICY, veryHighWithinDays: -1 }),
    ).toThrow(RangeError);
  });
  it('never plans later for a higher band, and never before the anchor', () => {
    const bands: StoredBand[] = ['lag', 'medel', 'hog', 'mycket_hog'];
    const date = fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2035-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((t) => t.toISOString().slice(0, 10) as LocalDate);
    fc.assert(
      fc.property(
        fc.constantFrom('A' as const, 'B' as const, 'C' as const),
        date,
        fc.option(date),
        date,
        (followUpClass, contractStartOn, lastAuditOn, assessedOn) => {
          const due = bands.map(
            (band) =>
              nextAuditDue({
                followUpClass,
                contractStartOn,
                lastAuditOn,
                residual: { band, assessedOn },
              }).dueOn,
          );
          for (let i = 1; i < due.length; i++)
            expect(compareLocalDates(due[i], due[i - 1])).toBeLessThanOrEqual(0);
          expect(compareLocalDates(due[2], lastAuditOn ?? contractStartOn)).toBeGreaterThan(0);
          expect(compareLocalDates(due[3], lastAuditOn ?? contractStartOn)).toBeGreaterThanOrEqual(
            0,
          );
        },
      ),
    );
  });
});

describe('auditPlanStatus', () => {
  it('is overdue after the due day, due soon within 30 days, else planned', () => {
    expect(auditPlanStatus(d('2026-05-31'), d('2026-06-01'))).toBe('overdue');
    expect(auditPlanStatus(d('2026-05-31'), d('2026-05-31'))).toBe('due_soon');
    expect(auditPlanStatus(d('2026-05-31'), d('2026-05-01'))).toBe('due_soon');
    expect(auditPlanStatus(d('2026-05-31'), d('2026-04-30'))).toBe('planned');
    expect(auditPlanStatus(d('2026-05-31'), d('2026-05-20'), 7)).toBe('planned');
  });
});
