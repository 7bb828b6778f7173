import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { DateAdapter, MAT_DATE_FORMATS, type MatDateFormats } from '@angular/material/core';
import { MatDatepickerIntl, MatDatepickerModule } from '@angular/material/datepicker';
import { TranslocoService } from '@jsverse/transloco';
import { provideTranslocoTesting } from '../../../testing/transloco';
import { provideAppDates } from './date-adapter';

@Component({
  selector: 'varn-date-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDatepickerModule],
  providers: [provideAppDates()],
  template: `<input [matDatepicker]="picker" [formControl]="date" /><mat-datepicker #picker />`,
})
class DateHost {
  readonly date = new FormControl<Date | null>(new Date(2026, 10, 5));
}

describe('dates in the UI language', () => {
  let transloco: TranslocoService;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideTranslocoTesting(), provideAppDates()] });
    transloco = TestBed.inject(TranslocoService);
    transloco.setActiveLang('sv');
  });

  function adapter(): { dates: DateAdapter<Date>; formats: MatDateFormats } {
    return {
      dates: TestBed.inject<DateAdapter<Date>>(DateAdapter),
      formats: TestBed.inject(MAT_DATE_FORMATS),
    };
  }

  it('writes Swedish dates as ÅÅÅÅ-MM-DD, whatever the browser', () => {
    const { dates, formats } = adapter();
    expect(dates.format(new Date(2026, 0, 5), formats.display.dateInput)).toBe('2026-01-05');
    expect(dates.format(new Date(2026, 10, 24), formats.display.dateInput)).toBe('2026-11-24');
  });

  it('reads Swedish dates as ÅÅÅÅ-MM-DD at local midnight, and refuses other orders', () => {
    const { dates } = adapter();
    const parsed = dates.parse('2026-11-24', null);
    expect(parsed && [parsed.getFullYear(), parsed.getMonth(), parsed.getDate()]).toEqual([
      2026, 10, 24,
    ]);
    expect(parsed?.getHours()).toBe(0);
    expect(dates.parse('20261124', null)?.getDate()).toBe(24);
    for (const bad of ['24/11/2026', '11/24/2026', '2026-02-30', '2026-13-01', 'igår'])
      expect([bad, dates.isValid(dates.parse(bad, null)!)]).toEqual([bad, false]);
    expect(dates.parse('', null)).toBeNull();
  });

  it('writes and reads English dates day first (DD/MM/YYYY), never month first', () => {
    transloco.setActiveLang('en');
    const { dates, formats } = adapter();
    expect(dates.format(new Date(2026, 10, 24), formats.display.dateInput)).toBe('24/11/2026');
    expect(dates.format(new Date(2026, 0, 5), formats.display.dateInput)).toBe('05/01/2026');
    const parsed = dates.parse('05/01/2026', null);
    expect(parsed && [parsed.getFullYear(), parsed.getMonth(), parsed.getDate()]).toEqual([
      2026, 0, 5,
    ]);
    expect(dates.parse('2026-01-05', null)?.getDate()).toBe(5);
    expect(dates.isValid(dates.parse('11/24/2026', null)!)).toBe(false);
  });

  it('follows a language switch: the calendar and its texts change with the app', () => {
    const { dates } = adapter();
    const intl = TestBed.inject(MatDatepickerIntl);
    expect(dates.getMonthNames('long')[0]).toBe('januari');
    expect(intl.openCalendarLabel).toBe('Öppna kalendern');
    expect(dates.getFirstDayOfWeek()).toBe(1);
    transloco.setActiveLang('en');
    expect(dates.getMonthNames('long')[0]).toBe('January');
    expect(intl.openCalendarLabel).toBe('Open the calendar');
  });

  it('re-writes a date already in a field when the language changes', async () => {
    const fixture = TestBed.createComponent(DateHost);
    await fixture.whenStable();
    const input = (fixture.nativeElement as HTMLElement).querySelector('input')!;
    expect(input.value).toBe('2026-11-05');
    transloco.setActiveLang('en');
    await fixture.whenStable();
    expect(input.value).toBe('05/11/2026');
  });
});
