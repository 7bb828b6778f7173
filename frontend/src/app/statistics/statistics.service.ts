import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import { toProblem, type Problem } from '../core/errors/problem';

/** A published number: a count, or suppressed (with `belowK` when it is under k). */
export interface Published {
  count?: number;
  suppressed?: boolean;
  belowK?: boolean;
}

/** `GET /api/heatmaps/incidents` (IncidentHeatmapDto). */
export interface IncidentHeatmap {
  k: number;
  by: 'department' | 'quarter';
  from: string;
  to: string;
  rows: string[];
  columns: Array<{ id: string; label: string }>;
  cells: Array<Published & { category: string; column: string }>;
  rowTotals: Array<Published & { category: string }>;
  columnTotals: Array<Published & { column: string }>;
  total: Published;
}

export interface StatisticsQuery {
  unitId?: string;
  from?: string;
  to?: string;
  by: 'department' | 'quarter';
}

/** Incident statistics (de-identified facts with small-cell protection). */
@Injectable({ providedIn: 'root' })
export class StatisticsService {
  private readonly http = inject(HttpClient);
  private requestNo = 0;

  readonly query = signal<StatisticsQuery>({ by: 'department' });
  readonly heatmap = signal<IncidentHeatmap | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<Problem | null>(null);

  async search(patch: Partial<StatisticsQuery>): Promise<void> {
    this.query.update((q) => ({ ...q, ...patch }));
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const map = await firstValueFrom(
        this.http.get<IncidentHeatmap>(`${API}/heatmaps/incidents`, {
          params: queryParams(this.query()),
        }),
      );
      if (no === this.requestNo) this.heatmap.set(map);
    } catch (e) {
      if (no === this.requestNo) this.problem.set(toProblem(e));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }
}

/** The last `n` quarters up to and including the one `today` is in, newest last. */
export function recentQuarters(today: Date, n: number): string[] {
  let year = today.getFullYear();
  let q = Math.floor(today.getMonth() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}
