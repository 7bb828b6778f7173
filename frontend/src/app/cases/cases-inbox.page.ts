import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { as } from '../core/auth/ability';
import { SessionService } from '../core/auth/session.service';
import { OrgService } from '../admin/org/org.service';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  CASE_SORTS,
  DEADLINE_FILTERS,
  caseQueryFromParams,
  caseQueryToParams,
  isFiltered,
} from './case-filters';
import {
  CASE_CATEGORIES,
  CASE_STATUSES,
  TRACKS,
  type CaseQuery,
  type CaseSort,
  type CaseSummary,
  type SortOrder,
} from './cases.models';
import { CasesService } from './cases.service';
import { DeadlineBadge } from './deadline-badge';
import { nextDeadlineView, type DeadlineView } from './deadline-view';

/** The handler's inbox: the cases of their scope, filtered from the URL, keyset-paged. */
@Component({
  selector: 'varn-cases-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    Badge,
    DateTimePipe,
    DeadlineBadge,
    EmptyState,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './cases-inbox.page.html',
  styleUrl: './cases-inbox.page.scss',
})
export class CasesInboxPage implements OnInit {
  protected readonly cases = inject(CasesService);
  private readonly org = inject(OrgService);
  private readonly session = inject(SessionService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly tracks = TRACKS;
  protected readonly categories = CASE_CATEGORIES;
  protected readonly statuses = CASE_STATUSES;
  protected readonly deadlines = DEADLINE_FILTERS;
  protected readonly sorts = CASE_SORTS;
  protected readonly query = this.cases.query;
  protected readonly filtered = computed(() => isFiltered(this.query()));
  /** Units of the handler's scope (those a case in it may be read for), in tree order. */
  protected readonly units = computed(() =>
    this.org
      .options()
      .filter((u) =>
        this.session.can('read', as('Case', { id: '', unitId: u.id, unitPath: u.path })),
      ),
  );

  ngOnInit(): void {
    void this.org.ensureLoaded();
    this.route.queryParams
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((params) => void this.cases.search(caseQueryFromParams(params)));
  }

  protected set(patch: Partial<CaseQuery>): void {
    const next = { ...this.query(), ...patch };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: caseQueryToParams(next),
      queryParamsHandling: 'merge',
    });
  }

  protected setSort(value: string): void {
    const [sort, order] = value.split(':') as [CaseSort, SortOrder];
    this.set({ sort, order });
  }

  protected sortValue(): string {
    const q = this.query();
    return `${q.sort ?? 'received'}:${q.order ?? 'desc'}`;
  }

  protected search(event: Event): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    this.set({ q: input.value.trim() || undefined });
  }

  protected clear(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }

  protected deadline(row: CaseSummary): DeadlineView {
    return nextDeadlineView(row);
  }
}
