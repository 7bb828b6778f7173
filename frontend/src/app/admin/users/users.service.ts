import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../../core/api/api';
import type {
  CreateUserRequest,
  GrantRoleRequest,
  RoleAssignmentDto,
  UpdateUserRequest,
  UserDetailDto,
  UserPageDto,
  UserQuery,
} from '../../core/api/models';
import { toProblem, type Problem } from '../../core/errors/problem';

export const DEFAULT_PAGE_SIZE = 25;

/**
 * Users: the list's filters and current page (kept while the user opens a person and comes back),
 * and the writes. Writes throw the HTTP error.
 */
@Injectable({ providedIn: 'root' })
export class UsersService {
  private readonly http = inject(HttpClient);
  private requestNo = 0;

  readonly query = signal<UserQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  readonly page = signal<UserPageDto | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<Problem | null>(null);

  /** Changes the filters (back to page 1 unless a page is given) and loads. */
  async search(patch: Partial<UserQuery>): Promise<void> {
    this.query.update((q) => ({ ...q, page: 1, ...patch }));
    await this.load();
  }

  async load(): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await firstValueFrom(
        this.http.get<UserPageDto>(`${API}/users`, { params: queryParams(this.query()) }),
      );
      if (no === this.requestNo) this.page.set(page);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  get(id: string): Promise<UserDetailDto> {
    return firstValueFrom(this.http.get<UserDetailDto>(this.url(id)));
  }

  create(request: CreateUserRequest): Promise<UserDetailDto> {
    return firstValueFrom(this.http.post<UserDetailDto>(`${API}/users`, request));
  }

  update(id: string, request: UpdateUserRequest): Promise<UserDetailDto> {
    return firstValueFrom(this.http.patch<UserDetailDto>(this.url(id), request));
  }

  setTemporaryPassword(id: string, password: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`${this.url(id)}/password`, { password }));
  }

  unlock(id: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`${this.url(id)}/unlock`, null));
  }

  /** The person enrols a new authenticator app at their next sign-in; their sessions end. */
  resetSecondFactor(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`${this.url(id)}/second-factor`));
  }

  grantRole(id: string, request: GrantRoleRequest): Promise<RoleAssignmentDto> {
    return firstValueFrom(this.http.post<RoleAssignmentDto>(`${this.url(id)}/roles`, request));
  }

  revokeRole(id: string, assignmentId: string): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(`${this.url(id)}/roles/${encodeURIComponent(assignmentId)}`),
    );
  }

  private url(id: string): string {
    return `${API}/users/${encodeURIComponent(id)}`;
  }
}
