import { Injectable, type Provider, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  NativeDateAdapter,
  type MatDateFormats,
} from '@angular/material/core';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { TranslocoService } from '@jsverse/transloco';
import { DEFAULT_LANG, isLang, type Lang } from './languages';

/**
 * The locale of dates per UI language — never the browser's: Swedish writes 2026-11-24 (ISO,
 * as Swedish forms do), English the British way, 24/11/2026 (day before month, as everywhere
 * in Europe; the American 11/24/2026 is what users complained about).
 */
export const DATE_LOCALES: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

/** What a typed date may look like, per language (the first pattern is what the field shows). */
export const DATE_INPUT_PATTERN: Record<Lang, RegExp[]> = {
  // 2026-11-24, 2026-1-5, 20261124
  sv: [/^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/, /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/],
  // 24/11/2026, 24.11.2026, 24-11-2026, and the ISO form, which cannot be misread either
  en: [
    /^(?<d>\d{1,2})[/.-](?<m>\d{1,2})[/.-](?<y>\d{4})$/,
    /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
  ],
};

const NUMERIC_DATE: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
};

/** Formats for the datepicker; the locale (set from the UI language) decides the order. */
export const APP_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: NUMERIC_DATE },
  display: {
    dateInput: NUMERIC_DATE,
    monthLabel: { month: 'short' },
    monthYearLabel: { year: 'numeric', month: 'short' },
    dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
    monthYearA11yLabel: { year: 'numeric', month: 'long' },
  },
};

function langOf(value: string): Lang {
  return isLang(value) ? value : DEFAULT_LANG;
}

/**
 * The native date adapter, following the UI language (Transloco's active language) instead of
 * the browser's, and parsing typed dates in that language's order. `Date.parse`, which the
 * native adapter uses, reads 05/11/2026 as 11 May and 2026-11-24 as UTC midnight.
 */
@Injectable()
export class AppDateAdapter extends NativeDateAdapter {
  private readonly transloco = inject(TranslocoService);
  private lang: Lang = langOf(this.transloco.getActiveLang());

  constructor() {
    super();
    this.setLocale(DATE_LOCALES[this.lang]);
    this.transloco.langChanges$.pipe(takeUntilDestroyed()).subscribe((value) => {
      this.lang = langOf(value);
      this.setLocale(DATE_LOCALES[this.lang]);
    });
  }

  /** A typed date in the language's order → local midnight; anything else → invalid. */
  override parse(value: unknown): Date | null {
    if (value instanceof Date) return this.clone(value);
    if (typeof value === 'number') return new Date(value);
    if (typeof value !== 'string' || !value.trim()) return null;
    const text = value.trim();
    for (const pattern of DATE_INPUT_PATTERN[this.lang]) {
      const groups = pattern.exec(text)?.groups;
      if (!groups) continue;
      const [y, m, d] = [groups['y'], groups['m'], groups['d']].map(Number);
      if (m < 1 || m > 12 || d < 1) return this.invalid();
      const date = new Date(y, m - 1, d);
      // 31/02 rolls over into March: refuse instead of guessing
      return date.getMonth() === m - 1 ? date : this.invalid();
    }
    return this.invalid();
  }
}

/** The datepicker's own texts ("Öppna kalendern", "Föregående månad") in the UI language. */
@Injectable()
export class TranslatedDatepickerIntl extends MatDatepickerIntl {
  private readonly transloco = inject(TranslocoService);

  constructor() {
    super();
    this.transloco.langChanges$.pipe(takeUntilDestroyed()).subscribe(() => {
      const t = (key: string): string => this.transloco.translate<string>(`datepicker.${key}`);
      this.calendarLabel = t('calendar');
      this.openCalendarLabel = t('openCalendar');
      this.closeCalendarLabel = t('closeCalendar');
      this.prevMonthLabel = t('prevMonth');
      this.nextMonthLabel = t('nextMonth');
      this.prevYearLabel = t('prevYear');
      this.nextYearLabel = t('nextYear');
      this.prevMultiYearLabel = t('prevMultiYear');
      this.nextMultiYearLabel = t('nextMultiYear');
      this.switchToMonthViewLabel = t('switchToMonthView');
      this.switchToMultiYearViewLabel = t('switchToMultiYearView');
      this.changes.next();
    });
  }
}

/** Datepickers in the UI language: provide on the component (or route) that uses them. */
export function provideAppDates(): Provider[] {
  return [
    { provide: DateAdapter, useClass: AppDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: APP_DATE_FORMATS },
    { provide: MatDatepickerIntl, useClass: TranslatedDatepickerIntl },
  ];
}
