/**
 * Mapping case rows to the handler's DTOs, the inbox cursor and the deadline states — pure
 * functions, so what a handler sees is decided in one place.
 */
import { addDays, daysBetween, type LocalDate } from '../../core/domain/local-date';
import { Problem } from '../../core/errors/problem';
import { nextStatuses, type CaseStatus } from '../domain/case-status';
import { caseTimers, DEFAULT_LEGAL_TIMER_POLICY, type TimerState } from '../domain/legal-timers';
import { timerEndOf } from '../case-timers';
import type { CaseEntity } from '../entities/case.entity';
import type {
  CaseSort,
  CaseSummaryDto,
  CaseTimerStateDto,
  CaseTimersDto,
  DeadlineState,
} from './dto/case.dto';
import type { DeadlineWindow, InboxCursor, InboxRow } from './inbox.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The deadline windows for "today" (Europe/Stockholm), with the domain's due-soon days. */
export function deadlineWindow(today: LocalDate): DeadlineWindow {
  const soon = DEFAULT_LEGAL_TIMER_POLICY.dueSoonDays;
  return {
    today,
    ackSoonUntil: addDays(today, soon.acknowledgement),
    feedbackSoonUntil: addDays(today, soon.feedback),
  };
}

/** Which timer `nextDueOn` belongs to: the acknowledgement until it has ended, then feedback. */
export function openTimerKind(c: Pick<CaseEntity, 'ackEndKind'>): 'acknowledgement' | 'feedback' {
  return c.ackEndKind ? 'feedback' : 'acknowledgement';
}

/** Where the case's earliest open deadline stands today; null when none is open. */
export function deadlineStateOf(
  c: Pick<CaseEntity, 'nextDueOn' | 'ackEndKind'>,
  today: LocalDate,
): DeadlineState | null {
  if (!c.nextDueOn) return null;
  const daysLeft = daysBetween(today, c.nextDueOn as LocalDate);
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= DEFAULT_LEGAL_TIMER_POLICY.dueSoonDays[openTimerKind(c)] ? 'due_soon' : 'due';
}

/** The inbox row as a summary: codes, dates and names only — never content. */
export function summaryOf(
  c: CaseEntity,
  names: { unitName: string; assigneeName: string | null },
  today: LocalDate,
): CaseSummaryDto {
  return {
    id: c.id,
    reference: c.reference,
    track: c.track,
    category: c.category,
    status: c.status,
    confidentiality: c.confidentiality,
    unitId: c.unitId,
    unitName: names.unitName,
    receivedAt: c.receivedAt.toISOString(),
    acknowledgementDueAt: c.acknowledgementDueOn,
    feedbackDueAt: c.feedbackDueOn,
    nextDueOn: c.nextDueOn,
    deadlineState: deadlineStateOf(c, today),
    severityBand: c.severityBand,
    assigneeId: c.assigneeId,
    assigneeName: names.assigneeName,
  };
}

function timerDto(t: TimerState): CaseTimerStateDto {
  switch (t.state) {
    case 'due':
    case 'dueSoon':
      return { state: t.state, dueOn: t.dueOn, daysLeft: t.daysLeft };
    case 'overdue':
      return { state: t.state, dueOn: t.dueOn, daysOverdue: t.daysOverdue };
    case 'done':
      return { state: t.state, dueOn: t.dueOn, endedOn: t.endedOn, late: t.late };
    case 'waived':
      return { state: t.state, dueOn: t.dueOn, endedOn: t.endedOn, reason: t.reason };
  }
}

/** Both legal timers at `now` (domain `caseTimers`); null for påverkan. */
export function timersOf(c: CaseEntity, now: Date): CaseTimersDto | null {
  const t = caseTimers(
    {
      track: c.track,
      receivedAt: c.receivedAt,
      acknowledgement: timerEndOf(c.ackEndedAt, c.ackEndKind, c.ackWaiverReason),
      feedback: timerEndOf(c.feedbackEndedAt, c.feedbackEndKind, c.feedbackWaiverReason),
    },
    now,
  );
  return t
    ? { acknowledgement: timerDto(t.acknowledgement), feedback: timerDto(t.feedback) }
    : null;
}

/**
 * Statuses a handler may set with PATCH: the domain's transitions, except closing (its own route,
 * with code and summary) and purging (the retention job).
 */
export function allowedStatusesOf(status: CaseStatus): CaseStatus[] {
  return nextStatuses(status).filter((s) => s !== 'avslutad' && s !== 'gallrad');
}

/** The sort key of a row, as stored in the cursor. */
export function sortKeyOf(row: InboxRow, sort: CaseSort): string | null {
  switch (sort) {
    case 'received':
      return row.receivedAt.toISOString();
    case 'due':
      return row.nextDueOn;
    case 'reference':
      return row.reference;
  }
}

/** The opaque cursor after `row`: base64url JSON of the sort, its key and the id. */
export function encodeCursor(sort: CaseSort, order: 'asc' | 'desc', row: InboxRow): string {
  return Buffer.from(
    JSON.stringify({ s: sort, o: order, k: sortKeyOf(row, sort), i: row.id }),
    'utf8',
  ).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` for the same sort and order; 400 otherwise. */
export function decodeCursor(raw: string, sort: CaseSort, order: 'asc' | 'desc'): InboxCursor {
  const bad = () =>
    Problem.badRequest(
      'Sidmarkören är ogiltig eller hör till en annan sortering. Börja om från första sidan.',
      'validation_failed',
      [{ field: 'after', messages: ['invalid_cursor'] }],
    );
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof v !== 'object' || v === null) throw bad();
  const { s, o, k, i } = v as Record<string, unknown>;
  if (s !== sort || o !== order || typeof i !== 'string' || !UUID.test(i)) throw bad();
  const ok =
    sort === 'received'
      ? typeof k === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(k)
      : sort === 'due'
        ? k === null || (typeof k === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(k))
        : typeof k === 'string' && /^[A-Z0-9-]{1,20}$/.test(k);
  if (!ok) throw bad();
  return { key: k as string | null, id: i };
}
