import { Pipe, PipeTransform } from '@angular/core';

const DATE_TIME = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short' });
const DATE_TIME_SECONDS = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'short',
  timeStyle: 'medium',
});
const DATE = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short' });

export type DateTimeStyle = 'dateTime' | 'seconds' | 'date';

/** Formats an ISO timestamp the Swedish way (2026-11-24 16:05), in the browser's time zone. */
export function formatDateTime(
  value: string | null | undefined,
  style: DateTimeStyle = 'dateTime',
): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const format = style === 'seconds' ? DATE_TIME_SECONDS : style === 'date' ? DATE : DATE_TIME;
  return format.format(date);
}

@Pipe({ name: 'varnDateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | null | undefined, style: DateTimeStyle = 'dateTime'): string {
    return formatDateTime(value, style);
  }
}
