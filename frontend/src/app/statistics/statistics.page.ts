import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { OrgService } from '../admin/org/org.service';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  StatisticsService,
  recentQuarters,
  type Published,
  type StatisticsQuery,
} from './statistics.service';

/**
 * Händelsestatistik: reported incidents by category and department (or quarter) from the
 * de-identified facts, for the manager's subtree. Small counts are never shown (the server
 * suppresses them); the page says why a cell is empty of a number. The table is the chart: every
 * cell has its number or its reason in text, the shading only repeats it.
 */
@Component({
  selector: 'varn-statistics-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    MatCheckboxModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './statistics.page.html',
  styleUrl: './statistics.page.scss',
})
export class StatisticsPage implements OnInit {
  protected readonly stats = inject(StatisticsService);
  protected readonly org = inject(OrgService);
  protected readonly quarters = recentQuarters(new Date(), 20);
  protected readonly showEmpty = signal(false);

  /** Departments and above: the facts are counted per department (avdelning). */
  protected readonly unitOptions = computed(() =>
    this.org.options().filter((o) => o.level <= 1 || this.org.byId().get(o.id)?.kind !== 'enhet'),
  );

  protected readonly table = computed(() => {
    const map = this.stats.heatmap();
    if (!map) return null;
    const cells = new Map(map.cells.map((c) => [`${c.category}|${c.column}`, c]));
    const totals = new Map(map.rowTotals.map((r) => [r.category, r]));
    const max = Math.max(1, ...map.cells.map((c) => c.count ?? 0));
    const rows = map.rows
      .filter((category) => this.showEmpty() || totals.get(category)?.count !== 0)
      .map((category) => ({
        category,
        cells: map.columns.map((col) => cells.get(`${category}|${col.id}`) ?? { count: 0 }),
        total: totals.get(category) ?? { count: 0 },
      }));
    return { map, rows, max, hidden: map.rows.length - rows.length };
  });

  ngOnInit(): void {
    void this.org.ensureLoaded();
    const to = this.quarters[this.quarters.length - 1];
    void this.stats.search({ from: this.quarters[this.quarters.length - 8], to });
  }

  protected change(patch: Partial<StatisticsQuery>): void {
    void this.stats.search(patch);
  }

  /** Shading level 0–4 for a shown count (never the only signal: the number is always there). */
  protected level(p: Published, max: number): number {
    if (p.suppressed || !p.count) return 0;
    return Math.min(4, Math.ceil((p.count / max) * 4));
  }
}
