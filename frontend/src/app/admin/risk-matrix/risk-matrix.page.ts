import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../../core/auth/session.service';
import { hasCode, toProblem, type Problem } from '../../core/errors/problem';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notify/notifier.service';
import { DateTimePipe } from '../../shared/ui/date-time.pipe';
import { PageHeader } from '../../shared/ui/page-header';
import { ProblemAlert } from '../../shared/ui/problem-alert';
import {
  RiskMatrixService,
  type BandDefinition,
  type RiskBand,
  type RiskMatrixDto,
  type RiskMatrixTemplateDto,
  type RiskMatrixVersionDto,
  type ScaleLevel,
} from './risk-matrix.service';

/** A matrix as shown: rows from the highest likelihood down, cells with score and band. */
interface Grid {
  likelihood: ScaleLevel[];
  consequence: ScaleLevel[];
  bands: BandDefinition[];
  /** `cells[likelihood - 1][consequence - 1]`. */
  cells: RiskBand[][];
}

/** A cell the server named in a 400 (matrix_not_monotone, consequence floor, missing band). */
interface CellIssue {
  likelihood: number;
  consequence: number;
  band?: string;
  reason?: string;
  lowerThan?: { likelihood: number; consequence: number; band: string };
}

function gridOf(m: RiskMatrixDto | RiskMatrixTemplateDto): Grid {
  const cells: RiskBand[][] = m.likelihood.map(() => m.consequence.map(() => 'lag'));
  for (const c of m.cells) cells[c.likelihood - 1][c.consequence - 1] = c.band;
  return {
    likelihood: m.likelihood.map((l) => ({ ...l })),
    consequence: m.consequence.map((c) => ({ ...c })),
    bands: m.bands.map((b) => ({ ...b })),
    cells,
  };
}

/** Black or white text, whichever contrasts more with the band colour (`#rrggbb`). */
export function textColourOn(hex: string): string {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

function cellIssues(value: unknown): CellIssue[] {
  if (typeof value !== 'object' || value === null) return [];
  const cells = (value as { cells?: unknown }).cells;
  return Array.isArray(cells) ? (cells as CellIssue[]) : [];
}

/**
 * The risk matrix (domain.md §6) as an accessible table with its legend and version history;
 * administrators edit it and save it as a new version. Validation is the server's: a refused
 * save marks the cells it names, in text, and keeps the edits.
 */
@Component({
  selector: 'varn-risk-matrix-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    DateTimePipe,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './risk-matrix.page.html',
  styleUrl: './risk-matrix.page.scss',
})
export class RiskMatrixPage implements OnInit {
  private readonly api = inject(RiskMatrixService);
  private readonly session = inject(SessionService);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  protected readonly canEdit = computed(() => this.session.can('update', 'RiskMatrix'));
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly current = signal<RiskMatrixDto | null>(null);
  /** The version on screen (the current one unless an older one was picked). */
  protected readonly viewed = signal<RiskMatrixDto | null>(null);
  protected readonly versions = signal<RiskMatrixVersionDto[]>([]);
  protected readonly viewedGrid = computed(() => {
    const m = this.viewed();
    return m ? gridOf(m) : null;
  });

  // ---- editor ----
  protected readonly editing = signal(false);
  protected readonly draft = signal<Grid | null>(null);
  protected readonly baseVersion = signal(0);
  protected readonly saving = signal(false);
  protected readonly saveProblem = signal<Problem | null>(null);
  protected readonly issues = signal<CellIssue[]>([]);
  private templates: RiskMatrixTemplateDto[] = [];
  protected readonly size = computed(() => {
    const d = this.draft();
    return d ? `${d.likelihood.length}x${d.consequence.length}` : '';
  });
  protected readonly sizes = ['5x5', '4x4'] as const;

  /** Text for each cell the last refused save named, keyed "l-c". */
  protected readonly issueText = computed(() => {
    this.i18n.lang();
    const grid = this.draft();
    const byCell = new Map<string, string[]>();
    if (!grid) return byCell;
    for (const issue of this.issues()) {
      const key = `${issue.likelihood}-${issue.consequence}`;
      byCell.set(key, [...(byCell.get(key) ?? []), this.describeIssue(issue, grid)]);
    }
    return byCell;
  });
  protected readonly issueList = computed(() => [...this.issueText().values()].flat());

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const [current, versions] = await Promise.all([this.api.current(), this.api.versions()]);
      this.current.set(current);
      this.viewed.set(current);
      this.versions.set(versions);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async show(version: number): Promise<void> {
    if (version === this.current()?.version) {
      this.viewed.set(this.current());
      return;
    }
    this.loading.set(true);
    this.problem.set(null);
    try {
      this.viewed.set(await this.api.version(version));
      this.focus('matrix-heading');
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  // ---- helpers for the template ----
  protected rowsHighToLow(grid: Grid): ScaleLevel[] {
    return [...grid.likelihood].reverse();
  }
  protected band(grid: Grid, band: RiskBand): BandDefinition | undefined {
    return grid.bands.find((b) => b.band === band);
  }
  protected cellBand(grid: Grid, l: number, c: number): RiskBand {
    return grid.cells[l - 1][c - 1];
  }
  protected textOn(hex: string | undefined): string {
    return hex ? textColourOn(hex) : 'inherit';
  }
  protected cellIssueText(l: number, c: number): string[] {
    return this.issueText().get(`${l}-${c}`) ?? [];
  }

  // ---- editing ----
  protected async startEdit(): Promise<void> {
    const current = this.current();
    if (!current) return;
    try {
      if (!this.templates.length) this.templates = await this.api.templates();
    } catch (error) {
      this.problem.set(toProblem(error));
      return;
    }
    this.draft.set(gridOf(current));
    this.baseVersion.set(current.version);
    this.issues.set([]);
    this.saveProblem.set(null);
    this.editing.set(true);
    this.focus('edit-heading');
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.draft.set(null);
    this.issues.set([]);
    this.saveProblem.set(null);
    this.focus('matrix-heading');
  }

  /** Starts over from the default matrix of a size (the labels and bands of that default). */
  protected resetTo(size: string): void {
    const template = this.templates.find((t) => t.size === size);
    if (!template) return;
    this.draft.set(gridOf(template));
    this.issues.set([]);
    this.saveProblem.set(null);
    this.notifier.success('riskMatrix.resetDone', { size: size.replace('x', '×') });
  }

  protected setLevel(
    scale: 'likelihood' | 'consequence',
    index: number,
    field: 'label' | 'description',
    event: Event,
  ): void {
    const value = (event.target as HTMLInputElement).value;
    this.draft.update((d) => {
      if (!d) return d;
      const levels = d[scale].map((s, i) => (i === index ? { ...s, [field]: value } : s));
      return { ...d, [scale]: levels };
    });
  }

  protected setCell(l: number, c: number, event: Event): void {
    const value = (event.target as HTMLSelectElement).value as RiskBand;
    this.draft.update((d) => {
      if (!d) return d;
      const cells = d.cells.map((row, i) =>
        i === l - 1 ? row.map((b, j) => (j === c - 1 ? value : b)) : row,
      );
      return { ...d, cells };
    });
  }

  protected async save(): Promise<void> {
    const d = this.draft();
    if (!d || this.saving()) return;
    this.saving.set(true);
    this.saveProblem.set(null);
    try {
      const saved = await this.api.save({
        baseVersion: this.baseVersion(),
        likelihood: d.likelihood,
        consequence: d.consequence,
        bands: d.bands,
        cells: d.cells,
      });
      this.editing.set(false);
      this.draft.set(null);
      this.issues.set([]);
      this.current.set(saved);
      this.viewed.set(saved);
      this.versions.set(await this.api.versions());
      this.notifier.success('riskMatrix.saved', { version: saved.version });
      this.focus('matrix-heading');
    } catch (error) {
      const problem = toProblem(error);
      this.saveProblem.set(problem);
      this.issues.set(
        error && typeof error === 'object' && 'error' in error ? cellIssues(error.error) : [],
      );
      this.focus('save-problem');
    } finally {
      this.saving.set(false);
    }
  }

  protected readonly conflict = computed(() => hasCode(this.saveProblem(), 'edit_conflict'));

  /** After a conflict: the newest version replaces the draft (the edits are given up). */
  protected async reloadAfterConflict(): Promise<void> {
    await this.load();
    const current = this.current();
    if (!current) return;
    this.draft.set(gridOf(current));
    this.baseVersion.set(current.version);
    this.issues.set([]);
    this.saveProblem.set(null);
    this.focus('edit-heading');
  }

  private cellName(grid: Grid, l: number, c: number): string {
    return this.i18n.t('riskMatrix.cellName', {
      likelihood: l,
      likelihoodLabel: grid.likelihood[l - 1]?.label ?? '',
      consequence: c,
      consequenceLabel: grid.consequence[c - 1]?.label ?? '',
    });
  }

  private bandLabel(grid: Grid, band: string | undefined): string {
    return grid.bands.find((b) => b.band === band)?.label ?? band ?? '';
  }

  private describeIssue(issue: CellIssue, grid: Grid): string {
    const cell = this.cellName(grid, issue.likelihood, issue.consequence);
    if (issue.reason === 'matrix_not_monotone' && issue.lowerThan) {
      return this.i18n.t('riskMatrix.issue.notMonotone', {
        cell,
        band: this.bandLabel(grid, issue.band),
        other: this.cellName(grid, issue.lowerThan.likelihood, issue.lowerThan.consequence),
        otherBand: this.bandLabel(grid, issue.lowerThan.band),
      });
    }
    if (issue.reason === 'matrix_consequence_floor') {
      return this.i18n.t('riskMatrix.issue.floor', {
        cell,
        floor: this.bandLabel(grid, this.current()?.maxConsequenceFloor),
      });
    }
    return this.i18n.t('riskMatrix.issue.missing', { cell });
  }

  private focus(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), { injector: this.injector });
  }
}
