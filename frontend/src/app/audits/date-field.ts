import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { provideAppDates } from '../core/i18n/date-adapter';
import { isoDate } from './audit-dates';

/** `YYYY-MM-DD` → a local Date (midnight), or null. */
export function fromIso(value: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** A local Date → `YYYY-MM-DD`, or null. */
export function toIso(date: Date | null | undefined): string | null {
  return date && !Number.isNaN(date.getTime())
    ? isoDate(date.getFullYear(), date.getMonth() + 1, date.getDate())
    : null;
}

/**
 * A date field in the UI language's format (2026-11-30 in Swedish, 30/11/2026 in English) with
 * a calendar; the value in and out is `YYYY-MM-DD`.
 */
@Component({
  selector: 'varn-date-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDatepickerModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  // on the component: MatDatepickerModule's own providers would shadow route-level ones
  providers: [provideAppDates()],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [matDatepicker]="picker"
        [value]="date()"
        [readonly]="readOnly()"
        [required]="required()"
        [min]="minDate()"
        [max]="maxDate()"
        autocomplete="off"
        spellcheck="false"
        [attr.data-testid]="testId()"
        (dateChange)="valueChange.emit(iso($event.value))"
      />
      <mat-hint>{{ 'audits.dateHint' | transloco }}</mat-hint>
      <mat-datepicker-toggle matIconSuffix [for]="picker" [disabled]="readOnly()" />
      <mat-datepicker #picker />
    </mat-form-field>
  `,
})
export class DateField {
  readonly label = input.required<string>();
  readonly value = input<string | null>(null);
  readonly readOnly = input(false);
  readonly required = input(false);
  readonly min = input<string | null>(null);
  readonly max = input<string | null>(null);
  readonly testId = input<string | null>(null);
  readonly valueChange = output<string | null>();

  protected readonly date = computed(() => fromIso(this.value()));
  protected readonly minDate = computed(() => fromIso(this.min()));
  protected readonly maxDate = computed(() => fromIso(this.max()));
  protected iso(date: Date | null): string | null {
    return toIso(date);
  }
}
