import { asLocalDate } from '../../core/domain/local-date';
import { acceptanceDatesValid, acceptanceState, type RiskAcceptance } from './risk-acceptance';
import type { RiskScore } from './risk-scoring';

const d = asLocalDate;
const residual: RiskScore = { likelihood: 3, consequence: 4, score: 12, band: 'hog' };
const acceptance: RiskAcceptance = {
  acceptedOn: d('2026-01-10'),
  expiresOn: d('2026-12-31'),
  residual,
};

describe('acceptanceState', () => {
  it('stands while the residual is unchanged, through the expiry day', () => {
    expect(acceptanceState(acceptance, { ...residual }, d('2026-06-01'))).toEqual({ stale: false });
    expect(acceptanceState(acceptance, residual, d('2026-12-31'))).toEqual({ stale: false });
  });
  it('is stale the day after expiry', () => {
    expect(acceptanceState(acceptance, residual, d('2027-01-01'))).toEqual({
      stale: true,
      reasons: ['expired'],
    });
  });
  it('is stale when the residual changes, even to a lower risk or by band only', () => {
    for (const changed of [
      { likelihood: 2, consequence: 4, score: 8, band: 'medel' },
      { likelihood: 4, consequence: 3, score: 12, band: 'hog' },
      { likelihood: 3, consequence: 4, score: 12, band: 'mycket_hog' },
      { likelihood: null, consequence: null, score: null, band: 'ej_bedomd' },
    ] as RiskScore[]) {
      expect(acceptanceState(acceptance, changed, d('2026-06-01'))).toEqual({
        stale: true,
        reasons: ['residual_changed'],
      });
    }
    expect(
      acceptanceState(
        acceptance,
        { likelihood: 1, consequence: 1, score: 1, band: 'lag' },
        d('2027-06-01'),
      ),
    ).toEqual({ stale: true, reasons: ['residual_changed', 'expired'] });
  });
  it('needs an expiry after the acceptance day', () => {
    expect(acceptanceDatesValid(d('2026-01-10'), d('2026-01-11'))).toBe(true);
    expect(acceptanceDatesValid(d('2026-01-10'), d('2026-01-10'))).toBe(false);
  });
});
