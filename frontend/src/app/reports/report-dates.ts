import type { ReporterReportView } from './report.models';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date (`2026-12-07`) or timestamp as a plain day in the user's language: "7 december 2026". */
export function formatDay(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const m = DAY.exec(value);
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'long' }).format(
    date,
  );
}

/** One line about a legal deadline, as a translation key and the day it names. */
export interface DeadlineLine {
  key: string;
  day: string | null;
}

/**
 * What the reporter should expect and when, in plain words: acknowledgement within 7 days and
 * feedback within 3 months for whistleblowing (lag 2021:890); no legal deadlines otherwise.
 */
export function deadlineLines(
  report: Pick<
    ReporterReportView,
    | 'track'
    | 'acknowledgementDueAt'
    | 'feedbackDueAt'
    | 'acknowledgedAt'
    | 'feedbackGivenAt'
    | 'closedAt'
  >,
): DeadlineLine[] {
  const lines: DeadlineLine[] = [];
  const timed = report.track === 'visselblasning' || !!report.acknowledgementDueAt;
  if (!timed) {
    lines.push({ key: 'report.view.noDeadlines', day: null });
  } else {
    if (report.acknowledgedAt)
      lines.push({ key: 'report.view.acknowledged', day: report.acknowledgedAt });
    else if (report.acknowledgementDueAt) {
      lines.push({ key: 'report.view.acknowledgementDue', day: report.acknowledgementDueAt });
    }
    if (report.feedbackGivenAt)
      lines.push({ key: 'report.view.feedbackGiven', day: report.feedbackGivenAt });
    else if (report.feedbackDueAt)
      lines.push({ key: 'report.view.feedbackDue', day: report.feedbackDueAt });
    else if (!report.closedAt) lines.push({ key: 'report.view.feedbackAfterAck', day: null });
  }
  if (report.closedAt) lines.push({ key: 'report.view.closed', day: report.closedAt });
  return lines;
}
