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
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';
import { OrgService } from '../admin/org/org.service';
import { SessionService } from '../core/auth/session.service';
import { I18n } from '../core/i18n/i18n.service';
import { Badge } from '../shared/ui/badge';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { FOLLOW_UP_CLASSES, SECTORS, SORTS, STATUSES, formatSek } from './contract-labels';
import { ContractsService, type ContractQuery } from './contracts.service';

type Sort = (typeof SORTS)[number];

/** The contract register: search, filter, sort, keyset paging, export and import. */
@Component({
  selector: 'varn-contracts-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    Badge,
    EmptyState,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './contracts-list.page.html',
  styles: `
    .filters {
      padding-bottom: 12px;
    }
    .count {
      margin: 8px 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .contracts-table {
      width: 100%;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      overflow: hidden;
    }
    .nowrap {
      white-space: nowrap;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    .pager {
      display: flex;
      gap: 8px;
      align-items: center;
      justify-content: flex-end;
      margin-top: 12px;
    }
    .exports {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      margin-top: 8px;
    }
  `,
})
export class ContractsListPage implements OnInit {
  protected readonly contracts = inject(ContractsService);
  protected readonly org = inject(OrgService);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18n);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly columns = ['title', 'supplier', 'unit', 'class', 'value', 'period', 'chain'];
  protected readonly sectors = SECTORS;
  protected readonly classes = FOLLOW_UP_CLASSES;
  protected readonly statuses = STATUSES;
  protected readonly sorts = SORTS;
  protected readonly limits = [10, 25, 50, 100];
  protected readonly canCreate = computed(() => this.session.can('create', 'Contract'));
  protected readonly query = this.contracts.query;
  protected readonly rows = computed(() => this.contracts.page()?.items ?? []);
  protected readonly total = computed(() => this.contracts.page()?.total ?? 0);
  protected readonly pageCount = computed(() =>
    Math.max(1, Math.ceil(this.total() / this.query().limit)),
  );
  protected readonly filtered = computed(() => {
    const q = this.query();
    return !!(
      q.q ||
      q.sector ||
      q.followUpClass ||
      q.unitId ||
      q.supplierId ||
      q.status ||
      q.chainWarning !== undefined
    );
  });

  private readonly searchText = new Subject<string>();

  ngOnInit(): void {
    void this.org.ensureLoaded();
    void this.contracts.load();
    this.searchText
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(this.destroyRef))
      .subscribe((q) => void this.contracts.search({ q: q.trim() || undefined }));
  }

  protected onSearchInput(event: Event): void {
    this.searchText.next((event.target as HTMLInputElement).value);
  }

  protected set(patch: Partial<ContractQuery>): void {
    void this.contracts.search(patch);
  }

  /** A select's value: '' means no filter. */
  protected pick<T extends string>(value: string): T | undefined {
    return value === '' ? undefined : (value as T);
  }

  protected chainValue(): string {
    const v = this.query().chainWarning;
    return v === undefined ? '' : String(v);
  }

  protected setChain(value: string): void {
    this.set({ chainWarning: value === '' ? undefined : value === 'true' });
  }

  protected setSort(value: string): void {
    const [sort, order] = value.split(':') as [Sort, 'asc' | 'desc'];
    this.set({ sort, order });
  }

  protected sortValue(): string {
    const q = this.query();
    return `${q.sort ?? 'title'}:${q.order ?? 'asc'}`;
  }

  protected clearFilters(): void {
    this.searchText.next('');
    this.set({
      q: undefined,
      sector: undefined,
      followUpClass: undefined,
      unitId: undefined,
      supplierId: undefined,
      status: undefined,
      chainWarning: undefined,
    });
  }

  protected sek(value: number): string {
    return formatSek(value, this.i18n.lang());
  }
}
