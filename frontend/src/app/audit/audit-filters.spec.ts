import { toAuditFilters } from './audit-filters';

describe('toAuditFilters', () => {
  const empty = { action: '', actor: '', objectType: '', outcome: '', from: '', to: '' };

  it('leaves out empty filters', () => {
    expect(toAuditFilters(empty)).toEqual({
      action: undefined,
      actor: undefined,
      objectType: undefined,
      outcome: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it('makes from/to whole local days', () => {
    const filters = toAuditFilters({ ...empty, from: '2026-11-01', to: '2026-11-24' });
    const from = new Date(filters.from ?? '');
    const to = new Date(filters.to ?? '');
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours()]).toEqual([
      2026, 10, 1, 0,
    ]);
    expect([to.getDate(), to.getHours(), to.getMinutes(), to.getSeconds()]).toEqual([
      24, 23, 59, 59,
    ]);
  });

  it('keeps a known outcome and drops an unknown one', () => {
    expect(toAuditFilters({ ...empty, outcome: 'denied' }).outcome).toBe('denied');
    expect(toAuditFilters({ ...empty, outcome: 'maybe' }).outcome).toBeUndefined();
    expect(toAuditFilters({ ...empty, actor: '  admin ' }).actor).toBe('admin');
  });
});
