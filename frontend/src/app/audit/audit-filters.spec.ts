import type { AuditEntryDto } from '../core/api/models';
import { objectView, toAuditFilters, type AuditFilterForm } from './audit-filters';

describe('toAuditFilters', () => {
  const empty: AuditFilterForm = {
    action: '',
    actor: '',
    objectType: '',
    outcome: '',
    from: null,
    to: null,
  };

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
    const filters = toAuditFilters({
      ...empty,
      from: new Date(2026, 10, 1),
      to: new Date(2026, 10, 24, 13, 30),
    });
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

describe('objectView', () => {
  const entry: AuditEntryDto = {
    seq: 7,
    occurredAt: '2026-11-24T10:00:00.000Z',
    actorId: 'a-1',
    actorName: 'admin',
    action: 'user.updated',
    objectType: 'User',
    objectId: '2c601a8b-1f0e-4c1e-9d7c-0a5b3e2f1d00',
    outcome: 'success',
    details: {},
  };
  const all = { users: true, organisation: true };

  it('shows type and a short id when the API gave no name (the reader may not read it)', () => {
    expect(objectView(entry, all)).toEqual({ kind: 'id', shortId: '2c601a8b' });
  });

  it("links a named user to the user's page, if the reader may open it", () => {
    const named = {
      ...entry,
      objectLabel: 'Anna Andersson',
      objectLink: { kind: 'user' as const, id: 'x' },
    };
    expect(objectView(named, all)).toEqual({
      kind: 'link',
      label: 'Anna Andersson',
      route: ['/admin/anvandare', 'x'],
    });
    expect(objectView(named, { users: false, organisation: true })).toEqual({
      kind: 'label',
      label: 'Anna Andersson',
    });
  });

  it('links a named unit to the organisation page, marked by ?enhet=', () => {
    const unit = {
      ...entry,
      objectType: 'OrgUnit',
      objectLabel: 'Stab',
      objectLink: { kind: 'unit' as const, id: 'u-1' },
    };
    expect(objectView(unit, all)).toEqual({
      kind: 'link',
      label: 'Stab',
      route: ['/admin/organisation'],
      queryParams: { enhet: 'u-1' },
    });
    // an auditor reads units but cannot open the organisation page
    expect(objectView(unit, { users: true, organisation: false })).toEqual({
      kind: 'label',
      label: 'Stab',
    });
  });

  it('shows nothing for entries without an object', () => {
    expect(objectView({ ...entry, objectType: null, objectId: null }, all)).toEqual({
      kind: 'none',
    });
  });
});
