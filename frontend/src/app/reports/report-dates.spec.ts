import { deadlineLines, formatDay } from './report-dates';

const base = {
  track: 'visselblasning' as const,
  acknowledgementDueAt: '2026-12-07',
  feedbackDueAt: null,
  acknowledgedAt: null,
  feedbackGivenAt: null,
  closedAt: null,
};

describe('deadlines in plain words', () => {
  it('formats a day in the user language', () => {
    expect(formatDay('2026-12-07', 'sv')).toBe('7 december 2026');
    expect(formatDay('2026-12-07', 'en')).toBe('7 December 2026');
  });

  it('whistleblowing: acknowledgement due, then feedback within three months', () => {
    expect(deadlineLines(base)).toEqual([
      { key: 'report.view.acknowledgementDue', day: '2026-12-07' },
      { key: 'report.view.feedbackAfterAck', day: null },
    ]);
    expect(
      deadlineLines({
        ...base,
        acknowledgedAt: '2026-12-02T10:00:00Z',
        feedbackDueAt: '2027-03-02',
      }),
    ).toEqual([
      { key: 'report.view.acknowledged', day: '2026-12-02T10:00:00Z' },
      { key: 'report.view.feedbackDue', day: '2027-03-02' },
    ]);
  });

  it('influence reports have no statutory deadlines', () => {
    expect(
      deadlineLines({ ...base, track: 'paverkan', acknowledgementDueAt: null }).map((l) => l.key),
    ).toEqual(['report.view.noDeadlines']);
  });

  it('says when the case was closed', () => {
    expect(
      deadlineLines({
        ...base,
        acknowledgedAt: '2026-12-02',
        feedbackGivenAt: '2027-01-10',
        closedAt: '2027-01-11',
      }).map((l) => l.key),
    ).toEqual(['report.view.acknowledged', 'report.view.feedbackGiven', 'report.view.closed']);
  });
});
