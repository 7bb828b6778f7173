import { LowerCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Alert } from '../shared/ui/alert';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  ContractsService,
  type ContractImportResult,
  type ImportErrorDto,
  type ImportKind,
  type SupplierImportResult,
} from './contracts.service';

/** Rows of the preview shown on the page (all are checked; the rest are summarised). */
const PREVIEW_ROWS = 200;
/** The largest file the server accepts (5 MB). */
const MAX_BYTES = 5 * 1024 * 1024;

type Result = ContractImportResult | SupplierImportResult;
type Step = 'choose' | 'previewed' | 'done';

/**
 * Import of contracts or suppliers from a spreadsheet (CSV or XLSX): pick the file, see a preview
 * with every row error (row, column, what is wrong), then import — all rows or none.
 */
@Component({
  selector: 'varn-contract-import-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    LowerCasePipe,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
    TranslocoPipe,
    Alert,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './contract-import.page.html',
  styles: `
    .error-text {
      color: var(--mat-sys-error);
    }
    .file-input {
      display: block;
      margin: 8px 0 16px;
    }
    table.preview {
      border-collapse: collapse;
      width: 100%;
    }
    table.preview th,
    table.preview td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    tr.invalid td {
      background: #fdeceb;
    }
    .columns {
      columns: 2 16rem;
      margin: 0;
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      margin-bottom: 8px;
    }
  `,
})
export class ContractImportPage {
  private readonly contracts = inject(ContractsService);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18n);

  protected readonly kind = signal<ImportKind>('contracts');
  protected readonly file = signal<File | null>(null);
  protected readonly step = signal<Step>('choose');
  protected readonly busy = signal(false);
  protected readonly result = signal<Result | null>(null);
  protected readonly errors = signal<ImportErrorDto[]>([]);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly fileError = signal<string | null>(null);

  protected readonly canSuppliers = computed(() => this.session.can('create', 'Supplier'));
  protected readonly rows = computed(() => (this.result()?.rows ?? []).slice(0, PREVIEW_ROWS));
  protected readonly hiddenRows = computed(() =>
    Math.max(0, (this.result()?.rows.length ?? 0) - PREVIEW_ROWS),
  );
  protected readonly columns = computed(() =>
    this.kind() === 'contracts'
      ? [
          'Titel',
          'Diarienummer',
          'Leverantör (organisationsnummer)',
          'Bransch',
          'Årligt värde',
          'Start',
          'Slut',
          'Enhet',
          'Uppföljningsklass',
        ]
      : ['Namn', 'Organisationsnummer'],
  );
  protected readonly optionalColumns = computed(() =>
    this.kind() === 'contracts'
      ? ['Max antal led', 'Anteckningar']
      : ['Adress', 'Kontaktperson', 'E-post', 'Telefon', 'Verklig huvudman', 'Anteckningar'],
  );

  protected setKind(kind: ImportKind): void {
    this.kind.set(kind);
    this.reset();
  }

  protected onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.reset();
    if (file && file.size > MAX_BYTES) {
      this.fileError.set(this.i18n.t('contracts.import.tooLarge'));
      input.value = '';
      return;
    }
    this.file.set(file);
  }

  protected async preview(): Promise<void> {
    const file = this.file();
    if (!file || this.busy()) return;
    await this.run(file, true);
  }

  protected async confirm(): Promise<void> {
    const file = this.file();
    if (!file || this.busy() || this.errors().length) return;
    await this.run(file, false);
  }

  /** A row error in the user's language: "Rad 3, Slut: datumet ska skrivas ÅÅÅÅ-MM-DD." */
  protected errorText(e: ImportErrorDto): string {
    const key = `contracts.importErrors.${e.code}`;
    const what = this.i18n.has(key) ? this.i18n.t(key) : e.code;
    return this.i18n.t('contracts.import.errorLine', { row: e.row, column: e.column, what });
  }

  protected rowErrors(row: number): ImportErrorDto[] {
    return this.errors().filter((e) => e.row === row);
  }

  /** A preview cell: text and numbers as they are, a sector by its name, nothing as a dash. */
  protected cell(row: object, key: string): string {
    const v = (row as Record<string, string | number | null | undefined>)[key];
    if (v === null || v === undefined) return '–';
    if (key === 'sector') return this.i18n.t(`contracts.sectors.${v}`);
    return typeof v === 'number'
      ? v.toLocaleString(this.i18n.lang() === 'en' ? 'en-GB' : 'sv-SE')
      : v;
  }

  private async run(file: File, dryRun: boolean): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      const result = await this.contracts.importFile(this.kind(), file, dryRun);
      this.result.set(result);
      this.errors.set(result.errors);
      this.step.set(dryRun ? 'previewed' : 'done');
      if (!dryRun) void this.contracts.search({});
    } catch (error) {
      const problem = toProblem(error);
      const rowErrors = (problem.errors ?? []) as unknown as ImportErrorDto[];
      if (
        problem.code === 'validation_failed' &&
        rowErrors.every((e) => typeof e.row === 'number')
      ) {
        // a file-level or row-level refusal: show the errors as a preview would
        this.errors.set(rowErrors);
        this.step.set('previewed');
      }
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }

  private reset(): void {
    this.file.set(null);
    this.result.set(null);
    this.errors.set([]);
    this.problem.set(null);
    this.fileError.set(null);
    this.step.set('choose');
  }
}
