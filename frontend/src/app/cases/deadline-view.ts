import type { BadgeTone } from '../shared/ui/badge';
import type { CaseSummary, TimerState } from './cases.models';

/** How a deadline is shown: an icon, a translated text and a tone — the words carry the meaning. */
export interface DeadlineView {
  icon: string;
  /** Translation key under `cases.`. */
  key: string;
  params: Record<string, unknown>;
  tone: BadgeTone;
}

/** The inbox's "next deadline" cell: the earliest open legal deadline and how it stands. */
export function nextDeadlineView(
  row: Pick<CaseSummary, 'nextDueOn' | 'deadlineState'>,
): DeadlineView {
  if (!row.nextDueOn || !row.deadlineState)
    return { icon: 'check_circle', key: 'deadline.none', params: {}, tone: 'neutral' };
  const params = { date: row.nextDueOn };
  switch (row.deadlineState) {
    case 'overdue':
      return { icon: 'error', key: 'deadline.overdue', params, tone: 'danger' };
    case 'due_soon':
      return { icon: 'warning', key: 'deadline.dueSoon', params, tone: 'warning' };
    case 'due':
      return { icon: 'schedule', key: 'deadline.due', params, tone: 'neutral' };
  }
}

/** One legal timer on the case page, in words (due / due soon / overdue / done / waived). */
export function timerView(timer: TimerState): DeadlineView {
  switch (timer.state) {
    case 'due':
      return {
        icon: 'schedule',
        key: 'timer.due',
        params: { date: timer.dueOn, days: timer.daysLeft },
        tone: 'neutral',
      };
    case 'dueSoon':
      return {
        icon: 'warning',
        key: timer.daysLeft === 0 ? 'timer.dueToday' : 'timer.dueSoon',
        params: { date: timer.dueOn, days: timer.daysLeft },
        tone: 'warning',
      };
    case 'overdue':
      return {
        icon: 'error',
        key: 'timer.overdue',
        params: { date: timer.dueOn, days: timer.daysOverdue },
        tone: 'danger',
      };
    case 'done':
      return {
        icon: 'check_circle',
        key: timer.late ? 'timer.doneLate' : 'timer.done',
        params: { date: timer.endedOn, dueOn: timer.dueOn },
        tone: timer.late ? 'warning' : 'success',
      };
    case 'waived':
      return {
        icon: 'block',
        key: 'timer.waived',
        params: { date: timer.endedOn, reason: timer.reason },
        tone: 'neutral',
      };
  }
}

/** True while the timer still needs an explicit event (sent or waived). */
export function timerOpen(timer: TimerState | null | undefined): boolean {
  return !!timer && timer.state !== 'done' && timer.state !== 'waived';
}
