import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Alert } from '../shared/ui/alert';
import { Badge } from '../shared/ui/badge';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { COVERAGE_STATES, stateTone, type CoverageState } from './declaration-labels';
import {
  DeclarationsService,
  type CoverageDto,
  type CoverageRowDto,
  type DeclarationDto,
} from './declarations.service';

/**
 * `/jav`: the person's own declarations (with the current annual one's validity and the
 * decisions), and for managers and auditors the declarations waiting for a decision and who in
 * their units has a current annual declaration (coverage, counted by the API).
 */
@Component({
  selector: 'varn-declarations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    Alert,
    Badge,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './declarations.page.html',
  styles: `
    table.plain {
      width: 100%;
      border-collapse: collapse;
    }
    table.plain th,
    table.plain td {
      text-align: left;
      vertical-align: top;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .table-wrap {
      overflow-x: auto;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      padding: 0;
      list-style: none;
    }
    .counts strong {
      font: var(--mat-sys-headline-small);
      display: block;
    }
    .nowrap {
      white-space: nowrap;
    }
  `,
})
export class DeclarationsPage {
  private readonly declarations = inject(DeclarationsService);
  private readonly session = inject(SessionService);

  protected readonly states = COVERAGE_STATES;
  protected readonly tone = stateTone;
  protected readonly mine = signal<DeclarationDto[]>([]);
  protected readonly pending = signal<DeclarationDto[]>([]);
  protected readonly coverage = signal<CoverageDto | null>(null);
  protected readonly coverageRows = signal<CoverageRowDto[]>([]);
  protected readonly coverageState = signal<CoverageState | ''>('');
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly oversees = computed(() =>
    (this.session.user()?.roles ?? []).some((r) => r.role === 'chef' || r.role === 'internrevisor'),
  );
  /** The person's current annual declaration, if any. */
  protected readonly annual = computed(
    () => this.mine().find((d) => d.type === 'arlig' && d.current) ?? null,
  );

  constructor() {
    void this.load();
  }

  protected async setState(state: CoverageState | ''): Promise<void> {
    this.coverageState.set(state);
    await this.loadCoverage();
  }

  protected async more(): Promise<void> {
    const cursor = this.coverage()?.nextCursor;
    if (!cursor) return;
    this.loading.set(true);
    try {
      const page = await this.declarations.coverage({
        state: this.coverageState() || undefined,
        cursor,
        limit: 100,
      });
      this.coverage.set(page);
      this.coverageRows.update((rows) => [...rows, ...page.items]);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const [mine, pending] = await Promise.all([
        this.declarations.list({ mine: true, limit: 50 }),
        this.oversees()
          ? this.declarations.list({ status: 'inlamnad', current: true, limit: 100 })
          : Promise.resolve(null),
      ]);
      this.mine.set(mine.items);
      const me = this.session.user()?.id;
      this.pending.set((pending?.items ?? []).filter((d) => d.userId !== me));
      if (this.oversees()) await this.loadCoverage();
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async loadCoverage(): Promise<void> {
    try {
      const page = await this.declarations.coverage({
        state: this.coverageState() || undefined,
        limit: 100,
      });
      this.coverage.set(page);
      this.coverageRows.set(page.items);
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }
}
