import { HttpClient, HttpContext, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { PureAbility } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { AbilityServiceSignal } from '@casl/angular';
import { firstValueFrom } from 'rxjs';
import { API } from '../api/api';
import type { AbilitiesDto, LoginRequest, MeDto } from '../api/models';
import { SKIP_AUTH_REDIRECT } from '../http/auth-context';
import type { Action, AppAbility, CanFn, SubjectType, TaggedSubject } from './ability';
import { navEntriesFor } from './nav';
import { PageLoader, loginUrl } from './page-loader';

/**
 * Who is signed in and what they may do. The API is the real gate; this only decides what the
 * UI offers.
 *
 * A session ends with a fresh page load (sign-out, or a 401 once signed in): what the app held
 * for the person — lists, filters, results, in any service — goes with the old page, so nothing
 * needs to remember to forget it.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly abilities = inject<AbilityServiceSignal<AppAbility>>(AbilityServiceSignal);
  /** The shared CASL ability (also what `@casl/angular`'s pipes read). */
  readonly ability = inject(PureAbility) as AppAbility;

  private readonly page = inject(PageLoader);
  private readonly me = signal<MeDto | null>(null);
  readonly user = this.me.asReadonly();
  readonly signedIn = computed(() => this.me() !== null);
  readonly mustChangePassword = computed(() => this.me()?.mustChangePassword === true);
  /**
   * Where the session stands with the second factor (`enrol`, `pending`, `done`, `not_required`).
   * While it is `enrol` or `pending` the API answers nothing but /api/me and the second-factor
   * steps, and the guards keep the person on those pages.
   */
  readonly secondFactor = computed(() => this.me()?.secondFactor ?? 'not_required');
  readonly secondFactorOutstanding = computed(
    () => this.secondFactor() === 'enrol' || this.secondFactor() === 'pending',
  );

  /** Reactive permission check: re-evaluates in computeds and templates when rules change. */
  readonly can: CanFn = (action: Action, target: SubjectType | TaggedSubject, field?: string) =>
    this.abilities.can(action, target, field);

  /** Navigation entries; none while a second factor is owed or a temporary password in use. */
  readonly nav = computed(() =>
    this.signedIn() && !this.secondFactorOutstanding() && !this.mustChangePassword()
      ? navEntriesFor(this.can)
      : [],
  );

  /** Startup: who is signed in (401 → nobody) and their rules. Never throws. */
  async restore(): Promise<void> {
    try {
      const me = await firstValueFrom(
        this.http.get<MeDto>(`${API}/me`, {
          context: new HttpContext().set(SKIP_AUTH_REDIRECT, true),
        }),
      );
      await this.loadAbilities();
      this.me.set(me);
    } catch {
      this.clear();
    }
  }

  /** Reloads `me` and the rules (after a password change, for example). */
  async reload(): Promise<void> {
    const me = await firstValueFrom(this.http.get<MeDto>(`${API}/me`));
    await this.loadAbilities();
    this.me.set(me);
  }

  async login(credentials: LoginRequest): Promise<MeDto> {
    const me = await firstValueFrom(this.http.post<MeDto>(`${API}/auth/login`, credentials));
    await this.loadAbilities();
    this.me.set(me);
    return me;
  }

  /**
   * Ends the session on the server, then loads the login page afresh. If the server could not be
   * reached the session may still be valid, so the page stays and the error is thrown (a 401
   * means it had already ended: then the page is left all the same).
   */
  async logout(): Promise<void> {
    try {
      await firstValueFrom(
        this.http.post<void>(`${API}/auth/logout`, null, {
          context: new HttpContext().set(SKIP_AUTH_REDIRECT, true),
        }),
      );
    } catch (error) {
      if (!(error instanceof HttpErrorResponse && error.status === 401)) throw error;
    }
    this.leave(loginUrl('utloggad'));
  }

  /** The session has ended (401 on a request): load the login page, then come back to `url`. */
  ended(url: string): void {
    if (url.startsWith('/logga-in')) this.clear();
    else this.leave(loginUrl('avslutad', url));
  }

  /** Not signed in: no user, no permissions (startup without a session). */
  clear(): void {
    this.me.set(null);
    this.abilities.update([]);
  }

  /**
   * Reloads the rules only. Rules name the units of the user's scopes by id, so after a unit is
   * added or moved they must be fetched again for the new unit to be covered.
   */
  async refreshAbilities(): Promise<void> {
    if (this.signedIn()) await this.loadAbilities();
  }

  private leave(url: string): void {
    // nothing is shown for the old session while the new page loads
    this.clear();
    this.page.replace(url);
  }

  private async loadAbilities(): Promise<void> {
    const { rules } = await firstValueFrom(this.http.get<AbilitiesDto>(`${API}/me/abilities`));
    this.abilities.update(unpackRules(rules as PackRule<AppAbility['rules'][number]>[]));
  }
}
