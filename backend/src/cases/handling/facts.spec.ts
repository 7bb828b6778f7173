import { departmentOf, factFields, quarterOf } from './facts';
import { deadlineStateOf, decodeCursor, encodeCursor } from './case-view';
import type { InboxRow } from './inbox.repository';
import type { LocalDate } from '../../core/domain/local-date';

describe('de-identified facts', () => {
  it('quarter in Europe/Stockholm (New Year at midnight local time is already Q1)', () => {
    expect(quarterOf(new Date('2026-03-31T21:59:59Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-03-31T22:00:00Z'))).toBe('2026-Q2'); // 00:00 CEST 1 April
    expect(quarterOf(new Date('2025-12-31T23:30:00Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-10-01T10:00:00Z'))).toBe('2026-Q4');
  });

  it('department: the nearest avdelning on the path, the unit itself included, else the root', () => {
    const root = { id: 'r', kind: 'forvaltning' as const };
    const dept = { id: 'd', kind: 'avdelning' as const };
    const sub = { id: 's', kind: 'avdelning' as const };
    const unit = { id: 'u', kind: 'enhet' as const };
    expect(departmentOf([root, dept, unit])).toBe('d');
    expect(departmentOf([root, dept, sub, unit])).toBe('s');
    expect(departmentOf([root, dept])).toBe('d');
    expect(departmentOf([root, unit])).toBe('r');
    expect(departmentOf([root])).toBe('r');
  });

  it('a fact carries codes, department and quarter — nothing else', () => {
    expect(
      Object.keys(
        factFields({
          track: 'paverkan',
          category: 'hot',
          severityBand: null,
          departmentId: 'd',
          receivedAt: new Date('2026-05-05T10:00:00Z'),
        }),
      ).sort(),
    ).toEqual(['category', 'departmentId', 'quarter', 'severityBand', 'track']);
  });
});

describe('inbox cursor and deadline state', () => {
  const row = {
    id: '0b0a9b3e-0f3c-4d5e-8a1b-2c3d4e5f6a7b',
    receivedAt: new Date('2026-02-10T09:00:00.000Z'),
    nextDueOn: null,
    reference: 'VRN-2026-00007',
  } as unknown as InboxRow;

  it('round-trips, and refuses a cursor of another sort or order, or a forged one', () => {
    for (const sort of ['received', 'due', 'reference'] as const) {
      const c = encodeCursor(sort, 'asc', row);
      expect(decodeCursor(c, sort, 'asc').id).toBe(row.id);
      expect(() => decodeCursor(c, sort, 'desc')).toThrow();
    }
    expect(() => decodeCursor(encodeCursor('due', 'asc', row), 'reference', 'asc')).toThrow();
    const forged = Buffer.from(
      JSON.stringify({ s: 'reference', o: 'asc', k: "x' OR 1=1 --", i: row.id }),
    ).toString('base64url');
    expect(() => decodeCursor(forged, 'reference', 'asc')).toThrow();
  });

  it('deadline state per open timer: acknowledgement soon within 2 days, feedback within 14', () => {
    const today = '2026-03-02' as LocalDate;
    expect(deadlineStateOf({ nextDueOn: null, ackEndKind: null }, today)).toBeNull();
    expect(deadlineStateOf({ nextDueOn: '2026-03-01', ackEndKind: null }, today)).toBe('overdue');
    expect(deadlineStateOf({ nextDueOn: '2026-03-02', ackEndKind: null }, today)).toBe('due_soon');
    expect(deadlineStateOf({ nextDueOn: '2026-03-04', ackEndKind: null }, today)).toBe('due_soon');
    expect(deadlineStateOf({ nextDueOn: '2026-03-05', ackEndKind: null }, today)).toBe('due');
    expect(deadlineStateOf({ nextDueOn: '2026-03-16', ackEndKind: 'sent' }, today)).toBe(
      'due_soon',
    );
    expect(deadlineStateOf({ nextDueOn: '2026-03-17', ackEndKind: 'waived' }, today)).toBe('due');
  });
});
