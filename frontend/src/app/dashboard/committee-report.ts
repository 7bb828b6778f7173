import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { provideAppDates } from '../core/i18n/date-adapter';
import { I18n } from '../core/i18n/i18n.service';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { DashboardService, type ReportFormat } from './dashboard.service';

/** A date picked in the UI (local midnight) as the API's YYYY-MM-DD. */
export function isoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** YYYY-MM-DD → local midnight. */
export function parseIsoDate(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** The longest period the server accepts: three years (36 months) from the first day. */
const MAX_MONTHS = 36;

/**
 * The period the server accepts: from not after to, from not after today, at most three years.
 * Checked here too, so the form says it before asking the server.
 */
export function periodValidator(today: () => Date) {
  return (group: AbstractControl): ValidationErrors | null => {
    const from = group.get('from')?.value as Date | null;
    const to = group.get('to')?.value as Date | null;
    if (!(from instanceof Date) || !(to instanceof Date)) return null;
    if (from.getTime() > to.getTime()) return { fromAfterTo: true };
    if (from.getTime() > today().getTime()) return { fromInFuture: true };
    const last = new Date(from.getFullYear(), from.getMonth() + MAX_MONTHS, from.getDate());
    return to.getTime() > last.getTime() ? { periodTooLong: true } : null;
  };
}

/** The form's period error, as the key of its text. */
const PERIOD_ERRORS = ['fromAfterTo', 'fromInFuture', 'periodTooLong'] as const;

/** A download that is ready, kept as an object URL behind a link until the next one. */
interface ReadyFile {
  url: string;
  name: string;
  format: ReportFormat;
  size: string;
}

/**
 * "Rapport till nämnd": unit, period and format; the server generates the PDF or XLSX, the page
 * shows progress meanwhile, then hands the file to the browser and keeps a link to it.
 */
@Component({
  selector: 'varn-committee-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    ProblemAlert,
  ],
  providers: [provideAppDates()],
  template: `
    <form [formGroup]="form" (ngSubmit)="generate()" novalidate>
      <p class="muted">{{ 'dashboard.report.help' | transloco }}</p>
      <div class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'dashboard.report.unit' | transloco }}</mat-label>
          <mat-select formControlName="unitId" data-testid="report-unit">
            @for (u of units(); track u.id) {
              <mat-option [value]="u.id" [style.padding-left.px]="16 + (u.level ?? 0) * 20">{{
                u.name
              }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'dashboard.report.from' | transloco }}</mat-label>
          <input
            matInput
            [matDatepicker]="fromPicker"
            formControlName="from"
            autocomplete="off"
            spellcheck="false"
            data-testid="report-from"
          />
          <mat-hint>{{ 'dashboard.report.dateHint' | transloco }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
          <mat-datepicker #fromPicker />
          @if (form.controls.from.hasError('matDatepickerParse')) {
            <mat-error>{{ 'dashboard.report.dateInvalid' | transloco }}</mat-error>
          } @else if (form.controls.from.hasError('required')) {
            <mat-error>{{ 'dashboard.report.dateRequired' | transloco }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'dashboard.report.to' | transloco }}</mat-label>
          <input
            matInput
            [matDatepicker]="toPicker"
            formControlName="to"
            autocomplete="off"
            spellcheck="false"
            data-testid="report-to"
          />
          <mat-hint>{{ 'dashboard.report.dateHint' | transloco }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
          <mat-datepicker #toPicker />
          @if (form.controls.to.hasError('matDatepickerParse')) {
            <mat-error>{{ 'dashboard.report.dateInvalid' | transloco }}</mat-error>
          } @else if (form.controls.to.hasError('required')) {
            <mat-error>{{ 'dashboard.report.dateRequired' | transloco }}</mat-error>
          }
        </mat-form-field>
      </div>
      @if (periodError(); as error) {
        <p class="error" role="alert">{{ 'dashboard.report.' + error | transloco }}</p>
      }
      <fieldset class="formats">
        <legend>{{ 'dashboard.report.format' | transloco }}</legend>
        <mat-radio-group formControlName="format" class="format-options">
          <mat-radio-button value="pdf">{{ 'dashboard.report.pdf' | transloco }}</mat-radio-button>
          <mat-radio-button value="xlsx">{{
            'dashboard.report.xlsx' | transloco
          }}</mat-radio-button>
        </mat-radio-group>
      </fieldset>
      <div class="actions form-actions">
        <button mat-flat-button type="submit" [disabled]="working()">
          <mat-icon svgIcon="file_download" />
          {{ 'dashboard.report.generate' | transloco }}
        </button>
      </div>
    </form>

    <div aria-live="polite" class="outcome">
      @if (working()) {
        <mat-progress-bar
          mode="indeterminate"
          [attr.aria-label]="'dashboard.report.generating' | transloco"
        />
        <p>{{ 'dashboard.report.generating' | transloco }}</p>
      }
      @if (ready(); as file) {
        <p>
          {{ 'dashboard.report.ready' | transloco: { name: file.name, size: file.size } }}
          <a [href]="file.url" [attr.download]="file.name" data-testid="report-link">{{
            'dashboard.report.downloadAgain'
              | transloco: { format: ('dashboard.report.short.' + file.format | transloco) }
          }}</a>
        </p>
      }
    </div>
    <varn-problem-alert [problem]="problem()" [extraMessages]="fieldProblems()" />
  `,
  styles: `
    .formats {
      border: 0;
      margin: 8px 0 0;
      padding: 0;
    }
    .formats legend {
      font: var(--mat-sys-title-small);
      padding: 0;
      margin-bottom: 4px;
    }
    .format-options {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0 0 8px;
    }
    .outcome:empty {
      display: none;
    }
    .outcome p {
      margin: 8px 0 0;
    }
  `,
})
export class CommitteeReport {
  private readonly dashboards = inject(DashboardService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18n);

  /** The units the reader may report on (their scopes and the units below them). */
  readonly units = input.required<ReadonlyArray<{ id: string; name: string; level?: number }>>();
  /** The unit shown on the dashboard: the form follows it until the user picks another. */
  readonly unitId = input<string | null>(null);
  /** Today on the server (YYYY-MM-DD), the default end of the period. */
  readonly asOf = input<string | null>(null);

  protected readonly form = this.fb.group(
    {
      unitId: this.fb.control(''),
      from: this.fb.control<Date | null>(null),
      to: this.fb.control<Date | null>(null),
      format: this.fb.control<ReportFormat>('pdf'),
    },
    { validators: periodValidator(() => this.today()) },
  );

  protected periodError(): (typeof PERIOD_ERRORS)[number] | null {
    return PERIOD_ERRORS.find((e) => this.form.hasError(e)) ?? null;
  }

  /** The server's field errors (codes such as `from_in_future`) in words, with the field's name. */
  protected readonly fieldProblems = computed(() => {
    this.i18n.lang();
    const label = (field: string): string =>
      this.i18n.has(`dashboard.report.${field}`) ? this.i18n.t(`dashboard.report.${field}`) : field;
    return (this.problem()?.errors ?? []).flatMap((e) =>
      e.messages.map((m) => {
        const key = `dashboard.report.serverErrors.${m}`;
        return `${label(e.field)}: ${this.i18n.has(key) ? this.i18n.t(key) : m}`;
      }),
    );
  });

  protected readonly working = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly ready = signal<ReadyFile | null>(null);
  private readonly today = computed(() =>
    this.asOf() ? parseIsoDate(this.asOf() ?? '') : new Date(),
  );

  constructor() {
    for (const name of ['from', 'to'] as const) {
      this.form.controls[name].addValidators((c) => (c.value ? null : { required: true }));
    }
    effect(() => {
      const unitId = this.unitId();
      if (unitId) this.form.controls.unitId.setValue(unitId);
    });
    effect(() => {
      // the default period: this year so far
      const today = this.today();
      if (!this.form.controls.to.dirty) this.form.controls.to.setValue(today);
      if (!this.form.controls.from.dirty)
        this.form.controls.from.setValue(new Date(today.getFullYear(), 0, 1));
    });
    inject(DestroyRef).onDestroy(() => this.release());
  }

  protected async generate(): Promise<void> {
    if (this.working()) return;
    this.form.controls.from.updateValueAndValidity();
    this.form.controls.to.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { unitId, from, to, format } = this.form.getRawValue();
    if (!from || !to) return;
    this.working.set(true);
    this.problem.set(null);
    this.release();
    try {
      const file = await this.dashboards.committeeReport({
        unitId,
        from: isoDate(from),
        to: isoDate(to),
        format,
      });
      const url = URL.createObjectURL(file.blob);
      this.ready.set({ url, name: file.name, format, size: fileSize(file.blob.size) });
      saveAs(url, file.name);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.working.set(false);
    }
  }

  private release(): void {
    const file = this.ready();
    if (file) URL.revokeObjectURL(file.url);
    this.ready.set(null);
  }
}

/** Hands the file to the browser as a download through a link of its own. */
function saveAs(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** 1 234 567 bytes → "1,2 MB"; kept short, the name says what the file is. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}
