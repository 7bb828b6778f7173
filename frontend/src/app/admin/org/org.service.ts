import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API } from '../../core/api/api';
import type { CreateUnitRequest, UnitDto, UpdateUnitRequest } from '../../core/api/models';
import { SessionService } from '../../core/auth/session.service';
import { toProblem, type Problem } from '../../core/errors/problem';
import { buildUnitTree, unitOptions } from '../../shared/util/units';

/** The organisation tree (förvaltning → avdelning → enhet). Writes throw the HTTP error. */
@Injectable({ providedIn: 'root' })
export class OrgService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  readonly units = signal<UnitDto[]>([]);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly problem = signal<Problem | null>(null);

  readonly tree = computed(() => buildUnitTree(this.units()));
  readonly options = computed(() => unitOptions(this.units()));
  readonly byId = computed(() => new Map(this.units().map((u) => [u.id, u])));

  async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      this.units.set(await firstValueFrom(this.http.get<UnitDto[]>(`${API}/units`)));
      this.loaded.set(true);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  /** Loads the units once (for pickers in other pages). */
  async ensureLoaded(): Promise<void> {
    if (!this.loaded() && !this.loading()) await this.load();
  }

  async create(request: CreateUnitRequest): Promise<UnitDto> {
    const unit = await firstValueFrom(this.http.post<UnitDto>(`${API}/units`, request));
    // the new unit is in the user's scope only once the rules name it
    await Promise.all([this.load(), this.session.refreshAbilities()]);
    return unit;
  }

  async update(id: string, request: UpdateUnitRequest): Promise<UnitDto> {
    const unit = await firstValueFrom(this.http.patch<UnitDto>(this.url(id), request));
    // a move can take a unit into or out of the user's scope
    await Promise.all([
      this.load(),
      request.parentId !== undefined ? this.session.refreshAbilities() : undefined,
    ]);
    return unit;
  }

  async deactivate(id: string): Promise<UnitDto> {
    const unit = await firstValueFrom(this.http.post<UnitDto>(`${this.url(id)}/deactivate`, null));
    await this.load();
    return unit;
  }

  async activate(id: string): Promise<UnitDto> {
    const unit = await firstValueFrom(this.http.post<UnitDto>(`${this.url(id)}/activate`, null));
    await this.load();
    return unit;
  }

  async remove(id: string): Promise<void> {
    await firstValueFrom(this.http.delete<void>(this.url(id)));
    await this.load();
  }

  private url(id: string): string {
    return `${API}/units/${encodeURIComponent(id)}`;
  }
}
