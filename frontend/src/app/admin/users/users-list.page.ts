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
import { ROLES, type Role } from '../../core/api/models';
import { SessionService } from '../../core/auth/session.service';
import { Badge } from '../../shared/ui/badge';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';
import { ProblemAlert } from '../../shared/ui/problem-alert';
import { OrgService } from '../org/org.service';
import { UsersService } from './users.service';

/** Find people: search, filter by unit (with the units below it), role and status; page. */
@Component({
  selector: 'varn-users-list-page',
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
    Badge,
    EmptyState,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './users-list.page.html',
  styleUrl: './users-list.page.scss',
})
export class UsersListPage implements OnInit {
  protected readonly users = inject(UsersService);
  protected readonly org = inject(OrgService);
  private readonly session = inject(SessionService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly roles = ROLES;
  protected readonly columns = ['name', 'username', 'unit', 'roles', 'status'];
  protected readonly pageSizes = [10, 25, 50, 100];
  protected readonly canCreate = computed(() => this.session.can('create', 'User'));
  protected readonly query = this.users.query;
  /** The page's users, each role named once even when held in several units. */
  protected readonly rows = computed(() =>
    (this.users.page()?.items ?? []).map((user) => ({
      ...user,
      roles: [...new Set(user.roles)],
    })),
  );
  protected readonly total = computed(() => this.users.page()?.total ?? 0);
  protected readonly filtered = computed(() => {
    const q = this.query();
    return !!(q.q || q.unitId || q.role || q.active !== undefined);
  });

  private readonly searchText = new Subject<string>();

  ngOnInit(): void {
    void this.org.ensureLoaded();
    void this.users.load();
    this.searchText
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(this.destroyRef))
      .subscribe((q) => void this.users.search({ q: q.trim() || undefined }));
  }

  protected onSearchInput(event: Event): void {
    this.searchText.next((event.target as HTMLInputElement).value);
  }

  protected setUnit(unitId: string): void {
    void this.users.search({ unitId: unitId || undefined });
  }

  protected setRole(role: Role | ''): void {
    void this.users.search({ role: role || undefined });
  }

  protected setActive(value: '' | 'true' | 'false'): void {
    void this.users.search({ active: value === '' ? undefined : value === 'true' });
  }

  protected activeValue(): string {
    const active = this.query().active;
    return active === undefined ? '' : String(active);
  }

  protected clearFilters(): void {
    this.searchText.next('');
    void this.users.search({
      q: undefined,
      unitId: undefined,
      role: undefined,
      active: undefined,
    });
  }

  protected onPage(event: PageEvent): void {
    void this.users.search({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }
}
