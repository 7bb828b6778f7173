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
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';
import { SessionService } from '../core/auth/session.service';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { IndepthVerdict } from './indepth-verdict';
import { SuppliersService, type SupplierQuery } from './suppliers.service';

type Sort = NonNullable<SupplierQuery['sort']>;

/** The supplier register: search by name or number, filter on red flags, sort and page. */
@Component({
  selector: 'varn-suppliers-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    EmptyState,
    IndepthVerdict,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './suppliers-list.page.html',
  styles: `
    .filters {
      padding-bottom: 12px;
    }
    .count {
      margin: 8px 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .suppliers-table {
      width: 100%;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      overflow: hidden;
    }
    .nowrap {
      white-space: nowrap;
    }
    mat-paginator {
      background: transparent;
    }
  `,
})
export class SuppliersListPage implements OnInit {
  protected readonly suppliers = inject(SuppliersService);
  private readonly session = inject(SessionService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly columns = ['name', 'organisationNumber', 'flags', 'indepth'];
  protected readonly pageSizes = [10, 25, 50, 100];
  protected readonly sorts: Sort[] = ['name', 'organisationNumber', 'flagCount', 'updatedAt'];
  protected readonly canCreate = computed(() => this.session.can('create', 'Supplier'));
  protected readonly query = this.suppliers.query;
  protected readonly rows = computed(() => this.suppliers.page()?.items ?? []);
  protected readonly total = computed(() => this.suppliers.page()?.total ?? 0);
  protected readonly filtered = computed(() => {
    const q = this.query();
    return !!(q.q || q.indepthCheck !== undefined || q.flagged !== undefined);
  });

  private readonly searchText = new Subject<string>();

  ngOnInit(): void {
    void this.suppliers.load();
    this.searchText
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(this.destroyRef))
      .subscribe((q) => void this.suppliers.search({ q: q.trim() || undefined }));
  }

  protected onSearchInput(event: Event): void {
    this.searchText.next((event.target as HTMLInputElement).value);
  }

  /** "" = all, "indepth" = fördjupad kontroll krävs, "flagged" = any flag, "clean" = none. */
  protected flagState(): string {
    const q = this.query();
    if (q.indepthCheck === true) return 'indepth';
    if (q.flagged === true) return 'flagged';
    if (q.flagged === false) return 'clean';
    return '';
  }

  protected setFlagState(value: string): void {
    void this.suppliers.search({
      indepthCheck: value === 'indepth' ? true : undefined,
      flagged: value === 'flagged' ? true : value === 'clean' ? false : undefined,
    });
  }

  protected setSort(value: string): void {
    const [sort, order] = value.split(':') as [Sort, 'asc' | 'desc'];
    void this.suppliers.search({ sort, order });
  }

  protected sortValue(): string {
    const q = this.query();
    return `${q.sort ?? 'name'}:${q.order ?? 'asc'}`;
  }

  protected clearFilters(): void {
    this.searchText.next('');
    void this.suppliers.search({ q: undefined, indepthCheck: undefined, flagged: undefined });
  }

  protected onPage(event: PageEvent): void {
    void this.suppliers.search({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }
}
