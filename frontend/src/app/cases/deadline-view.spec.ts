import { nextDeadlineView, timerOpen, timerView } from './deadline-view';

describe('deadline views', () => {
  it('shows overdue, due soon and due with a distinct icon and words, never colour alone', () => {
    const overdue = nextDeadlineView({ nextDueOn: '2026-11-20', deadlineState: 'overdue' });
    const soon = nextDeadlineView({ nextDueOn: '2026-12-01', deadlineState: 'due_soon' });
    const due = nextDeadlineView({ nextDueOn: '2026-12-20', deadlineState: 'due' });
    expect([overdue.key, soon.key, due.key]).toEqual([
      'deadline.overdue',
      'deadline.dueSoon',
      'deadline.due',
    ]);
    expect(new Set([overdue.icon, soon.icon, due.icon]).size).toBe(3);
    expect(overdue.params).toEqual({ date: '2026-11-20' });
  });

  it('says there is no open deadline when there is none', () => {
    expect(nextDeadlineView({ nextDueOn: null, deadlineState: null }).key).toBe('deadline.none');
  });

  it('describes each timer state with its dates', () => {
    expect(timerView({ state: 'due', dueOn: '2026-12-08', daysLeft: 5 })).toMatchObject({
      key: 'timer.due',
      params: { date: '2026-12-08', days: 5 },
    });
    expect(timerView({ state: 'dueSoon', dueOn: '2026-12-08', daysLeft: 0 }).key).toBe(
      'timer.dueToday',
    );
    expect(timerView({ state: 'overdue', dueOn: '2026-12-08', daysOverdue: 3 })).toMatchObject({
      key: 'timer.overdue',
      tone: 'danger',
      params: { days: 3 },
    });
    expect(
      timerView({ state: 'done', dueOn: '2026-12-08', endedOn: '2026-12-09', late: true }).key,
    ).toBe('timer.doneLate');
    expect(
      timerView({
        state: 'waived',
        dueOn: '2026-12-08',
        endedOn: '2026-12-02',
        reason: 'reporter_unreachable',
      }),
    ).toMatchObject({ key: 'timer.waived', params: { reason: 'reporter_unreachable' } });
  });

  it('treats only done and waived timers as ended', () => {
    expect(timerOpen({ state: 'overdue', dueOn: '2026-12-08', daysOverdue: 1 })).toBe(true);
    expect(timerOpen({ state: 'waived', dueOn: 'x', endedOn: 'y', reason: 'other' })).toBe(false);
    expect(timerOpen(null)).toBe(false);
  });
});
