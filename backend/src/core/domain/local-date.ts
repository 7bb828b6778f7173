/**
 * Calendar dates without a time of day ("2026-11-30"). Legal deadlines, review dates, audit
 * dates and retention are whole calendar days in the organisation's time zone; instants come in
 * as `Date` (from the injected Clock) and are turned into a local date with `localDateOf`.
 */

/** An ISO 8601 calendar date, `YYYY-MM-DD`, validated. Build one with `asLocalDate`. */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** The organisation's time zone; deadlines end at midnight here. */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

const DAY_MS = 86_400_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMs(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function fromUtcMs(ms: number): LocalDate {
  const d = new Date(ms);
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function format(year: number, month: number, day: number): LocalDate {
  if (year < 1 || year > 9999) throw new RangeError(`year ${year} is outside 0001–9999`);
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${p(year, 4)}-${p(month, 2)}-${p(day, 2)}` as LocalDate;
}

/** Number of days in a month (1–12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/** The date if `value` is a real calendar date in `YYYY-MM-DD` form (0001–9999), else null. */
export function parseLocalDate(value: string): LocalDate | null {
  const m = PATTERN.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return value as LocalDate;
}

/** Like `parseLocalDate`, but throws a RangeError on an invalid date (for trusted input). */
export function asLocalDate(value: string): LocalDate {
  const date = parseLocalDate(value);
  if (date === null) throw new RangeError(`not a calendar date: ${JSON.stringify(value)}`);
  return date;
}

/** Year, month (1–12) and day of a local date. */
export function partsOf(date: LocalDate): { year: number; month: number; day: number } {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

function toUtcMs(date: LocalDate): number {
  const { year, month, day } = partsOf(date);
  return utcMs(year, month, day);
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/**
 * `date` plus `months` calendar months. When the target month is shorter, the result is its
 * last day: 2026-11-30 + 3 → 2027-02-28; 2027-11-30 + 3 → 2028-02-29; 2026-08-31 + 1 → 2026-09-30.
 * (So the result is never later than the same day number would allow, and never spills into the
 * following month.)
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const { year, month, day } = partsOf(date);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return format(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Negative when a is before b, 0 when equal, positive when after (ISO strings sort as dates). */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** The earlier of two dates. */
export function minLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareLocalDates(a, b) <= 0 ? a : b;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string) {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid Date');
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The calendar date of an instant in a time zone (default Europe/Stockholm). */
export function localDateOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): LocalDate {
  const w = wallClock(instant, timeZone);
  return format(w.year, w.month, w.day);
}

/** Offset of the zone from UTC at an instant, in ms (Stockholm: +1 h in winter, +2 h in summer). */
function offsetMs(instant: number, timeZone: string): number {
  const w = wallClock(new Date(instant), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The first instant of a local date (local midnight) in a time zone. */
export function startOfLocalDay(date: LocalDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const guess = toUtcMs(date);
  let t = guess - offsetMs(guess, timeZone);
  const second = offsetMs(t, timeZone);
  if (second !== guess - t) t = guess - second;
  return new Date(t);
}

/** The last millisecond of a local date in a time zone: a deadline on `date` is met up to here. */
export function endOfLocalDay(date: LocalDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}
